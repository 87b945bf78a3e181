/**
 * Notices to visitors (issue 14, docs/decisions/0115-notices-channels-and-privacy.md):
 *
 * - `subscribe` (the phone page, by the ticket's code): a channel (Web Push subscription,
 *   or a Vietnamese mobile number for Zalo ZNS or SMS) and a threshold ("N people ahead"
 *   or "about X minutes"); logged as `notice-subscribed` (without the recipient).
 * - "Turn is near": after each hall change and every refresh of the read side, the
 *   subscriptions still waiting for it are checked against the positions and estimates
 *   the views computed (`triggers.ts`); a crossed threshold writes one outbox message
 *   and marks the subscription, in one transaction (sent once).
 * - "Called" (`called`/`recalled`, up to 3 calls) and "served, please rate" (`finished`)
 *   are written in the hall's own commit (a commit reaction), like the visit webhook.
 * - The outbox delivers with retries; a delivered or given-up notice is logged
 *   (`notice-sent`/`notice-failed`) and, once a ticket is over and nothing waits for it,
 *   its recipients are deleted.
 *
 * Nothing here runs on the request path of issuing or calling but the commit reaction
 * (a few rows in the same transaction); the threshold pass runs after the commit, off
 * the request, coalesced.
 */
import type { Database } from "bun:sqlite";
import type { HallConfig } from "../contract/config.ts";
import {
  NOTICE_CHANNELS,
  type NoticeChannel,
  type NoticeFacts,
  type NoticeKind,
  type NoticeRecipient,
  normalizeVnMobile,
  noticeText,
  type PushSubscriptionJson,
} from "../contract/notices.ts";
import type { EventBus } from "../events/bus.ts";
import type { Hall } from "../hall/hall.ts";
import type { HallViews } from "../hall/views.ts";
import type { DeliveryOutcome, Outbox, OutboxChannel, Settled } from "../outbox/outbox.ts";
import { dayStartMs } from "../queue/time.ts";
import type { TicketRec } from "../queue/types.ts";
import { DomainError } from "../queue/types.ts";
import type { NoticeStore, NoticeSubscription } from "../store/notices.ts";
import type { OutboxMessage } from "../store/outbox.ts";
import type { StoredEvent } from "../store/store.ts";
import type { NoticeProvider } from "./provider.ts";
import { nearDue } from "./triggers.ts";

/** The outbox payload of a notice: never the recipient itself when it is a subscription's. */
export interface NoticePayload {
  v: 1;
  kind: NoticeKind;
  lang: "vi" | "en";
  facts: NoticeFacts;
  /** The subscription whose recipient to use (deleted → the notice is dropped). */
  subscriptionId?: number;
  /**
   * An inline recipient, for callers that keep their own (a booking's confirmation and
   * reminder); removed from the stored payload once the message is delivered or given up.
   */
  recipient?: NoticeRecipient;
  /** The booking a `booked`/`reminder` notice is about (the event log names it, not its code). */
  appointmentId?: number;
}

/** What the visitor asks for. */
export interface SubscribeRequest {
  channel: NoticeChannel;
  phone?: string;
  subscription?: PushSubscriptionJson;
  ahead?: number | null;
  minutes?: number | null;
  lang?: "vi" | "en";
}

/** A subscription as the phone page sees it (the number masked). */
export interface SubscriptionView {
  channel: NoticeChannel;
  ahead: number | null;
  minutes: number | null;
  phone: string | null;
  nearSent: boolean;
}

export interface NoticeDeps {
  db: Database;
  hall: Hall;
  views: HallViews;
  store: NoticeStore;
  outbox: Outbox;
  bus: EventBus;
  config: () => HallConfig;
  providers: NoticeProvider[];
  publicUrl: () => string;
  /** The VAPID public key, when Web Push is on. */
  vapidPublicKey: () => string | null;
  log?: (line: string) => void;
  /** How long the threshold pass waits to coalesce a burst of changes (default 250 ms). */
  coalesceMs?: number;
}

const TOPIC = (k: NoticeKind) => `notice.${k}`;
const MAX_CALL_NOTICES = 3;
/** Subscribe requests per ticket (each may cost the hall an SMS or a ZNS). */
const MAX_SUBSCRIBES = 6;

export class NoticeService {
  private readonly providers = new Map<NoticeChannel, NoticeProvider>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly offs: (() => void)[] = [];
  private readonly subscribes = new Map<number, number>();
  /** Passes run and their cost (tests and the bench read them). */
  passes = 0;
  passMsTotal = 0;
  passMsMax = 0;

  constructor(private readonly d: NoticeDeps) {
    for (const p of d.providers) this.providers.set(p.channel, p);
  }

  /** The outbox channels of the configured providers (one per provider). */
  channels(): OutboxChannel[] {
    return [...this.providers.values()].map((p) => new ProviderChannel(p, this.d.store));
  }

  /** The VAPID public key (base64url), or null when Web Push is off. */
  vapidPublicKey(): string | null {
    return this.d.vapidPublicKey();
  }

  /** Channels offered on the phone page now: enabled in the settings and holding their secrets. */
  available(): NoticeChannel[] {
    return NOTICE_CHANNELS.filter((c) => this.providers.get(c)?.configured() === true);
  }

  /**
   * The phone channel for a notice of this kind, as the hall configured it: Zalo ZNS when
   * it is set up and has a template for the kind, else SMS brandname when set up, else null.
   */
  phoneChannel(kind: NoticeKind): "zalo" | "sms" | null {
    for (const c of ["zalo", "sms"] as const) {
      const p = this.providers.get(c);
      if (p?.configured() && (p.supports?.(kind) ?? true)) return c;
    }
    return null;
  }

  /** Listens to the hall: the commit reaction and the threshold passes. */
  start(): void {
    this.d.hall.onCommit((events, tickets) => this.onCommit(events, tickets));
    this.offs.push(this.d.bus.on("changed", () => this.schedule()));
    this.offs.push(this.d.bus.on("refresh", () => this.schedule()));
  }

  stop(): void {
    for (const off of this.offs.splice(0)) off();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  // ------------------------------------------------------------------ the visitor's side

  /** The ticket's subscriptions (phone numbers masked). */
  list(code: string): { rec: TicketRec; subscriptions: SubscriptionView[] } {
    const rec = this.d.hall.ticketByCode(code).rec;
    return { rec, subscriptions: this.d.store.forTicket(rec.id).map(view) };
  }

  /** Subscribes a waiting ticket; 4xx-worthy input throws DomainError with a stable code. */
  subscribe(code: string, r: SubscribeRequest): SubscriptionView {
    const rec = this.d.hall.ticketByCode(code).rec;
    if (rec.status !== "waiting") throw new DomainError("ticket-not-waiting");
    if (!this.available().includes(r.channel)) throw new DomainError("notice-channel-unavailable");
    const ahead = r.ahead ?? null;
    const minutes = r.minutes ?? null;
    if (ahead === null && minutes === null) throw new DomainError("notice-threshold-required");
    let recipient: string;
    if (r.channel === "push") {
      const s = r.subscription;
      if (!s || !isPushSubscription(s)) throw new DomainError("invalid-push-subscription");
      recipient = JSON.stringify({
        endpoint: s.endpoint,
        keys: { p256dh: s.keys.p256dh, auth: s.keys.auth },
      });
    } else {
      const phone = r.phone ? normalizeVnMobile(r.phone) : null;
      if (!phone) throw new DomainError("invalid-phone");
      recipient = phone;
    }
    const n = (this.subscribes.get(rec.id) ?? 0) + 1;
    if (n > MAX_SUBSCRIBES) throw new DomainError("too-many-requests");
    this.subscribes.set(rec.id, n);
    const now = this.d.hall.now();
    const sub = this.d.db.transaction(() => {
      const s = this.d.store.upsert({
        ticketId: rec.id,
        channel: r.channel,
        recipient,
        ahead,
        minutes,
        lang: r.lang ?? "vi",
        createdAt: now,
      });
      this.d.hall.audit("notice-subscribed", null, {
        number: rec.number,
        channel: r.channel,
        ahead,
        minutes,
      });
      return s;
    })();
    this.schedule();
    return view(sub);
  }

  /** Stops notices of a ticket (one channel or all); returns how many were removed. */
  unsubscribe(code: string, channel?: NoticeChannel): number {
    const rec = this.d.hall.ticketByCode(code).rec;
    return this.d.store.remove(rec.id, channel);
  }

  // ------------------------------------------------------------------ triggers

  /** Runs a threshold pass soon (coalescing a burst of changes into one pass). */
  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      try {
        this.pass();
      } catch (e) {
        this.d.log?.(`[notices] threshold pass failed: ${String(e)}`);
      }
    }, this.d.coalesceMs ?? 250);
  }

  /**
   * One threshold pass: every subscription still waiting for its "near" notice, against
   * the positions and estimates of the read side (one estimate for all). Returns how many
   * notices it wrote. Tests with a fake clock call it directly.
   */
  pass(): number {
    const t0 = performance.now();
    try {
      return this.passOnce();
    } finally {
      const ms = performance.now() - t0;
      this.passes++;
      this.passMsTotal += ms;
      this.passMsMax = Math.max(this.passMsMax, ms);
    }
  }

  private passOnce(): number {
    const subs = this.d.store.awaitingNear();
    if (subs.length === 0) return 0;
    const recs = new Map<number, TicketRec | null>();
    for (const s of subs) if (!recs.has(s.ticketId)) recs.set(s.ticketId, this.d.views.ticketRec(s.ticketId));
    const waiting = [...recs.values()]
      .filter((r): r is TicketRec => r?.status === "waiting")
      .map((r) => r.id);
    const est = this.d.views.estimatesFor(waiting);
    const now = this.d.hall.now();
    let written = 0;
    for (const s of subs) {
      const rec = recs.get(s.ticketId);
      if (!rec) continue;
      if (rec.status !== "waiting") {
        // Called or over before the threshold: the call notice says more; never send "near" late.
        this.d.store.markNear(s.id, now);
        continue;
      }
      const e = est.get(rec.id) ?? null;
      if (!nearDue(s, e)) continue;
      const facts: NoticeFacts = {
        kind: "near",
        number: rec.number,
        service: this.serviceName(rec.serviceId),
        ahead: e?.position ?? null,
        minutes: e?.estimatedWaitMin ?? null,
        url: this.statusUrl(rec),
      };
      this.d.db.transaction(() => {
        if (this.d.store.markNear(s.id, now)) {
          this.enqueue(s, facts, now);
          written++;
        }
      })();
    }
    return written;
  }

  /** The commit reaction: call and finish notices, in the hall's own transaction. */
  private onCommit(events: readonly StoredEvent[], tickets: readonly TicketRec[]): void {
    const cfg = this.d.config().notices;
    for (const e of events) {
      if (e.ticketId === null) continue;
      const t = tickets.find((x) => x.id === e.ticketId);
      if (!t) continue;
      if (e.type === "cancelled" || e.type === "no-show") {
        // Over without service: nothing more to say, and the recipients go now.
        if (!this.hasPending(t.id)) this.d.store.remove(t.id);
        continue;
      }
      const called = e.type === "called" || e.type === "recalled";
      if (
        !(called && cfg.onCall && t.callCount <= MAX_CALL_NOTICES) &&
        !(e.type === "finished" && cfg.onFinish)
      )
        continue;
      const subs = this.d.store.forTicket(t.id);
      if (subs.length === 0) continue;
      const facts: NoticeFacts = called
        ? { kind: "called", number: t.number, counter: t.counter, url: this.statusUrl(t) }
        : { kind: "finished", number: t.number, url: this.statusUrl(t) };
      for (const s of subs) {
        if (called && s.nearSentAt === null) this.d.store.markNear(s.id, e.at);
        this.enqueue(s, facts, e.at);
      }
    }
  }

  private enqueue(s: NoticeSubscription, facts: NoticeFacts, at: number): void {
    const payload: NoticePayload = { v: 1, kind: facts.kind, lang: s.lang, facts, subscriptionId: s.id };
    this.d.outbox.enqueue({
      channel: s.channel,
      topic: TOPIC(facts.kind),
      dedupeKey: `notice:${s.id}:${facts.kind}`,
      ticketId: s.ticketId,
      payload: JSON.stringify(payload),
      dueAt: at,
    });
  }

  private hasPending(ticketId: number): boolean {
    return this.d.store.hasPendingNotice(ticketId);
  }

  // ------------------------------------------------------------------ outcomes

  /** The outbox's `onSettled`: the notice goes to the event log; recipients no longer needed go. */
  settled(s: Settled): void {
    const m = s.message;
    if (!(NOTICE_CHANNELS as readonly string[]).includes(m.channel)) return;
    let p: Partial<NoticePayload> = {};
    try {
      p = JSON.parse(m.payload) as NoticePayload;
    } catch {
      /* logged with what is known */
    }
    // A booking's code is its secret (decision 0111): the log names the booking by its id.
    const booking = p.appointmentId !== undefined;
    this.d.hall.audit(s.delivered ? "notice-sent" : "notice-failed", null, {
      number: booking ? null : (p.facts?.number ?? null),
      ...(booking ? { appointmentId: p.appointmentId } : {}),
      channel: m.channel,
      kind: p.kind ?? null,
      messageId: m.messageId,
      ...(s.delivered ? {} : { error: s.error.slice(0, 200) }),
    });
    // A booking notice Zalo could not deliver (no Zalo account, template refused, down for a
    // day) goes by SMS instead, while the slot is still ahead, before the number is dropped.
    if (!s.delivered && booking && m.channel === "zalo" && p.recipient && p.facts) this.smsInstead(m, p);
    // An inline phone number has served its purpose (decision 0115): gone from the outbox.
    if (p.recipient) this.d.store.forgetInlineRecipient(m.id);
    this.d.store.purgeEnded();
  }

  private smsInstead(m: OutboxMessage, p: Partial<NoticePayload>): void {
    const f = p.facts!;
    const sms = this.providers.get("sms");
    if (!sms?.configured() || !f.date || !f.slot) return;
    const [h, mi] = f.slot.split(":").map(Number);
    const slotAt = dayStartMs(f.date) + ((h ?? 0) * 60 + (mi ?? 0)) * 60_000;
    const now = this.d.hall.now();
    if (now >= slotAt) return;
    this.d.outbox.enqueue({
      channel: "sms",
      topic: m.topic,
      dedupeKey: m.dedupeKey ? `${m.dedupeKey}:sms` : null,
      ticketId: null,
      payload: m.payload,
      dueAt: now,
    });
  }

  private serviceName(id: string): { vi: string; en: string } | undefined {
    return this.d.config().services.find((s) => s.id === id)?.name;
  }

  private statusUrl(t: TicketRec): string {
    return `${this.d.publicUrl()}/t/${t.code}`;
  }
}

/** The outbox channel of one provider: reads the payload, finds the recipient, sends. */
export class ProviderChannel implements OutboxChannel {
  readonly name: string;

  constructor(
    private readonly provider: NoticeProvider,
    private readonly store: NoticeStore,
  ) {
    this.name = provider.channel;
  }

  async deliver(m: OutboxMessage): Promise<DeliveryOutcome> {
    let p: NoticePayload;
    try {
      p = JSON.parse(m.payload) as NoticePayload;
    } catch {
      return { ok: false, status: null, error: "unreadable notice payload", permanent: true };
    }
    const to = p.recipient ?? this.recipientOf(p.subscriptionId);
    if (!to) {
      const error =
        p.appointmentId !== undefined
          ? "the booking's phone number is no longer kept"
          : "the visitor stopped notices";
      return { ok: false, status: null, error, permanent: true };
    }
    if (!this.provider.accepts(to))
      return { ok: false, status: null, error: `${this.name} cannot reach this recipient`, permanent: true };
    return this.provider.send(to, {
      facts: p.facts,
      text: noticeText(p.facts),
      lang: p.lang,
      messageId: m.messageId,
    });
  }

  private recipientOf(id: number | undefined): NoticeRecipient | null {
    if (id === undefined) return null;
    const s = this.store.byId(id);
    if (!s) return null;
    return s.channel === "push"
      ? { kind: "push", subscription: JSON.parse(s.recipient) as PushSubscriptionJson }
      : { kind: "phone", phone: s.recipient };
  }
}

function view(s: NoticeSubscription): SubscriptionView {
  return {
    channel: s.channel,
    ahead: s.ahead,
    minutes: s.minutes,
    phone: s.channel === "push" ? null : `0${s.recipient.slice(2, 5)}****${s.recipient.slice(-3)}`,
    nearSent: s.nearSentAt !== null,
  };
}

/** A push subscription from a browser: an https endpoint and its two keys (base64url). */
function isPushSubscription(s: PushSubscriptionJson): boolean {
  const b64u = /^[A-Za-z0-9_-]+={0,2}$/;
  return (
    typeof s.endpoint === "string" &&
    s.endpoint.length <= 2048 &&
    URL.canParse(s.endpoint) &&
    /^https?:$/.test(new URL(s.endpoint).protocol) &&
    typeof s.keys?.p256dh === "string" &&
    typeof s.keys.auth === "string" &&
    b64u.test(s.keys.p256dh) &&
    b64u.test(s.keys.auth) &&
    s.keys.p256dh.length >= 80 &&
    s.keys.p256dh.length <= 100 &&
    s.keys.auth.length >= 16 &&
    s.keys.auth.length <= 32
  );
}
