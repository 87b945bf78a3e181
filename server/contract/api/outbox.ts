/**
 * Extension (issue 15): the outbox of messages to outside systems (the `visit.finished`
 * webhook; issue 14's notices later), for the manager's dashboard: what waits, what
 * failed and why, and "send again" for a failed message (docs/decisions/0043).
 */
import { z } from "zod";
import { errors, MANAGERS, ok, route, who } from "./define.ts";
import { OutboxIdPath } from "./requests.ts";
import { IsoTime } from "./wire.ts";

export const OutboxChannelFigures = z
  .object({
    channel: z.string().meta({ example: "webhook" }),
    configured: z
      .boolean()
      .meta({ description: "The channel has what it needs to deliver (e.g. a webhook URL)" }),
    pending: z.number().int().meta({ description: "Waiting to be sent (held, due, or retrying)" }),
    retrying: z.number().int().meta({ description: "Pending after at least one failed attempt" }),
    failed: z
      .number()
      .int()
      .meta({ description: "Given up after retrying (see `POST /api/outbox/{id}/retry`)" }),
    delivered24h: z.number().int(),
    oldestPendingAt: IsoTime.nullable(),
    lastDeliveredAt: IsoTime.nullable(),
    lastError: z
      .object({ at: IsoTime, status: z.number().int().nullable(), error: z.string() })
      .nullable()
      .meta({ description: "The latest failed attempt, with the receiver's HTTP status if it answered" }),
  })
  .meta({ id: "OutboxChannelFigures" });

export const OutboxEntry = z
  .object({
    id: z.number().int(),
    messageId: z.string().meta({ description: "The `webhook-id` (the same on every retry)" }),
    channel: z.string(),
    topic: z.string().meta({ example: "visit.finished" }),
    number: z.string().nullable().meta({ description: "The visit's ticket number, if it is about one" }),
    state: z.enum(["pending", "delivered", "failed"]),
    attempts: z.number().int(),
    createdAt: IsoTime,
    dueAt: IsoTime.meta({ description: "Next attempt not before (pending)" }),
    lastAttemptAt: IsoTime.nullable(),
    lastStatus: z.number().int().nullable(),
    lastError: z.string().nullable(),
    deliveredAt: IsoTime.nullable(),
  })
  .meta({ id: "OutboxEntry" });

export const OutboxStatus = z
  .object({
    channels: z.array(OutboxChannelFigures),
    messages: z.array(OutboxEntry).meta({ description: "Failed and retrying first, then the latest" }),
  })
  .meta({ id: "OutboxStatus" });

export const outboxStatus = route({
  method: "get",
  path: "/api/outbox",
  tags: ["outbox"],
  summary: "Messages to outside systems: waiting, failed, delivered (per channel) and the latest ones",
  ...who(MANAGERS, "manager or admin"),
  responses: { 200: ok(OutboxStatus, "Figures per channel and the latest messages") },
});

export const outboxRetry = route({
  method: "post",
  path: "/api/outbox/{id}/retry",
  tags: ["outbox"],
  summary: "Send a failed message again now",
  ...who(MANAGERS, "manager or admin"),
  request: { params: OutboxIdPath },
  responses: {
    200: ok(z.object({ message: OutboxEntry }), "The message, pending again"),
    ...errors("outbox-message-not-found", "outbox-message-not-failed"),
  },
});

export const outboxRoutes = { outboxStatus, outboxRetry };

export type OutboxStatus = z.output<typeof OutboxStatus>;
export type OutboxEntry = z.output<typeof OutboxEntry>;
export type OutboxChannelFigures = z.output<typeof OutboxChannelFigures>;
