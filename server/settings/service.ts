/**
 * Hall settings at run time (issue 12, docs/decisions/0100-settings-model.md): the
 * configuration in force and its version, saving a whole new one against the version it
 * was based on, the history, restoring a version, YAML export and import. Every save is
 * validated with the file's schema (422 naming the wrong setting, nothing applied), checked
 * against the hall's state (guard.ts), written as a new version with its event row in one
 * transaction (settings-conflict when someone saved in between), then applied to the hall
 * in memory and announced on the bus (`config` for the server's parts, a public
 * `settings-changed` event for screens), so kiosks, boards, consoles, LED boards and the
 * dispatch follow without a restart.
 */
import { createHash } from "node:crypto";
import { parse as parseYaml, stringify as toYaml } from "yaml";
import { describeIssues, type SettingsIssue } from "../config/issues.ts";
import { type HallConfig, HallConfigSchema } from "../contract/config.ts";
import type { Lang, Role } from "../contract/domain.ts";
import { EVENT_SCHEMA_VERSION } from "../contract/events.ts";
import { settingLabel, settingsIssueMessage } from "../contract/settings-issues.ts";
import type { EventBus } from "../events/bus.ts";
import type { Clock } from "../queue/clock.ts";
import { isoVn } from "../queue/time.ts";
import { DomainError } from "../queue/types.ts";
import { SettingsConflictError, type SettingsSource, type SettingsStore } from "../store/settings.ts";
import { diffConfigs, type SettingChange, sectionsOf } from "./diff.ts";
import { type DeferredPrefix, guardChange, type HallLoad } from "./guard.ts";

/** What the service needs of the hall. */
export interface SettingsHall {
  /** The hall's state, for the guard. */
  load(): HallLoad;
  /** Applies a committed configuration to the queue core and the use cases. */
  reconfigure(config: HallConfig, version: number): void;
}

export interface SettingsDeps {
  store: SettingsStore;
  clock: Clock;
  bus: EventBus;
  hall: SettingsHall;
  /** A staff member's display name, for the history. */
  userName: (id: number) => { id: number; username: string; name: string } | null;
}

export interface Actor {
  id: number;
  role: Role;
}

/** The answer of a save (or of a dry run: `saved` false). */
export interface SaveResult {
  saved: boolean;
  version: number;
  config: HallConfig;
  changes: SettingChange[];
  deferred: DeferredPrefix[];
}

/** What a manager may change: today's assignments, a field open or closed, the notice, a manual override. */
const MANAGER_PATHS = [
  /^services\[[^\]]+\]\.open$/,
  /^counters\[[^\]]+\]\.serviceIds$/,
  /^dayAssignments(\.|\[|$)/,
  /^notice(\.|$)/,
  /^schedule\.override(\.|$)/,
];

export class SettingsService {
  private cur: {
    version: number;
    config: HallConfig;
    savedAt: number;
    savedBy: number | null;
    source: SettingsSource;
  };

  constructor(
    private readonly d: SettingsDeps,
    initial: { version: number; config: HallConfig },
  ) {
    const v = d.store.get(initial.version);
    this.cur = {
      version: initial.version,
      config: initial.config,
      savedAt: v?.savedAt ?? d.clock.now(),
      savedBy: v?.savedBy ?? null,
      source: v?.source ?? "file",
    };
  }

  get config(): HallConfig {
    return this.cur.config;
  }

  get version(): number {
    return this.cur.version;
  }

  /** The configuration in force with its version, when and by whom it was saved. */
  current() {
    return { ...this.cur, savedBy: this.who(this.cur.savedBy) };
  }

  /**
   * Validates and saves `raw` as the version after `expected`, applies it and announces it;
   * with `dryRun`, only says what it would change. Throws DomainError: 428
   * settings-version-required, 409 settings-conflict, 422 invalid-settings, 409
   * settings-in-use, 403 forbidden (a manager beyond what managers change).
   */
  save(
    raw: unknown,
    o: {
      expected: number | undefined;
      actor: Actor | null;
      lang: Lang;
      dryRun?: boolean;
      source?: SettingsSource;
      restoredFrom?: number;
    },
  ): SaveResult {
    if (o.expected === undefined) throw new DomainError("settings-version-required");
    if (o.expected !== this.cur.version)
      throw new DomainError("settings-conflict", { current: this.cur.version });
    const next = this.parse(raw, o.lang);
    const prev = this.cur.config;
    const changes = diffConfigs(prev, next);
    if (o.actor?.role === "manager") {
      const beyond = changes.filter((c) => !MANAGER_PATHS.some((re) => re.test(c.path))).map((c) => c.path);
      if (beyond.length) throw new DomainError("forbidden", { reason: "admin-only-settings", paths: beyond });
    }
    const { issues, deferred } = guardChange(prev, next, this.d.hall.load());
    if (issues.length) {
      const described = issues.map((i) => ({
        path: i.path.join("."),
        field: settingLabel(i.path, next, o.lang) || "—",
        message: settingsIssueMessage(i.code, o.lang, i.params),
      }));
      const code = issues.some((i) => i.code === "hall-id") ? "invalid-settings" : "settings-in-use";
      throw new DomainError(code, {
        issues: described,
        field: described[0]!.field,
        reason: described[0]!.message,
      });
    }
    if (o.dryRun || changes.length === 0)
      return { saved: false, version: this.cur.version, config: next, changes, deferred };
    this.commit(next, changes, {
      by: o.actor?.id ?? null,
      source: o.source ?? "edit",
      restoredFrom: o.restoredFrom ?? null,
      fileHash: null,
    });
    return { saved: true, version: this.cur.version, config: next, changes, deferred };
  }

  /** Saves a change of the configuration in force made by `edit` (the notice, a field closed). */
  patch(edit: (c: HallConfig) => HallConfig, actor: Actor, lang: Lang): SaveResult {
    return this.save(edit(structuredClone(this.cur.config)), { expected: this.cur.version, actor, lang });
  }

  /** Versions newest first, with who saved them and what changed. */
  history(limit: number, before?: number) {
    return this.d.store.list(limit, before).map((v) => ({
      version: v.version,
      savedAt: isoVn(v.savedAt),
      savedBy: this.who(v.savedBy),
      source: v.source,
      restoredFrom: v.restoredFrom,
      changes: v.changes as SettingChange[],
    }));
  }

  /** One version with its configuration (as saved then). */
  get(version: number) {
    const v = this.d.store.get(version);
    if (!v) throw new DomainError("settings-version-not-found");
    return {
      version: v.version,
      savedAt: isoVn(v.savedAt),
      savedBy: this.who(v.savedBy),
      source: v.source,
      restoredFrom: v.restoredFrom,
      changes: v.changes as SettingChange[],
      config: v.config,
    };
  }

  /** Brings back an earlier version as a new one (validated and guarded like any save). */
  restore(
    version: number,
    o: { expected: number | undefined; actor: Actor; lang: Lang; dryRun?: boolean },
  ): SaveResult {
    const v = this.d.store.get(version);
    if (!v) throw new DomainError("settings-version-not-found");
    return this.save(v.config, { ...o, source: "restore", restoredFrom: version });
  }

  /** The configuration in force (or `version`) as YAML: the file format, to copy a hall or keep a copy. */
  exportYaml(version?: number): string {
    const v = version === undefined ? null : this.d.store.get(version);
    if (version !== undefined && !v) throw new DomainError("settings-version-not-found");
    const config = v ? v.config : this.cur.config;
    const n = v ? v.version : this.cur.version;
    const head = `# Cấu hình trung tâm / hall configuration "${(config as HallConfig).id}", phiên bản / version ${n}\n# Schema: server/contract/config.ts. Dùng làm QMS_HALL_CONFIG hoặc nhập lại ở màn hình quản trị.\n`;
    return head + toYaml(config, { lineWidth: 0 });
  }

  /** Reads a YAML (or JSON) configuration and saves it like `save()`. */
  importYaml(
    text: string,
    o: { expected: number | undefined; actor: Actor; lang: Lang; dryRun?: boolean },
  ): SaveResult {
    let raw: unknown;
    try {
      raw = parseYaml(text);
    } catch (e) {
      const reason = (e as Error).message.split("\n")[0] ?? "";
      throw new DomainError("invalid-settings", {
        issues: [{ path: "", field: "YAML", message: reason }],
        field: "YAML",
        reason,
      });
    }
    return this.save(raw, { ...o, source: "import" });
  }

  /** Validates a configuration: the file's schema, with every refusal said in `lang`. */
  private parse(raw: unknown, lang: Lang): HallConfig {
    const r = HallConfigSchema.safeParse(raw);
    if (r.success) return r.data;
    const issues: SettingsIssue[] = describeIssues(r.error, raw, lang);
    throw new DomainError("invalid-settings", {
      issues,
      field: issues[0]!.field,
      reason: issues[0]!.message,
    });
  }

  private commit(
    next: HallConfig,
    changes: SettingChange[],
    meta: { by: number | null; source: SettingsSource; restoredFrom: number | null; fileHash: string | null },
  ): void {
    const at = this.d.clock.now();
    const previous = this.cur.config;
    let saved: { version: number; eventId: number };
    try {
      saved = this.d.store.save(this.cur.version, {
        config: next,
        at,
        by: meta.by,
        source: meta.source,
        restoredFrom: meta.restoredFrom,
        fileHash: meta.fileHash,
        changes,
        event: { from: this.cur.version, source: meta.source, restoredFrom: meta.restoredFrom, changes },
      });
    } catch (e) {
      if (e instanceof SettingsConflictError)
        throw new DomainError("settings-conflict", { current: e.current });
      throw e;
    }
    // Committed: memory follows, then everyone who depends on the configuration.
    this.cur = { version: saved.version, config: next, savedAt: at, savedBy: meta.by, source: meta.source };
    this.d.hall.reconfigure(next, saved.version);
    this.d.bus.emit("config", { version: saved.version, config: next, previous });
    this.d.bus.emit("event", {
      v: EVENT_SCHEMA_VERSION,
      id: saved.eventId,
      type: "settings-changed",
      at: isoVn(at),
      hallId: next.id,
      data: { version: saved.version, sections: sectionsOf(changes) },
    });
  }

  private who(id: number | null) {
    return id === null ? null : this.d.userName(id);
  }
}

/** sha256 of a config file's text: a changed file is taken as a new version at start. */
export function fileHash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * At start: the configuration in force. The first start saves the config file as version
 * 1 (with the board notice a manager set before settings had versions); later starts use
 * the newest version, unless the file's text changed since it was last read: then the file
 * is saved as a new version (someone edited it on purpose; the admin's versions stay in the
 * history and can be restored). Throws when the version in force no longer validates.
 */
export function bootstrapSettings(
  store: SettingsStore,
  file: { config: HallConfig; text?: string },
  now: number,
  log: (line: string) => void = () => {},
): { version: number; config: HallConfig } {
  const hash = fileHash(file.text ?? JSON.stringify(file.config));
  const cur = store.current();
  if (!cur) {
    const config = structuredClone(file.config);
    const legacyNotice = store.legacy("notice");
    if (legacyNotice !== null) config.notice = JSON.parse(legacyNotice) as HallConfig["notice"];
    const { version } = store.save(0, {
      config,
      at: now,
      by: null,
      source: "file",
      fileHash: hash,
      changes: [],
      event: { from: 0, source: "file", changes: [] },
    });
    return { version, config };
  }
  const parsed = HallConfigSchema.safeParse(cur.config);
  if (!parsed.success) {
    const issues = describeIssues(parsed.error, cur.config, "vi").map((i) => `${i.path}: ${i.message}`);
    throw new Error(`settings version ${cur.version} is not valid any more: ${issues.join("; ")}`);
  }
  if (file.text !== undefined && hash !== store.lastFileHash()) {
    const changes = diffConfigs(parsed.data, file.config);
    const { version } = store.save(cur.version, {
      config: file.config,
      at: now,
      by: null,
      source: "file",
      fileHash: hash,
      changes,
      event: { from: cur.version, source: "file", changes },
    });
    log(
      `Tệp cấu hình đã thay đổi: áp dụng làm phiên bản ${version} / the config file changed: saved as settings version ${version} (${changes.length} changes; version ${cur.version} can be restored)`,
    );
    return { version, config: file.config };
  }
  return { version: cur.version, config: parsed.data };
}
