/**
 * Extension (issue 14, docs/decisions/0115): notices before a visitor's turn, asked for on
 * the phone status page. The ticket's code is the key, as for the page's live stream: who
 * holds the code (the printed QR) may ask for, change and stop its notices. A phone number
 * is kept only while the ticket is live; answers show it masked.
 */
import { z } from "zod";
import { NOTICE_CHANNELS } from "../notices.ts";
import { errors, ok, route } from "./define.ts";
import { TicketCodePath } from "./requests.ts";

const Channel = z.enum(NOTICE_CHANNELS, { error: "notice-channel-unavailable" }).meta({
  description: "push: Web Push to this browser · zalo: Zalo ZNS to a phone · sms: SMS brandname to a phone",
});

export const NoticeSubscription = z
  .object({
    channel: Channel,
    ahead: z
      .number()
      .int()
      .nullable()
      .meta({ description: "Notify when at most this many people are ahead" }),
    minutes: z
      .number()
      .int()
      .nullable()
      .meta({ description: "Notify when about this many minutes are left" }),
    phone: z
      .string()
      .nullable()
      .meta({ description: "The number, masked (zalo, sms)", example: "091****678" }),
    nearSent: z.boolean().meta({ description: "The “turn is near” notice has gone out" }),
  })
  .meta({ id: "NoticeSubscription" });

export const NoticeState = z
  .object({
    channels: z.array(Channel).meta({ description: "What this hall offers now (configured, with secrets)" }),
    aheadChoices: z.array(z.number().int()),
    minutesChoices: z.array(z.number().int()),
    onCall: z.boolean().meta({ description: "A notice also goes out when the ticket is called" }),
    onFinish: z.boolean().meta({ description: "…and after service, with the rating link" }),
    vapidPublicKey: z
      .string()
      .nullable()
      .meta({ description: "The `applicationServerKey` for PushManager.subscribe (push offered)" }),
    subscriptions: z.array(NoticeSubscription),
  })
  .meta({ id: "NoticeState" });

export const PushSubscriptionBody = z
  .object({
    endpoint: z.string().max(2048),
    expirationTime: z.number().nullable().optional(),
    keys: z.object({ p256dh: z.string().max(200), auth: z.string().max(100) }),
  })
  .meta({ description: "`PushSubscription.toJSON()` of this browser" });

export const NotifyBody = z
  .strictObject({
    channel: Channel,
    phone: z.string().max(32).optional().meta({
      description: "zalo, sms: a Vietnamese mobile number (0…, 84…, +84…); 422 invalid-phone otherwise",
      example: "0912 345 678",
    }),
    subscription: PushSubscriptionBody.optional(),
    ahead: z.number().int().min(0).max(50).nullable().optional(),
    minutes: z.number().int().min(1).max(180).nullable().optional(),
    lang: z.enum(["vi", "en"]).optional().meta({ description: "Which language the notice shows first" }),
  })
  .meta({ example: { channel: "zalo", phone: "0912345678", ahead: 5 } });

const NotifyQuery = z.object({
  channel: Channel.optional().meta({ description: "Stop only this channel (default: all)" }),
});

const GUESSING = "Codes are unguessable (80 bits); an address that keeps asking for unknown codes gets 429.";

export const noticeState = route({
  method: "get",
  path: "/api/tickets/{code}/notify",
  tags: ["public", "notices"],
  summary: "The notices this hall offers and the ones this ticket asked for",
  description: GUESSING,
  request: { params: TicketCodePath },
  responses: {
    200: ok(NoticeState, "Channels, choices and this ticket's subscriptions"),
    ...errors("ticket-not-found", "too-many-requests"),
  },
});

export const notify = route({
  method: "post",
  path: "/api/tickets/{code}/notify",
  tags: ["public", "notices"],
  summary: "Ask to be notified before one's turn (a second request for the same channel replaces the first)",
  description: `The notice goes out once when the people ahead or the estimated minutes reach the threshold; then, if the hall says so, when the ticket is called and after service (with the rating link). Only a waiting ticket. ${GUESSING}`,
  request: {
    params: TicketCodePath,
    body: { required: true, content: { "application/json": { schema: NotifyBody } } },
  },
  responses: {
    201: ok(z.object({ subscription: NoticeSubscription }), "Subscribed"),
    ...errors(
      "ticket-not-found",
      "ticket-not-waiting",
      "notice-channel-unavailable",
      "notice-threshold-required",
      "invalid-phone",
      "invalid-push-subscription",
      "too-many-requests",
    ),
  },
});

export const stopNotify = route({
  method: "delete",
  path: "/api/tickets/{code}/notify",
  tags: ["public", "notices"],
  summary: "Stop notices of this ticket (its phone number or push address is deleted at once)",
  description: GUESSING,
  request: { params: TicketCodePath, query: NotifyQuery },
  responses: {
    200: ok(z.object({ removed: z.number().int() }), "How many subscriptions were removed"),
    ...errors("ticket-not-found", "too-many-requests"),
  },
});

export const vapidPublicKey = route({
  method: "get",
  path: "/api/push/vapid-public-key",
  tags: ["public", "notices"],
  summary: "The hall's VAPID public key (base64url), for PushManager.subscribe",
  responses: {
    200: ok(z.object({ publicKey: z.string() }), "The key"),
    ...errors("notice-channel-unavailable"),
  },
});

export const noticeRoutes = { noticeState, notify, stopNotify, vapidPublicKey };

export type NoticeState = z.output<typeof NoticeState>;
export type NoticeSubscription = z.output<typeof NoticeSubscription>;
export type NotifyBody = z.input<typeof NotifyBody>;
