/**
 * The outbox: messages to outside systems (the one-stop system's webhook now; the Web Push,
 * Zalo ZNS and SMS notices of issue 14 later) written in the same SQLite transaction as the
 * event that causes them, and delivered by this worker afterwards, so that a receiver that
 * is down or slow never blocks, slows or undoes anything in the hall
 * (docs/decisions/0043-dossier-codes-and-webhook.md).
 *
 * - A channel (`OutboxChannel`) knows how to deliver one message; the worker knows when.
 * - Each channel has its own lane, at most `concurrency` deliveries at once in it; each
 *   attempt has its channel's own timeout. A hung vendor holds up only its own channel.
 * - A failed attempt is retried with exponential backoff and jitter (`baseMs` × 2^n, at
 *   most `maxMs`, × 0.8–1.2), or after the receiver's `Retry-After`; after `giveUpMs`
 *   since the message was written it is marked `failed` and shown to the manager, who may
 *   send it again (`requeue`).
 * - Delivery is at least once: a message whose delivery was under way when the server
 *   stopped is sent again after the restart; receivers deduplicate by its `messageId`.
 */
import type { Clock } from "../queue/clock.ts";
import type { NewMessage, OutboxMessage, OutboxStore } from "../store/outbox.ts";

/** What one delivery attempt came to. */
export type DeliveryOutcome =
  | { ok: true; status: number | null }
  | {
      ok: false;
      status: number | null;
      error: string;
      retryAfterMs?: number;
      /** Retrying cannot help (a rejected template, an invalid number, a push subscription gone): give up now. */
      permanent?: boolean;
    };

/** How a message ended: delivered, or given up (after retries, or at once when permanent). */
export type Settled =
  | { message: OutboxMessage; delivered: true; status: number | null }
  | { message: OutboxMessage; delivered: false; status: number | null; error: string };

/** A way out of the hall: a webhook, Web Push, Zalo ZNS, an SMS gateway… */
export interface OutboxChannel {
  readonly name: string;
  /** Delivers one message; must resolve (never throw) within its own timeout. */
  deliver(m: OutboxMessage): Promise<DeliveryOutcome>;
}

export interface OutboxOptions {
  store: OutboxStore;
  clock: Clock;
  channels: OutboxChannel[];
  log?: (line: string) => void;
  concurrency?: number;
  /** First retry after about this long (default 10 s). */
  baseMs?: number;
  /** Longest wait between two attempts (default 1 h). */
  maxMs?: number;
  /** Give up this long after the message was written (default 24 h). */
  giveUpMs?: number;
  /** Messages read per round (default 50). */
  batch?: number;
  random?: () => number;
  /**
   * Called once per message when it is delivered or given up (after its bookkeeping was
   * written): the notices log it as an event and forget a recipient no longer needed.
   * Must not throw; a throw is logged.
   */
  onSettled?: (s: Settled) => void;
}

/** The outbox worker and the way in (`enqueue`). */
export class Outbox {
  private readonly channels = new Map<string, OutboxChannel>();
  private readonly inFlight = new Set<number>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;
  /** The running lane of each channel (see runDue). */
  private readonly lanes = new Map<string, { again: boolean; done: Promise<number> }>();
  private readonly o: Required<Omit<OutboxOptions, "channels" | "log" | "onSettled">> & {
    log: (l: string) => void;
    onSettled: (s: Settled) => void;
  };

  constructor(opts: OutboxOptions) {
    for (const c of opts.channels) this.channels.set(c.name, c);
    this.o = {
      store: opts.store,
      clock: opts.clock,
      log: opts.log ?? (() => {}),
      concurrency: opts.concurrency ?? 4,
      baseMs: opts.baseMs ?? 10_000,
      maxMs: opts.maxMs ?? 3_600_000,
      giveUpMs: opts.giveUpMs ?? 24 * 3_600_000,
      batch: opts.batch ?? 50,
      random: opts.random ?? Math.random,
      onSettled: opts.onSettled ?? (() => {}),
    };
  }

  /** Adds a channel (issue 14's notices plug in here). */
  addChannel(c: OutboxChannel): void {
    this.channels.set(c.name, c);
  }

  /**
   * Writes a message. Call it inside the transaction of the change that causes it (a hall
   * commit reaction): it commits or rolls back with that change. The worker is woken
   * after the current task, when the transaction has committed.
   */
  enqueue(m: Omit<NewMessage, "messageId" | "createdAt"> & { createdAt?: number }): number {
    const now = this.o.clock.now();
    const id = this.o.store.enqueue({ ...m, messageId: newMessageId(), createdAt: m.createdAt ?? now });
    this.poke();
    return id;
  }

  /** Starts the worker (delivers what is due, then sleeps until the next due message). */
  start(): void {
    this.stopped = false;
    this.poke();
  }

  /** Stops scheduling; waits for the deliveries under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await Promise.all([...this.lanes.values()].map((l) => l.done));
  }

  /** Wakes the worker soon (after a new message, or a manager's requeue). */
  poke(delayMs = 0): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runDue();
    }, delayMs);
  }

  /**
   * Delivers every message due now and schedules the next wake-up. Each channel has its
   * own lane (at most `concurrency` deliveries at once per channel), so a vendor that
   * hangs holds up only its own messages: Zalo timing out never delays a Web Push notice
   * or the webhook. A lane already running is asked to look again when it is done; the
   * caller waits for the lanes of the channels that had messages due. Returns how many
   * attempts were made. Tests with a fake clock call it directly.
   */
  async runDue(): Promise<number> {
    const channels = this.o.store.dueChannels(this.o.clock.now());
    try {
      const counts = await Promise.all(channels.map((ch) => this.lane(ch)));
      return counts.reduce((a, b) => a + b, 0);
    } finally {
      this.schedule();
    }
  }

  /** The lane of one channel: drains its due messages, again while asked to. */
  private lane(channel: string): Promise<number> {
    const cur = this.lanes.get(channel);
    if (cur) {
      cur.again = true;
      return cur.done;
    }
    const st: { again: boolean; done: Promise<number> } = { again: false, done: Promise.resolve(0) };
    st.done = (async () => {
      let attempts = 0;
      try {
        do {
          st.again = false;
          attempts += await this.drain(channel);
        } while (st.again && !this.stopped);
      } finally {
        this.lanes.delete(channel);
      }
      return attempts;
    })();
    this.lanes.set(channel, st);
    return st.done;
  }

  /** Delivers the channel's messages due now, `concurrency` at a time. */
  private async drain(channel: string): Promise<number> {
    let attempts = 0;
    // Bounded: a message whose bookkeeping fails stays due and must not spin this loop.
    for (let pass = 0; pass < 20; pass++) {
      const now = this.o.clock.now();
      const due = this.o.store.dueFor(channel, now, this.o.batch).filter((m) => !this.inFlight.has(m.id));
      if (due.length === 0) break;
      const queue = [...due];
      const workers = Array.from({ length: Math.min(this.o.concurrency, queue.length) }, async () => {
        for (let m = queue.shift(); m; m = queue.shift()) {
          attempts++;
          await this.attempt(m);
        }
      });
      await Promise.all(workers);
      if (due.length < this.o.batch) break;
    }
    return attempts;
  }

  /** The wait before attempt number `attempts + 1` (after `attempts` failures), with jitter. */
  backoff(attempts: number): number {
    const raw = Math.min(this.o.maxMs, this.o.baseMs * 2 ** Math.max(0, attempts - 1));
    return Math.round(raw * (0.8 + 0.4 * this.o.random()));
  }

  /**
   * Replaces the payload (and due time) of a message not yet attempted and not being sent
   * now; false otherwise (the caller writes a new message). A message on its way out keeps
   * what it carries: a change amended into it then would be marked delivered unsent.
   */
  amend(id: number, payload: string, dueAt: number): boolean {
    if (this.inFlight.has(id)) return false;
    return this.o.store.amend(id, payload, dueAt);
  }

  private async attempt(batched: OutboxMessage): Promise<void> {
    const channel = this.channels.get(batched.channel);
    // Read again when its turn comes: an earlier send of the batch may have taken a while,
    // and the message may have been amended (latest payload, maybe a later due time) since.
    const m = this.o.store.byId(batched.id);
    if (m?.state !== "pending" || m.dueAt > this.o.clock.now() || this.inFlight.has(m.id)) return;
    this.inFlight.add(m.id);
    let out: DeliveryOutcome;
    try {
      out = channel
        ? await channel.deliver(m)
        : { ok: false, status: null, error: `no channel "${m.channel}" is configured` };
    } catch (e) {
      out = { ok: false, status: null, error: String((e as Error)?.message ?? e) };
    } finally {
      this.inFlight.delete(m.id);
    }
    const now = this.o.clock.now();
    try {
      if (out.ok) {
        this.o.store.delivered(m.id, now, out.status);
        this.settled({ message: m, delivered: true, status: out.status });
        return;
      }
      const wait = Math.max(out.retryAfterMs ?? 0, this.backoff(m.attempts + 1));
      const giveUp = out.permanent === true || now + wait - m.createdAt > this.o.giveUpMs;
      this.o.store.attemptFailed(m.id, now, out.status, out.error, giveUp ? null : now + wait);
      this.o.log(
        `[outbox] ${m.channel} ${m.topic} ${m.messageId}: ${out.error}` +
          (giveUp ? " — gave up (visible to the manager)" : ` — retry in ${Math.round(wait / 1000)} s`),
      );
      if (giveUp) this.settled({ message: m, delivered: false, status: out.status, error: out.error });
    } catch (e) {
      // The database refused the bookkeeping (full disk…): the message stays due and is
      // tried again next round; delivery is at least once.
      this.o.log(`[outbox] could not record the attempt of ${m.messageId}: ${String(e)}`);
    }
  }

  private settled(s: Settled): void {
    try {
      this.o.onSettled(s);
    } catch (e) {
      this.o.log(`[outbox] onSettled of ${s.message.messageId} failed: ${String(e)}`);
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    const next = this.o.store.nextDueAt();
    if (next === null) return;
    // Sleep until the next due message; wake at least every 30 s (a clock change, a requeue by hand).
    const delay = Math.min(30_000, Math.max(250, next - this.o.clock.now()));
    this.poke(delay);
  }
}

/** `msg_` + 20 random base32 characters (100 bits): the message's id, stable across retries. */
export function newMessageId(): string {
  const abc = "abcdefghijklmnopqrstuvwxyz234567";
  const b = crypto.getRandomValues(new Uint8Array(20));
  return `msg_${Array.from(b, (x) => abc[x & 31]).join("")}`;
}
