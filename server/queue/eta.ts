/**
 * Wait estimate of a waiting ticket: a list-scheduling simulation of the hall.
 * Tickets ahead (in the dispatch order) are handed, one by one, to the counter that
 * can serve them and is free first; each takes its field's recent mean service time;
 * counters busy with a visit are free when its expected remainder runs out. The ticket's
 * estimated wait is when a counter able to serve it becomes free for it.
 * Not "position × average": it knows which counters serve which fields, how many are open,
 * and how far their current visits are. Pure, so a simulator can measure its accuracy.
 */
import { type Candidate, type DispatchPolicy, dispatchOrder, eligible, type Targets } from "./dispatch.ts";

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
  waiting: readonly Candidate[];
  counters: readonly EtaCounter[];
  meanServiceMs: (serviceId: string) => number;
  /** Beyond this many tickets ahead, the rest is extrapolated at the hall's throughput. */
  simulateAtMost?: number;
}

export interface Estimate {
  /** Waiting tickets of the same field ahead of it. */
  position: number;
  /** Estimated minutes until it is called, rounded up; null when no counter serves its field. */
  estimatedWaitMin: number | null;
}

/** Estimates the wait of `ticket` (which must be among `input.waiting`). */
export function estimateWait(input: EtaInput, ticket: Candidate): Estimate {
  const { now, targets, policy } = input;
  const order = dispatchOrder(policy, input.waiting, now, targets, false);
  const idx = order.findIndex((t) => t.id === ticket.id);
  const ahead = idx < 0 ? order : order.slice(0, idx);
  const position = ahead.filter((t) => t.serviceId === ticket.serviceId).length;

  const able = input.counters.filter((c) => eligible(ticket, c));
  if (able.length === 0) return { position, estimatedWaitMin: null };
  // Counters not open yet are assumed to open: the estimate is then the hall's best case.
  const pool = input.counters.some((c) => c.active && eligible(ticket, c))
    ? input.counters.filter((c) => c.active)
    : input.counters;
  const free = new Map<number, number>();
  for (const c of pool) {
    let at = now;
    if (c.busy) {
      const mean = input.meanServiceMs(c.busy.serviceId);
      at = now + Math.max(mean * 0.25, mean - (now - c.busy.since));
    }
    free.set(c.number, at);
  }
  const limit = input.simulateAtMost ?? 400;
  let simulated = 0;
  let rest = 0;
  for (const t of ahead) {
    const cs = pool.filter((c) => eligible(t, c));
    if (cs.length === 0) continue; // served by counters outside the pool: does not compete
    if (!cs.some((c) => eligible(ticket, c))) continue; // only competes for counters it cannot share
    if (simulated >= limit) {
      rest += input.meanServiceMs(t.serviceId);
      continue;
    }
    let best = cs[0]!;
    for (const c of cs) if (free.get(c.number)! < free.get(best.number)!) best = c;
    free.set(best.number, free.get(best.number)! + input.meanServiceMs(t.serviceId));
    simulated++;
  }
  let start = Number.POSITIVE_INFINITY;
  const mine = pool.filter((c) => eligible(ticket, c));
  for (const c of mine) start = Math.min(start, free.get(c.number)!);
  start += rest / Math.max(1, mine.length);
  return { position, estimatedWaitMin: Math.max(0, Math.ceil((start - now) / 60_000)) };
}
