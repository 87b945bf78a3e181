/**
 * The study of issue 9 for one hall: generate its days, replay them under each policy
 * (FIFO first, the reference), record the printed estimate and upper figure of the
 * default policy's tickets and, for a sample of them, the floor (floor.ts). Pure apart
 * from the clock it reads to report its own run time.
 */
import type { DispatchPolicyName } from "../contract/config.ts";
import {
  type BookedArrival,
  type BookingCounts,
  type BookingModel,
  type SimBooking,
  withBookings,
} from "./bookings.ts";
import { generateDay } from "./days.ts";
import { floorWait } from "./floor.ts";
import { type Figures, figures } from "./metrics.ts";
import { rng, seedOf } from "./random.ts";
import { dayOrigin, replay } from "./replay.ts";
import type { Scenario } from "./scenarios.ts";

export interface StudyOptions {
  days: number;
  seed: number;
  /** Policies to replay; `fifo` is always added first. */
  policies: readonly DispatchPolicyName[];
  /** Policy whose estimate is measured (the default). */
  estimatePolicy: DispatchPolicyName;
  /** Estimate every k-th ticket (1 = all). */
  estimateEvery: number;
  /** Floor of every k-th estimated ticket (0 = none). */
  floorEvery: number;
  /** Re-simulations per floor. */
  floorReps: number;
  /** Booked visitors (issue 14); absent or share 0 = the spec's days as they are. */
  bookings?: BookingModel;
}

export interface HallStudy {
  hall: string;
  name: string;
  counters: number;
  rhoDay: number;
  prio: number;
  days: number;
  seed: number;
  visits: number;
  fields: string[];
  /** Figures per policy, FIFO first. */
  results: { policy: DispatchPolicyName; figures: Figures; ms: number }[];
  estimateEvery: number;
  floorEvery: number;
  floorReps: number;
  /** The booking model and what happened to the bookings, when there were any. */
  bookings?: BookingModel & BookingCounts;
}

/** The spec's days of a scenario (same for every policy). */
export function scenarioDays(
  s: Scenario,
  seed: number,
  days: number,
  bookings?: BookingModel,
  counts?: BookingCounts,
  lists?: SimBooking[][],
): BookedArrival[][] {
  return Array.from({ length: days }, (_, d) => {
    const day = generateDay(s, seed, d);
    const list: SimBooking[] = [];
    lists?.push(list);
    return bookings ? withBookings(day, bookings, seed, s.id, d, counts, list) : day;
  });
}

/** Runs the study of one hall. */
export function studyHall(s: Scenario, o: StudyOptions): HallStudy {
  const counts: BookingCounts = { booked: 0, checkedIn: 0, late: 0, noShow: 0 };
  const lists: SimBooking[][] = [];
  const days = scenarioDays(s, o.seed, o.days, o.bookings, counts, lists);
  const policies: DispatchPolicyName[] = ["fifo", ...o.policies.filter((p) => p !== "fifo")];
  const results: HallStudy["results"] = [];
  for (const policy of policies) {
    const t = performance.now();
    const measure = policy === o.estimatePolicy;
    const fr = rng(seedOf(o.seed, s.id, "floor"));
    let k = 0;
    let e = 0;
    const visits = replay({
      scenario: s,
      policy,
      days,
      dueAfterSlotMin: o.bookings?.dueAfterSlotMin,
      bookings: o.bookings ? { lists, checkInLateMin: o.bookings.checkInLateMin } : undefined,
      onIssue: measure
        ? ({ core, ticket, now, day }) => {
            // A booked visitor's wait runs from the slot, not from issue: no printed estimate is judged for them.
            if (ticket.dueAt != null) return undefined;
            if (k++ % o.estimateEvery !== 0) return undefined;
            const est = core.estimate(ticket.id, now)!;
            const floor =
              o.floorEvery > 0 && e++ % o.floorEvery === 0
                ? floorWait(core, s, ticket.id, now, dayOrigin(day), fr, o.floorReps)
                : undefined;
            return { estimateMin: est.estimatedWaitMin, upperMin: est.upperWaitMin, floorMin: floor };
          }
        : undefined,
    });
    results.push({ policy, figures: figures(visits, s.fields.length), ms: performance.now() - t });
  }
  return {
    hall: s.id,
    name: s.name,
    counters: s.counters.length,
    rhoDay: s.rhoDay,
    prio: s.prio,
    days: o.days,
    seed: o.seed,
    visits: results[0]!.figures.n,
    fields: s.fields.map((f) => f.name.en),
    results,
    estimateEvery: o.estimateEvery,
    floorEvery: o.floorEvery,
    floorReps: o.floorReps,
    ...(o.bookings && o.bookings.share > 0 ? { bookings: { ...o.bookings, ...counts } } : {}),
  };
}
