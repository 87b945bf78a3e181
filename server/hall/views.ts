/**
 * The read side (STYLE.md "Push state, don't ping"; docs/decisions/0087-pushed-live-state.md):
 * every view a screen shows, built from the queue core's memory, with `seq` (the newest
 * event id), and each built **once per change** whoever asks:
 *
 *   hallState()          the public snapshot: `GET /api/hall`, MQTT `hall/state`, the `hall-state` frame
 *   counterDisplay(n)    counter n's LED board (MQTT `counter/{n}/display`)
 *   staffCounters()      every counter with holder, pause reason and ticket (staff)
 *   held(n)              counter n as its officer's console shows it
 *   mine(user)           the `mine` frame: the user, the counter they hold, their figures today
 *   ticket(id)           one ticket with its position and estimate (the phone page)
 *
 * Views are lazy: nothing is built until someone asks (an HTTP request, an open stream,
 * the MQTT gateway), so a commit costs little when nobody listens. A built view is a
 * `Frame`: its value, its JSON (stringified once, shared by MQTT and SSE) and its SSE
 * bytes (encoded once, shared by every client). A view is rebuilt when the hall's version
 * it depends on moved (hall.ts: every commit, per counter) or when time moved
 * (`refresh()`, every 15 s: waits grow and estimates drift without any event).
 */
import type { HeldCounter, StaffCounter, TodayFigures } from "../contract/api/counters.ts";
import type { HallConfig } from "../contract/config.ts";
import type { CounterInfo, HallSnapshot, UserInfo } from "../contract/domain.ts";
import type { HallEvent, PublicHallEvent } from "../contract/events.ts";
import type { CallCue, CounterDisplay, HallState } from "../contract/topics.ts";
import type { EventBus } from "../events/bus.ts";
import type { QueueCore } from "../queue/core.ts";
import type { Estimate } from "../queue/eta.ts";
import { counterExpected } from "../queue/schedule.ts";
import type { TicketRec } from "../queue/types.ts";
import type { HallStore } from "../store/store.ts";
import { callCue, dossierInfo, publicCall, publicEvent, statusDto, ticketDto } from "./dto.ts";
import type { Hall } from "./hall.ts";
import { ledText } from "./led.ts";

const ENC = new TextEncoder();

/** A view built once: its value, its JSON, and its SSE bytes under an event name. */
export class Frame<T> {
  /** Frames encoded to bytes since start (health: each frame once, whatever the clients). */
  static encoded = 0;
  private bytes: Uint8Array | null = null;

  constructor(
    /** The SSE event name. */
    readonly event: string,
    readonly value: T,
    readonly json: string,
    /** The SSE id (`seq`, or the event id of an event); negative: no `id:` line. */
    readonly id: number,
  ) {}

  /** Builds a frame of `value`, stringified now. */
  static of<T>(event: string, value: T, id: number): Frame<T> {
    return new Frame(event, value, JSON.stringify(value), id);
  }

  /** `id:`, `event:`, `data:` lines, encoded once for every client. */
  sse(): Uint8Array {
    const id = this.id >= 0 ? `id: ${this.id}\n` : "";
    if (this.bytes) return this.bytes;
    Frame.encoded++;
    this.bytes = ENC.encode(`${id}event: ${this.event}\ndata: ${this.json}\n\n`);
    return this.bytes;
  }
}

export interface ViewsDeps {
  hall: Hall;
  core: QueueCore;
  store: HallStore;
  config: () => HallConfig;
  bus: EventBus;
  now: () => number;
  publicUrl: () => string;
  /** A staff account's name and info (null when unknown). */
  user: (id: number) => UserInfo | null;
  /**
   * Position and estimate of waiting tickets: `ids` are the ones needed now (open
   * streams). main.ts passes the queue core's one-pass estimate of every waiting ticket
   * (`(_ids, now) => core.estimateAll(now)`); without it each is estimated alone.
   */
  estimate?: (ids: readonly number[], now: number) => ReadonlyMap<number, Estimate | null>;
}

type Cached<T> = { key: string; frame: Frame<T> };

/** Per-ticket frame: `{ seq, ticket }`. */
export type TicketFrameValue = { seq: number; ticket: ReturnType<typeof ticketDto> };
export type MineValue = {
  seq: number;
  user: UserInfo;
  counter: HeldCounter | null;
  today: TodayFigures | null;
};

export class HallViews {
  /** Bumped by `refresh()`: time-dependent views (waits, estimates) are rebuilt. */
  private epoch = 0;
  private hallCache: Cached<HallState> | null = null;
  private countersCache: Cached<{ seq: number; counters: StaffCounter[] }> | null = null;
  private readonly displayCache = new Map<number, Cached<CounterDisplay>>();
  private readonly heldCache = new Map<number, { key: string; value: HeldCounter }>();
  private readonly todayCache = new Map<number, { key: string; value: TodayFigures }>();
  private readonly ticketCache = new Map<number, Cached<TicketFrameValue>>();
  private estimates: { key: string; map: Map<number, Estimate | null> } | null = null;
  /**
   * Whether each counter is expected open, per configuration and minute: sessions start
   * and end on whole minutes, so the answer holds for the minute (held() asks at every change).
   */
  private expected: { cfg: HallConfig | null; minute: number; open: Map<number, boolean> } = {
    cfg: null,
    minute: -1,
    open: new Map(),
  };
  /** The public and cue forms of each committed event, built once for every feed. */
  private readonly forms = new WeakMap<
    HallEvent,
    { pub: Frame<PublicHallEvent> | null; cue: Frame<CallCue> | null; staff: Frame<HallEvent> }
  >();

  constructor(private readonly d: ViewsDeps) {}

  /** The newest event id. */
  seq(): number {
    return this.d.hall.lastEventId();
  }

  /** Time moved: waits and estimates are rebuilt at the next ask; listeners hear `refresh`. */
  refresh(): void {
    this.epoch++;
  }

  /** Counts of what was built (tests and the live bench read it). */
  readonly built = { hall: 0, counters: 0, tickets: 0, estimates: 0 };

  // ------------------------------------------------------------------ the public snapshot

  /** The public hall snapshot with `seq` (`hall-state`, MQTT `hall/state`, `GET /api/hall` plus seq). */
  hallState(): Frame<HallState> {
    const key = `${this.d.hall.version}/${this.epoch}`;
    if (this.hallCache?.key === key) return this.hallCache.frame;
    const cfg = this.d.config();
    const now = this.d.now();
    const snapshot: HallSnapshot = {
      hall: { id: cfg.id, name: cfg.name.vi, nameEn: cfg.name.en },
      calls: this.d.core.recentCalls().map(publicCall),
      waiting: this.d.core.waitingLines(now),
      counters: cfg.counters.map((c) => this.publicCounter(c.number)),
      notice: this.d.hall.notice(),
      configVersion: this.d.hall.configVersion,
      status: statusDto(this.d.hall.issueState(undefined, now)),
    };
    const seq = this.seq();
    const frame = Frame.of<HallState>("hall-state", { ...snapshot, seq }, seq);
    this.built.hall++;
    this.hallCache = { key, frame };
    return frame;
  }

  /** The `GET /api/hall` body: the public snapshot without `seq`. */
  hallSnapshot(): HallSnapshot {
    const { seq: _s, ...snapshot } = this.hallState().value;
    return snapshot;
  }

  /** The notice frame (`notice`). */
  noticeFrame(): Frame<{ seq: number; notice: { vi: string; en: string } | null }> {
    const seq = this.seq();
    return Frame.of("notice", { seq, notice: this.d.hall.notice() }, seq);
  }

  // ------------------------------------------------------------------ counters

  /** Counter n as its officer sees it: with holder id, pause reason and the ticket at it. */
  held(n: number): HeldCounter {
    // With the time epoch: whether the counter is expected open moves with the schedule.
    const key = `${this.d.hall.counterVersion(n)}/${this.epoch}`;
    const hit = this.heldCache.get(n);
    if (hit?.key === key) return hit.value;
    const cfg = this.d.core.counterConfig(n);
    const c = this.d.core.counter(n);
    if (!cfg || !c) throw new Error(`counter ${n} is not configured`);
    const cur = this.d.core.current(n);
    const value: HeldCounter = {
      number: n,
      open: c.officerId !== null,
      serviceIds: [...cfg.serviceIds],
      current: cur?.number ?? null,
      name: cfg.name ?? { vi: `Quầy ${n}`, en: `Counter ${n}` },
      priorityCounter: cfg.priority,
      paused: c.pausedAt !== null,
      state: this.d.core.displayState(n),
      expected: this.expectedOpen(n),
      officerId: c.officerId,
      pauseReason: c.pauseReason,
      currentTicket: cur ? ticketDto(cur, this.d.publicUrl(), null) : null,
    };
    if (cur) {
      const link = this.d.hall.dossierOf(cur.id);
      value.currentDossier = link && dossierInfo(link);
    }
    this.heldCache.set(n, { key, value });
    return value;
  }

  /** Is counter n expected open now (the schedule), worked out once per minute and configuration. */
  private expectedOpen(n: number): boolean {
    const cfg = this.d.config();
    const now = this.d.now();
    const minute = Math.floor(now / 60_000);
    const e = this.expected;
    if (e.cfg !== cfg || e.minute !== minute) this.expected = { cfg, minute, open: new Map() };
    let open = this.expected.open.get(n);
    if (open === undefined) {
      open = counterExpected(cfg, n, now);
      this.expected.open.set(n, open);
    }
    return open;
  }

  /** Counter n on public feeds: no officer, no pause reason, no ticket code. */
  publicCounter(n: number): CounterInfo {
    const { officerId: _o, pauseReason: _p, currentTicket: _t, currentDossier: _d, ...pub } = this.held(n);
    return pub;
  }

  /** Counter n as staff lists show it (`GET /api/counters`, the `counters` frame). */
  staffCounter(n: number): StaffCounter {
    const i = this.held(n);
    return {
      number: i.number,
      officer: i.officerId === null ? null : (this.d.user(i.officerId)?.name ?? null),
      officerId: i.officerId,
      serviceIds: i.serviceIds,
      open: i.open,
      paused: i.paused,
      pauseReason: i.pauseReason,
      state: i.state,
      priorityCounter: i.priorityCounter,
      name: i.name,
      current: i.currentTicket,
    };
  }

  /** Every counter as staff see it, with `seq` (the `counters` frame). */
  staffCounters(): Frame<{ seq: number; counters: StaffCounter[] }> {
    const key = `${this.d.hall.countersVersion}`;
    if (this.countersCache?.key === key) return this.countersCache.frame;
    const seq = this.seq();
    const counters = this.d.config().counters.map((c) => this.staffCounter(c.number));
    const frame = Frame.of("counters", { seq, counters }, seq);
    this.built.counters++;
    this.countersCache = { key, frame };
    return frame;
  }

  /** Counter n's LED board payload. */
  counterDisplay(n: number): Frame<CounterDisplay> {
    const key = `${this.d.hall.counterVersion(n)}`;
    const hit = this.displayCache.get(n);
    if (hit?.key === key) return hit.frame;
    const h = this.held(n);
    const seq = this.seq();
    const value: CounterDisplay = {
      seq,
      number: h.current,
      state: h.state,
      text: ledText(h.state, h.current, n, h.paused),
    };
    const frame = Frame.of("counter-display", value, seq);
    this.displayCache.set(n, { key, frame });
    return frame;
  }

  /** An officer's own figures today: served, mean service time, no-shows (changes only with their counter). */
  officerToday(officerId: number): TodayFigures {
    const n = this.d.core.counterOf(officerId)?.number;
    const key = `${n ?? "-"}/${n === undefined ? this.d.hall.version : this.d.hall.counterVersion(n)}/${this.d.core.today()}`;
    const hit = this.todayCache.get(officerId);
    if (hit?.key === key) return hit.value;
    const value = this.d.store.officerToday(officerId, this.d.core.today());
    this.todayCache.set(officerId, { key, value });
    return value;
  }

  /** The `mine` frame of a user: who they are, the counter they hold, their figures today. */
  mine(user: UserInfo): Frame<MineValue> {
    const n = this.d.core.counterOf(user.id)?.number ?? null;
    const seq = this.seq();
    const value: MineValue = {
      seq,
      user,
      counter: n === null ? null : this.held(n),
      today: n === null ? null : this.officerToday(user.id),
    };
    return Frame.of("mine", value, seq);
  }

  // ------------------------------------------------------------------ tickets

  /** The open or stored record of a ticket. */
  ticketRec(id: number): TicketRec | null {
    return this.d.core.ticket(id) ?? this.d.store.ticketById(id) ?? null;
  }

  /**
   * Ticket `id` as its phone page shows it (`ticket` frame): status, counter, and while it
   * waits its position and estimate. Null when there is no such ticket.
   */
  ticket(id: number): Frame<TicketFrameValue> | null {
    const key = `${this.d.hall.version}/${this.epoch}`;
    const hit = this.ticketCache.get(id);
    if (hit?.key === key) return hit.frame;
    const rec = this.ticketRec(id);
    if (!rec) return null;
    const est = rec.status === "waiting" ? (this.estimatesFor([id]).get(id) ?? null) : null;
    const seq = this.seq();
    const frame = Frame.of<TicketFrameValue>(
      "ticket",
      { seq, ticket: ticketDto(rec, this.d.publicUrl(), est) },
      seq,
    );
    this.built.tickets++;
    this.ticketCache.set(id, { key, frame });
    return frame;
  }

  /** Forgets a ticket's cached frame (nobody watches it any more). */
  forgetTicket(id: number): void {
    this.ticketCache.delete(id);
  }

  /**
   * Estimates of the waiting tickets among `ids`, computed once per hall version and
   * time epoch for everyone who asks: all of `ids` in one go, so a flush to a thousand
   * phones runs the estimate a thousand times at most (once, with the one-pass estimate).
   */
  estimatesFor(ids: readonly number[]): ReadonlyMap<number, Estimate | null> {
    const key = `${this.d.hall.version}/${this.epoch}`;
    if (this.estimates?.key !== key) this.estimates = { key, map: new Map() };
    const map = this.estimates.map;
    const missing = ids.filter((id) => !map.has(id));
    if (missing.length > 0) {
      const now = this.d.now();
      const got = this.d.estimate
        ? this.d.estimate(missing, now)
        : new Map(missing.map((id) => [id, this.d.core.estimate(id, now)]));
      for (const id of missing) map.set(id, got.get(id) ?? null);
      for (const [id, e] of got) map.set(id, e);
      this.built.estimates += missing.length;
    }
    return map;
  }

  // ------------------------------------------------------------------ events

  /**
   * The forms of one committed event, built once for every feed: public (SSE
   * `/api/events`, MQTT `events`; null for an audit event), the call cue (null unless a
   * call or recall) and the staff form (the staff stream's `event` frame).
   */
  eventForms(e: HallEvent): {
    pub: Frame<PublicHallEvent> | null;
    cue: Frame<CallCue> | null;
    staff: Frame<HallEvent>;
  } {
    let f = this.forms.get(e);
    if (!f) {
      const pub = publicEvent(e);
      const cue = callCue(e);
      f = {
        pub: pub ? Frame.of(pub.type, pub, e.id) : null,
        cue: cue ? Frame.of("hall-call", cue, e.id) : null,
        staff: Frame.of("event", e, e.id),
      };
      this.forms.set(e, f);
    }
    return f;
  }
}
