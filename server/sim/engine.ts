/**
 * The hall simulator's engine: a discrete-event loop around a queue core, shared by the
 * dispatch/estimate study (`replay.ts`), the staffing advice (`staffing.ts`) and the
 * report generator (bench/reports-sim.ts). Calling is pull-based, as in the hall: a
 * counter that becomes free calls at once; a new ticket is called at once by the free
 * eligible counter that has been idle longest. Every decision goes through the real
 * `QueueCore` (decide → commit → apply), so `ServiceTimes` is fed exactly as in the server.
 * What happens during a visit (service, no-show, recall, transfer, rating) is the
 * caller's visit model: it schedules events and calls `release()` when the desk is free.
 */
import type { Priority } from "../contract/domain.ts";
import type { QueueCore } from "../queue/core.ts";
import type { Change, TicketRec } from "../queue/types.ts";
import { EventHeap } from "./heap.ts";

/** What a visit does once its ticket is called at counter `n` (schedule events, then `release`). */
export type VisitModel = (sim: SimEngine, n: number, ticket: TicketRec, now: number) => void;

interface CounterState {
  n: number;
  serviceIds: readonly string[];
  officer: number | null;
  /** closed: no officer; idle: open and free; busy: a visit; paused: "Tạm nghỉ". */
  state: "closed" | "idle" | "busy" | "paused";
  idleSince: number;
  /** After this instant the counter closes instead of calling (end of its shift); Infinity = never. */
  lastCall: number;
}

export interface EngineOptions {
  core: QueueCore;
  /** Writes a change (store, or nothing) and applies it to the core. Default: apply only. */
  commit?: (change: Change) => void;
  visit: VisitModel;
}

/** A discrete-event simulation of one hall around its queue core. */
export class SimEngine {
  readonly core: QueueCore;
  readonly heap = new EventHeap();
  /** Current simulated instant (epoch ms). */
  now = 0;
  private readonly counters = new Map<number, CounterState>();
  private readonly byField = new Map<string, CounterState[]>();
  private readonly commitFn: (change: Change) => void;
  private readonly visit: VisitModel;

  constructor(o: EngineOptions) {
    this.core = o.core;
    this.commitFn = o.commit ?? ((c) => o.core.apply(c));
    this.visit = o.visit;
    for (const cfg of o.core.config.counters) {
      const c: CounterState = {
        n: cfg.number,
        serviceIds: cfg.serviceIds,
        officer: null,
        state: "closed",
        idleSince: 0,
        lastCall: Number.POSITIVE_INFINITY,
      };
      this.counters.set(cfg.number, c);
      for (const s of cfg.serviceIds) {
        let xs = this.byField.get(s);
        if (!xs) {
          xs = [];
          this.byField.set(s, xs);
        }
        xs.push(c);
      }
    }
  }

  /** Commits a change through the caller's commit (store + apply). */
  commit(change: Change): void {
    this.commitFn(change);
  }

  /** Schedules `f` at `t` (epoch ms). */
  at(t: number, f: () => void): void {
    this.heap.push(t, f);
  }

  /** Runs events in time order until none is left or the next one is after `until`. */
  run(until = Number.POSITIVE_INFINITY): void {
    while (this.heap.size > 0 && this.heap.peekTime() <= until) {
      const e = this.heap.pop()!;
      this.now = e.t;
      e.f();
    }
  }

  /** State of counter n (closed, idle, busy, paused). */
  state(n: number): CounterState["state"] {
    return this.counters.get(n)?.state ?? "closed";
  }

  /** Officer `officer` opens counter n at `now` (and calls at once). */
  open(n: number, officer: number, now: number, lastCall = Number.POSITIVE_INFINITY): void {
    const c = this.counters.get(n)!;
    this.commit(this.core.openCounter(n, officer, now).change);
    c.officer = officer;
    c.state = "idle";
    c.idleSince = now;
    c.lastCall = lastCall;
    this.tryCall(c, now);
  }

  /** Closes counter n when it is free (now if idle, else once its visit ends). */
  close(n: number, now: number): void {
    const c = this.counters.get(n)!;
    c.lastCall = Math.min(c.lastCall, now);
    if (c.state === "idle" || c.state === "paused") this.tryCall(c, now);
  }

  /** Pauses an idle counter ("Tạm nghỉ") for `minutes`; returns false when it is not idle. */
  pause(n: number, reason: string, now: number, minutes: number): boolean {
    const c = this.counters.get(n)!;
    if (c.state !== "idle") return false;
    this.pauseFor(c, reason, now, minutes);
    return true;
  }

  private pauseFor(c: CounterState, reason: string, now: number, minutes: number): void {
    const n = c.n;
    this.commit(this.core.pause(n, c.officer!, reason, now));
    c.state = "paused";
    const back = now + minutes * 60_000;
    this.at(back, () => {
      if (c.state !== "paused") return;
      this.commit(this.core.resume(n, c.officer!, back));
      c.state = "idle";
      c.idleSince = back;
      this.tryCall(c, back);
    });
  }

  /**
   * Issues a ticket at `now` (with `dueAt`: a booking checked in, due at its slot) and wakes
   * the free counter idle longest that can call it.
   */
  issue(
    serviceId: string,
    priority: Priority,
    now: number,
    kioskId: string | null = null,
    dueAt: number | null = null,
  ): TicketRec {
    const r = this.core.issue({ serviceId, priority, kioskId, lang: "vi", dueAt }, now);
    this.commit(r.change);
    this.wake(serviceId, now);
    return r.ticket;
  }

  /** The officer of counter n (null when closed). */
  officer(n: number): number | null {
    return this.counters.get(n)?.officer ?? null;
  }

  /**
   * The visit at counter n is over (finished, no-show, transferred): the counter calls
   * next, or first takes a break (`pause`: "Tạm nghỉ" for that many minutes).
   */
  release(n: number, now: number, pause?: { reason: string; minutes: number }): void {
    const c = this.counters.get(n)!;
    c.state = "idle";
    c.idleSince = now;
    if (pause && now < c.lastCall) this.pauseFor(c, pause.reason, now, pause.minutes);
    else this.tryCall(c, now);
  }

  /** Free counters that serve `serviceId` call, idle longest first, while tickets wait. */
  wake(serviceId: string, now: number): void {
    const cs = this.byField.get(serviceId);
    if (!cs) return;
    for (;;) {
      let best: CounterState | null = null;
      for (const c of cs) if (c.state === "idle" && (best === null || c.idleSince < best.idleSince)) best = c;
      if (!best || !this.tryCall(best, now)) return;
    }
  }

  /** Counter c calls next if it is idle and someone waits for it; true when it called. */
  private tryCall(c: CounterState, now: number): boolean {
    if (c.state !== "idle") return false;
    if (now > c.lastCall) {
      this.commit(this.core.closeCounter(c.n, c.officer!, now, false));
      c.state = "closed";
      c.officer = null;
      return false;
    }
    const r = this.core.callNext(c.n, c.officer!, now);
    if (!r) return false;
    this.commit(r.change);
    c.state = "busy";
    this.visit(this, c.n, r.ticket, now);
    return true;
  }
}
