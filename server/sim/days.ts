/**
 * Service days of a simulated hall, generated exactly as `shared/science/SCENARIOS.md`
 * says: door queues at 07:30 and 13:30, a piecewise-constant Poisson process per
 * 30-minute slot, and per visitor a field, a priority flag, a log-normal service time
 * and a 4 % chance of not coming. A day depends only on (scenario, seed, day index), so
 * every policy replays the same days.
 */
import type { Priority } from "../contract/domain.ts";
import { lognormal, pick, poisson, type Rand, rng, seedOf } from "./random.ts";
import {
  NO_SHOW,
  NO_SHOW_MIN,
  PRIORITY_MIX,
  peakRate,
  type Scenario,
  SLOT_MIN,
  SLOT_WEIGHTS,
} from "./scenarios.ts";

/** One visitor of a simulated day. Times in minutes from 07:30. */
export interface Arrival {
  at: number;
  /** Index into the scenario's fields. */
  field: number;
  priority: Priority;
  /** Minutes the visit occupies a counter once called (1 for a no-show). */
  serviceMin: number;
  noShow: boolean;
}

/** Draws one visitor arriving at `at`. */
export function drawVisitor(s: Pick<Scenario, "fields" | "prio">, r: Rand, at: number): Arrival {
  const field = pick(
    r,
    s.fields.map((x) => x.share),
  );
  const priority: Priority =
    r() < s.prio
      ? PRIORITY_MIX[
          pick(
            r,
            PRIORITY_MIX.map(([, w]) => w),
          )
        ]![0]
      : "none";
  const fx = s.fields[field]!;
  const serviceMin = lognormal(r, fx.mean, fx.cv);
  const noShow = r() < NO_SHOW;
  return { at, field, priority, serviceMin: noShow ? NO_SHOW_MIN : serviceMin, noShow };
}

/** Minutes a visitor of field `field` holds a counter once called (1 for a no-show, 4 % of them). */
export function drawService(s: Pick<Scenario, "fields">, r: Rand, field: number): number {
  const fx = s.fields[field]!;
  const serviceMin = lognormal(r, fx.mean, fx.cv);
  return r() < NO_SHOW ? NO_SHOW_MIN : serviceMin;
}

/** The visitors of day `day` of scenario `s`, in arrival order. */
export function generateDay(s: Scenario, seed: number, day: number): Arrival[] {
  const r = rng(seedOf(seed, s.id, day));
  const times: number[] = [];
  const door = (mean: number, from: number) => {
    const k = poisson(r, mean);
    for (let i = 0; i < k; i++) times.push(from + 0.5 * r());
  };
  door(s.batch, 0);
  door(s.batch / 2, 360);
  const peak = peakRate(s);
  for (const [start, w] of SLOT_WEIGHTS) {
    const k = poisson(r, (peak * w * SLOT_MIN) / 1.5);
    for (let i = 0; i < k; i++) times.push(start + SLOT_MIN * r());
  }
  times.sort((a, b) => a - b);
  return times.map((at) => drawVisitor(s, r, at));
}
