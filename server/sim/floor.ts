/**
 * The floor of the wait estimate (SCENARIOS.md): the best estimate anyone could print,
 * given everything observable when a ticket is issued (the line, who is being served
 * since when, the arrival profile). The rest of the day is re-simulated many times from
 * that state, with fresh service times (a visit in progress draws its remainder given
 * how long it has lasted) and fresh arrivals from the scenario's own profile, through
 * the same dispatch policy; the median of the ticket's simulated waits minimizes the
 * expected absolute error, so its error is what no estimator can beat on average.
 */
import type { QueueCore } from "../queue/core.ts";
import type {
  Candidate,
  DispatchCounter,
  DispatchPolicy,
  DispatchView,
  HallCounter,
} from "../queue/dispatch.ts";
import { MinHeap } from "../queue/heap.ts";
import { drawService, drawVisitor } from "./days.ts";
import { lognormalBeyond, type Rand } from "./random.ts";
import { NO_SHOW_MIN, rateAt, type Scenario, SLOT_WEIGHTS } from "./scenarios.ts";

const MIN = 60_000;

/** Counter state in a re-simulation. */
interface FCounter {
  cfg: DispatchCounter;
  /** Field and start of the visit in progress (as the policy sees it), or null when free. */
  busy: { serviceId: string; since: number } | null;
  /** When it is really free (drawn). */
  freeAt: number;
  idleSince: number;
}

/**
 * The median simulated wait (minutes) of `ticketId`, just issued at `now` (ms) on day
 * origin `t0` (07:30 of the day, ms), over `reps` re-simulations.
 */
export function floorWait(
  core: QueueCore,
  s: Scenario,
  ticketId: number,
  now: number,
  t0: number,
  r: Rand,
  reps: number,
): number {
  const cfg = core.config;
  const policy: DispatchPolicy = core.policy;
  const base: Candidate[] = [];
  for (const t of core.openTickets()) if (t.status === "waiting") base.push({ ...t });
  const fieldIndex = new Map(s.fields.map((f, i) => [f.id, i]));
  const state = cfg.counters.map((c) => {
    const cur = core.current(c.number);
    return {
      cfg: { number: c.number, serviceIds: c.serviceIds, priority: c.priority },
      cur: cur
        ? { serviceId: cur.serviceId, since: cur.startedAt ?? cur.calledAt!, noShow: cur.status === "called" }
        : null,
    };
  });
  const waits: number[] = [];
  for (let k = 0; k < reps; k++) {
    const counters: FCounter[] = state.map((x) => {
      if (!x.cur) return { cfg: x.cfg, busy: null, freeAt: now, idleSince: now };
      const f = s.fields[fieldIndex.get(x.cur.serviceId)!]!;
      const elapsed = (now - x.cur.since) / MIN;
      const end = x.cur.noShow
        ? x.cur.since + NO_SHOW_MIN * MIN
        : x.cur.since + lognormalBeyond(r, f.mean, f.cv, elapsed) * MIN;
      return {
        cfg: x.cfg,
        busy: { serviceId: x.cur.serviceId, since: x.cur.since },
        freeAt: Math.max(now, end),
        idleSince: now,
      };
    });
    waits.push(once(core, s, policy, base, counters, ticketId, now, t0, r));
  }
  waits.sort((a, b) => a - b);
  return waits[Math.floor(waits.length / 2)]!;
}

function once(
  core: QueueCore,
  s: Scenario,
  policy: DispatchPolicy,
  base: readonly Candidate[],
  counters: FCounter[],
  ticketId: number,
  now: number,
  t0: number,
  r: Rand,
): number {
  const waiting = new Map<number, Candidate & { service: number }>();
  const fieldIndex = new Map(s.fields.map((f, i) => [f.id, i]));
  for (const t of base)
    waiting.set(t.id, { ...t, service: drawService(s, r, fieldIndex.get(t.serviceId)!) * MIN });
  const services = s.fields.map((f) => f.id);
  const events = new MinHeap<FCounter | null>();
  for (const c of counters) if (c.busy) events.push(c.freeAt, c);
  // Fresh arrivals for the rest of the day (thinning of the piecewise-constant rate).
  let nextId = -1;
  let clock = now;
  const nextArrival = () => {
    let t = (clock - t0) / MIN;
    for (;;) {
      const rate = rateAt(s, t);
      if (rate <= 0) {
        // jump to the next slot start
        const next = nextSlot(s, t);
        if (next === null) return Number.POSITIVE_INFINITY;
        t = next;
        continue;
      }
      const step = -Math.log(Math.max(r(), 1e-12)) / rate;
      const slotEnd = Math.floor(t / 30) * 30 + 30;
      if (t + step >= slotEnd) {
        t = slotEnd;
        continue;
      }
      return t0 + (t + step) * MIN;
    }
  };
  let arrival = nextArrival();
  const view = (at: number): DispatchView => ({
    now: at,
    targets: core.config.targets,
    counters: counters.map<HallCounter>((c) => ({
      ...c.cfg,
      freeAt: c.busy ? at + core.serviceTimes.residual(c.busy.serviceId, at - c.busy.since) : at,
    })),
    meanMs: (x) => core.serviceTimes.mean(x),
  });
  const call = (c: FCounter, at: number): boolean => {
    const pick = policy.pick(waiting.values(), c.cfg, view(at));
    if (!pick) return false;
    const t = waiting.get(pick.id)!;
    waiting.delete(pick.id);
    if (pick.id === ticketId) {
      found = (at - t.issuedAt) / MIN;
      return true;
    }
    c.busy = { serviceId: t.serviceId, since: at };
    c.freeAt = at + t.service;
    events.push(c.freeAt, c);
    return true;
  };
  let found: number | null = null;
  // Free counters call at once (idle longest first).
  const idle = () => counters.filter((c) => c.busy === null).sort((a, b) => a.idleSince - b.idleSince);
  for (const c of idle()) if (found === null) call(c, now);
  while (found === null) {
    const tc = events.peekKey();
    if (arrival <= tc && Number.isFinite(arrival)) {
      clock = arrival;
      const v = drawVisitor(s, r, 0);
      const t = {
        id: nextId--,
        serviceId: services[v.field]!,
        priority: v.priority,
        issuedAt: arrival,
        assignedCounter: null,
        service: v.serviceMin * MIN,
      };
      waiting.set(t.id, t);
      for (const c of idle()) if (c.cfg.serviceIds.includes(t.serviceId) && call(c, arrival)) break;
      arrival = nextArrival();
      continue;
    }
    if (!Number.isFinite(tc)) return Number.NaN; // nobody can ever call it
    const c = events.pop()!;
    if (!c || c.freeAt !== tc) continue;
    c.busy = null;
    c.idleSince = tc;
    call(c, tc);
  }
  return found;
}

/** Start of the next arrival slot after minute t, or null when the day's issuing is over. */
function nextSlot(s: Scenario, t: number): number | null {
  for (const [start] of SLOT_WEIGHTS) if (start > t && rateAt(s, start) > 0) return start;
  return null;
}
