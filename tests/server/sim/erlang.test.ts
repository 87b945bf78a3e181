/**
 * A check that the simulator itself is right: FIFO in a pooled hall with Poisson arrivals
 * and exponential service is an M/M/c queue, whose waits Erlang C gives exactly
 * (counter/src/manager-staffing.ts, itself checked against textbook values).
 */
import { describe, expect, it } from "vitest";
import { erlangC, meanWaitSec, withinTargetShare } from "../../../counter/src/manager/staffing.ts";
import type { Arrival } from "../../../server/sim/days.ts";
import { rng } from "../../../server/sim/random.ts";
import { replay } from "../../../server/sim/replay.ts";
import type { Scenario } from "../../../server/sim/scenarios.ts";

const c = 4;
const meanMin = 10;
const perMin = 0.32; // a = 3.2 erlangs, 80 % busy
const hall: Scenario = {
  id: "MMc",
  name: "M/M/4",
  fields: [
    {
      id: "chung-thuc",
      prefix: "A",
      name: { vi: "Chứng thực", en: "Certification" },
      share: 1,
      mean: meanMin,
      cv: 1,
    },
  ],
  counters: Array.from({ length: c }, () => [0]),
  rhoDay: 0.8,
  prio: 0,
  batch: 0,
};

/** One long stationary "day": Poisson arrivals, exponential service, nobody missing. */
function stationary(n: number, seed: number): Arrival[] {
  const r = rng(seed);
  const out: Arrival[] = [];
  let t = 0;
  for (let i = 0; i < n; i++) {
    t += -Math.log(1 - r()) / perMin;
    out.push({ at: t, field: 0, priority: "none", serviceMin: -Math.log(1 - r()) * meanMin, noShow: false });
  }
  return out;
}

describe("the hall simulator against Erlang C", () => {
  it("FIFO in a pooled hall gives the M/M/c mean wait, P(wait), and share within 5 minutes within a few percent", () => {
    const visits = replay({ scenario: hall, policy: "fifo", days: [stationary(80_000, 11)] });
    const warm = visits.slice(2_000); // drop the empty-hall start
    const mean = warm.reduce((s, v) => s + v.waitMin, 0) / warm.length;
    const waited = warm.filter((v) => v.waitMin > 1e-9).length / warm.length;
    const within5 = warm.filter((v) => v.waitMin <= 5).length / warm.length;
    const a = perMin * meanMin;
    const wq = meanWaitSec(c, perMin * 60, meanMin * 60) / 60; // ≈ 7.5 min, P(wait) ≈ 0.60
    expect(Math.abs(mean / wq - 1)).toBeLessThan(0.05);
    expect(Math.abs(waited - erlangC(c, a))).toBeLessThan(0.015);
    expect(Math.abs(within5 - withinTargetShare(c, perMin * 60, meanMin * 60, 5 * 60))).toBeLessThan(0.015);
  });
});
