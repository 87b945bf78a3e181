/**
 * The floor of the wait estimate (SCENARIOS.md): the best estimate anyone could print,
 * given everything observable when a ticket is issued (the line, who is being served
 * since when, the arrival profile). The rest of the day is re-simulated many times from
 * that state, with fresh service times (a visit in progress draws its remainder given
 * how long it has lasted, from the scenario's true distribution) and fresh arrivals from
 * the scenario's own profile, through the same dispatch policy (forward.ts); the median
 * of the ticket's simulated waits minimizes the expected absolute error, so its error is
 * what no estimator can beat on average.
 */
import type { QueueCore } from "../queue/core.ts";
import { drawService, drawVisitor } from "./days.ts";
import { poissonArrivals, runForward, type SimCounter, type SimTicket } from "./forward.ts";
import { lognormalBeyond, type Rand } from "./random.ts";
import { NO_SHOW_MIN, rateAt, type Scenario, SLOT_MIN } from "./scenarios.ts";

const MIN = 60_000;

/**
 * The median simulated wait (minutes) of `ticketId`, just issued at `now` (ms) on the
 * day whose 07:30 is `t0` (ms), over `reps` re-simulations; NaN if it can never be called.
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
  const fieldIndex = new Map(s.fields.map((f, i) => [f.id, i]));
  const base = [...core.openTickets()].filter((t) => t.status === "waiting");
  const state = core.config.counters.map((c) => {
    const cur = core.current(c.number);
    return {
      cfg: { number: c.number, serviceIds: c.serviceIds, priority: c.priority },
      cur: cur
        ? { serviceId: cur.serviceId, since: cur.startedAt ?? cur.calledAt!, noShow: cur.status === "called" }
        : null,
    };
  });
  const services = s.fields.map((f) => f.id);
  const waits: number[] = [];
  for (let k = 0; k < reps; k++) {
    const counters: SimCounter[] = state.map((x) => {
      if (!x.cur) return { cfg: x.cfg, busy: null, freeAt: now, idleSince: now };
      const f = s.fields[fieldIndex.get(x.cur.serviceId)!]!;
      // A called visitor who has not started is, in these halls, a no-show: one minute.
      const end = x.cur.noShow
        ? x.cur.since + NO_SHOW_MIN * MIN
        : x.cur.since + lognormalBeyond(r, f.mean, f.cv, (now - x.cur.since) / MIN) * MIN;
      return {
        cfg: x.cfg,
        busy: { serviceId: x.cur.serviceId, since: x.cur.since },
        freeAt: Math.max(now, end),
        idleSince: now,
      };
    });
    const waiting: SimTicket[] = base.map((t) => ({
      ...t,
      serviceMs: drawService(s, r, fieldIndex.get(t.serviceId)!) * MIN,
    }));
    let id = -1;
    const called = runForward({
      policy: core.policy,
      targets: core.config.targets,
      now,
      waiting,
      counters,
      nextArrival: poissonArrivals(
        now,
        t0 + 570 * MIN,
        SLOT_MIN * MIN,
        (at) => rateAt(s, (at - t0) / MIN),
        r,
        (at) => {
          const v = drawVisitor(s, r, 0);
          return {
            id: id--,
            serviceId: services[v.field]!,
            priority: v.priority,
            issuedAt: at,
            assignedCounter: null,
            serviceMs: v.serviceMin * MIN,
          };
        },
      ),
      meanMs: (x) => core.serviceTimes.mean(x),
      residualMs: (x, e) => core.serviceTimes.residual(x, e),
      stopAt: ticketId,
    });
    const at = called.get(ticketId);
    if (at !== undefined) waits.push((at - base.find((t) => t.id === ticketId)!.issuedAt) / MIN);
  }
  if (waits.length === 0) return Number.NaN;
  waits.sort((a, b) => a - b);
  return waits[Math.floor(waits.length / 2)]!;
}
