/**
 * Hall settings at run time (issue 12, docs/decisions/0100-settings-model.md): the whole
 * configuration with its version, saving a new one against the version it was based on
 * (`If-Match`), the history, restoring a version, YAML export and import; the public part
 * kiosks and boards read, and the schedule's days for the admin's preview.
 */
import { z } from "zod";
import { DAYS, HallConfigSchema, PRIORITY_CATEGORIES } from "../config.ts";
import { ADMINS, errors, MANAGERS, ok, route, STAFF, who } from "./define.ts";
import { HallStatus, IsoTime, Text } from "./wire.ts";

const Version = z
  .number()
  .int()
  .meta({ description: "Settings version: 1, 2, 3… (the highest is in force)" });

const VersionPath = z.object({
  version: z
    .string()
    .regex(/^[1-9][0-9]{0,8}$/, { error: "settings-version-not-found" })
    .transform(Number)
    .meta({ description: "A settings version", example: "3" }),
});

const Staff = z.object({ id: z.number().int(), username: z.string(), name: z.string() });

/** One refusal: the setting (dotted path and in words) and why. */
export const SettingsIssue = z
  .object({
    path: z.string().meta({ example: "services.2.prefix" }),
    field: z.string().meta({ example: "Lĩnh vực “Đất đai” › Ký tự đầu số" }),
    message: z.string().meta({ example: "ký tự “A” đã được lĩnh vực “Hộ tịch” dùng" }),
  })
  .meta({
    id: "SettingsIssue",
    description: "In `error.details.issues` of 422 invalid-settings and 409 settings-in-use",
  });

/** One changed setting, list items named by key: `services[dat-dai].prefix`. */
export const SettingChange = z
  .object({ path: z.string(), before: z.unknown(), after: z.unknown() })
  .meta({ id: "SettingChange" });

const Deferred = z.object({
  serviceId: z.string(),
  today: z.string().meta({ description: "The letter today's tickets keep" }),
  next: z.string().meta({ description: "The letter from the next service day" }),
});

const Source = z.enum(["file", "edit", "restore", "import"]).meta({
  description:
    "file: the config file at start · edit: saved in the app · restore: an earlier version brought back · import: a YAML file",
});

export const SettingsState = z
  .object({
    version: Version,
    savedAt: IsoTime,
    savedBy: Staff.nullable().meta({ description: "null: the config file" }),
    source: Source,
    config: HallConfigSchema,
  })
  .meta({ id: "Settings" });

export const SaveAnswer = z
  .object({
    saved: z.boolean().meta({ description: "False for a dry run, or when nothing changed" }),
    version: Version.meta({ description: "The version in force now" }),
    config: HallConfigSchema,
    changes: z.array(SettingChange),
    deferred: z.array(Deferred).meta({
      description: "Prefix changes of fields that issued tickets today: they apply from the next service day",
    }),
  })
  .meta({ id: "SettingsSaved" });

const VersionInfo = z.object({
  version: Version,
  savedAt: IsoTime,
  savedBy: Staff.nullable(),
  source: Source,
  restoredFrom: z.number().int().nullable(),
  changes: z.array(SettingChange).meta({ description: "From the previous version" }),
});

const ifMatch =
  "Send the version you edited as `If-Match: <version>` (a bare number or the `ETag` of GET): if someone saved in between, the answer is 409 settings-conflict and nothing is applied. `?dryRun=true` checks and describes the change without saving it.";
const DryRun = z.object({
  dryRun: z.enum(["true", "false", "1", "0"]).optional().meta({ description: "Check only" }),
});
const refusals = errors(
  "invalid-settings",
  "settings-conflict",
  "settings-in-use",
  "settings-version-required",
  "forbidden",
);

export const getSettings = route({
  method: "get",
  path: "/api/settings",
  tags: ["settings"],
  summary: "The whole hall configuration in force, with its version (also the `ETag`)",
  ...who(MANAGERS, "manager or admin"),
  responses: { 200: ok(SettingsState, "The settings in force") },
});

export const putSettings = route({
  method: "put",
  path: "/api/settings",
  tags: ["settings"],
  summary: "Save a whole new hall configuration; applied at once, without a restart",
  ...who(
    MANAGERS,
    "manager or admin (a manager only for what managers change: a field open or closed, counters' fields, today's assignments, the notice, a manual override; anything else answers 403)",
    `${ifMatch} Validated with the config file's schema (422 invalid-settings naming each wrong setting, nothing applied) and against the hall's state (409 settings-in-use: a field with people waiting cannot be deleted, a counter in use cannot be deleted). Recorded as a version and an event row (who, what, before/after).`,
  ),
  request: {
    query: DryRun,
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z
            .looseObject({})
            .meta({ description: "A whole hall configuration: the `config` of GET /api/settings" }),
        },
      },
    },
  },
  responses: { 200: ok(SaveAnswer, "Saved and applied (or checked, for a dry run)"), ...refusals },
});

export const settingsHistory = route({
  method: "get",
  path: "/api/settings/history",
  tags: ["settings"],
  summary: "Settings versions, newest first: who saved what, before and after",
  ...who(MANAGERS, "manager or admin"),
  request: {
    query: z.object({
      limit: z
        .string()
        .regex(/^([1-9][0-9]?|100)$/)
        .transform(Number)
        .optional()
        .meta({ description: "1–100, default 50" }),
      before: z
        .string()
        .regex(/^[1-9][0-9]{0,8}$/)
        .transform(Number)
        .optional()
        .meta({ description: "A version: the page older than it" }),
    }),
  },
  responses: {
    200: ok(z.object({ versions: z.array(VersionInfo) }), "One page"),
    ...errors("invalid-request"),
  },
});

export const settingsVersion = route({
  method: "get",
  path: "/api/settings/history/{version}",
  tags: ["settings"],
  summary: "One settings version with its whole configuration",
  ...who(MANAGERS, "manager or admin"),
  request: { params: VersionPath },
  responses: {
    200: ok(
      VersionInfo.extend({ config: z.unknown().meta({ description: "The configuration as saved then" }) }),
      "The version",
    ),
    ...errors("settings-version-not-found"),
  },
});

export const restoreSettings = route({
  method: "post",
  path: "/api/settings/history/{version}/restore",
  tags: ["settings"],
  summary: "Bring an earlier version back: saved as a new version, checked like any save",
  ...who(ADMINS, "admin", ifMatch),
  request: { params: VersionPath, query: DryRun },
  responses: {
    200: ok(SaveAnswer, "Restored and applied"),
    ...refusals,
    ...errors("settings-version-not-found"),
  },
});

export const exportSettings = route({
  method: "get",
  path: "/api/settings/export",
  tags: ["settings"],
  summary: "The configuration (or `?version=`) as a YAML file: the config file's format",
  ...who(ADMINS, "admin"),
  request: {
    query: z.object({
      version: z
        .string()
        .regex(/^[1-9][0-9]{0,8}$/)
        .optional()
        .meta({ description: "Default: in force" }),
    }),
  },
  responses: {
    200: { description: "YAML", content: { "application/yaml": { schema: z.string() } } },
    ...errors("settings-version-not-found", "invalid-request"),
  },
});

export const importSettings = route({
  method: "post",
  path: "/api/settings/import",
  tags: ["settings"],
  summary: "Save a YAML (or JSON) configuration file as the new version",
  ...who(ADMINS, "admin", ifMatch),
  request: {
    query: DryRun,
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.strictObject({
            yaml: z.string().min(1).max(400_000).meta({ description: "The file's text" }),
          }),
        },
      },
    },
  },
  responses: { 200: ok(SaveAnswer, "Imported and applied (or checked)"), ...refusals },
});

export { HallStatus };

export const publicSettings = route({
  method: "get",
  path: "/api/settings/public",
  tags: ["public"],
  summary:
    "What kiosks and boards need of the settings: version, priority categories, voice, board, whether the hall issues now",
  responses: {
    200: ok(
      z.object({
        version: Version,
        hall: z.object({ id: z.string(), name: Text }),
        priorities: z.array(z.object({ id: z.enum(PRIORITY_CATEGORIES), label: Text })).meta({
          description: "The categories offered at the kiosk, in order, with their wording",
        }),
        voice: z.object({
          enabled: z.boolean(),
          volume: z.number().int(),
          mode: z.enum(["auto", "speech", "clips"]),
        }),
        board: z.object({ showWaiting: z.boolean(), showRecent: z.boolean() }),
        status: HallStatus,
      }),
      "The public settings",
    ),
  },
});

const DayOut = z.object({
  date: z.string(),
  weekday: z.enum(DAYS),
  kind: z.enum(["workday", "day-off", "holiday", "makeup"]),
  name: Text.nullable(),
  sessions: z.array(z.tuple([z.string(), z.string()])),
});

export const schedule = route({
  method: "get",
  path: "/api/schedule",
  tags: ["settings"],
  summary: "The hall's days as the schedule has them (holidays, make-up days, hours), up to 62 days",
  ...who(STAFF, "officer, manager or admin"),
  request: {
    query: z.object({
      from: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .optional()
        .meta({ description: "Default today" }),
      days: z
        .string()
        .regex(/^([1-9]|[1-5][0-9]|6[0-2])$/)
        .transform(Number)
        .optional()
        .meta({ description: "1–62, default 14" }),
    }),
  },
  responses: {
    200: ok(z.object({ days: z.array(DayOut) }), "One entry per day"),
    ...errors("invalid-request"),
  },
});

export const settingsRoutes = {
  getSettings,
  putSettings,
  settingsHistory,
  settingsVersion,
  restoreSettings,
  exportSettings,
  importSettings,
  publicSettings,
  schedule,
};

export type SettingsState = z.output<typeof SettingsState>;
export type SaveAnswer = z.output<typeof SaveAnswer>;
