/**
 * Opens the hall's SQLite database (bun:sqlite) in WAL mode and applies the numbered,
 * forward-only migrations of `migrations/` (see migrations/README.md), each in its own
 * transaction. `synchronous=NORMAL` in WAL mode survives a killed process (kill -9)
 * without losing a committed transaction; `QMS_SQLITE_SYNC=full` also survives power
 * loss at some cost in throughput (docs/decisions/0001-runtime-and-storage.md).
 */
import { Database } from "bun:sqlite";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { systemClock } from "../system-clock.ts";

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), "migrations");

export interface OpenOptions {
  synchronous?: "normal" | "full";
  /** How long a write waits for a lock held by another connection (default 5 s). */
  busyTimeoutMs?: number;
  readonly?: boolean;
}

/** Opens (or creates) the database at `path` (`:memory:` for tests) and migrates it. */
export function openDatabase(path: string, opts: OpenOptions = {}): Database {
  const db = new Database(path, { create: !opts.readonly, readonly: opts.readonly, strict: true });
  db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000))}`);
  if (opts.readonly) return db;
  db.exec("PRAGMA journal_mode = WAL");
  db.exec(`PRAGMA synchronous = ${opts.synchronous === "full" ? "FULL" : "NORMAL"}`);
  db.exec("PRAGMA foreign_keys = ON");
  migrate(db);
  return db;
}

/** The migration files, in order: `NNN_name.sql`. */
export function migrationFiles(): { version: number; name: string; sql: string }[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({
      version: Number(f.slice(0, 3)),
      name: f,
      sql: readFileSync(join(MIGRATIONS_DIR, f), "utf8"),
    }));
}

/** Applies every migration not yet applied, each in one transaction. */
export function migrate(db: Database): number[] {
  db.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)",
  );
  const done = new Set(
    db
      .query<{ version: number }, []>("SELECT version FROM schema_migrations")
      .all()
      .map((r) => r.version),
  );
  const applied: number[] = [];
  for (const m of migrationFiles()) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(
        m.version,
        m.name,
        systemClock.now(), // when the file was migrated: the machine's time, not the hall's
      );
    })();
    applied.push(m.version);
  }
  return applied;
}
