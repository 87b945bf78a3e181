/**
 * The queue core of one hall: the open tickets and counters in memory, and one pure
 * decision per command. A decision never mutates: it returns the `Change` to commit
 * (tickets, counters, event rows). The application writes the change to the store in
 * one transaction and only then calls `apply()`, so memory never runs ahead of disk.
 * No transport, no SQLite, no clock: `now` comes in as an argument (STYLE.md habit 1).
 */
import type { CounterConfig, HallConfig } from "../contract/config.ts";
import type { CounterDisplayState, HallCall, Priority, WaitingLine } from "../contract/domain.ts";
import {
  type DispatchCounter,
  type DispatchPolicy,
  type DispatchView,
  eligible,
  type HallCounter,
  POLICIES,
} from "./dispatch.ts";
import {
  type Estimate,
  type EtaCounter,
  type EtaInput,
  estimateAll,
  estimateSome,
  estimateWait,
  type ForeseenBooking,
} from "./eta.ts";
import { countersOn, issueState } from "./schedule.ts";
import { ArrivalRates, BookingStats, type ServiceTimes } from "./stats.ts";
import { serviceDay, waitedMs } from "./time.ts";
import { type Change, type CounterRec, DomainError, type EventDraft, type TicketRec } from "./types.ts";

export interface CoreState {
  /** Tickets waiting, called or serving. */
  openTickets: TicketRec[];
  counters: CounterRec[];
  /** Highest daily number per prefix issued on `day`. */
  seqs: Map<string, number>;
  day: string;
  nextTicketId: number;
  /** Latest calls, newest first (for the boards). */
  recentCalls: HallCall[];
  /** The prefix each field has issued under on `day` (a prefix change waits for the next day). */
  todayPrefixes?: ReadonlyMap<string, string>;
}

export interface IssueInput {
  serviceId: string;
  priority: Priority;
  kioskId: string | null;
  lang: "vi" | "en";
  /** A checked-in booking: due at its slot time (on-time dispatch promises that instead of issue + target). */
  dueAt?: number | null;
}

type Result = { change: Change; ticket: TicketRec };
const RECENT_CALLS = 12;

export class QueueCore {
  private cfg: HallConfig;
  private pol: DispatchPolicy;
  private readonly open = new Map<number, TicketRec>();
  private readonly codes = new Map<string, number>();
  /** The waiting tickets alone (dispatch and the estimate scan only these). */
  private readonly waitingById = new Map<number, TicketRec>();
  /** Counter number → id of the ticket called or served there. */
  private readonly atCounter = new Map<number, number>();
  private readonly counters = new Map<number, CounterRec>();
  private readonly counterCfg = new Map<number, CounterConfig>();
  private seqs: Map<string, number>;
  /** Field id → the prefix its tickets carry today. */
  private todayPrefix: Map<string, string>;
  private day: string;
  private nextId: number;
  private calls: HallCall[];
  /** Recent arrivals per field and class, fed by `apply()` (the estimate foresees overtakers with it). */
  readonly arrivals = new ArrivalRates();
  /** Today's bookings not yet checked in (issue 14), foreseen by the estimate; see `foreseeBookings`. */
  private bookings: readonly { serviceId: string; dueAt: number }[] = [];
  /** Booked visitors' punctuality and show rate, learned from check-ins and misses. */
  readonly bookingStats = new BookingStats();

  constructor(
    config: HallConfig,
    state: CoreState,
    readonly serviceTimes: ServiceTimes,
    private readonly newCode: () => string,
    private readonly iso: (ms: number) => string,
  ) {
    this.cfg = config;
    this.pol = POLICIES[config.dispatch.policy];
    this.day = state.day;
    this.setCounters();
    for (const c of state.counters) if (this.counterCfg.has(c.number)) this.counters.set(c.number, { ...c });
    for (const t of state.openTickets) this.index({ ...t });
    this.seqs = new Map(state.seqs);
    this.todayPrefix = new Map(state.todayPrefixes ?? []);
    this.nextId = state.nextTicketId;
    this.calls = state.recentCalls.slice(0, RECENT_CALLS);
  }

  /** The hall configuration in force. */
  get config(): HallConfig {
    return this.cfg;
  }

  /** The dispatch policy in force. */
  get policy(): DispatchPolicy {
    return this.pol;
  }

  /**
   * Takes a new configuration, committed by the settings (docs/decisions/0100): fields,
   * counters and their fields, the dispatch policy and targets apply to the next command.
   * Tickets and the visits at the desks are not touched: a counter that no longer serves
   * the field of its current visitor finishes that visit; a field's new prefix waits for
   * the next service day if the field issued tickets today. The settings guard has refused
   * removing a counter in use or a field with visitors.
   */
  reconfigure(config: HallConfig): void {
    this.cfg = config;
    this.pol = POLICIES[config.dispatch.policy];
    this.setCounters();
  }

  /** The prefix each field has issued under today. */
  todayPrefixes(): ReadonlyMap<string, string> {
    return this.todayPrefix;
  }

  /** Counters as configured for the current day (its assignments), keeping their state. */
  private setCounters(): void {
    const list = countersOn(this.cfg, this.day);
    this.counterCfg.clear();
    for (const c of list) {
      this.counterCfg.set(c.number, c);
      if (!this.counters.has(c.number))
        this.counters.set(c.number, {
          number: c.number,
          officerId: null,
          openedAt: null,
          pausedAt: null,
          pauseReason: null,
        });
    }
    for (const n of [...this.counters.keys()]) if (!this.counterCfg.has(n)) this.counters.delete(n);
  }

  // ---------------------------------------------------------------- reading

  /** The open ticket with this id, if any. */
  ticket(id: number): TicketRec | undefined {
    return this.open.get(id);
  }

  /** The open ticket with this public code, if any. */
  byCode(code: string): TicketRec | undefined {
    const id = this.codes.get(code);
    return id === undefined ? undefined : this.open.get(id);
  }

  /** The current service day (YYYY-MM-DD). */
  today(): string {
    return this.day;
  }

  /** Open tickets (waiting, called, serving). */
  openTickets(): IterableIterator<TicketRec> {
    return this.open.values();
  }

  counter(n: number): CounterRec | undefined {
    return this.counters.get(n);
  }

  counterConfig(n: number): CounterConfig | undefined {
    return this.counterCfg.get(n);
  }

  /** The counter an officer holds, if any. */
  counterOf(officerId: number): CounterRec | undefined {
    for (const c of this.counters.values()) if (c.officerId === officerId) return c;
    return undefined;
  }

  /** The ticket called or served at counter n. */
  current(n: number): TicketRec | undefined {
    const id = this.atCounter.get(n);
    return id === undefined ? undefined : this.open.get(id);
  }

  recentCalls(): readonly HallCall[] {
    return this.calls;
  }

  /** What the counter's LED board shows. */
  displayState(n: number): CounterDisplayState {
    const c = this.counters.get(n);
    if (!c || c.officerId === null) return "closed";
    const t = this.current(n);
    if (t) return t.status === "serving" ? "serving" : "called";
    return "idle";
  }

  /** Waiting count and longest wait per field, in config order. */
  waitingLines(now: number): WaitingLine[] {
    const lines = new Map<string, WaitingLine>();
    for (const s of this.config.services)
      lines.set(s.id, { serviceId: s.id, count: 0, longestWaitSec: 0, priorityCount: 0 });
    for (const t of this.open.values()) {
      if (t.status !== "waiting") continue;
      const l = lines.get(t.serviceId);
      if (!l) continue;
      l.count++;
      if (t.priority !== "none") l.priorityCount!++;
      if (t.dueAt != null) l.bookedCount = (l.bookedCount ?? 0) + 1;
      l.longestWaitSec = Math.max(l.longestWaitSec, Math.floor(waitedMs(t, now) / 1000));
    }
    return [...lines.values()];
  }

  /** Position, estimated wait and upper figure of a waiting ticket; null when it is not waiting. */
  estimate(ticketId: number, now: number): Estimate | null {
    const t = this.open.get(ticketId);
    if (t?.status !== "waiting") return null;
    return estimateWait(this.etaInput(now), t);
  }

  /**
   * Position, estimate and upper figure of some waiting tickets (e.g. those issued together),
   * in one set of runs: with one ticket exactly `estimate`.
   */
  estimateSome(ticketIds: Iterable<number>, now: number): Map<number, Estimate> {
    return estimateSome(this.etaInput(now), ticketIds);
  }

  /** Position, estimate and upper figure of every waiting ticket, in one pass (O(n log n)). */
  estimateAll(now: number): Map<number, Estimate> {
    return estimateAll(this.etaInput(now));
  }

  /** What dispatch may know of the hall at `now`: open counters and when they will be free. */
  dispatchView(now: number): DispatchView {
    const counters: HallCounter[] = [];
    for (const cfg of this.config.counters) {
      const c = this.counters.get(cfg.number)!;
      if (c.officerId === null || c.pausedAt !== null) continue;
      counters.push({
        number: cfg.number,
        serviceIds: cfg.serviceIds,
        priority: cfg.priority,
        freeAt: this.freeAt(cfg.number, now),
      });
    }
    return {
      now,
      targets: this.config.targets,
      counters,
      meanMs: (s) => this.serviceTimes.mean(s),
    };
  }

  private etaInput(now: number): EtaInput {
    const counters: EtaCounter[] = this.config.counters.map((cfg) => {
      const c = this.counters.get(cfg.number)!;
      const cur = this.current(cfg.number);
      return {
        number: cfg.number,
        serviceIds: cfg.serviceIds,
        priority: cfg.priority,
        active: c.officerId !== null && c.pausedAt === null,
        busy: cur ? { serviceId: cur.serviceId, since: cur.startedAt ?? cur.calledAt ?? now } : null,
      };
    });
    // Foreseen arrivals only while the field issues tickets by the one schedule rule
    // (decision 0101: lunch, holidays, make-up days, the cut-off, a field's own hours or
    // closing, a manual override), judged by the hours even where `enforceHours` is off
    // (people come in working hours); a hall without any hours has arrivals at any time.
    const anyHours = Object.values(this.config.hours).some((d) => d.length > 0);
    const schedule = anyHours ? { ...this.config, enforceHours: true } : null;
    // Issuing or not, per field and 5 minutes (the estimate asks at every foreseen arrival).
    const openAt = new Map<string, boolean>();
    const isOpen = (serviceId: string, at: number) => {
      const k = Math.floor(at / 300_000);
      const key = `${serviceId} ${k}`;
      let o = openAt.get(key);
      if (o === undefined) {
        o = issueState(schedule!, k * 300_000, serviceId).issuing;
        openAt.set(key, o);
      }
      return o;
    };
    const rates = new Map<string, Map<number, number>>();
    return {
      policy: this.policy.name,
      targets: this.config.targets,
      now,
      waiting: this.waiting(),
      counters,
      meanMs: (s) => this.serviceTimes.mean(s),
      cv: (s) => this.serviceTimes.cv(s),
      arrivals: (s, p, at) => {
        // The rate is constant within a minute (profile slots are whole minutes, the schedule
        // is judged per 5 minutes): asked once per field, class and minute of the forecast.
        const k = `${p ? "p" : "o"}${s}`;
        let perMinute = rates.get(k);
        if (!perMinute) {
          perMinute = new Map();
          rates.set(k, perMinute);
        }
        const m = Math.floor(at / 60_000);
        let rate = perMinute.get(m);
        if (rate === undefined) {
          rate = schedule && !isOpen(s, at) ? 0 : this.arrivals.perMin(s, p, at, now);
          perMinute.set(m, rate);
        }
        return rate;
      },
      booked: this.foreseenBookings(now),
      exact: {
        pick: (w, c, v) => this.policy.pick(w, c, v),
        residualMs: (s, e) => this.serviceTimes.residual(s, e),
      },
    };
  }

  /**
   * Today's bookings that have not checked in yet and still may (their window is open or
   * to come), each with its field and the due time its ticket will get: the estimate
   * foresees them at their expected check-in, weighted by the show rate (issue 14). The
   * caller replaces the whole list whenever it changes; a booking that checks in or is
   * missed leaves it (report a miss with `bookingStats.missed()`).
   */
  foreseeBookings(list: readonly { serviceId: string; dueAt: number }[]): void {
    this.bookings = list;
  }

  private foreseenBookings(now: number): ForeseenBooking[] | undefined {
    if (this.bookings.length === 0) return undefined;
    const out: ForeseenBooking[] = [];
    for (const b of this.bookings) {
      // Not here yet: the later it gets, the less likely they come (and the later they would).
      const e = this.bookingStats.expect(b.dueAt, now);
      if (e) out.push({ serviceId: b.serviceId, dueAt: b.dueAt, at: e.at, p: e.p });
    }
    return out;
  }

  /** When counter n's current visit is expected to end: now when free, else start + expected remainder. */
  private freeAt(n: number, now: number): number {
    const cur = this.current(n);
    if (!cur) return now;
    const since = cur.startedAt ?? cur.calledAt ?? now;
    return now + this.serviceTimes.residual(cur.serviceId, now - since);
  }

  // --------------------------------------------------------------- deciding

  /** Cancels what is left open from earlier service days; null when `now` is still today. */
  rollover(now: number): Change | null {
    const today = serviceDay(now);
    if (today === this.day) return null;
    const change = emptyChange();
    for (const t of this.open.values()) {
      if (t.serviceDay >= today) continue;
      change.tickets.push({ ...t, status: "cancelled", finishedAt: now });
      change.events.push(ev("cancelled", now, t, t.counter, null, { reason: "day-end" }));
    }
    (change as DayChange).day = today;
    return change;
  }

  /** Issues a ticket: next daily number of the field's prefix. */
  issue(input: IssueInput, now: number): Result {
    const service = this.config.services.find((s) => s.id === input.serviceId);
    if (!service) throw new DomainError("service-not-found");
    // A prefix changed today applies from tomorrow: today's numbers keep their letter.
    const prefix = this.todayPrefix.get(service.id) ?? service.prefix;
    const seq = (this.seqs.get(prefix) ?? 0) + 1;
    const ticket: TicketRec = {
      id: this.nextId,
      code: this.newCode(),
      serviceDay: this.day,
      prefix,
      seq,
      number: `${prefix}${String(seq).padStart(3, "0")}`,
      serviceId: service.id,
      firstServiceId: service.id,
      priority: input.priority,
      status: "waiting",
      issuedAt: now,
      calledAt: null,
      firstCalledAt: null,
      startedAt: null,
      finishedAt: null,
      counter: null,
      officerId: null,
      assignedCounter: null,
      callCount: 0,
      kioskId: input.kioskId,
      lang: input.lang,
      rating: null,
      ratedAt: null,
      dueAt: input.dueAt ?? null,
    };
    return {
      change: { tickets: [ticket], counters: [], events: [ev("issued", now, ticket, null, null, null)] },
      ticket,
    };
  }

  /** An officer takes counter n. */
  openCounter(n: number, officerId: number, now: number): { change: Change; counter: CounterRec } {
    const c = this.counters.get(n);
    if (!c) throw new DomainError("counter-not-found");
    if (c.officerId === officerId) return { change: emptyChange(), counter: c };
    if (c.officerId !== null) throw new DomainError("counter-taken");
    const held = this.counterOf(officerId);
    if (held) throw new DomainError("already-holding-counter", { counter: held.number });
    const next: CounterRec = { ...c, officerId, openedAt: now, pausedAt: null, pauseReason: null };
    return {
      change: { tickets: [], counters: [next], events: [cev("counter-opened", now, n, officerId, null)] },
      counter: next,
    };
  }

  /**
   * Closes counter n. The holder must finish or skip the current visit first; a
   * manager's forced close puts it back in line with its original issue time.
   */
  closeCounter(n: number, actorId: number, now: number, force: boolean): Change {
    const c = this.counters.get(n);
    if (!c) throw new DomainError("counter-not-found");
    if (c.officerId === null) return emptyChange();
    if (!force && c.officerId !== actorId) throw new DomainError("not-your-counter");
    const change = emptyChange();
    const cur = this.current(n);
    if (cur) {
      if (!force) throw new DomainError("ticket-in-progress");
      change.tickets.push(backInLine(cur));
      change.events.push(
        ev("transferred", now, cur, n, actorId, { reason: "counter-closed", toServiceId: cur.serviceId }),
      );
    }
    change.counters.push({ ...c, officerId: null, openedAt: null, pausedAt: null, pauseReason: null });
    change.events.push(
      cev("counter-closed", now, n, actorId, force ? { forced: true, holder: c.officerId } : null),
    );
    return change;
  }

  /** Pauses counter n ("Tạm nghỉ"): no calls until resumed. */
  pause(n: number, officerId: number, reason: string, now: number): Change {
    const c = this.held(n, officerId);
    if (c.pausedAt !== null) return emptyChange();
    if (this.current(n)) throw new DomainError("ticket-in-progress");
    return {
      tickets: [],
      counters: [{ ...c, pausedAt: now, pauseReason: reason }],
      events: [cev("counter-paused", now, n, officerId, { reason })],
    };
  }

  /** Ends a pause. */
  resume(n: number, officerId: number, now: number): Change {
    const c = this.held(n, officerId);
    if (c.pausedAt === null) return emptyChange();
    return {
      tickets: [],
      counters: [{ ...c, pausedAt: null, pauseReason: null }],
      events: [
        cev("counter-resumed", now, n, officerId, { pausedSec: Math.round((now - c.pausedAt) / 1000) }),
      ],
    };
  }

  /** "Gọi số tiếp theo": the dispatch policy's pick, or null when nobody waits for n. */
  callNext(n: number, officerId: number, now: number): Result | null {
    const c = this.held(n, officerId);
    if (c.pausedAt !== null) throw new DomainError("counter-paused");
    if (this.current(n)) throw new DomainError("ticket-in-progress");
    const pick = this.policy.pick(this.waiting(), this.dispatchCounter(n), this.dispatchView(now));
    if (!pick) return null;
    return this.call(this.open.get(pick.id)!, n, officerId, now, null);
  }

  /** Calls a given number out of order; the reason goes to the audit log. */
  callSpecific(n: number, officerId: number, number: string, reason: string, now: number): Result {
    const c = this.held(n, officerId);
    if (c.pausedAt !== null) throw new DomainError("counter-paused");
    if (this.current(n)) throw new DomainError("ticket-in-progress");
    const t = [...this.open.values()].find((x) => x.number === number.toUpperCase());
    if (!t) throw new DomainError("ticket-not-found");
    if (t.status !== "waiting") throw new DomainError("ticket-not-waiting");
    if (!eligible(t, this.dispatchCounter(n)))
      throw new DomainError("forbidden", { reason: "field-not-served" });
    const expected = this.policy.pick(this.waiting(), this.dispatchCounter(n), this.dispatchView(now));
    return this.call(t, n, officerId, now, { outOfOrder: true, reason, expected: expected?.id ?? null });
  }

  /** "Gọi lại": announces the current number again. */
  recall(n: number, officerId: number, now: number): Result {
    const t = this.currentOf(n, officerId);
    const next = { ...t, callCount: t.callCount + 1 };
    return {
      change: one(next, ev("recalled", now, next, n, officerId, { callCount: next.callCount })),
      ticket: next,
    };
  }

  /** "Bỏ qua / vắng mặt": the called visitor did not come. */
  noShow(n: number, officerId: number, now: number): Result {
    const t = this.currentOf(n, officerId);
    if (t.status !== "called") throw new DomainError("ticket-in-progress");
    const next: TicketRec = { ...t, status: "no-show", finishedAt: now };
    return { change: one(next, ev("no-show", now, next, n, officerId, null)), ticket: next };
  }

  /** "Bắt đầu": the visitor is at the desk. */
  start(n: number, officerId: number, now: number): Result {
    const t = this.currentOf(n, officerId);
    if (t.status === "serving") return { change: emptyChange(), ticket: t };
    const next: TicketRec = { ...t, status: "serving", startedAt: now };
    return { change: one(next, ev("started", now, next, n, officerId, null)), ticket: next };
  }

  /** "Hoàn thành": the visit is over. */
  finish(n: number, officerId: number, now: number): Result {
    const t = this.currentOf(n, officerId);
    const next: TicketRec = { ...t, status: "done", finishedAt: now };
    const serviceSec = Math.round((now - (t.startedAt ?? t.calledAt ?? now)) / 1000);
    return { change: one(next, ev("finished", now, next, n, officerId, { serviceSec })), ticket: next };
  }

  /**
   * "Chuyển quầy / lĩnh vực": the current visitor goes back in line for another field
   * (or the same one), or for one counter; the original issue time is kept for fairness.
   */
  transfer(n: number, officerId: number, to: { serviceId: string; counter?: number }, now: number): Result {
    const t = this.currentOf(n, officerId);
    if (!this.config.services.some((s) => s.id === to.serviceId)) throw new DomainError("service-not-found");
    if (to.counter !== undefined) {
      const cfg = this.counterCfg.get(to.counter);
      if (!cfg) throw new DomainError("counter-not-found");
      if (!cfg.serviceIds.includes(to.serviceId)) throw new DomainError("service-not-found");
    }
    const next: TicketRec = {
      ...backInLine(t),
      serviceId: to.serviceId,
      assignedCounter: to.counter ?? null,
    };
    const data = { fromServiceId: t.serviceId, toServiceId: to.serviceId, toCounter: to.counter ?? null };
    return { change: one(next, ev("transferred", now, next, n, officerId, data)), ticket: next };
  }

  /** The visitor gives up a waiting ticket (from the phone page). */
  cancel(t: TicketRec, now: number): Result {
    if (t.status !== "waiting") throw new DomainError("ticket-not-waiting");
    const next: TicketRec = { ...t, status: "cancelled", finishedAt: now };
    return { change: one(next, ev("cancelled", now, next, null, null, { reason: "visitor" })), ticket: next };
  }

  /** A rating 1–4 of a finished visit, once. `windowMs` limits how long after finishing. */
  rate(t: TicketRec, score: number, now: number, source: string, windowMs: number): Result {
    if (!Number.isInteger(score) || score < 1 || score > 4) throw new DomainError("invalid-rating");
    if (t.status !== "done") throw new DomainError("not-finished");
    if (t.rating !== null) throw new DomainError("already-rated");
    if (t.finishedAt !== null && now - t.finishedAt > windowMs) throw new DomainError("rating-closed");
    const next: TicketRec = { ...t, rating: score, ratedAt: now };
    return { change: one(next, ev("rated", now, next, t.counter, null, { score, source })), ticket: next };
  }

  // --------------------------------------------------------------- applying

  /** Applies a committed change to memory. Call only after the store committed it. */
  apply(change: Change): void {
    const day = (change as DayChange).day;
    if (day && day !== this.day) {
      this.day = day;
      this.seqs = new Map();
      this.todayPrefix = new Map();
      this.setCounters(); // the new day's assignments
    }
    for (const t of change.tickets) {
      if (t.id >= this.nextId) this.nextId = t.id + 1;
      if (t.serviceDay === this.day) {
        this.seqs.set(t.prefix, Math.max(this.seqs.get(t.prefix) ?? 0, t.seq));
        if (!this.todayPrefix.has(t.firstServiceId)) this.todayPrefix.set(t.firstServiceId, t.prefix);
      }
      this.index(t);
    }
    for (const c of change.counters) this.counters.set(c.number, c);
    for (const e of change.events) {
      if (e.type === "issued" && e.ticketId !== null) {
        const t = change.tickets.find((x) => x.id === e.ticketId);
        // Walk-ins make the arrival rate; a booked check-in is foreseen from its booking.
        if (t && t.dueAt == null) this.arrivals.add(t.serviceId, t.priority !== "none", e.at);
        else if (t) this.bookingStats.checkedIn(e.at - t.dueAt!);
      }
      if (e.type === "finished" && e.ticketId !== null) {
        const t = change.tickets.find((x) => x.id === e.ticketId);
        if (t) this.serviceTimes.add(t.serviceId, e.at - (t.startedAt ?? t.calledAt ?? e.at));
      }
      if ((e.type === "called" || e.type === "recalled") && e.ticketId !== null && e.counter !== null) {
        const t = change.tickets.find((x) => x.id === e.ticketId)!;
        this.calls = [
          {
            number: t.number,
            counter: e.counter,
            calledAt: this.iso(e.at),
            serviceId: t.serviceId,
            priority: t.priority,
            recall: e.type === "recalled",
          },
          ...this.calls.filter((c) => c.number !== t.number),
        ].slice(0, RECENT_CALLS);
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  /** Keeps the open-ticket maps in step with one ticket's new state. */
  private index(t: TicketRec): void {
    const old = this.open.get(t.id);
    if (old?.counter != null && this.atCounter.get(old.counter) === t.id) this.atCounter.delete(old.counter);
    if (t.status === "waiting") this.waitingById.set(t.id, t);
    else this.waitingById.delete(t.id);
    if (t.status === "waiting" || t.status === "called" || t.status === "serving") {
      this.open.set(t.id, t);
      this.codes.set(t.code, t.id);
      if (t.status !== "waiting" && t.counter !== null) this.atCounter.set(t.counter, t.id);
    } else {
      this.open.delete(t.id);
      this.codes.delete(t.code);
    }
  }

  /** Waiting tickets, in the order they (re)joined the line (a Map keeps insertion order). */
  private waiting(): IterableIterator<TicketRec> {
    return this.waitingById.values();
  }

  private dispatchCounter(n: number): DispatchCounter {
    const cfg = this.counterCfg.get(n)!;
    return { number: n, serviceIds: cfg.serviceIds, priority: cfg.priority };
  }

  private held(n: number, officerId: number): CounterRec {
    const c = this.counters.get(n);
    if (!c) throw new DomainError("counter-not-found");
    if (c.officerId === null) throw new DomainError("counter-not-open");
    if (c.officerId !== officerId) throw new DomainError("not-your-counter");
    return c;
  }

  private currentOf(n: number, officerId: number): TicketRec {
    this.held(n, officerId);
    const t = this.current(n);
    if (!t) throw new DomainError("no-current-ticket");
    return t;
  }

  private call(
    t: TicketRec,
    n: number,
    officerId: number,
    now: number,
    data: Record<string, unknown> | null,
  ): Result {
    const next: TicketRec = {
      ...t,
      status: "called",
      calledAt: now,
      firstCalledAt: t.firstCalledAt ?? now,
      counter: n,
      officerId,
      assignedCounter: null,
      callCount: t.callCount + 1,
    };
    const waitSec = Math.round(waitedMs(t, now) / 1000);
    return { change: one(next, ev("called", now, next, n, officerId, { ...data, waitSec })), ticket: next };
  }
}

type DayChange = Change & { day?: string };

function emptyChange(): Change {
  return { tickets: [], counters: [], events: [] };
}

function one(t: TicketRec, e: EventDraft): Change {
  return { tickets: [t], counters: [], events: [e] };
}

function backInLine(t: TicketRec): TicketRec {
  return { ...t, status: "waiting", counter: null, officerId: null, calledAt: null, startedAt: null };
}

function ev(
  type: EventDraft["type"],
  at: number,
  t: TicketRec,
  counter: number | null,
  officerId: number | null,
  data: Record<string, unknown> | null,
): EventDraft {
  return { type, at, ticketId: t.id, counter, officerId, serviceId: t.serviceId, data };
}

function cev(
  type: EventDraft["type"],
  at: number,
  counter: number,
  officerId: number,
  data: Record<string, unknown> | null,
): EventDraft {
  return { type, at, ticketId: null, counter, officerId, serviceId: null, data };
}
