/**
 * Replays generated days of a scenario through the real queue core with one dispatch
 * policy, as the spec says: every counter opens at 07:30 and serves until the line is
 * empty; a called visitor starts at once and finishes after their service time; a
 * no-show holds the counter one minute and is marked "vắng mặt". Records every visit's
 * wait and, through an optional hook, what the hall could have told the visitor at issue.
 */
import type { DispatchPolicyName } from "../contract/config.ts";
import { QueueCore } from "../queue/core.ts";
import { ServiceTimes } from "../queue/stats.ts";
import { dayStartMs, isoVn } from "../queue/time.ts";
import type { TicketRec } from "../queue/types.ts";
import type { BookedArrival, SimBooking } from "./bookings.ts";
import { SimEngine } from "./engine.ts";
import { type Scenario, scenarioConfig } from "./scenarios.ts";

export const MIN = 60_000;
/** Day 0 of every simulation: a Monday; day d is d calendar days later. */
export const FIRST_DAY = "2025-01-06";
/** 07:30 of simulated day d, epoch ms (t = 0 of the spec). */
export function dayOrigin(d: number): number {
  return dayStartMs(FIRST_DAY) + d * 86_400_000 + 7.5 * 3600_000;
}

/** One visit of a replayed day. */
export interface Visit {
  day: number;
  field: number;
  priority: boolean;
  noShow: boolean;
  /** Minutes from 07:30. */
  issuedMin: number;
  /** Minutes from issue (a booked visitor: from max(check-in, slot)) to the first call. */
  waitMin: number;
  /** Checked in with a booking for a slot (issue 14). */
  booked?: boolean;
  /** What the issue hook returned (e.g. the printed estimate). */
  note?: IssueNote;
}

/** What the hall tells a visitor at issue, recorded for the estimate's figures. */
export interface IssueNote {
  estimateMin?: number | null;
  upperMin?: number | null;
  floorMin?: number | null;
}

export interface ReplayOptions {
  scenario: Scenario;
  policy: DispatchPolicyName;
  days: readonly BookedArrival[][];
  /** Experiment: a booked ticket is due this many minutes after its slot (default 0: at the slot, as the hall does). */
  dueAfterSlotMin?: number;
  /**
   * The bookings of each day, known to the hall in the morning: until they check in (or
   * their window, `checkInLateMin` after the slot, closes: a miss) the core foresees them.
   */
  bookings?: { lists: readonly (readonly SimBooking[])[]; checkInLateMin: number };
  /** Called right after a ticket is issued (before it can be called). */
  onIssue?: (x: {
    core: QueueCore;
    ticket: TicketRec;
    arrival: BookedArrival;
    day: number;
    now: number;
  }) => IssueNote | undefined;
}

/** Replays `days` one after another on one core (service times carry over, as in a hall). */
export function replay(o: ReplayOptions): Visit[] {
  const s = o.scenario;
  const config = scenarioConfig(s, o.policy);
  const defaults = new Map(config.services.map((x) => [x.id, x.defaultServiceMin * MIN]));
  let code = 0;
  const core = new QueueCore(
    config,
    { openTickets: [], counters: [], seqs: new Map(), day: "2000-01-01", nextTicketId: 1, recentCalls: [] },
    new ServiceTimes(defaults),
    () => `c${++code}`,
    isoVn,
  );
  const visits: Visit[] = [];
  const byTicket = new Map<number, { v: Visit; a: BookedArrival; from: number }>();
  const engine = new SimEngine({
    core,
    visit: (sim, n, t, now) => {
      const rec = byTicket.get(t.id)!;
      byTicket.delete(t.id);
      rec.v.waitMin = Math.max(0, now - rec.from) / MIN;
      const officer = sim.officer(n)!;
      const end = now + rec.a.serviceMin * MIN;
      if (rec.a.noShow) {
        sim.at(end, () => {
          sim.commit(sim.core.noShow(n, officer, end).change);
          sim.release(n, end);
        });
        return;
      }
      sim.commit(sim.core.start(n, officer, now).change);
      sim.at(end, () => {
        sim.commit(sim.core.finish(n, officer, end).change);
        sim.release(n, end);
      });
    },
  });
  const fields = s.fields.map((x) => x.id);
  const dueAfter = (o.dueAfterSlotMin ?? 0) * MIN;
  o.days.forEach((arrivals, d) => {
    const t0 = dayOrigin(d);
    let pending: SimBooking[] = [...(o.bookings?.lists[d] ?? [])];
    // The hall's list of bookings still to come, as the appointment service keeps it.
    const foresee = (now: number, arrived: BookedArrival | null) => {
      if (!o.bookings) return;
      const closes = o.bookings.checkInLateMin * MIN;
      const still: SimBooking[] = [];
      for (const b of pending) {
        if (b.checkIn !== null && b.checkIn === arrived) continue;
        if (t0 + b.slot * MIN + closes <= now) core.bookingStats.missed();
        else still.push(b);
      }
      pending = still;
      core.foreseeBookings(
        pending.map((b) => ({ serviceId: fields[b.field]!, dueAt: t0 + b.slot * MIN + dueAfter })),
      );
    };
    const roll = core.rollover(t0);
    if (roll) core.apply(roll);
    if (d === 0) for (const c of config.counters) engine.open(c.number, c.number, t0);
    for (const a of arrivals) {
      const at = t0 + a.at * MIN;
      engine.at(at, () => {
        const v: Visit = {
          day: d,
          field: a.field,
          priority: a.priority !== "none",
          noShow: a.noShow,
          issuedMin: a.at,
          waitMin: Number.NaN,
        };
        // A booked visitor's ticket is due at the slot (the hall's check-in, issue 14).
        const slotAt = a.slot === undefined ? null : t0 + a.slot * MIN;
        const dueAt = slotAt === null ? null : slotAt + dueAfter;
        foresee(at, a);
        if (slotAt !== null) v.booked = true;
        const r = core.issue(
          { serviceId: fields[a.field]!, priority: a.priority, kioskId: null, lang: "vi", dueAt },
          at,
        );
        core.apply(r.change);
        byTicket.set(r.ticket.id, { v, a, from: Math.max(at, slotAt ?? at) });
        visits.push(v);
        const note = o.onIssue?.({ core, ticket: r.ticket, arrival: a, day: d, now: at });
        if (note) v.note = note;
        engine.wake(r.ticket.serviceId, at);
      });
    }
    engine.run();
  });
  return visits;
}
