/**
 * Public routes (no login): health, the fields, tickets, and the counter-facing rating
 * tablet. CONTRACT.md "HTTP" lists the contract ones; the rest are documented extensions.
 */
import { z } from "zod";
import { device, errors, ok, route } from "./define.ts";
import { PrintJob } from "./printing.ts";
import { CounterPath, IssueTicketBody, KioskIdPath, RatingBody, TicketCodePath } from "./requests.ts";
import { HallStatus } from "./settings.ts";
import { IsoTime, ServiceInfo, Ticket } from "./wire.ts";

/** `GET /api/health` body: `status` is the contract; the rest are extensions. */
export const Health = z
  .object({
    status: z.literal("ok"),
    hall: z.string().meta({ example: "phu-lien" }),
    version: z.string(),
    mqtt: z.enum(["connected", "disconnected"]).optional().meta({ description: "The server's broker link" }),
    mqttBaseTopic: z.string().optional().meta({ description: "First level of every topic", example: "qms" }),
    mqttWebSocket: z
      .string()
      .optional()
      .meta({ description: "Path of MQTT over WebSocket", example: "/mqtt" }),
    sseClients: z.number().int().optional().meta({ description: "Open event streams" }),
    sseDropped: z
      .number()
      .int()
      .optional()
      .meta({ description: "Streams dropped since start for not reading (their buffer passed its bound)" }),
    sseFrames: z
      .object({ encoded: z.number().int(), published: z.number().int(), sent: z.number().int() })
      .optional()
      .meta({
        description:
          "Live-stream frames since start: encoded to bytes, published to a channel, and copies queued for clients (each frame is encoded once for all)",
      }),
    heapMb: z
      .number()
      .optional()
      .meta({ description: "The server's JavaScript heap in use, MB (RSS is what the OS reports)" }),
    province: z
      .object({
        state: z.enum(["starting", "sending", "idle", "backoff", "stopped"]),
        acked: z.number().int().meta({ description: "The last event id the province acknowledged" }),
        lastEventId: z.number().int().meta({ description: "The newest event id of the hall" }),
        lastOkAt: z.number().nullable(),
        lastError: z.string().nullable(),
        failures: z.number().int(),
        province: z.string().meta({ description: "The province's address, without the credential" }),
        mqtt: z.enum(["connected", "disconnected"]),
      })
      .nullable()
      .optional()
      .meta({
        description: "Extension (issue 13): the uplink to the province; null when QMS_PROVINCE_URL is unset",
      }),
  })
  .meta({ id: "Health" });

export const TicketBody = z.object({ ticket: Ticket }).meta({ id: "TicketBody" });

export const TicketIssued = z
  .object({
    ticket: Ticket,
    print: PrintJob.optional().meta({
      description:
        "The print job, when `kioskId` has a printer and the request carries that kiosk's X-Device-Token (see /api/print-jobs/{jobId})",
    }),
    printRefused: z.literal("device-not-paired").optional().meta({
      description:
        "Without the kiosk's token the ticket is issued but nothing is printed (decision 0023); the kiosk shows the ticket on screen",
    }),
  })
  .meta({ id: "TicketIssued" });

/** What counter n's rating tablet would rate now: the visit last finished there. */
export const RatingTarget = z
  .object({
    number: z.string().meta({ description: "Visible number only (the boards show it anyway)" }),
    finishedAt: IsoTime,
    rated: z.boolean(),
    open: z.boolean().meta({ description: "Not rated yet and still within the rating window" }),
    closesInSec: z
      .number()
      .int()
      .optional()
      .meta({ description: "Seconds until the rating window closes (0 once closed or rated)" }),
  })
  .meta({ id: "RatingTarget" });

export const health = route({
  method: "get",
  path: "/api/health",
  tags: ["public"],
  summary: "Liveness, version and broker status",
  responses: { 200: ok(Health, "The server is up") },
});

export const services = route({
  method: "get",
  path: "/api/services",
  tags: ["public"],
  summary: "Fields offered at the kiosk, in their order, and whether each issues tickets now",
  responses: {
    200: ok(
      z.object({
        services: z.array(ServiceInfo),
        version: z
          .number()
          .int()
          .optional()
          .meta({ description: "Extension: the settings version in force" }),
        status: HallStatus.optional().meta({
          description: "Extension: whether the hall issues now, and why not",
        }),
      }),
      "Every field, open or not",
    ),
  },
});

export const issueTicket = route({
  method: "post",
  path: "/api/tickets",
  tags: ["public"],
  summary: "Issue a ticket (idempotent per kioskId + requestId)",
  description:
    "When `kioskId` has a printer that is online and the request carries that kiosk's `X-Device-Token`, a print job is published; an offline printer gets none and the answer's `print.state` says so (the kiosk then shows the ticket on screen). Without the token the ticket is issued, not printed (`printRefused`), unless the hall config says `security.kioskPrintToken: optional` (the demo hall; docs/decisions/0025): then the first print of a new ticket needs no token, reprints still do.",
  request: { body: { required: true, content: { "application/json": { schema: IssueTicketBody } } } },
  responses: {
    201: ok(TicketIssued, "The new ticket, and its print job when the kiosk has a printer"),
    200: ok(TicketIssued, "A repeated requestId: the same ticket and job, nothing printed again"),
    ...errors(
      "service-not-found",
      "invalid-priority",
      "hall-closed",
      "service-closed",
      "too-many-requests",
      "invalid-dossier-code",
      "dossier-code-taken",
      "invalid-cccd",
      "cccd-disabled",
      "cccd-key-expired",
      "cccd-already-issued",
    ),
  },
});

/** A kiosk's day key for the citizen ID card's day-hash (decision 0042). */
export const CccdKey = z
  .object({
    day: z
      .string()
      .meta({ description: "Service day (Asia/Ho_Chi_Minh) the key is for", example: "2026-11-23" }),
    keyId: z.string().meta({ description: "Send it with each hash (`cccd.keyId`)" }),
    key: z.string().meta({ description: "64 hex characters; held in the kiosk's memory only, for the day" }),
    onePerFieldPerDay: z
      .boolean()
      .meta({ description: "The hall refuses a second ticket per card, field and day" }),
  })
  .meta({ id: "CccdKey" });

export const cccdKey = route({
  method: "get",
  path: "/api/kiosks/{kioskId}/cccd-key",
  tags: ["public"],
  ...device("the paired kiosk kioskId (its X-Device-Token)"),
  summary: "Today's key the kiosk hashes a citizen ID number with (the number never leaves the kiosk)",
  request: { params: KioskIdPath },
  responses: {
    200: ok(CccdKey, "The key of the current service day; a new one each day"),
    ...errors("kiosk-not-found", "device-not-paired", "cccd-disabled"),
  },
});

/** The code-guessing cap of the routes by ticket code (docs/decisions/0024). */
const GUESSING =
  "Codes are unguessable (80 bits); still, an address that asks for 30 codes that do not exist within 10 minutes gets 429 `too-many-requests` on every route by code until the window slides.";

export const ticket = route({
  method: "get",
  path: "/api/tickets/{code}",
  tags: ["public"],
  summary: "A ticket by its public code, with its live position and estimate while it waits",
  request: { params: TicketCodePath },
  description: GUESSING,
  responses: { 200: ok(TicketBody, "The ticket"), ...errors("ticket-not-found", "too-many-requests") },
});

export const rateTicket = route({
  method: "post",
  path: "/api/tickets/{code}/rating",
  tags: ["public"],
  summary: "Rate a finished visit once (1–4)",
  description: GUESSING,
  request: {
    params: TicketCodePath,
    body: { required: true, content: { "application/json": { schema: RatingBody } } },
  },
  responses: {
    201: ok(TicketBody, "The rated ticket"),
    ...errors(
      "ticket-not-found",
      "not-finished",
      "already-rated",
      "rating-closed",
      "invalid-rating",
      "too-many-requests",
    ),
  },
});

export const cancelTicket = route({
  method: "post",
  path: "/api/tickets/{code}/cancel",
  tags: ["public"],
  summary: "The visitor gives up a waiting ticket",
  description: GUESSING,
  request: { params: TicketCodePath },
  responses: {
    200: ok(TicketBody, "The cancelled ticket"),
    ...errors("ticket-not-found", "ticket-not-waiting", "too-many-requests"),
  },
});

export const counterRatingTarget = route({
  method: "get",
  path: "/api/counters/{n}/rating",
  tags: ["public"],
  summary: "Counter-facing rating tablet: the visit last finished at n and whether it can be rated",
  description: "No login, like the rating pad (docs/decisions/0051-counter-rating-tablet.md).",
  request: { params: CounterPath },
  responses: {
    200: ok(
      z.object({
        counter: z.number().int(),
        last: RatingTarget.nullable(),
        windowMin: z.number().optional().meta({
          description: "The rating window after a visit is finished (a pushed `finished` opens one)",
        }),
      }),
      "`last` is null when nothing was finished there",
    ),
    ...errors("counter-not-found"),
  },
});

export const rateAtCounter = route({
  method: "post",
  path: "/api/counters/{n}/rating",
  tags: ["public"],
  ...device("counter n's rating tablet (the token of rating-{n})"),
  summary: "Rate the visit last finished at n (1–4), once, within the rating window; 1 = Không hài lòng",
  request: {
    params: CounterPath,
    body: { required: true, content: { "application/json": { schema: RatingBody } } },
  },
  responses: {
    201: ok(
      z.object({ counter: z.number().int(), number: z.string(), score: z.number().int() }),
      "The visit's number and the score recorded",
    ),
    ...errors(
      "device-not-paired",
      "counter-not-found",
      "not-finished",
      "already-rated",
      "rating-closed",
      "invalid-rating",
    ),
  },
});

/** The public routes, for the server and the client's types. */
export const publicRoutes = {
  health,
  services,
  issueTicket,
  ticket,
  rateTicket,
  cancelTicket,
  counterRatingTarget,
  rateAtCounter,
  cccdKey,
};

export type Health = z.output<typeof Health>;
export type RatingTarget = z.output<typeof RatingTarget>;
export type CccdKey = z.output<typeof CccdKey>;
