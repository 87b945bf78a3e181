/**
 * Live streams: state pushed, not pinged (STYLE.md; docs/decisions/0087-pushed-live-state.md).
 * The server's read side (server/hall/views.ts) builds each view once per change, with
 * `seq` (the newest event id), and these `text/event-stream` routes carry them as
 * frames: SSE `event:` = the frame's name below, `data:` = its JSON, `id:` = its `seq`
 * (or the event id of an `event` frame). A client applies frames as they come and never
 * refetches: on every (re)connect the server sends each view of the stream afresh first.
 *
 *   GET /api/live                 public: `hall-state` (= MQTT `hall/state`, same bytes),
 *                                 `hall-call` (= MQTT `hall/call`), `notice`
 *   GET /api/live/staff?views=…   staff: `hall-state`, `counters`, `mine`, `event` (committed
 *                                 events, staff form), managers also `today`, `printers`, `devices`
 *   GET /api/tickets/{code}/live  the phone page: `ticket` (that ticket only); ends after its last state
 *   GET /api/kiosks/{id}/live     a paired kiosk: `printer`, `job` (its printer's jobs)
 *
 * Every stream starts with `hello` and has a comment line every 15 s. A client that does
 * not read is dropped once its unsent frames pass a bound (it reconnects and gets every
 * view afresh); more than `QMS_SSE_MAX_PER_ADDRESS` streams from one address answer 429
 * `too-many-streams`. Public streams carry numbers, counters, fields and "priority:
 * yes/no" only (decision 0005); officer ids, reasons and categories go only to staff.
 */
import { z } from "zod";
import {
  AUDIT_EVENT_TYPES,
  COUNTER_EVENT_TYPES,
  FEED_DATA_KEYS,
  SETTINGS_EVENT_TYPES,
  TICKET_EVENT_TYPES,
} from "../events.ts";
import { HeldCounter, StaffCounter, TodayFigures } from "./counters.ts";
import { device, errors, route, STAFF, who } from "./define.ts";
import { DeviceStatus } from "./devices.ts";
import { PrinterStatus, PrintJob } from "./printing.ts";
import { WaitReport } from "./reports.ts";
import { TicketCodePath } from "./requests.ts";
import { HallSnapshot, IsoTime, Text, Ticket, UserInfo } from "./wire.ts";

/** The newest committed event id when a frame was built. */
export const Seq = z.number().int().min(0).meta({
  description:
    "The newest event id when the frame was built. A frame with a lower `seq` than one already applied is stale (two transports, a reconnect) and is ignored; an equal one is a refresh.",
});

/** `hall-state` frame and retained MQTT `hall/state`: the public snapshot plus `seq`. */
export const HallState = HallSnapshot.extend({ seq: Seq }).meta({
  id: "HallState",
  description:
    "The `GET /api/hall` body plus `seq`: MQTT `hall/state` and the `hall-state` frame (same bytes)",
});

/** `hall-call` frame and MQTT `hall/call`: the cue to announce one call or recall. */
export const CallCue = z
  .object({
    number: z.string(),
    counter: z.number().int(),
    recall: z.boolean(),
    at: IsoTime,
    serviceId: z.string().optional(),
    prioritized: z
      .boolean()
      .optional()
      .meta({ description: "A priority visitor (yes/no, never the category)" }),
  })
  .meta({ id: "CallCue" });

/** `notice` frame: the board's scrolling notice changed (it is in `hall-state` too). */
export const NoticeFrame = z.object({ seq: Seq, notice: Text.nullable() }).meta({ id: "NoticeFrame" });

export const STREAMS = ["public", "staff", "ticket", "kiosk"] as const;

/** First frame of every stream. */
export const Hello = z
  .object({
    stream: z.enum(STREAMS),
    seq: Seq,
    heartbeatSec: z.number().int().meta({ description: "A comment line comes at least this often" }),
  })
  .meta({ id: "LiveHello" });

/** Why the server ends a stream (`end` frame, then the stream closes; do not reconnect for these). */
export const END_REASONS = ["ticket-over", "session-expired", "account-disabled", "unauthorized"] as const;
export const EndFrame = z.object({ reason: z.enum(END_REASONS) }).meta({ id: "LiveEnd" });

/** `counters` frame (staff): every counter with its holder, pause reason and ticket. */
export const CountersFrame = z
  .object({ seq: Seq, counters: z.array(StaffCounter) })
  .meta({ id: "CountersFrame" });

/** `mine` frame (staff): the logged-in user, the counter they hold and their own figures today. */
export const MineFrame = z
  .object({
    seq: Seq,
    user: UserInfo,
    counter: HeldCounter.nullable(),
    today: TodayFigures.nullable().meta({ description: "Null when the user holds no counter" }),
  })
  .meta({ id: "MineFrame" });

/** `today` frame (managers): today's waits report by field and by hour, refreshed at most every 20 s. */
export const TodayFrame = z
  .object({ seq: Seq, byService: WaitReport, byHour: WaitReport })
  .meta({ id: "TodayFrame" });

/** `printers` frame (managers). */
export const PrintersFrame = z.object({ printers: z.array(PrinterStatus) }).meta({ id: "PrintersFrame" });

/** `devices` frame (managers). */
export const DevicesFrame = z.object({ devices: z.array(DeviceStatus) }).meta({ id: "DevicesFrame" });

/** `ticket` frame: the ticket as `GET /api/tickets/{code}` answers it (position and estimate while it waits). */
export const TicketFrame = z.object({ seq: Seq, ticket: Ticket }).meta({ id: "TicketFrame" });

/** `job` frame (kiosk): one print job of the kiosk's printer changed. */
export const JobFrame = z.object({ job: PrintJob }).meta({ id: "JobFrame" });

/** `printer` frame (kiosk): the kiosk's printer (online, paper). */
export const PrinterFrame = z.object({ printer: PrinterStatus }).meta({ id: "PrinterFrame" });

const FeedTicketSchema = z
  .object({
    id: z.number().int(),
    number: z.string(),
    serviceId: z.string(),
    status: Ticket.shape.status,
    issuedAt: IsoTime,
    calledAt: IsoTime.optional(),
    startedAt: IsoTime.optional(),
    finishedAt: IsoTime.optional(),
    counter: z.number().int().optional(),
    callCount: z.number().int().optional(),
    prioritized: z.boolean(),
  })
  .meta({ id: "FeedTicket", description: "A ticket on a public feed: no code, no category, no rating" });

/**
 * A committed event on public feeds (`GET /api/events`, MQTT `{b}/{h}/events`); a
 * `settings-changed` carries `data: { version, sections }` only (screens refetch on it).
 */
export const PublicEvent = z
  .object({
    v: z.literal(1),
    id: z.number().int(),
    type: z.enum([...TICKET_EVENT_TYPES, ...COUNTER_EVENT_TYPES, ...SETTINGS_EVENT_TYPES]),
    at: IsoTime,
    hallId: z.string(),
    ticket: FeedTicketSchema.optional(),
    counter: z.number().int().optional(),
    data: z
      .object(
        Object.fromEntries(
          FEED_DATA_KEYS.map((k) => [k, z.union([z.string(), z.number(), z.null()]).optional()]),
        ),
      )
      .extend({
        version: z.number().int().optional().meta({ description: "settings-changed: the version in force" }),
        sections: z
          .array(z.string())
          .optional()
          .meta({ description: "settings-changed: which top-level settings changed" }),
      })
      .optional(),
  })
  .meta({
    id: "PublicEvent",
    description: "No officer id, no reasons, no priority category (decision 0005)",
  });

/** `event` frame (staff): a committed event with officer ids, reasons and categories. */
export const StaffEvent = z
  .object({
    v: z.literal(1),
    id: z.number().int(),
    type: z.enum([
      ...TICKET_EVENT_TYPES,
      ...COUNTER_EVENT_TYPES,
      ...AUDIT_EVENT_TYPES,
      ...SETTINGS_EVENT_TYPES,
    ]),
    at: IsoTime,
    hallId: z.string(),
    ticket: Ticket.omit({ code: true, statusUrl: true }).optional(),
    counter: z.number().int().optional(),
    officerId: z.number().int().nullable().optional(),
    data: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: "StaffEvent" });

/** Frames of each stream by event name (what `x-events` documents in the OpenAPI). */
export const LIVE_FRAMES = {
  public: { hello: Hello, "hall-state": HallState, "hall-call": CallCue, notice: NoticeFrame },
  staff: {
    hello: Hello,
    end: EndFrame,
    "hall-state": HallState,
    counters: CountersFrame,
    mine: MineFrame,
    event: StaffEvent,
    notice: NoticeFrame,
    today: TodayFrame,
    printers: PrintersFrame,
    devices: DevicesFrame,
  },
  ticket: { hello: Hello, end: EndFrame, ticket: TicketFrame },
  kiosk: { hello: Hello, printer: PrinterFrame, job: JobFrame },
  events: { hello: Hello, resync: z.object({}) },
} as const;

/** Views of the staff stream; the last three are for managers and admins. */
export const STAFF_VIEWS = ["hall", "counters", "mine", "events", "today", "printers", "devices"] as const;
export type StaffView = (typeof STAFF_VIEWS)[number];
export const MANAGER_VIEWS: readonly StaffView[] = ["today", "printers", "devices"];

/**
 * A `text/event-stream` answer. Its schema is the union of the stream's frames: each
 * event's `data` is one of them (which one by event name: `x-events`), and the frames
 * become components of the OpenAPI document (OpenAPI 3.2's `itemSchema`, before 3.2).
 */
const stream = (s: keyof typeof LIVE_FRAMES) => ({
  description: "Server-sent events: `event:` a frame name of `x-events`, `data:` its JSON, `id:` its seq",
  content: {
    "text/event-stream": {
      schema: z.union(Object.values(LIVE_FRAMES[s]) as unknown as [z.ZodType, z.ZodType]).meta({
        description: "The `data` of one event (JSON); which frame it is: the event name (x-events)",
      }),
    },
  },
});

/** `x-events`: each event name of a stream and the component schema of its `data`. */
const xEvents = (s: keyof typeof LIVE_FRAMES) =>
  Object.fromEntries(
    Object.entries(LIVE_FRAMES[s]).map(([name, schema]) => {
      const id = (schema as { meta?: () => { id?: string } | undefined }).meta?.()?.id;
      return [name, id ? { $ref: `#/components/schemas/${id}` } : { type: "object" }];
    }),
  );

export const livePublic = route({
  method: "get",
  path: "/api/live",
  tags: ["live"],
  summary: "Public live stream: the hall board's frames (the same payloads as MQTT hall/#)",
  description:
    "Frames: `hello`, `hall-state` (= MQTT `hall/state`, sent at once and on every change, coalesced to at most 10 a second, refreshed every 15 s), `hall-call` (= MQTT `hall/call`, at once), `notice`. Public: no officer, no reason, no priority category.",
  "x-events": xEvents("public"),
  responses: { 200: stream("public"), ...errors("too-many-streams") },
});

const ViewsQuery = z.object({
  views: z
    .string()
    .regex(new RegExp(`^(${STAFF_VIEWS.join("|")})(,(${STAFF_VIEWS.join("|")})){0,6}$`), {
      error: "invalid-request",
    })
    .optional()
    .meta({
      description: `Comma-separated: ${STAFF_VIEWS.join(", ")}. Default: hall,counters,mine,events (and today,printers,devices for managers)`,
      example: "hall,counters,mine",
    }),
});

export const liveStaff = route({
  method: "get",
  path: "/api/live/staff",
  tags: ["live"],
  summary: "Staff live stream: counters with holders and pause reasons, your counter, committed events",
  ...who(
    STAFF,
    "officer, manager or admin",
    "`today`, `printers` and `devices` only for managers and admins. The session is checked again every 15 s: an `end` frame when it expired or the account was disabled.",
  ),
  "x-events": xEvents("staff"),
  request: { query: ViewsQuery },
  responses: { 200: stream("staff"), ...errors("too-many-streams", "forbidden") },
});

export const liveTicket = route({
  method: "get",
  path: "/api/tickets/{code}/live",
  tags: ["live"],
  summary: "The phone page's private stream: that ticket's status, position, estimate and call",
  description:
    "Anyone holding the code. `ticket` frames only, about this ticket and nothing else: at once, at once on each change of its own (called, recalled, served, transferred…), and when its position or estimate moves (at most every 2 s, and every 30 s while it waits). After its last state (done, no-show, cancelled) an `end` frame and the stream closes.",
  "x-events": xEvents("ticket"),
  request: { params: TicketCodePath },
  responses: { 200: stream("ticket"), ...errors("ticket-not-found", "too-many-streams") },
});

const KioskPath = z.object({
  kioskId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, { error: "kiosk-not-found" })
    .meta({ description: "Kiosk id of the hall config", example: "kiosk-1" }),
});

export const liveKiosk = route({
  method: "get",
  path: "/api/kiosks/{kioskId}/live",
  tags: ["live"],
  ...device("the kiosk itself (its X-Device-Token)"),
  summary: "A kiosk's live stream: its printer's status and print jobs (no polling)",
  "x-events": xEvents("kiosk"),
  request: { params: KioskPath },
  responses: {
    200: stream("kiosk"),
    ...errors("kiosk-not-found", "device-not-paired", "too-many-streams"),
  },
});

/** The stream routes, for the server and the client's URL types. */
export const liveRoutes = { livePublic, liveStaff, liveTicket, liveKiosk };

export type HallStateFrame = z.output<typeof HallState>;
export type CallCueFrame = z.output<typeof CallCue>;
export type NoticeFrame = z.output<typeof NoticeFrame>;
export type Hello = z.output<typeof Hello>;
export type EndFrame = z.output<typeof EndFrame>;
export type EndReason = (typeof END_REASONS)[number];
export type CountersFrame = z.output<typeof CountersFrame>;
export type MineFrame = z.output<typeof MineFrame>;
export type TodayFrame = z.output<typeof TodayFrame>;
export type PrintersFrame = z.output<typeof PrintersFrame>;
export type DevicesFrame = z.output<typeof DevicesFrame>;
export type TicketFrame = z.output<typeof TicketFrame>;
export type JobFrame = z.output<typeof JobFrame>;
export type PrinterFrame = z.output<typeof PrinterFrame>;
export type StreamName = (typeof STREAMS)[number];

/** A frame of the staff stream, by name (what the staff apps' shell hands on). */
export type StaffFrame =
  | { name: "hall-state"; data: HallStateFrame }
  | { name: "counters"; data: CountersFrame }
  | { name: "mine"; data: MineFrame }
  | { name: "event"; data: z.output<typeof StaffEvent> }
  | { name: "notice"; data: NoticeFrame }
  | { name: "today"; data: TodayFrame }
  | { name: "printers"; data: PrintersFrame }
  | { name: "devices"; data: DevicesFrame };
