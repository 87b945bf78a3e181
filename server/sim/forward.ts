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
  // Waiting tickets per route (field, or "#n" when sent to counter n): a counter's pick
  // sees only those it may call, which is all any policy looks at.
  const byRoute = new Map<string, Map<number, SimTicket>>();
  const routeOf = (t: SimTicket) => (t.assignedCounter === null ? t.serviceId : `#${t.assignedCounter}`);
  const add = (t: SimTicket) => {
    let m = byRoute.get(routeOf(t));
    if (!m) {
      m = new Map();
      byRoute.set(routeOf(t), m);
    }
    m.set(t.id, t);
  };
  function* mineOf(c: SimCounter): Generator<SimTicket> {
    for (const s of c.cfg.serviceIds) {
      const m = byRoute.get(s);
      if (m) yield* m.values();
    }
    const m = byRoute.get(`#${c.cfg.number}`);
    if (m) yield* m.values();
  }
  for (const t of o.waiting) add(t);
  const counters = o.counters;
  const events = new MinHeap<SimCounter>();
  for (const c of counters) if (c.busy) events.push(c.freeAt, c);
  // The policy's view; a counter's expected free time is only worked out if the policy asks.
  const view = { now: o.now, targets: o.targets, counters: [] as HallCounter[], meanMs: o.meanMs };
  view.counters = counters.map((c) => ({
    ...c.cfg,
    get freeAt() {
      return c.busy ? view.now + o.residualMs(c.busy.serviceId, view.now - c.busy.since) : view.now;
    },
  }));
  const viewAt = (at: number): DispatchView => {
    view.now = at;
    return view;
  };
  let done = false;
  const call = (c: SimCounter, at: number): boolean => {
    const pick = o.policy.pick(mineOf(c), c.cfg, viewAt(at)) as SimTicket | null;
    if (!pick) return false;
    const t = pick;
    byRoute.get(routeOf(t))!.delete(t.id);
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
      add(t);
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
