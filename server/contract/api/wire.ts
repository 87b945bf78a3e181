/**
 * The shapes the API sends that more than one route (or MQTT) carries: the ticket, the
 * fields, the hall snapshot, a staff user. Declared once as zod schemas; the TypeScript
 * types the server, the apps and the firmware tooling use are inferred from them
 * (re-exported by `../domain.ts`), so a renamed field breaks `tsc` where it is read.
 * Descriptions and examples here are what `/api/openapi.json` shows.
 *
 * Responses are plain `z.object` (extra fields pass: CONTRACT.md "extend freely"); a test
 * (tests/server/http/responses.test.ts) checks that every answer carries no field the
 * schema does not document.
 */
import { z } from "zod";
import { PRIORITIES, ROLES, TICKET_STATUSES } from "../domain.ts";

/** A time: ISO 8601 with the hall's offset (+07:00), like every time of the API. */
export const IsoTime = z.iso
  .datetime({ offset: true })
  .meta({ description: "ISO 8601 with offset", example: "2026-11-23T08:15:00.000+07:00" });

/** A text in Vietnamese (first) and English. */
export const Text = z
  .object({ vi: z.string(), en: z.string() })
  .meta({ id: "Text", description: "Vietnamese first, English second" });

export const Priority = z.enum(PRIORITIES).meta({
  id: "Priority",
  description: "Priority category (DOMAIN.md); `none` is an ordinary visitor",
});

/** A ticket as the public API returns it (CONTRACT.md `Ticket`). */
export const Ticket = z
  .object({
    id: z.number().int(),
    code: z.string().meta({
      description: "Unguessable public reference: what the QR carries. The visitor's secret.",
      example: "k3v7q2mxa5rtb4ne",
    }),
    number: z.string().meta({ description: "Visible number", example: "A012" }),
    serviceId: z.string().meta({ example: "ho-tich" }),
    priority: Priority,
    status: z.enum(TICKET_STATUSES),
    issuedAt: IsoTime,
    calledAt: IsoTime.optional().meta({ description: "First call (the wait ends here)" }),
    startedAt: IsoTime.optional(),
    finishedAt: IsoTime.optional(),
    counter: z.number().int().optional().meta({ description: "Counter it was called to" }),
    position: z.number().int().optional().meta({ description: "People ahead of it while it waits" }),
    estimatedWaitMin: z.number().optional().meta({ description: "Estimated wait in minutes while it waits" }),
    estimatedWaitMaxMin: z.number().optional().meta({
      description:
        'Extension: the upper figure, about the 80th percentile of the wait ("at most"); ≤ 5 % of visitors wait over 5 minutes longer (docs/decisions/0004)',
    }),
    statusUrl: z.string().meta({
      description: "The visitor's phone page (the QR target)",
      example: "http://192.168.1.10:3000/t/k3v7q2mxa5rtb4ne",
    }),
    callCount: z
      .number()
      .int()
      .optional()
      .meta({ description: "Extension: calls so far (more than 1 = recalled)" }),
    rating: z.number().int().min(1).max(4).optional().meta({ description: "Extension: 1–4 once rated" }),
    booked: z.literal(true).optional().meta({
      description: "Extension (issue 14): the visitor booked an appointment and checked in with it",
    }),
    dueAt: IsoTime.optional().meta({
      description:
        "Extension (issue 14): a booked visitor's slot time, when dispatch promises to call them (instead of 15 min after issue)",
    }),
  })
  .meta({ id: "Ticket", description: "A ticket (CONTRACT.md)" });

/** A field ("lĩnh vực") offered at the kiosk. */
export const ServiceInfo = z
  .object({
    id: z.string().meta({ example: "ho-tich" }),
    prefix: z.string().meta({ example: "A" }),
    name: Text,
    open: z
      .boolean()
      .meta({ description: "Issuing now: by the hall's schedule and the field's own hours and switch" }),
    closedReason: z.string().nullable().optional().meta({
      description:
        "Extension: why not issuing (field-closed, manual, holiday, day-off, before-opening, break, cutoff, after-closing, field-hours)",
    }),
    opensAt: IsoTime.nullable()
      .optional()
      .meta({ description: "Extension: when it issues again, if foreseeable" }),
    askDossier: z.boolean().optional().meta({
      description: "Extension (issue 15): the kiosk asks for the dossier code first (collecting a result)",
    }),
  })
  .meta({ id: "Service" });

export const CounterDisplayState = z
  .enum(["called", "serving", "idle", "closed"])
  .meta({ description: "What the counter's LED board shows" });

/** A counter as the public hall snapshot shows it: no officer, no ticket code. */
export const CounterInfo = z
  .object({
    number: z.number().int(),
    open: z.boolean(),
    serviceIds: z.array(z.string()),
    current: z.string().nullable().meta({ description: "Visible number called or served there, or null" }),
    name: Text.optional(),
    priorityCounter: z.boolean().optional(),
    paused: z.boolean().optional(),
    state: CounterDisplayState.optional(),
    expected: z.boolean().optional().meta({
      description:
        "Extension: expected open now by the schedule (one of its fields in session today, with today's assignments)",
    }),
  })
  .meta({ id: "Counter" });

/** Whether the hall (or a field) issues tickets now, by the one schedule rule (server/queue/schedule.ts). */
export const HallStatus = z
  .object({
    issuing: z.boolean(),
    reason: z.string().nullable().meta({
      description:
        "Why not: field-closed, manual, holiday, day-off, before-opening, break, cutoff, after-closing, field-hours",
    }),
    dayName: Text.nullable().meta({ description: "Today's holiday or make-up day" }),
    until: IsoTime.nullable().meta({
      description: "While issuing: when it stops at the latest (cut-off, end of session)",
    }),
    opensAt: IsoTime.nullable().meta({
      description: "While not issuing: when it issues again (null: not foreseeable)",
    }),
    nextChangeAt: IsoTime.meta({ description: "Refetch then: the answer may change" }),
    sessions: z
      .array(z.tuple([z.string(), z.string()]))
      .meta({ description: "Today's opening hours, HH:MM" }),
  })
  .meta({ id: "HallStatus" });

/**
 * One recent call as the queue core keeps it (with the visitor's priority category):
 * staff only. Public feeds carry `PublicCall` (decision 0005).
 */
export const HallCall = z
  .object({
    number: z.string(),
    counter: z.number().int(),
    calledAt: IsoTime,
    serviceId: z.string().optional(),
    priority: Priority.optional(),
    recall: z.boolean().optional(),
  })
  .meta({ id: "HallCall" });

/**
 * One recent call on the hall board, as public feeds show it: the number, the counter,
 * the field and whether it is a priority visitor, never which category (decision 0005,
 * Decree 13/2023/NĐ-CP).
 */
export const PublicCall = z
  .object({
    number: z.string(),
    counter: z.number().int(),
    calledAt: IsoTime,
    serviceId: z.string().optional(),
    prioritized: z
      .boolean()
      .optional()
      .meta({ description: "Extension: a priority visitor (yes/no; the category is staff only)" }),
    recall: z.boolean().optional(),
  })
  .meta({ id: "PublicCall" });

/** The waiting line of one field. */
export const WaitingLine = z
  .object({
    serviceId: z.string(),
    count: z.number().int(),
    longestWaitSec: z.number().int(),
    priorityCount: z
      .number()
      .int()
      .optional()
      .meta({ description: "Extension: priority visitors among them" }),
    bookedCount: z.number().int().optional().meta({
      description: "Extension (issue 14): booked visitors among them (checked in); absent when none",
    }),
  })
  .meta({ id: "WaitingLine" });

/**
 * Body of `GET /api/hall`, and of the retained `hall/state` topic and the public live
 * stream's `hall-state` frame (both plus `seq`). Public: numbers, counters, fields and
 * "priority: yes/no" only (decision 0005).
 */
export const HallSnapshot = z
  .object({
    hall: z.object({ id: z.string(), name: z.string(), nameEn: z.string().optional() }),
    calls: z.array(PublicCall),
    waiting: z.array(WaitingLine),
    counters: z.array(CounterInfo),
    notice: Text.nullable().optional().meta({ description: "Extension: the board's scrolling notice" }),
    configVersion: z.number().int().optional().meta({
      description:
        "Extension: the settings version in force; a screen refetches what it shows of the settings when it changes",
    }),
    status: HallStatus.optional().meta({
      description: "Extension: whether the hall issues tickets now, why not (holiday, break…) and from when",
    }),
  })
  .meta({ id: "HallSnapshot" });

/** Extension (issue 15): a dossier code linked to a visit (staff only: never on public feeds). */
export const DossierInfo = z
  .object({
    ticketId: z.number().int(),
    dossierCode: z.string().meta({ example: "000.00.19.H26-231109-0003" }),
    procedureCode: z.string().nullable().meta({ example: "1.001612" }),
    source: z
      .enum(["kiosk", "console"])
      .meta({ description: "Typed or scanned at the kiosk, or linked by an officer" }),
    linkedAt: IsoTime,
  })
  .meta({ id: "DossierInfo" });

/** A staff account as the API shows it (never its password). */
export const UserInfo = z
  .object({
    id: z.number().int(),
    username: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    disabled: z.boolean().optional(),
  })
  .meta({ id: "User" });

export type Text = z.output<typeof Text>;
export type Ticket = z.output<typeof Ticket>;
export type ServiceInfo = z.output<typeof ServiceInfo>;
export type CounterDisplayState = z.output<typeof CounterDisplayState>;
export type CounterInfo = z.output<typeof CounterInfo>;
export type HallCall = z.output<typeof HallCall>;
export type PublicCall = z.output<typeof PublicCall>;
export type WaitingLine = z.output<typeof WaitingLine>;
export type HallSnapshot = z.output<typeof HallSnapshot>;
export type HallStatus = z.output<typeof HallStatus>;
export type UserInfo = z.output<typeof UserInfo>;
export type DossierInfo = z.output<typeof DossierInfo>;
