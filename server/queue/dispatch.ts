/**
 * Dispatch policies: which waiting ticket "call next" gives a counter. Pure functions of
 * the line, the calling counter and what the hall knows (open counters, their visits,
 * recent service times); chosen by config (docs/decisions/0003-dispatch-policy.md).
 *
 * - `on-time` (default, `on-time.ts`): as many visitors as possible are called within
 *   their promised time (priority visitors 5 minutes, others 15); nobody who has waited
 *   the guard time (40 minutes; priority visitors 10) is passed over.
 * - `due-time`: earliest due time first (issued + 15 min, priority + 5 min).
 * - `strict-priority`: every priority visitor first, then the others, each by issue time.
 * - `fifo`: issue time only.
 *
 * The three classic policies share two rules: a ticket that has waited `starvationMin`
 * or more is never passed over again (those are served first-come first-served), and a
 * priority counter serves priority visitors first, then anyone. `on-time` keeps the
 * priority-counter rule and has its own guard, hall-wide.
 */
import type { DispatchPolicyName } from "../contract/config.ts";
import { isPriority, type Priority } from "../contract/domain.ts";
import { pickOnTime } from "./on-time.ts";

export const MIN = 60_000;

export interface Candidate {
  id: number;
  serviceId: string;
  priority: Priority;
  issuedAt: number;
  assignedCounter: number | null;
  /** Its own promised time (e.g. a booked slot), instead of issued + target. */
  dueAt?: number | null;
}

export interface Targets {
  waitMin: number;
  priorityWaitMin: number;
  starvationMin: number;
}

export interface DispatchCounter {
  number: number;
  serviceIds: readonly string[];
  priority: boolean;
}

/** A counter that is open and not paused, and when it is expected to be free. */
export interface HallCounter extends DispatchCounter {
  /** Expected instant its current visit ends; ≤ now when it is free. */
  freeAt: number;
}

/** What a policy may know besides the line: the instant, targets, open counters, service times. */
export interface DispatchView {
  now: number;
  targets: Targets;
  /** Open, unpaused counters (the calling one included). */
  counters: readonly HallCounter[];
  /** Expected service duration (ms) of a visit of a field. */
  meanMs(serviceId: string): number;
}

export interface DispatchPolicy {
  name: DispatchPolicyName;
  /** The ticket `counter` calls next among `waiting` (every waiting ticket of the hall), or null. */
  pick(waiting: Iterable<Candidate>, counter: DispatchCounter, view: DispatchView): Candidate | null;
}

/** Issue order: earlier first, then lower id. */
export const byIssue = (a: Candidate, b: Candidate) => a.issuedAt - b.issuedAt || a.id - b.id;

/** Due time of a ticket: its own due time, else when its wait reaches its target. */
export function dueAt(t: Candidate, targets: Targets): number {
  if (t.dueAt != null) return t.dueAt;
  return t.issuedAt + (isPriority(t.priority) ? targets.priorityWaitMin : targets.waitMin) * MIN;
}

/** True when `counter` may call ticket `t`. */
export function eligible(t: Candidate, counter: DispatchCounter): boolean {
  if (t.assignedCounter !== null) return t.assignedCounter === counter.number;
  return counter.serviceIds.includes(t.serviceId);
}

type Compare = (a: Candidate, b: Candidate, targets: Targets) => number;

/** The classic policies' comparisons (the starvation guard and priority counter come on top). */
export const CLASSIC: Record<"due-time" | "strict-priority" | "fifo", Compare> = {
  "due-time": (a, b, targets) => dueAt(a, targets) - dueAt(b, targets) || byIssue(a, b),
  "strict-priority": (a, b) =>
    Number(!isPriority(a.priority)) - Number(!isPriority(b.priority)) || byIssue(a, b),
  fifo: byIssue,
};

function classic(name: keyof typeof CLASSIC): DispatchPolicy {
  const compare = CLASSIC[name];
  return {
    name,
    pick: (waiting, counter, view) => pickClassic(compare, waiting, counter, view.now, view.targets),
  };
}

export const POLICIES: Record<DispatchPolicyName, DispatchPolicy> = {
  "on-time": { name: "on-time", pick: pickOnTime },
  "due-time": classic("due-time"),
  "strict-priority": classic("strict-priority"),
  fifo: classic("fifo"),
};

/**
 * A classic policy's pick: starved tickets first by issue time, then (at a priority
 * counter) priority visitors, then the comparison. One linear pass, no sort.
 */
export function pickClassic(
  compare: Compare,
  waiting: Iterable<Candidate>,
  counter: DispatchCounter,
  now: number,
  targets: Targets,
): Candidate | null {
  const starveAt = now - targets.starvationMin * MIN;
  let best: Candidate | null = null;
  let bestTier = 3;
  for (const t of waiting) {
    if (!eligible(t, counter)) continue;
    const tier = t.issuedAt <= starveAt ? 0 : counter.priority && isPriority(t.priority) ? 1 : 2;
    if (best === null || tier < bestTier) {
      best = t;
      bestTier = tier;
      continue;
    }
    if (tier > bestTier) continue;
    const c = tier === 0 ? byIssue(t, best) : compare(t, best, targets);
    if (c < 0) best = t;
  }
  return best;
}

/**
 * The order in which repeated picks of `policy` at `counter` would call `candidates` at
 * `now` if nothing else changed (nobody arrives, no other counter calls). For tests and
 * tools; the wait estimate has its own forward simulation (eta.ts).
 */
export function dispatchOrder(
  policy: DispatchPolicy,
  candidates: readonly Candidate[],
  counter: DispatchCounter,
  view: DispatchView,
): Candidate[] {
  const rest = [...candidates];
  const out: Candidate[] = [];
  for (;;) {
    const p = policy.pick(rest, counter, view);
    if (!p) return out;
    out.push(p);
    rest.splice(rest.indexOf(p), 1);
  }
}
