/**
 * Hall settings versions (migration 004, docs/decisions/0100-settings-model.md): every
 * saved configuration is a row, never edited; the highest version is in force. A save
 * inserts the next version and its event row (who, what, before/after) in one
 * transaction, and the version number is the row's primary key, so two saves against the
 * same version cannot both succeed, even from two processes on one file.
 */
import type { Database } from "bun:sqlite";

/** Thrown when the version in force is not the one the save was based on. */
export class SettingsConflictError extends Error {
  constructor(readonly current: number) {
    super(`settings are at version ${current}`);
  }
}

export type SettingsSource = "file" | "edit" | "restore" | "import";

export interface SettingsVersion {
  version: number;
  /** The config as saved (JSON text parsed back). */
  config: unknown;
  savedAt: number;
  savedBy: number | null;
  source: SettingsSource;
  restoredFrom: number | null;
  fileHash: string | null;
  changes: unknown[];
}

interface Row {
  version: number;
  config: string;
  saved_at: number;
  saved_by: number | null;
  source: SettingsSource;
  restored_from: number | null;
  file_hash: string | null;
  changes: string;
}

const toVersion = (r: Row, withConfig: boolean): SettingsVersion => ({
  version: r.version,
  config: withConfig ? JSON.parse(r.config) : null,
  savedAt: r.saved_at,
  savedBy: r.saved_by,
  source: r.source,
  restoredFrom: r.restored_from,
  fileHash: r.file_hash,
  changes: JSON.parse(r.changes) as unknown[],
});

export class SettingsStore {
  constructor(private readonly db: Database) {}

  /** The version in force, or null before the first start. */
  current(): SettingsVersion | null {
    const r = this.db.query<Row, []>("SELECT * FROM settings_versions ORDER BY version DESC LIMIT 1").get();
    return r ? toVersion(r, true) : null;
  }

  /** One version with its config, or null. */
  get(version: number): SettingsVersion | null {
    const r = this.db.query<Row, [number]>("SELECT * FROM settings_versions WHERE version = ?").get(version);
    return r ? toVersion(r, true) : null;
  }

  /** Versions newest first, without their configs; `before` pages back. */
  list(limit: number, before?: number): SettingsVersion[] {
    return this.db
      .query<Row, [number, number]>(
        "SELECT version, '' AS config, saved_at, saved_by, source, restored_from, file_hash, changes FROM settings_versions WHERE version < ? ORDER BY version DESC LIMIT ?",
      )
      .all(before ?? Number.MAX_SAFE_INTEGER, limit)
      .map((r) => toVersion(r, false));
  }

  /** The file hash of the newest version read from the config file, if any. */
  lastFileHash(): string | null {
    return (
      this.db
        .query<{ h: string | null }, []>(
          "SELECT file_hash AS h FROM settings_versions WHERE source = 'file' ORDER BY version DESC LIMIT 1",
        )
        .get()?.h ?? null
    );
  }

  /**
   * Saves `config` as the version after `expected` (0 = the first) with its event row, in
   * one transaction; returns the new version and the event row id. A version in force other
   * than `expected` throws SettingsConflictError and writes nothing.
   */
  save(
    expected: number,
    v: {
      config: unknown;
      at: number;
      by: number | null;
      source: SettingsSource;
      restoredFrom?: number | null;
      fileHash?: string | null;
      changes: unknown[];
      /** The event row's public-safe data is derived by the caller; this is the audit row's. */
      event: Record<string, unknown>;
    },
  ): { version: number; eventId: number } {
    return this.db.transaction(() => {
      const cur =
        this.db.query<{ v: number | null }, []>("SELECT MAX(version) AS v FROM settings_versions").get()?.v ??
        0;
      if (cur !== expected) throw new SettingsConflictError(cur);
      const version = expected + 1;
      this.db
        .query(
          `INSERT INTO settings_versions (version, config, saved_at, saved_by, source, restored_from, file_hash, changes)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          version,
          JSON.stringify(v.config),
          v.at,
          v.by,
          v.source,
          v.restoredFrom ?? null,
          v.fileHash ?? null,
          JSON.stringify(v.changes),
        );
      const ev = this.db
        .query<{ id: number }, [number, number | null, string]>(
          "INSERT INTO events (at, type, officer_id, data) VALUES (?, 'settings-changed', ?, ?) RETURNING id",
        )
        .get(v.at, v.by, JSON.stringify({ ...v.event, version }))!;
      return { version, eventId: ev.id };
    })();
  }

  /** A value of the old key/value `settings` table (the notice before settings had versions). */
  legacy(key: string): string | null {
    return (
      this.db.query<{ value: string }, [string]>("SELECT value FROM settings WHERE key = ?").get(key)
        ?.value ?? null
    );
  }

  /** A value of the key/value `settings` table written by `setMark`, or null. */
  mark(key: string): string | null {
    return this.legacy(key);
  }

  /** Writes a value of the key/value `settings` table (job bookkeeping: last backup, last retention run). */
  setMark(key: string, value: string): void {
    this.db
      .query(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      )
      .run(key, value);
  }
}
