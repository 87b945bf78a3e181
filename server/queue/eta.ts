/**
 * Wait estimates: the hall re-run from now, a few times over, for every waiting ticket
 * at once (`estimateAll`) or until one ticket is called (`estimateWait`).
 *
 * Each run: a visit in progress ends at a random time drawn from its field's recent
 * service times given how long it has lasted; a free counter calls the ticket the
 * dispatch policy would put first among the fields it serves, for a random service
 * time; visitors keep arriving at the hall's recent rate per field and class while it
 * is open, so a priority visitor arriving later (or, under `on-time`, a fresh visitor
 * ahead of one already late) is called first, as in the hall. Over the runs, the
 * printed estimate is the middle of the ticket's simulated waits (the average of their
 * mean and median, which keeps the error small and the bias near zero) and the upper
 * figure their 80th percentile (docs/decisions/0004-wait-estimate.md).
 *
 * The policy's order is modelled by tiers a heap can keep: waited the guard time → first
 * by issue; (on-time) priority past twice their target → next; then the promise (or the
 * classic policy's key); tickets past their promise → last by issue (they are called in
 * the slack, as the policy does). Per field one heap in that order and one in issue
 * order; a free counter looks at the heads of its fields: O((n + a) log n) per run for
 * n waiting and a foreseen arrivals, `SAMPLES` runs; a run stops after `CAP` calls and
 * extrapolates the rest of the line at its counters' pace, so issuing stays fast with
 * thousands waiting. Deterministic: the runs are seeded from the state.
 */
import type { DispatchPolicyName } from "../contract/config.ts";
import { isPriority } from "../contract/domain.ts";
import {
  type Candidate,
  type DispatchCounter,
  type DispatchView,
  dueAt,
  type HallCounter,
  MIN,
  type Targets,
} from "./dispatch.ts";
import { MinHeap } from "./heap.ts";
import { PLAN_PACE, promiseOf } from "./on-time.ts";
import { lognormal, lognormalBeyond, type Rand, rng } from "./random.ts";

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
  policy: DispatchPolicyName;
  targets: Targets;
  now: number;
  /** Waiting tickets. */
  waiting: Iterable<Candidate>;
  /** Every configured counter (closed ones count only when nothing open serves a field). */
  counters: readonly EtaCounter[];
  meanMs: (serviceId: string) => number;
  /** Coefficient of variation of a field's service time. */
  cv: (serviceId: string) => number;
  /** Expected arrivals per minute of a field and class at an instant (0 while the hall is closed). */
  arrivals?: (serviceId: string, priority: boolean, at: number) => number;
  /**
   * Booked visitors not yet checked in (issue 14): each run foresees one at `at` with
   * probability `p`, due at `dueAt`. `arrivals` then counts walk-ins only.
   */
  booked?: readonly ForeseenBooking[];
  /** Runs to average over (default `SAMPLES`). */
  samples?: number;
  /**
   * The dispatch policy's own pick and the expected remainder of a visit (what its view
   * needs): with both, runs over a line of at most `EXACT_MAX` tickets call exactly as
   * the policy would, instead of through the tiered model.
   */
  exact?: {
    pick: (waiting: Iterable<Candidate>, counter: DispatchCounter, view: DispatchView) => Candidate | null;
    residualMs: (serviceId: string, elapsedMs: number) => number;
  };
}

/** A booking expected to check in: field, expected check-in instant, due time, chance it comes. */
export interface ForeseenBooking {
  serviceId: string;
  at: number;
  dueAt: number;
  p: number;
}

export interface Estimate {
  /** Waiting tickets of the same field projected to be called before it. */
  position: number;
  /** Estimated minutes until it is called, rounded; null when no counter serves its field. */
  estimatedWaitMin: number | null;
  /** The upper figure ("at most"), about the 80th percentile of the wait; null as above. */
  upperWaitMin: number | null;
}

/** Runs per estimate. */
export const SAMPLES = 16;
/** Weight of the median in the printed estimate (the rest: the mean). */
export const MEDIAN_WEIGHT = 0.5;
/** Quantile of the upper figure. */
export const UPPER_Q = 0.8;
/** Calls simulated per run before the rest of the line is extrapolated. */
export const CAP = 300;
/** Runs of one estimate stop after this many events in all (at least `MIN_RUNS` runs). */
export const STEP_BUDGET = 2_500;
export const MIN_RUNS = 6;
/** Events (calls and foreseen arrivals) per run before the rest is extrapolated. */
export const MAX_STEPS = CAP;
/** Longest line simulated with the policy's own pick (beyond it, the tiered model). */
export const EXACT_MAX = 80;
/** Arrivals are foreseen at most this far ahead. */
const HORIZON_MS = 6 * 3600_000;
const T = 1e15;

interface Job {
  id: number;
  real: boolean;
  serviceId: string;
  route: string;
  priority: boolean;
  issuedAt: number;
  dueAt: number | null;
  /** Projected call instant in the current run, or NaN while waiting. */
  callAt: number;
  position: number;
}

interface Ctr {
  c: EtaCounter;
  routes: string[];
  freeAt: number;
  /** Pace of the on-time plan: counters sharing a field with it × PLAN_PACE. */
  pace: number;
}

/** Estimates every waiting ticket; tickets no counter serves get nulls. */
export function estimateAll(input: EtaInput): Map<number, Estimate> {
  return run(input, null);
}

/** Estimates one waiting ticket (which must be among `input.waiting`). */
export function estimateWait(input: EtaInput, ticket: Candidate): Estimate {
  return run(input, new Set([ticket.id])).get(ticket.id) ?? nulls();
}

/**
 * Estimates some waiting tickets (e.g. those issued together): the runs go on until all of
 * them are called, so a few tickets near each other in the line cost about one ticket's
 * estimate. With one ticket it is exactly `estimateWait`. Tickets not waiting are left out.
 */
export function estimateSome(input: EtaInput, ids: Iterable<number>): Map<number, Estimate> {
  const want = new Set(ids);
  const out = run(input, want);
  for (const id of want)
    if (!out.has(id) && [...input.waiting].some((t) => t.id === id)) out.set(id, nulls());
  return out;
}

const nulls = (): Estimate => ({ position: 0, estimatedWaitMin: null, upperWaitMin: null });

function run(input: EtaInput, only: ReadonlySet<number> | null): Map<number, Estimate> {
  const out = new Map<number, Estimate>();
  const all: Candidate[] = [...input.waiting];
  const active = input.counters.filter((c) => c.active);
  const served = new Set<string>();
  for (const c of active) for (const s of c.serviceIds) served.add(s);
  const isServed = (t: Candidate) =>
    t.assignedCounter === null ? served.has(t.serviceId) : active.some((c) => c.number === t.assignedCounter);
  // Tickets nothing open can serve: assume every configured counter opens (the hall's best case).
  const everyone = input.counters.map((c) => ({ ...c, active: true }));
  if (only !== null) {
    // Tickets an open counter serves are run with the open counters; the others as if every
    // counter opened (the hall's best case).
    const targets = all.filter((t) => only.has(t.id));
    const served = new Set(targets.filter(isServed).map((t) => t.id));
    const unserved = new Set(targets.filter((t) => !served.has(t.id)).map((t) => t.id));
    if (served.size > 0) sample(input, all.filter(isServed), active, served, out);
    if (unserved.size > 0) sample(input, all, everyone, unserved, out);
    return out;
  }
  sample(input, all.filter(isServed), active, null, out);
  const rest = all.filter((t) => !isServed(t));
  if (rest.length > 0) {
    const again = new Map<number, Estimate>();
    sample(input, all, everyone, null, again);
    for (const t of rest) out.set(t.id, again.get(t.id) ?? nulls());
  }
  for (const t of all) if (!out.has(t.id)) out.set(t.id, nulls());
  return out;
}

/** Runs the simulation `samples` times and summarizes each real ticket's waits into `out`. */
function sample(
  input: EtaInput,
  tickets: readonly Candidate[],
  counters: readonly EtaCounter[],
  asked: ReadonlySet<number> | null,
  out: Map<number, Estimate>,
): void {
  if (counters.length === 0 || tickets.length === 0) return;
  const means = new Map<string, number>();
  const mean = (s: string) => {
    let m = means.get(s);
    if (m === undefined) {
      m = input.meanMs(s);
      means.set(s, m);
    }
    return m;
  };
  const cvs = new Map<string, number>();
  const cv = (s: string) => {
    let c = cvs.get(s);
    if (c === undefined) {
      c = input.cv(s);
      cvs.set(s, c);
    }
    return c;
  };
  const routeOf = (t: Candidate) => (t.assignedCounter === null ? t.serviceId : `#${t.assignedCounter}`);
  const ctrs: Ctr[] = counters.map((c) => ({
    c,
    routes: [...c.serviceIds, `#${c.number}`],
    freeAt: 0,
    pace:
      Math.max(1, counters.filter((d) => d.serviceIds.some((s) => c.serviceIds.includes(s))).length) *
      PLAN_PACE,
  }));
  const able = new Map<string, number>();
  for (const x of ctrs) for (const r of x.routes) able.set(r, (able.get(r) ?? 0) + 1);
  const jobs: Job[] = [];
  for (const t of tickets) {
    const route = routeOf(t);
    if (!able.has(route)) continue;
    jobs.push({
      id: t.id,
      real: true,
      serviceId: t.serviceId,
      route,
      priority: isPriority(t.priority),
      issuedAt: t.issuedAt,
      dueAt: t.dueAt ?? null,
      callAt: Number.NaN,
      position: 0,
    });
  }
  if (jobs.length === 0) return;
  let n = input.samples ?? SAMPLES;
  // Each job's policy key at `now`, worked out once when first needed: each asked ticket's
  // far-behind check worked out the keys of its line twice, and the sort all of them again.
  const keyAtNow = keyOf(input.policy, input.targets);
  const keysNow = new Float64Array(jobs.length).fill(Number.NaN);
  const keyNow = (i: number) => {
    let k = keysNow[i]!;
    if (Number.isNaN(k)) {
      k = keyAtNow(jobs[i]!, input.now);
      keysNow[i] = k;
    }
    return k;
  };
  // Tickets with at least `CAP` ahead are worked out without a run; the runs stop once the
  // others asked for are called.
  let only: Set<number> | null = null;
  if (asked !== null) {
    only = new Set();
    const present = new Set(jobs.map((j) => j.id));
    for (const id of asked)
      if (present.has(id) && !farBehind(input, jobs, keyNow, id, ctrs, able, mean, cv, out)) only.add(id);
    if (only.size === 0) return;
  }
  // Only the asked tickets' waits are kept (a line of thousands costs no per-ticket arrays).
  const kept = only === null ? jobs : jobs.filter((j) => only.has(j.id));
  if (kept.length === 0) return;
  const waits = new Map<number, number[]>();
  const positions = new Map<number, number[]>();
  for (const j of kept) {
    waits.set(j.id, []);
    positions.set(j.id, []);
  }
  const r = rng(seedFrom(input.now, jobs.length));
  let sorted: ReturnType<typeof sortLine> | undefined;
  let steps = 0;
  for (let k = 0; k < n; k++) {
    for (const j of jobs) j.callAt = Number.NaN;
    if (input.exact && jobs.length <= EXACT_MAX)
      steps += exactOnce(input, input.exact, jobs, ctrs, able, only, r, mean, cv);
    else {
      sorted ??= sortLine(jobs, keyNow);
      steps += once(input, sorted, jobs, ctrs, able, only, r, mean, cv);
    }
    // A long line or a busy forecast: fewer runs, so that issuing stays fast.
    if (k + 1 >= MIN_RUNS && steps >= STEP_BUDGET) n = k + 1;
    for (const j of kept) {
      if (Number.isNaN(j.callAt)) continue;
      waits.get(j.id)!.push(Math.max(0, j.callAt - input.now) / MIN);
      positions.get(j.id)!.push(j.position);
    }
  }
  for (const j of kept) {
    const ws = waits.get(j.id)!;
    if (ws.length === 0) continue;
    ws.sort((a, b) => a - b);
    const ps = positions.get(j.id)!.sort((a, b) => a - b);
    const median = quantile(ws, 0.5);
    const avg = ws.reduce((s, x) => s + x, 0) / ws.length;
    const est = MEDIAN_WEIGHT * median + (1 - MEDIAN_WEIGHT) * avg;
    out.set(j.id, {
      position: quantile(ps, 0.5),
      estimatedWaitMin: Math.round(est),
      upperWaitMin: Math.max(Math.round(est), Math.ceil(quantile(ws, UPPER_Q))),
    });
  }
}

/** One run of the hall from `input.now`; sets `callAt` and `position` of the jobs it reaches. */
/**
 * A ticket with at least `CAP` tickets ahead of it in its line is not simulated: its wait
 * is the work ahead at the pace of the counters serving its field (the spread likewise).
 * Returns true when it did so.
 */
function farBehind(
  input: EtaInput,
  jobs: readonly Job[],
  keyNow: (i: number) => number,
  only: number,
  ctrs: readonly Ctr[],
  able: ReadonlyMap<string, number>,
  mean: (s: string) => number,
  cv: (s: string) => number,
  out: Map<number, Estimate>,
): boolean {
  const at = jobs.findIndex((j) => j.id === only);
  if (at < 0) return false;
  const target = jobs[at]!;
  const mine = keyNow(at);
  let ahead = 0;
  let work = 0;
  let variance = 0;
  let position = 0;
  for (let i = 0; i < jobs.length; i++) {
    const j = jobs[i]!;
    if (j.route !== target.route || j.id === only) continue;
    const key = keyNow(i);
    if (key > mine || (key === mine && j.id > only)) continue;
    ahead++;
    work += mean(j.serviceId);
    variance += (cv(j.serviceId) * mean(j.serviceId)) ** 2;
    if (j.serviceId === target.serviceId) position++;
  }
  if (ahead < CAP) return false;
  const k = able.get(target.route) ?? 1;
  let first = Number.POSITIVE_INFINITY;
  for (const x of ctrs)
    if (x.routes.includes(target.route))
      first = Math.min(
        first,
        x.c.busy ? Math.max(input.now, x.c.busy.since + mean(x.c.busy.serviceId)) : input.now,
      );
  const est = (first - input.now + work / k) / MIN;
  const spread = Math.sqrt(variance) / k / MIN;
  out.set(only, { position, estimatedWaitMin: Math.round(est), upperWaitMin: Math.ceil(est + spread) });
  return true;
}

/** Per route, keys ascending with their jobs. */
type Sorted = Map<string, { keys: number[]; items: Job[] }>;

/** The policy's order at instant τ as one number, lower first: tiers 0 guard, 1 priority guard, 2 plan, 3 late. */
function keyOf(policy: DispatchPolicyName, targets: Targets): (j: Job, tau: number) => number {
  const pGuardMs = 2 * targets.priorityWaitMin * MIN;
  return (j, tau) => {
    switch (policy) {
      case "fifo":
        return 2 * T + j.issuedAt;
      case "strict-priority":
        return (j.priority ? 1 : 2) * T + j.issuedAt;
      case "due-time":
        return 2 * T + dueAt(asCandidate(j), targets);
      default: {
        if (j.priority && tau - j.issuedAt >= pGuardMs) return T + j.issuedAt;
        const p = promiseOf(asCandidate(j), tau, { targets });
        return p === null ? 3 * T + j.issuedAt : 2 * T + p;
      }
    }
  };
}

/** The line at `now` in the tiered model's order, per route: plan, late, and issue order. */
function sortLine(
  jobs: readonly Job[],
  keyNow: (i: number) => number,
): { plan: Sorted; late: Sorted; byIssue: Sorted } {
  const keys = jobs.map((_j, i) => keyNow(i));
  const group = (pick: (j: Job, key: number) => number | null): Sorted => {
    const by = new Map<string, { k: number; j: Job }[]>();
    for (let i = 0; i < jobs.length; i++) {
      const j = jobs[i]!;
      const k = pick(j, keys[i]!);
      if (k === null) continue;
      let xs = by.get(j.route);
      if (!xs) {
        xs = [];
        by.set(j.route, xs);
      }
      xs.push({ k, j });
    }
    const out: Sorted = new Map();
    for (const [route, xs] of by) {
      xs.sort((a, b) => a.k - b.k || a.j.id - b.j.id);
      out.set(route, { keys: xs.map((x) => x.k), items: xs.map((x) => x.j) });
    }
    return out;
  };
  return {
    plan: group((_j, k) => (k >= 3 * T ? null : k)),
    late: group((j, k) => (k >= 3 * T ? j.issuedAt : null)),
    byIssue: group((j) => j.issuedAt),
  };
}

function once(
  input: EtaInput,
  start: { plan: Sorted; late: Sorted; byIssue: Sorted },
  jobs: readonly Job[],
  ctrs: readonly Ctr[],
  able: ReadonlyMap<string, number>,
  only: ReadonlySet<number> | null,
  r: Rand,
  mean: (s: string) => number,
  cv: (s: string) => number,
): number {
  const { now, targets, policy } = input;
  const guardMs = targets.starvationMin * MIN;
  const keyAt = keyOf(policy, targets);
  // The line as it stands now, already in order (sorted once per estimate): O(n) per run.
  const plan = new Map<string, MinHeap<Job>>();
  const byIssue = new Map<string, MinHeap<Job>>();
  for (const [route, x] of start.plan) plan.set(route, MinHeap.fromSorted(x.keys, x.items));
  for (const [route, x] of start.byIssue) byIssue.set(route, MinHeap.fromSorted(x.keys, x.items));
  const heapOf = (m: Map<string, MinHeap<Job>>, route: string) => {
    let h = m.get(route);
    if (!h) {
      h = new MinHeap<Job>();
      m.set(route, h);
    }
    return h;
  };
  const lateOnes = new Map<string, MinHeap<Job>>();
  for (const [route, x] of start.late) lateOnes.set(route, MinHeap.fromSorted(x.keys, x.items));
  const place = (j: Job, k: number) => {
    if (k >= 3 * T) heapOf(lateOnes, j.route).push(j.issuedAt, j);
    else heapOf(plan, j.route).push(k, j);
  };
  const add = (j: Job, tau: number) => {
    place(j, keyAt(j, tau));
    heapOf(byIssue, j.route).push(j.issuedAt, j);
  };
  let remaining = jobs.length;
  let left = only?.size ?? 0;
  const events = new MinHeap<Ctr>();
  for (const x of ctrs) {
    const b = x.c.busy;
    x.freeAt = b ? b.since + lognormalBeyond(r, mean(b.serviceId), cv(b.serviceId), now - b.since) : now;
    x.freeAt = Math.max(now, x.freeAt);
    events.push(x.freeAt, x);
  }
  // Foreseen arrivals: a Poisson process per field and class at the recent rate, and the
  // day's bookings not yet checked in (each comes or not, at its expected check-in).
  const arrivals = new MinHeap<{ serviceId: string; priority: boolean; dueAt?: number }>();
  foreseeBooked(input, arrivals, r);
  const next = (s: string, p: boolean, from: number) => {
    const rate = input.arrivals!(s, p, from);
    if (rate > 0)
      arrivals.push(from - (Math.log(Math.max(r(), 1e-12)) / rate) * MIN, { serviceId: s, priority: p });
    else if (from - now < HORIZON_MS && input.arrivals!(s, p, now) > 0)
      arrivals.push(from + 15 * MIN, { serviceId: s, priority: p, probe: true } as never);
  };
  if (input.arrivals) {
    const fields = new Set<string>();
    for (const x of ctrs) for (const s of x.c.serviceIds) fields.add(s);
    for (const s of fields) for (const p of [true, false]) if (input.arrivals(s, p, now) > 0) next(s, p, now);
  }
  let virtualId = -1;
  const seen = new Map<string, number>();
  let calls = 0;
  const idle = new Set<Ctr>();
  const wake = (serviceId: string, at: number) => {
    for (const c of idle)
      if (c.c.serviceIds.includes(serviceId)) {
        idle.delete(c);
        c.freeAt = at;
        events.push(at, c);
      }
  };
  let steps = 0;
  while (remaining > 0) {
    // A flood of arrivals (or a very long line) stops the run: the rest is extrapolated.
    if (++steps > MAX_STEPS) {
      extrapolate(jobs, ctrs, able, only, Math.max(now, events.peekKey()), keyAt, mean);
      return steps;
    }
    // Foreseen visitors join the line in time order; a counter idle for their field wakes up.
    const ta =
      arrivals.size > 0 && arrivals.peekKey() - now < HORIZON_MS
        ? arrivals.peekKey()
        : Number.POSITIVE_INFINITY;
    if (events.size === 0 && ta === Number.POSITIVE_INFINITY) break;
    if (ta < events.peekKey()) {
      const at = ta;
      const a = arrivals.pop()! as { serviceId: string; priority: boolean; probe?: boolean; dueAt?: number };
      if (!a.probe) {
        add(
          {
            id: virtualId--,
            real: false,
            serviceId: a.serviceId,
            route: a.serviceId,
            priority: a.priority,
            issuedAt: at,
            dueAt: a.dueAt ?? null,
            callAt: Number.NaN,
            position: 0,
          },
          at,
        );
        wake(a.serviceId, at);
      }
      if (a.dueAt === undefined) next(a.serviceId, a.priority, at);
      continue;
    }
    const tau = events.peekKey();
    const x = events.pop()!;
    const best = head(
      x,
      tau,
      plan,
      lateOnes,
      byIssue,
      keyAt,
      place,
      guardMs,
      policy === "on-time" ? (j) => mean(j.serviceId) / x.pace : null,
    );
    if (!best) {
      idle.add(x); // until a visitor it can serve arrives
      continue;
    }
    best.callAt = tau;
    x.freeAt = tau + lognormal(r, mean(best.serviceId), cv(best.serviceId));
    events.push(x.freeAt, x);
    if (!best.real) continue;
    best.position = seen.get(best.serviceId) ?? 0;
    seen.set(best.serviceId, best.position + 1);
    remaining--;
    if (only?.has(best.id) && --left === 0) return steps;
    if (++calls >= CAP) {
      extrapolate(jobs, ctrs, able, only, tau, keyAt, mean);
      return steps;
    }
  }
  return steps;
}

/** One run calling with the policy's own pick (short lines): sets `callAt` and `position`. */
function exactOnce(
  input: EtaInput,
  exact: NonNullable<EtaInput["exact"]>,
  jobs: readonly Job[],
  ctrs: readonly Ctr[],
  able: ReadonlyMap<string, number>,
  only: ReadonlySet<number> | null,
  r: Rand,
  mean: (s: string) => number,
  cv: (s: string) => number,
): number {
  const { now, targets } = input;
  // Waiting tickets per route (field, or "#n" for a ticket sent to counter n): a counter's
  // pick sees only those it may call, which is all the policy looks at anyway.
  const byRoute = new Map<string, Map<number, Candidate & { job: Job }>>();
  const add = (j: Job, assignedCounter: number | null) => {
    let m = byRoute.get(j.route);
    if (!m) {
      m = new Map();
      byRoute.set(j.route, m);
    }
    m.set(j.id, {
      id: j.id,
      serviceId: j.serviceId,
      priority: j.priority ? "elderly" : "none",
      issuedAt: j.issuedAt,
      assignedCounter,
      dueAt: j.dueAt,
      job: j,
    });
  };
  function* mineOf(x: Ctr): Generator<Candidate & { job: Job }> {
    for (const r of x.routes) {
      const m = byRoute.get(r);
      if (m) yield* m.values();
    }
  }
  for (const j of jobs) add(j, j.route.startsWith("#") ? Number(j.route.slice(1)) : null);
  let remaining = jobs.length;
  let left = only?.size ?? 0;
  const busy = new Map<number, { serviceId: string; since: number } | null>();
  const events = new MinHeap<Ctr>();
  for (const x of ctrs) {
    const b = x.c.busy;
    x.freeAt = Math.max(
      now,
      b ? b.since + lognormalBeyond(r, mean(b.serviceId), cv(b.serviceId), now - b.since) : now,
    );
    busy.set(x.c.number, x.freeAt > now ? b : null);
    events.push(x.freeAt, x);
  }
  // The policy's view; a counter's expected free time is only worked out if the policy asks.
  const v = { now, targets, counters: [] as HallCounter[], meanMs: mean };
  v.counters = ctrs.map((x) => ({
    number: x.c.number,
    serviceIds: x.c.serviceIds,
    priority: x.c.priority,
    get freeAt() {
      const b = busy.get(x.c.number);
      return b && x.freeAt > v.now ? v.now + exact.residualMs(b.serviceId, v.now - b.since) : v.now;
    },
  }));
  const view = (tau: number): DispatchView => {
    v.now = tau;
    return v;
  };
  const arrivals = new MinHeap<{ serviceId: string; priority: boolean; dueAt?: number }>();
  foreseeBooked(input, arrivals, r);
  const next = (s: string, p: boolean, from: number) => {
    const rate = input.arrivals?.(s, p, from) ?? 0;
    if (rate > 0)
      arrivals.push(from - (Math.log(Math.max(r(), 1e-12)) / rate) * MIN, { serviceId: s, priority: p });
  };
  if (input.arrivals) {
    const fields = new Set<string>();
    for (const x of ctrs) for (const s of x.c.serviceIds) fields.add(s);
    for (const s of fields) for (const p of [true, false]) next(s, p, now);
  }
  let virtualId = -1;
  const seen = new Map<string, number>();
  const idle = new Set<Ctr>();
  let steps = 0;
  while (remaining > 0) {
    if (++steps > MAX_STEPS) {
      extrapolate(
        jobs,
        ctrs,
        able,
        only,
        Math.max(now, events.peekKey()),
        keyOf(input.policy, targets),
        mean,
      );
      return steps;
    }
    // Foreseen visitors join the line in time order; a counter idle for their field wakes up.
    const ta =
      arrivals.size > 0 && arrivals.peekKey() - now < HORIZON_MS
        ? arrivals.peekKey()
        : Number.POSITIVE_INFINITY;
    if (events.size === 0 && ta === Number.POSITIVE_INFINITY) break;
    if (ta < events.peekKey()) {
      const at = ta;
      const a = arrivals.pop()!;
      add(
        {
          id: virtualId--,
          real: false,
          serviceId: a.serviceId,
          route: a.serviceId,
          priority: a.priority,
          issuedAt: at,
          dueAt: a.dueAt ?? null,
          callAt: Number.NaN,
          position: 0,
        },
        null,
      );
      for (const c of idle)
        if (c.c.serviceIds.includes(a.serviceId)) {
          idle.delete(c);
          c.freeAt = at;
          events.push(at, c);
        }
      if (a.dueAt === undefined) next(a.serviceId, a.priority, at);
      continue;
    }
    const tau = events.peekKey();
    const x = events.pop()!;
    busy.set(x.c.number, null);
    const pick = exact.pick(mineOf(x), x.c, view(tau)) as (Candidate & { job: Job }) | null;
    if (!pick) {
      idle.add(x); // until a visitor it can serve arrives
      continue;
    }
    byRoute.get(pick.job.route)!.delete(pick.id);
    const j = pick.job;
    j.callAt = tau;
    x.freeAt = tau + lognormal(r, mean(j.serviceId), cv(j.serviceId));
    busy.set(x.c.number, { serviceId: j.serviceId, since: tau });
    events.push(x.freeAt, x);
    if (!j.real) continue;
    j.position = seen.get(j.serviceId) ?? 0;
    seen.set(j.serviceId, j.position + 1);
    remaining--;
    if (only?.has(j.id) && --left === 0) return steps;
  }
  return steps;
}

/** The ticket counter `x` calls at `tau`: the guard first, else the best head of its fields. */
function head(
  x: Ctr,
  tau: number,
  plan: Map<string, MinHeap<Job>>,
  lateOnes: Map<string, MinHeap<Job>>,
  byIssue: Map<string, MinHeap<Job>>,
  keyAt: (j: Job, tau: number) => number,
  place: (j: Job, key: number) => void,
  guardMs: number,
  jit: ((late: Job) => number) | null,
): Job | null {
  let best: Job | null = null;
  let bestKey = Number.POSITIVE_INFINITY;
  let late: Job | null = null;
  for (const route of x.routes) {
    const ih = byIssue.get(route);
    while (ih && ih.size > 0 && !Number.isNaN(ih.peek()!.callAt)) ih.pop();
    const oldest = ih?.peek();
    if (oldest && tau - oldest.issuedAt >= guardMs) {
      if (oldest.issuedAt < bestKey) [best, bestKey] = [oldest, oldest.issuedAt];
      continue;
    }
    const ph = plan.get(route);
    while (ph && ph.size > 0) {
      const h = ph.peek()!;
      if (!Number.isNaN(h.callAt)) {
        ph.pop();
        continue;
      }
      const k = keyAt(h, tau);
      if (k === ph.peekKey()) {
        if (k < bestKey) [best, bestKey] = [h, k];
        break;
      }
      ph.pop();
      place(h, k);
    }
    const lh = lateOnes.get(route);
    while (lh && lh.size > 0 && !Number.isNaN(lh.peek()!.callAt)) lh.pop();
    const l = lh?.peek();
    if (l && (!late || l.issuedAt < late.issuedAt)) late = l;
  }
  // on-time: a late ticket goes first when the plan's next promise can wait for it.
  if (late && (!best || (jit && bestKey >= 2 * T && tau + jit(late) <= bestKey - 2 * T))) return late;
  return best;
}

/**
 * After `CAP` calls: the tickets not reached are called, in their order, at the pace of
 * the counters that serve their field (their mean service times one after another).
 */
function extrapolate(
  jobs: readonly Job[],
  ctrs: readonly Ctr[],
  able: ReadonlyMap<string, number>,
  only: ReadonlySet<number> | null,
  tau: number,
  keyAt: (j: Job, tau: number) => number,
  mean: (s: string) => number,
): void {
  const byRoute = new Map<string, Job[]>();
  for (const j of jobs)
    if (j.real && Number.isNaN(j.callAt)) {
      let xs = byRoute.get(j.route);
      if (!xs) {
        xs = [];
        byRoute.set(j.route, xs);
      }
      xs.push(j);
    }
  let start = tau;
  for (const x of ctrs) start = Math.min(start, x.freeAt);
  for (const [route, xs] of byRoute) {
    if (only !== null && !xs.some((j) => only.has(j.id))) continue;
    // Each key once (the policy's promise is not cheap), then sorted by it.
    const keyed = xs.map((j) => ({ k: keyAt(j, tau), j }));
    keyed.sort((a, b) => a.k - b.k || a.j.id - b.j.id);
    const k = able.get(route) ?? 1;
    let at = Math.max(start, tau);
    for (const [i, { j }] of keyed.entries()) {
      j.callAt = at;
      j.position = i;
      at += mean(j.serviceId) / k;
    }
  }
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

function seedFrom(now: number, n: number): number {
  return (Math.floor(now / 1000) ^ Math.imul(n, 0x9e3779b1)) >>> 0;
}

function asCandidate(j: Job): Candidate {
  return {
    id: j.id,
    serviceId: j.serviceId,
    priority: j.priority ? "elderly" : "none",
    issuedAt: j.issuedAt,
    assignedCounter: null,
    dueAt: j.dueAt,
  };
}

/** Puts this run's booked visitors (each with its own chance of coming) among the foreseen arrivals. */
function foreseeBooked(
  input: EtaInput,
  arrivals: MinHeap<{ serviceId: string; priority: boolean; dueAt?: number }>,
  r: Rand,
): void {
  if (!input.booked) return;
  for (const b of input.booked)
    if (r() < b.p)
      arrivals.push(Math.max(input.now, b.at), { serviceId: b.serviceId, priority: false, dueAt: b.dueAt });
}
