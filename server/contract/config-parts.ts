/**
 * The pieces of the hall configuration schema (config.ts assembles them): texts, times,
 * the weekly hours, the schedule (cut-off, holidays, make-up working days, manual
 * override), fields, counters, printers, kiosks, priority categories, voice, board,
 * retention and backups. Every refusal carries a message that is a code of
 * `SETTINGS_ISSUES` (settings-issues.ts), never an English sentence, so the API and the
 * file loader can say in Vietnamese (or English) which field is wrong and why.
 */
import { z } from "zod";
import type { Priority } from "./domain.ts";
import { VN_HOLIDAYS, VN_WORKDAYS } from "./holidays-vn.ts";
import { ID_PATTERN } from "./topics.ts";

export const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Day = (typeof DAYS)[number];

/** Printer models known to the ESC/POS encoder; the code page of WPC1258 differs per model. */
export const PRINTER_MODELS = ["epson", "xprinter", "generic"] as const;

/** Priority categories a hall may offer (DOMAIN.md), `none` excluded. */
export const PRIORITY_CATEGORIES = ["elderly", "disabled", "pregnant", "merit", "child"] as const;
export type PriorityCategory = (typeof PRIORITY_CATEGORIES)[number];
// Every category of the domain but `none`, and nothing else (a compile-time check).
const _sameCategories: [PriorityCategory, Exclude<Priority, "none">] = ["elderly", "elderly"] as [
  Exclude<Priority, "none">,
  PriorityCategory,
];
void _sameCategories;

/** A lowercase ASCII id (topics, URLs): `[a-z0-9-]`. */
export const id = z.string().regex(ID_PATTERN, "settings.id");

/** A text shown to visitors: Vietnamese first, English second, both required. */
export const text = z.strictObject({
  vi: z.string().trim().min(1, "settings.text-vi").max(300, "settings.text-long"),
  en: z.string().trim().min(1, "settings.text-en").max(300, "settings.text-long"),
});

/** A wall-clock time in Asia/Ho_Chi_Minh, `HH:MM`. */
export const hhmm = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, "settings.hhmm");

/** A time span of one day, `[from, to)`. */
export const span = z.tuple([hhmm, hhmm]).refine(([a, b]) => a < b, "settings.span-order");

/** The spans of one day, in order (checked for overlaps in config.ts). */
export const day = z.array(span).max(6, "settings.too-many-spans").default([]);

/** A calendar date `YYYY-MM-DD` (in Asia/Ho_Chi_Minh: a service day). */
export const date = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "settings.date")
  .refine((s) => new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "settings.date");

const EMPTY_WEEK = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };

/** Opening hours per weekday; the gap between two spans is the lunch break. */
export const week = z
  .strictObject({ mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day })
  .default(EMPTY_WEEK);

/** Minutes before the end of each session when issuing stops ("ngừng cấp số lúc 16:45"). */
const cutoff = z.number().int().min(0, "settings.cutoff").max(240, "settings.cutoff");

export const HolidaySchema = z.strictObject({
  from: date,
  /** Last day, inclusive; absent = one day. */
  to: date.optional(),
  name: text,
});

/** A make-up working day ("ngày làm bù"): usually a Saturday worked with a weekday's hours. */
export const WorkdaySchema = z.strictObject({
  date,
  /** Whose hours apply that day. */
  as: z.enum(DAYS).default("mon"),
  name: text,
});

/** A manual override of the schedule now: closed (an outage, a ceremony) or open (extra hours). */
export const OverrideSchema = z.strictObject({
  state: z.enum(["open", "closed"]),
  /** When it ends by itself (ISO 8601 with offset): an override never outlives a forgotten click. */
  until: z.iso.datetime({ offset: true, error: "settings.datetime" }),
  reason: text.nullable().default(null),
});

export const ScheduleSchema = z
  .strictObject({
    /** Issuing stops this many minutes before each session ends (0 = up to the end). */
    cutoffMin: cutoff.default(0),
    /** Public holidays and other days off (the hall is closed all day); default: Vietnam's known ones. */
    holidays: z
      .array(HolidaySchema)
      .max(400, "settings.too-many")
      .default(() => structuredClone(VN_HOLIDAYS)),
    /** Make-up working days; default: Vietnam's known ones. */
    workdays: z
      .array(WorkdaySchema)
      .max(100, "settings.too-many")
      .default(() => structuredClone(VN_WORKDAYS)),
    /** A manual override, or null. */
    override: OverrideSchema.nullable().default(null),
  })
  .default(() => ({
    cutoffMin: 0,
    holidays: structuredClone(VN_HOLIDAYS),
    workdays: structuredClone(VN_WORKDAYS),
    override: null,
  }));

/**
 * Appointments of a field ("đặt lịch hẹn", docs/decisions/0110-appointment-rules.md): slots
 * on the field's schedule, part of each slot's capacity bookable, the rest left to walk-ins.
 * Off by default; turning it off never stops walk-in tickets (bookings already made stay valid).
 */
export const AppointmentsSchema = z
  .strictObject({
    enabled: z.boolean().default(false),
    /** Length of one slot, minutes; slots start at each session's start. */
    slotMin: z.number().int().min(5, "settings.slot-length").max(120, "settings.slot-length").default(15),
    /** Visitors the field can serve in one slot (all its counters together). */
    capacity: z.number().int().min(1, "settings.positive").max(200, "settings.too-many").default(4),
    /** Percent of each slot's capacity that may be booked; the rest stays for walk-ins. */
    bookablePct: z.number().int().min(0, "settings.percent").max(100, "settings.percent").default(50),
    /** How many days ahead one may book (0 = today only). */
    aheadDays: z.number().int().min(0, "settings.ahead-days").max(90, "settings.ahead-days").default(14),
    /** Check-in opens this many minutes before the slot. */
    checkInEarlyMin: z.number().int().min(0, "settings.check-in").max(120, "settings.check-in").default(15),
    /** Check-in closes this many minutes after the slot starts; later, the booking is a no-show. */
    checkInLateMin: z.number().int().min(0, "settings.check-in").max(60, "settings.check-in").default(10),
  })
  .default({
    enabled: false,
    slotMin: 15,
    capacity: 4,
    bookablePct: 50,
    aheadDays: 14,
    checkInEarlyMin: 15,
    checkInLateMin: 10,
  });

export const ServiceSchema = z.strictObject({
  id,
  prefix: z.string().regex(/^[A-Z]$/, "settings.prefix"),
  name: text,
  /** Typical minutes per visit, used by the wait estimate until real times exist. */
  defaultServiceMin: z.number().positive("settings.positive").max(240, "settings.too-long").default(6),
  /** False: the field takes no new tickets (those waiting are still served). */
  open: z.boolean().default(true),
  /** The field's own hours within the hall's (e.g. land: mornings only); null = the hall's. */
  hours: week.nullable().default(null),
  /** The field's own cut-off; null = the hall's. */
  cutoffMin: cutoff.nullable().default(null),
  /**
   * The kiosk asks for the dossier code ("mã hồ sơ") before the ticket, with a "skip"
   * button: a field where visitors collect results ("Trả kết quả").
   */
  askDossier: z.boolean().default(false),
  /** Booking slots of the field (off by default). */
  appointments: AppointmentsSchema,
});

export const CounterSchema = z.strictObject({
  number: z.number().int().min(1, "settings.counter-number").max(999, "settings.counter-number"),
  name: text.optional(),
  serviceIds: z.array(id).min(1, "settings.counter-no-fields"),
  priority: z.boolean().default(false),
});

/** Counter assignments for one service day only (a manager covering an absence). */
export const DayAssignmentsSchema = z.strictObject({
  date,
  counters: z.array(z.strictObject({ number: z.number().int(), serviceIds: z.array(id).min(1) })),
});

export const PrinterSchema = z.strictObject({
  id,
  model: z.enum(PRINTER_MODELS).default("generic"),
  /** ESC t code page number of WPC1258 on this model; null = none, print raster. */
  codepage: z.number().int().min(0).max(255).nullable().default(null),
  mode: z.enum(["text", "raster"]).default("raster"),
  /** Characters per line at the normal font (58 mm paper: 32, 80 mm: 48). */
  columns: z.number().int().min(24, "settings.columns").max(64, "settings.columns").default(48),
});

export const KioskSchema = z.strictObject({
  id,
  name: z.string().max(100).optional(),
  printer: id.optional(),
});

export const PrioritySchema = z.strictObject({
  id: z.enum(PRIORITY_CATEGORIES, "settings.priority"),
  enabled: z.boolean().default(true),
  /** The kiosk's and the ticket's wording; null = the standard label (DOMAIN.md). */
  label: text.nullable().default(null),
});

export const VoiceSchema = z
  .strictObject({
    /** False silences every board of the hall. */
    enabled: z.boolean().default(true),
    /** 0–100, the boards' default (a board's own setting wins). */
    volume: z.number().int().min(0).max(100).default(90),
    /** auto: recorded clips, else the browser's Vietnamese voice, else espeak-ng clips. */
    mode: z.enum(["auto", "speech", "clips"]).default("auto"),
  })
  .default({ enabled: true, volume: 90, mode: "auto" });

export const BoardSchema = z
  .strictObject({
    /** The waiting tiles per field along the bottom. */
    showWaiting: z.boolean().default(true),
    /** The earlier calls beside the big rows. */
    showRecent: z.boolean().default(true),
  })
  .default({ showWaiting: true, showRecent: true });

export const RetentionSchema = z
  .strictObject({
    /**
     * Days after which a visit's identifying details (ticket code, anything typed at the
     * kiosk, free-text reasons) are removed; the statistics stay (decision 0103).
     */
    visitDays: z.number().int().min(1, "settings.retention").max(3650, "settings.retention").default(90),
  })
  .default({ visitDays: 90 });

export const BackupSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    /** Daily at this time; null = 30 minutes after the day's closing (18:00 on days off). */
    time: hhmm.nullable().default(null),
    /** How many backups to keep (never older than the retention period). */
    keep: z.number().int().min(1).max(365).default(14),
  })
  .default({ enabled: true, time: null, keep: 14 });
