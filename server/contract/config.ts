/**
 * The hall configuration file (JSON or YAML) and its schema. "Config is data"
 * (DESIGN.md): fields, prefixes, counters, the priority counter, hours, kiosks,
 * printers and devices of one hall, validated at start and at every admin edit.
 */
import { z } from "zod";
import { DEFAULT_DOSSIER_PATTERN, DEFAULT_PROCEDURE_PATTERN } from "./dossier.ts";
import { ID_PATTERN } from "./topics.ts";

const id = z.string().regex(ID_PATTERN, "lowercase ASCII id: [a-z0-9-]");
const text = z.object({ vi: z.string().min(1), en: z.string().min(1) });
const hhmm = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, "HH:MM");
const span = z.tuple([hhmm, hhmm]).refine(([a, b]) => a < b, "a span must end after it starts");
const day = z.array(span).default([]);
const regex = z
  .string()
  .min(1)
  .max(300)
  .refine((p) => {
    try {
      new RegExp(p);
      return true;
    } catch {
      return false;
    }
  }, "a regular expression");

/**
 * The signing secret of the webhook, in the Standard Webhooks form `whsec_` + base64 of
 * 24 to 64 random bytes (docs/decisions/0043-dossier-codes-and-webhook.md).
 */
export const WEBHOOK_SECRET_PATTERN = /^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/;

export const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

/** Printer models known to the ESC/POS encoder; the code page of WPC1258 differs per model. */
export const PRINTER_MODELS = ["epson", "xprinter", "generic"] as const;

export const HallConfigSchema = z
  .object({
    id,
    name: text,
    /** Enforce opening hours when issuing tickets (the demo hall does not). */
    enforceHours: z.boolean().default(true),
    hours: z
      .object({ mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day })
      .default({ mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }),
    targets: z
      .object({
        /** The government target for the average wait, minutes (DOMAIN.md). */
        waitMin: z.number().positive().default(15),
        /** Due time of a priority visitor, minutes after issue. */
        priorityWaitMin: z.number().positive().default(5),
        /** A ticket waiting longer than this is never passed over again. */
        starvationMin: z.number().positive().default(40),
        /** How long after finishing a visit may be rated. */
        ratingWindowMin: z.number().positive().default(10),
      })
      .default({ waitMin: 15, priorityWaitMin: 5, starvationMin: 40, ratingWindowMin: 10 }),
    dispatch: z
      .object({ policy: z.enum(["on-time", "due-time", "strict-priority", "fifo"]).default("on-time") })
      .default({ policy: "on-time" }),
    services: z
      .array(
        z.object({
          id,
          prefix: z.string().regex(/^[A-Z]$/, "one capital letter"),
          name: text,
          /** Typical minutes per visit, used by the wait estimate until real times exist. */
          defaultServiceMin: z.number().positive().default(6),
          /**
           * The kiosk asks for the dossier code ("mã hồ sơ") before the ticket, with a "skip"
           * button: a field where visitors collect results ("Trả kết quả").
           */
          askDossier: z.boolean().default(false),
        }),
      )
      .min(1),
    counters: z
      .array(
        z.object({
          number: z.number().int().min(1).max(999),
          name: text.optional(),
          serviceIds: z.array(id).min(1),
          priority: z.boolean().default(false),
        }),
      )
      .min(1),
    printers: z
      .array(
        z.object({
          id,
          model: z.enum(PRINTER_MODELS).default("generic"),
          /** ESC t code page number of WPC1258 on this model; null = none, print raster. */
          codepage: z.number().int().min(0).max(255).nullable().default(null),
          mode: z.enum(["text", "raster"]).default("raster"),
          /** Characters per line at the normal font (58 mm paper: 32, 80 mm: 48). */
          columns: z.number().int().min(24).max(64).default(48),
        }),
      )
      .default([]),
    kiosks: z.array(z.object({ id, name: z.string().optional(), printer: id.optional() })).default([]),
    notice: text.nullable().default(null),
    security: z
      .object({
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
    /** The citizen ID card (CCCD) at the kiosk (docs/decisions/0042-cccd-at-the-kiosk.md). */
    cccd: z
      .object({
        /** Kiosks read the card's QR (60+ → the elderly lane on the field touch). */
        enabled: z.boolean().default(true),
        /** One ticket per card, field and service day (a salted day-hash, kept in memory for that day). */
        onePerFieldPerDay: z.boolean().default(true),
      })
      .default({ enabled: true, onePerFieldPerDay: true }),
    /** Dossier and procedure codes of the one-stop system (contract/dossier.ts). */
    dossier: z
      .object({
        codePattern: regex.default(DEFAULT_DOSSIER_PATTERN),
        procedurePattern: regex.default(DEFAULT_PROCEDURE_PATTERN),
      })
      .default({ codePattern: DEFAULT_DOSSIER_PATTERN, procedurePattern: DEFAULT_PROCEDURE_PATTERN }),
    /**
     * The `visit.finished` webhook to the province's one-stop system, signed with HMAC
     * (Standard Webhooks; docs/decisions/0043-dossier-codes-and-webhook.md). Off while `url` is null.
     */
    webhook: z
      .object({
        url: z
          .url({ protocol: /^https?$/ })
          .nullable()
          .default(null),
        secret: z
          .string()
          .regex(WEBHOOK_SECRET_PATTERN, "whsec_ + base64 of 24–64 bytes")
          .nullable()
          .default(null),
        /** Hold `visit.finished` until the visit is rated or its rating window closes, so it carries the rating. */
        waitForRating: z.boolean().default(true),
        /** One delivery attempt gives up after this many seconds. */
        timeoutSec: z.number().int().min(1).max(60).default(10),
      })
      .default({ url: null, secret: null, waitForRating: true, timeoutSec: 10 }),
  })
  .superRefine((h, ctx) => {
    const dup = <T>(xs: T[]) => xs.find((x, i) => xs.indexOf(x) !== i);
    const sIds = h.services.map((s) => s.id);
    const d1 = dup(sIds);
    if (d1) ctx.addIssue({ code: "custom", path: ["services"], message: `duplicate service id ${d1}` });
    const d2 = dup(h.services.map((s) => s.prefix));
    if (d2) ctx.addIssue({ code: "custom", path: ["services"], message: `duplicate prefix ${d2}` });
    const d3 = dup(h.counters.map((c) => c.number));
    if (d3) ctx.addIssue({ code: "custom", path: ["counters"], message: `duplicate counter ${d3}` });
    for (const c of h.counters)
      for (const s of c.serviceIds)
        if (!sIds.includes(s))
          ctx.addIssue({
            code: "custom",
            path: ["counters"],
            message: `counter ${c.number}: unknown service ${s}`,
          });
    for (const s of sIds)
      if (!h.counters.some((c) => c.serviceIds.includes(s)))
        ctx.addIssue({ code: "custom", path: ["services"], message: `no counter serves ${s}` });
    const pIds = h.printers.map((p) => p.id);
    for (const k of h.kiosks)
      if (k.printer && !pIds.includes(k.printer))
        ctx.addIssue({
          code: "custom",
          path: ["kiosks"],
          message: `kiosk ${k.id}: unknown printer ${k.printer}`,
        });
    const d4 = dup(h.kiosks.map((k) => k.id));
    if (d4) ctx.addIssue({ code: "custom", path: ["kiosks"], message: `duplicate kiosk ${d4}` });
    if (h.webhook.url && !h.webhook.secret)
      ctx.addIssue({ code: "custom", path: ["webhook", "secret"], message: "a webhook URL needs a secret" });
  });

export type HallConfig = z.infer<typeof HallConfigSchema>;
export type HallConfigInput = z.input<typeof HallConfigSchema>;
export type ServiceConfig = HallConfig["services"][number];
export type CounterConfig = HallConfig["counters"][number];
export type PrinterConfig = HallConfig["printers"][number];
export type KioskConfig = HallConfig["kiosks"][number];
export type DispatchPolicyName = HallConfig["dispatch"]["policy"];

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
