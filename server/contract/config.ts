/**
 * The hall configuration (JSON or YAML file, and the settings the admin edits in the app)
 * and its schema. "Config is data" (DESIGN.md): fields, prefixes, counters, the priority
 * counter, hours and the schedule, kiosks, printers, priority categories, targets, the
 * dispatch policy, voice, board, retention and backups of one hall. The same schema
 * validates the file at start and every change made through `PUT /api/settings`
 * (docs/decisions/0100-settings-model.md); objects are strict, so a misspelt key is an
 * error, not a silently ignored setting. Messages are codes of `settings-issues.ts`.
 */
import { z } from "zod";
import { NoticesSchema } from "./config-notices.ts";
import {
  BackupSchema,
  BoardSchema,
  CounterSchema,
  DayAssignmentsSchema,
  id,
  KioskSchema,
  PRIORITY_CATEGORIES,
  PrinterSchema,
  PrioritySchema,
  RetentionSchema,
  ScheduleSchema,
  ServiceSchema,
  text,
  VoiceSchema,
  week,
} from "./config-parts.ts";
import { DEFAULT_DOSSIER_PATTERN, DEFAULT_PROCEDURE_PATTERN } from "./dossier.ts";

export {
  DAYS,
  type Day,
  PRINTER_MODELS,
  PRIORITY_CATEGORIES,
  type PriorityCategory,
} from "./config-parts.ts";

/** A regular expression the hall writes (dossier and procedure code formats). */
const regex = z
  .string()
  .min(1, "settings.regex")
  .max(300, "settings.regex")
  .refine((p) => {
    try {
      new RegExp(p);
      return true;
    } catch {
      return false;
    }
  }, "settings.regex");

/**
 * The signing secret of the webhook, in the Standard Webhooks form `whsec_` + base64 of
 * 24 to 64 random bytes (docs/decisions/0043-dossier-codes-and-webhook.md).
 */
export const WEBHOOK_SECRET_PATTERN = /^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/;

type Issue = { path: (string | number)[]; message: string; params?: Record<string, unknown> };

export const HallConfigSchema = z
  .strictObject({
    id,
    name: text,
    /**
     * Enforce the schedule (hours, cut-off, holidays) when issuing tickets. The demo hall
     * does not, so that it can be tried at any time; closed fields and a manual closing
     * apply either way.
     */
    enforceHours: z.boolean().default(true),
    /** Weekly opening hours; the gap between two spans of a day is the lunch break. */
    hours: week,
    schedule: ScheduleSchema,
    targets: z
      .strictObject({
        /** The government target for the average wait, minutes (DOMAIN.md). */
        waitMin: z.number().positive("settings.positive").max(240, "settings.too-long").default(15),
        /** Due time of a priority visitor, minutes after issue. */
        priorityWaitMin: z.number().positive("settings.positive").max(240, "settings.too-long").default(5),
        /** A ticket waiting longer than this is never passed over again. */
        starvationMin: z.number().positive("settings.positive").max(480, "settings.too-long").default(40),
        /** How long after finishing a visit may be rated. */
        ratingWindowMin: z.number().positive("settings.positive").max(1440, "settings.too-long").default(10),
      })
      .default({ waitMin: 15, priorityWaitMin: 5, starvationMin: 40, ratingWindowMin: 10 }),
    dispatch: z
      .strictObject({ policy: z.enum(["on-time", "due-time", "strict-priority", "fifo"]).default("on-time") })
      .default({ policy: "on-time" }),
    /** The fields, in their order on the kiosk. */
    services: z.array(ServiceSchema).min(1, "settings.no-services").max(60, "settings.too-many"),
    counters: z.array(CounterSchema).min(1, "settings.no-counters").max(200, "settings.too-many"),
    /** Counter assignments that differ on one service day only; ignored on other days. */
    dayAssignments: DayAssignmentsSchema.nullable().default(null),
    priorities: z
      .array(PrioritySchema)
      .default(PRIORITY_CATEGORIES.map((p) => ({ id: p, enabled: true, label: null }))),
    printers: z.array(PrinterSchema).max(50, "settings.too-many").default([]),
    kiosks: z.array(KioskSchema).max(50, "settings.too-many").default([]),
    /** The board's scrolling notice. */
    notice: text.nullable().default(null),
    security: z
      .strictObject({
        /**
         * Whether printing a new ticket for a kiosk needs the kiosk's device token
         * (docs/decisions/0023, 0025). `required` (the default: a real hall pairs its kiosks);
         * `optional`: the first print of a newly issued ticket goes out without it, bounded
         * by the per-address ticket rate limit (the demo hall, which outside checks drive
         * without tokens). Reprints need the token either way.
         */
        kioskPrintToken: z.enum(["required", "optional"]).default("required"),
      })
      .default({ kioskPrintToken: "required" }),
    voice: VoiceSchema,
    board: BoardSchema,
    retention: RetentionSchema,
    backup: BackupSchema,
    /** The citizen ID card (CCCD) at the kiosk (docs/decisions/0042-cccd-at-the-kiosk.md). */
    cccd: z
      .strictObject({
        /** Kiosks read the card's QR (60+ → the elderly lane on the field touch). */
        enabled: z.boolean().default(true),
        /** One ticket per card, field and service day (a salted day-hash, kept in memory for that day). */
        onePerFieldPerDay: z.boolean().default(true),
      })
      .default({ enabled: true, onePerFieldPerDay: true }),
    /** Dossier and procedure codes of the one-stop system (contract/dossier.ts). */
    dossier: z
      .strictObject({
        codePattern: regex.default(DEFAULT_DOSSIER_PATTERN),
        procedurePattern: regex.default(DEFAULT_PROCEDURE_PATTERN),
      })
      .default({ codePattern: DEFAULT_DOSSIER_PATTERN, procedurePattern: DEFAULT_PROCEDURE_PATTERN }),
    /**
     * The `visit.finished` webhook to the province's one-stop system, signed with HMAC
     * (Standard Webhooks; docs/decisions/0043-dossier-codes-and-webhook.md). Off while `url` is null.
     */
    webhook: z
      .strictObject({
        url: z
          .url({ protocol: /^https?$/, message: "settings.url" })
          .nullable()
          .default(null),
        secret: z.string().regex(WEBHOOK_SECRET_PATTERN, "settings.webhook-secret").nullable().default(null),
        /** Hold `visit.finished` until the visit is rated or its rating window closes, so it carries the rating. */
        waitForRating: z.boolean().default(true),
        /** One delivery attempt gives up after this many seconds. */
        timeoutSec: z.number().int().min(1, "settings.timeout").max(60, "settings.timeout").default(10),
      })
      .default({ url: null, secret: null, waitForRating: true, timeoutSec: 10 }),
    /** Notices to visitors before their turn: Web Push, Zalo ZNS, SMS (config-notices.ts). */
    notices: NoticesSchema,
  })
  .superRefine((h, ctx) => {
    for (const i of crossCheck(h)) ctx.addIssue({ code: "custom", ...i });
  });

export type HallConfig = z.infer<typeof HallConfigSchema>;
export type HallConfigInput = z.input<typeof HallConfigSchema>;
export type ServiceConfig = HallConfig["services"][number];
export type CounterConfig = HallConfig["counters"][number];
export type PrinterConfig = HallConfig["printers"][number];
export type KioskConfig = HallConfig["kiosks"][number];
export type DispatchPolicyName = HallConfig["dispatch"]["policy"];
export type WeekHours = HallConfig["hours"];
export type Holiday = HallConfig["schedule"]["holidays"][number];

/** What the schema cannot say field by field: references, duplicates, overlaps. */
function crossCheck(h: HallConfig): Issue[] {
  const out: Issue[] = [];
  const add = (path: Issue["path"], message: string, params?: Record<string, unknown>) =>
    out.push({ path, message: `settings.${message}`, params });
  const firstDup = <T>(xs: T[], f: (i: number, x: T, first: number) => void) =>
    xs.forEach((x, i) => {
      const j = xs.indexOf(x);
      if (j !== i) f(i, x, j);
    });

  const sIds = h.services.map((s) => s.id);
  firstDup(sIds, (i, x) => add(["services", i, "id"], "duplicate-service", { id: x }));
  firstDup(
    h.services.map((s) => s.prefix),
    (i, x, j) =>
      add(["services", i, "prefix"], "duplicate-prefix", { prefix: x, other: h.services[j]!.name.vi }),
  );
  firstDup(
    h.counters.map((c) => c.number),
    (i, x) => add(["counters", i, "number"], "duplicate-counter", { counter: x }),
  );
  h.counters.forEach((c, i) => {
    c.serviceIds.forEach((s, j) => {
      if (!sIds.includes(s)) add(["counters", i, "serviceIds", j], "unknown-service", { service: s });
    });
  });
  firstDup(
    h.printers.map((p) => p.id),
    (i, x) => add(["printers", i, "id"], "duplicate-printer", { id: x }),
  );
  h.printers.forEach((p, i) => {
    if (p.mode === "text" && p.codepage === null) add(["printers", i, "codepage"], "text-needs-codepage");
  });
  const pIds = h.printers.map((p) => p.id);
  firstDup(
    h.kiosks.map((k) => k.id),
    (i, x) => add(["kiosks", i, "id"], "duplicate-kiosk", { id: x }),
  );
  h.kiosks.forEach((k, i) => {
    if (k.printer && !pIds.includes(k.printer))
      add(["kiosks", i, "printer"], "unknown-printer", { id: k.printer });
  });
  // Kiosk tokens and MQTT logins share one credentials file: ids must not collide.
  const deviceIds = new Set([
    "server",
    ...h.counters.flatMap((c) => [`led-${c.number}`, `keypad-${c.number}`, `rating-${c.number}`]),
  ]);
  h.printers.forEach((p, i) => {
    if (deviceIds.has(p.id)) add(["printers", i, "id"], "reserved-id", { id: p.id });
  });
  h.kiosks.forEach((k, i) => {
    if (deviceIds.has(k.id) || pIds.includes(k.id)) add(["kiosks", i, "id"], "reserved-id", { id: k.id });
  });
  firstDup(
    h.priorities.map((p) => p.id),
    (i, x) => add(["priorities", i, "id"], "duplicate-priority", { id: x }),
  );

  // A field that takes tickets must have a counter to call them (a closed one may not, yet).
  const assigned = (day: boolean) =>
    new Set(
      (day && h.dayAssignments
        ? h.counters.map((c) => h.dayAssignments!.counters.find((a) => a.number === c.number) ?? c)
        : h.counters
      ).flatMap((c) => c.serviceIds),
    );
  const served = assigned(false);
  h.services.forEach((s, i) => {
    if (s.open && !served.has(s.id)) add(["services", i], "unserved-field", { service: s.name.vi });
  });
  if (h.dayAssignments) {
    const nums = h.counters.map((c) => c.number);
    h.dayAssignments.counters.forEach((a, i) => {
      if (!nums.includes(a.number))
        add(["dayAssignments", "counters", i, "number"], "unknown-counter", { counter: a.number });
      a.serviceIds.forEach((s, j) => {
        if (!sIds.includes(s))
          add(["dayAssignments", "counters", i, "serviceIds", j], "unknown-service", { service: s });
      });
    });
    const servedToday = assigned(true);
    h.services.forEach((s, i) => {
      if (s.open && served.has(s.id) && !servedToday.has(s.id))
        add(["services", i], "unserved-field-today", { service: s.name.vi });
    });
  }

  if (h.webhook.url && !h.webhook.secret) add(["webhook", "secret"], "webhook-needs-secret");

  overlaps(h.hours, ["hours"], add);
  h.services.forEach((s, i) => {
    if (s.hours) overlaps(s.hours, ["services", i, "hours"], add);
  });
  const sc = h.schedule;
  sc.holidays.forEach((x, i) => {
    if (x.to !== undefined && x.to < x.from) add(["schedule", "holidays", i, "to"], "holiday-order");
    if (x.to !== undefined && dayCount(x.from, x.to) > 31)
      add(["schedule", "holidays", i, "to"], "holiday-long");
  });
  firstDup(
    sc.workdays.map((w) => w.date),
    (i, x) => add(["schedule", "workdays", i, "date"], "duplicate-workday", { date: x }),
  );
  sc.workdays.forEach((w, i) => {
    const off = sc.holidays.find((x) => w.date >= x.from && w.date <= (x.to ?? x.from));
    if (off)
      add(["schedule", "workdays", i, "date"], "workday-holiday", { date: w.date, holiday: off.name.vi });
  });
  return out;
}

function overlaps(
  w: HallConfig["hours"],
  path: Issue["path"],
  add: (path: Issue["path"], message: string, params?: Record<string, unknown>) => void,
): void {
  for (const [d, spans] of Object.entries(w)) {
    const sorted = [...spans].sort((a, b) => (a[0] < b[0] ? -1 : 1));
    for (let i = 1; i < sorted.length; i++)
      if (sorted[i]![0] < sorted[i - 1]![1])
        add([...path, d], "spans-overlap", {
          a: `${sorted[i - 1]![0]}–${sorted[i - 1]![1]}`,
          b: `${sorted[i]![0]}–${sorted[i]![1]}`,
        });
  }
}

function dayCount(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** Kinds of MQTT devices a hall has; each gets its own login and ACL. */
export const DEVICE_KINDS = ["led-board", "keypad", "rating-pad", "printer-bridge"] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export interface DeviceInfo {
  id: string;
  kind: DeviceKind;
  counter?: number;
  printer?: string;
}

/**
 * Extension `GET /api/devices` (manager, admin): a device of `hallDevices()` with its
 * availability; declared once as the route's schema (api/devices.ts).
 */
export type { DeviceStatus } from "./api/devices.ts";

/**
 * The MQTT devices of a hall, derived from its config: per counter an LED board
 * (`led-{n}`), a keypad (`keypad-{n}`) and a rating pad (`rating-{n}`); per printer
 * its bridge, whose device id is the printer id.
 */
export function hallDevices(h: Pick<HallConfig, "counters" | "printers">): DeviceInfo[] {
  const out: DeviceInfo[] = [];
  for (const c of h.counters) {
    out.push({ id: `led-${c.number}`, kind: "led-board", counter: c.number });
    out.push({ id: `keypad-${c.number}`, kind: "keypad", counter: c.number });
    out.push({ id: `rating-${c.number}`, kind: "rating-pad", counter: c.number });
  }
  for (const p of h.printers) out.push({ id: p.id, kind: "printer-bridge", printer: p.id });
  return out;
}
