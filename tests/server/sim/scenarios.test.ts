import { describe, expect, it } from "vitest";
import { generateDay } from "../../../server/sim/days.ts";
import {
  DAY_CAPACITY_MIN,
  effectiveMeanMin,
  peakRate,
  rateAt,
  SCENARIOS,
  scenario,
  scenarioConfig,
} from "../../../server/sim/scenarios.ts";

describe("the halls of SCENARIOS.md, as data", () => {
  it("has the five halls and the two 30 % priority variants, with the spec's counters and loads", () => {
    expect(SCENARIOS.map((s) => s.id)).toEqual(["S1", "S2", "S3", "S4", "S4b", "S1p30", "S3p30"]);
    const counters = Object.fromEntries(SCENARIOS.map((s) => [s.id, s.counters.length]));
    expect(counters).toEqual({ S1: 6, S2: 30, S3: 6, S4: 8, S4b: 8, S1p30: 6, S3p30: 6 });
    expect(scenario("s2")!.counters.filter((c) => c.length === 1 && c[0] === 1)).toHaveLength(6); // {1}×6
    expect(scenario("S4")!.counters[5]).toEqual([4, 3]);
    for (const s of SCENARIOS) {
      expect(s.fields.reduce((a, f) => a + f.share, 0)).toBeCloseTo(1, 9);
      for (let i = 0; i < s.fields.length; i++) expect(s.counters.some((c) => c.includes(i))).toBe(true);
      expect(() => scenarioConfig(s, "fifo")).not.toThrow();
    }
    expect(effectiveMeanMin(scenario("S1")!)).toBeCloseTo(0.96 * 7.25 + 0.04, 9);
  });

  it("sets the peak rate so that the day's offered work is rho_day of its capacity", () => {
    for (const s of SCENARIOS) {
      let expected = 1.5 * s.batch;
      for (let t = 0; t < 600; t += 0.5) expected += rateAt(s, t + 0.25) * 0.5;
      expect((expected * effectiveMeanMin(s)) / (s.counters.length * DAY_CAPACITY_MIN)).toBeCloseTo(
        s.rhoDay,
        6,
      );
      expect(rateAt(s, 95)).toBeCloseTo(peakRate(s), 9); // weight 1.5 at 09:00
      expect(rateAt(s, 300)).toBe(0); // lunch
    }
  });

  it("generates days as specified: the expected visitors, priority share and no-shows, the same days for a seed", () => {
    const s = scenario("S4")!;
    const days = Array.from({ length: 150 }, (_, d) => generateDay(s, 3, d));
    const all = days.flat();
    const perDay = (s.rhoDay * s.counters.length * DAY_CAPACITY_MIN) / effectiveMeanMin(s);
    expect(all.length / days.length / perDay).toBeGreaterThan(0.97);
    expect(all.length / days.length / perDay).toBeLessThan(1.03);
    expect(all.filter((a) => a.priority !== "none").length / all.length).toBeCloseTo(s.prio, 2);
    expect(all.filter((a) => a.noShow).length / all.length).toBeCloseTo(0.04, 2);
    expect(all.every((a) => (a.at >= 0 && a.at < 240) || (a.at >= 360 && a.at < 570))).toBe(true);
    expect(days[0]!.filter((a) => a.at < 0.5).length).toBeGreaterThan(0); // the door queue at 07:30
    expect(generateDay(s, 3, 7)).toEqual(days[7]);
  });
});
