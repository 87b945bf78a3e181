/**
 * A lean forward simulation of a hall from a given state, calling through the dispatch
 * policy's own pick with the view the core would give it. Shared by the estimate's floor
 * (floor.ts: many runs until one ticket is called) and the staffing advice
 * (staffing.ts: the rest of the day, with and without a change). Calling is pull-based
 * as in the hall: a counter that becomes free calls at once; an arrival is called at once
 * by the free counter that can serve it and has been idle longest.
 */
import type {
  Candidate,
  DispatchCounter,
  DispatchPolicy,
  DispatchView,
  HallCounter,
  Targets,
} from "../queue/dispatch.ts";
import { MinHeap } from "../queue/heap.ts";

/** A waiting or arriving visitor with the time they will really hold a counter (ms). */
export type SimTicket = Candidate & { serviceMs: number };

/** A counter in a forward run. */
export interface SimCounter {
  cfg: DispatchCounter;
  /** The visit in progress as the policy sees it (field, since), or null when free. */
  busy: { serviceId: string; since: number } | null;
  /** When the visit in progress really ends (ms). */
  freeAt: number;
  idleSince: number;
}

export interface ForwardInput {
  policy: DispatchPolicy;
  targets: Targets;
  now: number;
  waiting: readonly SimTicket[];
  counters: SimCounter[];
  /** The next arrival after the previous one (in time order), or null when the day's issuing is over. */
  nextArrival: () => SimTicket | null;
  /** The policy's view: expected service and expected remainder of a visit (ms). */
  meanMs: (serviceId: string) => number;
  residualMs: (serviceId: string, elapsedMs: number) => number;
  /** Stop as soon as this ticket is called. */
  stopAt?: number;
  /** Called for every call: ticket, counter, instant. */
  onCall?: (t: SimTicket, counter: number, at: number) => void;
}

/** Runs the hall forward; returns the call instant of every ticket called (by id). */
export function runForward(o: ForwardInput): Map<number, number> {
  const calledAt = new Map<number, number>();
  const waiting = new Map<number, SimTicket>();
  for (const t of o.waiting) waiting.set(t.id, t);
  const counters = o.counters;
  const events = new MinHeap<SimCounter>();
  for (const c of counters) if (c.busy) events.push(c.freeAt, c);
  const viewCounters: HallCounter[] = counters.map((c) => ({ ...c.cfg, freeAt: o.now }));
  const view: { -readonly [K in keyof DispatchView]: DispatchView[K] } = {
    now: o.now,
    targets: o.targets,
    counters: viewCounters,
    meanMs: o.meanMs,
  };
  const viewAt = (at: number): DispatchView => {
    view.now = at;
    counters.forEach((c, i) => {
      viewCounters[i]!.freeAt = c.busy ? at + o.residualMs(c.busy.serviceId, at - c.busy.since) : at;
    });
    return view;
  };
  let done = false;
  const call = (c: SimCounter, at: number): boolean => {
    const pick = o.policy.pick(waiting.values(), c.cfg, viewAt(at));
    if (!pick) return false;
    const t = waiting.get(pick.id)!;
    waiting.delete(pick.id);
    calledAt.set(t.id, at);
    o.onCall?.(t, c.cfg.number, at);
    if (t.id === o.stopAt) {
      done = true;
      return true;
    }
    c.busy = { serviceId: t.serviceId, since: at };
    c.freeAt = at + t.serviceMs;
    events.push(c.freeAt, c);
    return true;
  };
  const idle = () => counters.filter((c) => c.busy === null).sort((a, b) => a.idleSince - b.idleSince);
  for (const c of idle()) {
    if (done) break;
    call(c, o.now);
  }
  let arrival = o.nextArrival();
  while (!done) {
    const tc = events.peekKey();
    if (arrival && arrival.issuedAt <= tc) {
      const t = arrival;
      waiting.set(t.id, t);
      for (const c of idle()) if (c.cfg.serviceIds.includes(t.serviceId) && call(c, t.issuedAt)) break;
      arrival = o.nextArrival();
      continue;
    }
    if (!Number.isFinite(tc)) break;
    const c = events.pop()!;
    if (c.freeAt !== tc || c.busy === null) continue;
    c.busy = null;
    c.idleSince = tc;
    call(c, tc);
  }
  return calledAt;
}

/**
 * Arrivals of a non-homogeneous Poisson process, piecewise constant per slot: `rate(at)`
 * per minute is read at slot starts (`slotMs`); `draw(at)` makes the visitor.
 */
export function poissonArrivals(
  from: number,
  until: number,
  slotMs: number,
  rate: (at: number) => number,
  r: () => number,
  draw: (at: number) => SimTicket,
): () => SimTicket | null {
  let t = from;
  return () => {
    while (t < until) {
      const slotEnd = Math.min(until, (Math.floor(t / slotMs) + 1) * slotMs);
      const perMs = rate(t) / 60_000;
      if (perMs <= 0) {
        t = slotEnd;
        continue;
      }
      const step = -Math.log(Math.max(r(), 1e-12)) / perMs;
      if (t + step >= slotEnd) {
        t = slotEnd;
        continue;
      }
      t += step;
      return draw(t);
    }
    return null;
  };
}
