/**
 * The `on-time` dispatch policy (default; docs/decisions/0003-dispatch-policy.md):
 *
 *   "Each counter calls so that as many visitors as possible are called within their
 *    promised time (priority visitors 5 minutes, others 15), and nobody who has waited
 *    40 minutes (priority visitors 10) is passed over."
 *
 * How a counter applies the sentence when it calls, in this order:
 * 1. Guard, hall-wide: among tickets that have waited `starvationMin` (40), the one that
 *    has waited longest, counting the time until another counter could take it: a
 *    counter does not spend its turn on an old ticket that another counter is about to
 *    free up for, while an equally old ticket only it can serve waits.
 * 2. Priority guard: priority visitors who have waited twice their target (10 min), the
 *    same way.
 * 3. Plan: the tickets still within their promise (priority: 5 min, then 10; others:
 *    15 min; a booked visitor: slot + 10 min), earliest promise first,
 *    projected at the pace of the counters that share fields with this one. When the projection shows that not
 *    all of them can be called in time, the ordinary visitor expected to take longest
 *    (of equals, the one promised latest) is set aside (Moore–Hodgson: this keeps the
 *    most people on time), repeatedly.
 * 4. A visitor already past their promise (or set aside) is called when that makes
 *    nobody in the plan late, the quickest visit first; otherwise the first of the plan.
 *    "Late" for an ordinary visitor in the plan is counted with a tolerance that grows with
 *    how late the caller's candidate already is and how few counters serve its field
 *    (`LATE_YIELD`): in a skill hall the counter that can serve a late visitor now may be
 *    one of few; in a hall where every counter serves every field it is zero.
 *
 * Tuned in the simulator against FIFO on the same days (docs/science.md); the rejected
 * variants and their figures are in the decision record.
 */
import { isPriority } from "../contract/domain.ts";
import type { Candidate, DispatchCounter, DispatchView } from "./dispatch.ts";
import { eligible, MIN } from "./dispatch.ts";

/**
 * The plan assumes the counters sharing fields with the caller serve its line at this
 * multiple of their number: they also carry other lines, but those drain too. 1.0 set
 * aside too many visitors in the skill halls, 1.5 too few in the commune hall.
 */
export const PLAN_PACE = 1.25;

/**
 * A booked visitor (a ticket with its own due time, issue 14) is promised the counter by
 * due + this grace; past it they are late like anyone. Measured against slot + 5 then
 * slot + 15, and other graces, in docs/decisions/0112-appointments-in-the-simulator.md.
 */
export const BOOKED_GRACE_MIN = 10;

/**
 * How far a late candidate may push an ordinary visitor of the plan past their promise:
 * this share of the candidate's own lateness, times the share of open counters that
 * cannot serve the candidate's field. Without it the skill halls' longest waits and
 * minutes beyond the target grew to 1.2–1.27× FIFO's with bookings (decision 0112).
 */
export const LATE_YIELD = 0.5;

interface Planned {
  t: Candidate;
  promise: number;
  service: number;
  priority: boolean;
}

/** The on-time policy's pick for `counter`; null when nobody it can serve waits. */
export function pickOnTime(
  waiting: Iterable<Candidate>,
  counter: DispatchCounter,
  view: DispatchView,
): Candidate | null {
  const { now, targets } = view;
  let mine: Candidate[] = [];
  let anyPriority = false;
  for (const t of waiting)
    if (eligible(t, counter)) {
      mine.push(t);
      if (isPriority(t.priority)) anyPriority = true;
    }
  if (mine.length <= 1) return mine[0] ?? null; // whatever the rule, the only one is called
  // A priority counter ("quầy ưu tiên") serves priority visitors first, then anyone.
  if (counter.priority && anyPriority) mine = mine.filter((t) => isPriority(t.priority));

  const guardAt = now - targets.starvationMin * MIN;
  const p1 = targets.priorityWaitMin * MIN;
  const p2 = 2 * p1;
  const means = new Map<string, number>();
  const mean = (s: string) => {
    let m = means.get(s);
    if (m === undefined) {
      m = view.meanMs(s);
      means.set(s, m);
    }
    return m;
  };
  const alts = new Map<string, number>();
  const alt = (s: string) => {
    let a = alts.get(s);
    if (a === undefined) {
      a = otherCounterIn(s, counter.number, view);
      alts.set(s, a);
    }
    return a;
  };

  let guard: Candidate | null = null;
  let guardKey = Number.POSITIVE_INFINITY;
  let pGuard: Candidate | null = null;
  let pGuardKey = Number.POSITIVE_INFINITY;
  const plan: Planned[] = [];
  const late: Candidate[] = [];
  for (const t of mine) {
    const prio = isPriority(t.priority);
    const waited = now - t.issuedAt;
    if (t.issuedAt <= guardAt) {
      const k = t.issuedAt - alt(t.serviceId);
      if (k < guardKey || (k === guardKey && t.id < guard!.id)) [guard, guardKey] = [t, k];
      continue;
    }
    if (prio && waited >= p2) {
      const k = t.issuedAt - alt(t.serviceId);
      if (k < pGuardKey || (k === pGuardKey && t.id < pGuard!.id)) [pGuard, pGuardKey] = [t, k];
      continue;
    }
    const promise = promiseOf(t, now, view);
    if (promise === null) late.push(t);
    else plan.push({ t, promise, service: mean(t.serviceId), priority: prio });
  }
  if (guard) return guard;
  if (pGuard) return pGuard;

  plan.sort((a, b) => a.promise - b.promise || a.t.id - b.t.id);
  let sharing = 0;
  for (const c of view.counters) if (c.serviceIds.some((s) => counter.serviceIds.includes(s))) sharing++;
  const k = Math.max(1, sharing);
  const pace = k * PLAN_PACE;

  // Moore–Hodgson over the plan: whenever a promise would be missed, set aside the
  // ordinary visitor expected to take longest (a priority visitor only if no ordinary one
  // is left); of equally long ones, the one promised latest (it can best afford to wait).
  const kept: Planned[] = [];
  let work = 0;
  for (const x of plan) {
    kept.push(x);
    work += x.service;
    if (now + (work - x.service) / pace <= x.promise) continue;
    let drop = 0;
    for (let i = 1; i < kept.length; i++) if (!heavier(kept[drop]!, kept[i]!)) drop = i;
    const [gone] = kept.splice(drop, 1);
    work -= gone!.service;
    late.push(gone!.t);
  }

  if (late.length > 0) {
    let cand = late[0]!;
    for (const t of late) {
      const d = mean(t.serviceId) - mean(cand.serviceId);
      if (
        d < 0 ||
        (d === 0 && (t.issuedAt < cand.issuedAt || (t.issuedAt === cand.issuedAt && t.id < cand.id)))
      )
        cand = t;
    }
    // Safe when serving it first still calls everyone in the plan in time; priority
    // visitors are checked at the plain pace of the sharing counters (no optimism for them),
    // ordinary ones with the tolerance of a late candidate that few counters can serve.
    let servers = 0;
    for (const c of view.counters) if (c.serviceIds.includes(cand.serviceId)) servers++;
    const scarcity = 1 - servers / Math.max(1, view.counters.length);
    const tolerance = LATE_YIELD * scarcity * lateness(cand, now, view);
    let safe = true;
    let ahead = mean(cand.serviceId);
    for (const x of kept) {
      if (now + ahead / (x.priority ? k : pace) > x.promise + (x.priority ? 0 : tolerance)) {
        safe = false;
        break;
      }
      ahead += x.service;
    }
    if (safe || kept.length === 0) return cand;
  }
  return kept[0]?.t ?? null;
}

/**
 * The promise a waiting ticket is still within at `now`, or null when it has passed
 * them all: priority visitors 5 then 10 minutes after issue, a booked visitor their due
 * time (the slot) + `BOOKED_GRACE_MIN`, others 15 minutes after issue.
 */
export function promiseOf(t: Candidate, now: number, view: Pick<DispatchView, "targets">): number | null {
  const last = lastPromise(t, view.targets);
  if (now >= last) return null;
  if (isPriority(t.priority)) {
    const p1 = t.issuedAt + view.targets.priorityWaitMin * MIN;
    if (now < p1) return p1;
  }
  return last;
}

/** A ticket's last promise (see `promiseOf`). */
function lastPromise(t: Candidate, targets: DispatchView["targets"]): number {
  if (isPriority(t.priority)) return t.issuedAt + 2 * targets.priorityWaitMin * MIN;
  if (t.dueAt != null) return t.dueAt + BOOKED_GRACE_MIN * MIN;
  return t.issuedAt + targets.waitMin * MIN;
}

/** How long a ticket has been past its last promise at `now` (0 while within it). */
function lateness(t: Candidate, now: number, view: Pick<DispatchView, "targets">): number {
  return Math.max(0, now - lastPromise(t, view.targets));
}

/** The one to set aside first: ordinary before priority, then the longer expected visit (ties: see the caller). */
function heavier(a: Planned, b: Planned): boolean {
  if (a.priority !== b.priority) return !a.priority;
  return a.service > b.service;
}

/**
 * How long until another open counter that serves `serviceId` is expected to be free
 * (0 when one is free now); twice the target when no other counter serves it.
 */
function otherCounterIn(serviceId: string, self: number, view: DispatchView): number {
  let best = 2 * view.targets.waitMin * MIN;
  for (const c of view.counters) {
    if (c.number === self || !c.serviceIds.includes(serviceId)) continue;
    best = Math.min(best, Math.max(0, c.freeAt - view.now));
  }
  return best;
}
