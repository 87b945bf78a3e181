/**
 * Dispatch policies: which waiting ticket "call next" gives a counter.
 * Pure functions, chosen by config (docs/decisions/0003-dispatch-policy.md).
 *
 * - `due-time` (default): earliest due time first, due = issued + target, the target
 *   being 15 min for ordinary visitors and 5 min for priority visitors. A priority
 *   visitor goes ahead of anyone who has not already waited 10 min longer; nobody starves.
 * - `strict-priority`: every priority visitor first, then the others, each by issue time.
 * - `fifo`: issue time only.
 *
 * Every policy shares two rules: a ticket that has waited `starvationMin` or more is never
 * passed over again (those are served first-come first-served), and a priority counter
 * serves priority visitors first, then anyone.
 */
import type { DispatchPolicyName } from "../contract/config.ts";
import { isPriority, type Priority } from "../contract/domain.ts";

export interface Candidate {
  id: number;
  serviceId: string;
  priority: Priority;
  issuedAt: number;
  assignedCounter: number | null;
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

export interface DispatchPolicy {
  name: DispatchPolicyName;
  /** Negative when `a` should be called before `b`. */
  compare(a: Candidate, b: Candidate, targets: Targets): number;
}

const byIssue = (a: Candidate, b: Candidate) => a.issuedAt - b.issuedAt || a.id - b.id;

/** Due time of a ticket: when its wait reaches its target. */
export function dueAt(t: Candidate, targets: Targets): number {
  return t.issuedAt + (isPriority(t.priority) ? targets.priorityWaitMin : targets.waitMin) * 60_000;
}

export const POLICIES: Record<DispatchPolicyName, DispatchPolicy> = {
  "due-time": {
    name: "due-time",
    compare: (a, b, targets) => dueAt(a, targets) - dueAt(b, targets) || byIssue(a, b),
  },
  "strict-priority": {
    name: "strict-priority",
    compare: (a, b) => Number(!isPriority(a.priority)) - Number(!isPriority(b.priority)) || byIssue(a, b),
  },
  fifo: { name: "fifo", compare: byIssue },
};

/** True when `counter` may call ticket `t`. */
export function eligible(t: Candidate, counter: DispatchCounter): boolean {
  if (t.assignedCounter !== null) return t.assignedCounter === counter.number;
  return counter.serviceIds.includes(t.serviceId);
}

/**
 * Orders candidates the way `policy` would call them at a counter: starved tickets
 * first by issue time, then (at a priority counter) priority visitors, then the policy.
 */
export function dispatchOrder(
  policy: DispatchPolicy,
  candidates: readonly Candidate[],
  now: number,
  targets: Targets,
  priorityCounter: boolean,
): Candidate[] {
  const starveAt = now - targets.starvationMin * 60_000;
  const tier = (t: Candidate) =>
    t.issuedAt <= starveAt ? 0 : priorityCounter && isPriority(t.priority) ? 1 : 2;
  return [...candidates].sort((a, b) => {
    const ta = tier(a);
    const tb = tier(b);
    if (ta !== tb) return ta - tb;
    return ta === 0 ? byIssue(a, b) : policy.compare(a, b, targets);
  });
}

/**
 * The ticket `counter` should call next among `waiting`, or null when none is eligible.
 * Linear: one pass, no sort.
 */
export function pickNext(
  policy: DispatchPolicy,
  waiting: Iterable<Candidate>,
  counter: DispatchCounter,
  now: number,
  targets: Targets,
): Candidate | null {
  const starveAt = now - targets.starvationMin * 60_000;
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
    const c = tier === 0 ? byIssue(t, best) : policy.compare(t, best, targets);
    if (c < 0) best = t;
  }
  return best;
}
