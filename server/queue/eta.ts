/**
 * Wait estimate of a waiting ticket: a list-scheduling simulation of the hall.
 * Tickets ahead of it under the dispatch policy are handed, one by one in issue order,
 * to the counter that can serve them and is free first; each takes its field's recent
 * mean service time; counters busy with a visit are free when its expected remainder
 * runs out. The estimated wait is when a counter able to serve the ticket becomes free
 * for it. Not "position × average": it knows which counters serve which fields, how many
 * are open, and how far their current visits are. Pure, so a simulator can measure it.
 *
 * Cost: one pass over the line (no sort), so issuing stays fast with thousands waiting.
 * Which tickets are ahead is exact for the policy; their order among themselves is
 * approximated by issue order (it moves the estimate little: the same counters serve them).
 */
import { type Candidate, type DispatchPolicy, eligible, type Targets } from "./dispatch.ts";

export interface EtaCounter {
  number: number;
  serviceIds: readonly string[];
  priority: boolean;
  /** Open, held and not paused. */
  active: boolean;
  /** The visit in progress: its field and since when (called or started). */
  busy: { serviceId: string; since: number } | null;
}

export interface EtaInput {
  policy: DispatchPolicy;
  targets: Targets;
  now: number;
  /** Waiting tickets, in the order they joined the line. */
  waiting: Iterable<Candidate>;
  counters: readonly EtaCounter[];
  meanServiceMs: (serviceId: string) => number;
  /** Beyond this many tickets ahead, the rest is extrapolated at the counters' throughput. */
  simulateAtMost?: number;
}

export interface Estimate {
  /** Waiting tickets of the same field ahead of it. */
  position: number;
  /** Estimated minutes until it is called, rounded up; null when no counter serves its field. */
  estimatedWaitMin: number | null;
}

/** True when the policy calls `a` before `b` (starving tickets first, by issue time). */
function before(
  policy: DispatchPolicy,
  a: Candidate,
  b: Candidate,
  starveAt: number,
  targets: Targets,
): boolean {
  const sa = a.issuedAt <= starveAt;
  const sb = b.issuedAt <= starveAt;
  if (sa !== sb) return sa;
  if (sa) return a.issuedAt < b.issuedAt || (a.issuedAt === b.issuedAt && a.id < b.id);
  return policy.compare(a, b, targets) < 0;
}

/** Estimates the wait of `ticket` (which must be among `input.waiting`). */
export function estimateWait(input: EtaInput, ticket: Candidate): Estimate {
  const { now, targets, policy } = input;
  const means = new Map<string, number>();
  const mean = (serviceId: string) => {
    let m = means.get(serviceId);
    if (m === undefined) {
      m = input.meanServiceMs(serviceId);
      means.set(serviceId, m);
    }
    return m;
  };
  const starveAt = now - targets.starvationMin * 60_000;
  const able = input.counters.filter((c) => eligible(ticket, c));
  const anyActive = able.some((c) => c.active);
  // Counters not open yet are assumed to open: the estimate is then the hall's best case.
  const pool = anyActive ? input.counters.filter((c) => c.active) : input.counters;
  const mine = pool.filter((c) => eligible(ticket, c));
  const mineSet = new Set(mine.map((c) => c.number));

  // Per field (or assigned counter): the pool counters that can serve it, if it competes with us.
  const route = new Map<string, EtaCounter[] | null>();
  const routeOf = (t: Candidate) => {
    const key = t.assignedCounter === null ? t.serviceId : `#${t.assignedCounter}`;
    let r = route.get(key);
    if (r === undefined) {
      const cs = pool.filter((c) => eligible(t, c));
      r = cs.some((c) => mineSet.has(c.number)) ? cs : null;
      route.set(key, r);
    }
    return r;
  };

  const free = new Map<number, number>();
  for (const c of pool) {
    let at = now;
    if (c.busy) {
      const m = mean(c.busy.serviceId);
      at = now + Math.max(m * 0.25, m - (now - c.busy.since));
    }
    free.set(c.number, at);
  }

  const limit = input.simulateAtMost ?? 400;
  let position = 0;
  let simulated = 0;
  let rest = 0;
  for (const t of input.waiting) {
    if (t.id === ticket.id || !before(policy, t, ticket, starveAt, targets)) continue;
    if (t.serviceId === ticket.serviceId) position++;
    const cs = routeOf(t);
    if (!cs) continue; // served only by counters we cannot use: does not delay us
    if (simulated >= limit) {
      rest += mean(t.serviceId);
      continue;
    }
    let best = cs[0]!;
    for (const c of cs) if (free.get(c.number)! < free.get(best.number)!) best = c;
    free.set(best.number, free.get(best.number)! + mean(t.serviceId));
    simulated++;
  }
  if (able.length === 0 || mine.length === 0) return { position, estimatedWaitMin: null };
  let start = Number.POSITIVE_INFINITY;
  for (const c of mine) start = Math.min(start, free.get(c.number)!);
  start += rest / mine.length;
  return { position, estimatedWaitMin: Math.max(0, Math.ceil((start - now) / 60_000)) };
}
