import { describe, expect, it } from "vitest";
import { meanSec, nearestRank, pct, Samples, sec } from "../../../server/reports/stats.ts";
import { WaitAcc } from "../../../server/reports/waits.ts";
import { ST_DONE } from "../../../server/store/reports.ts";

describe("nearest-rank percentiles", () => {
  it("picks the value at rank ⌈p·n/100⌉ of the sorted values", () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(nearestRank(xs, 50)).toBe(5);
    expect(nearestRank(xs, 90)).toBe(9);
    expect(nearestRank(xs, 91)).toBe(10);
    expect(nearestRank(xs, 100)).toBe(10);
    expect(nearestRank([42], 50)).toBe(42);
    expect(nearestRank([42], 90)).toBe(42);
    expect(nearestRank([], 50)).toBeNull();
  });

  it("uses integer arithmetic for the rank ((7 / 100) × 100 is 7.000000000000001 in floating point)", () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(Math.ceil((7 / 100) * 100)).toBe(8); // the trap
    expect(nearestRank(xs, 7)).toBe(7);
    const ys = Array.from({ length: 50 }, (_, i) => i + 1);
    expect(nearestRank(ys, 14)).toBe(7);
    expect(nearestRank(ys, 90)).toBe(45);
  });

  it("selects the same percentile as the sorted definition, on random, sorted, reversed and repeated waits", () => {
    let seed = 5;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const cases = [
      Array.from({ length: 1001 }, () => Math.floor(rand() * 3_600_000)),
      Array.from({ length: 500 }, (_, i) => i * 1000),
      Array.from({ length: 500 }, (_, i) => (500 - i) * 7),
      Array.from({ length: 300 }, (_, i) => (i % 3) * 60_000),
      Array.from({ length: 77 }, () => 42),
      [5],
      [9, 1],
    ];
    for (const xs of cases)
      for (const p of [1, 7, 50, 90, 99, 100]) {
        const s = new Samples();
        for (const x of xs) s.push(x);
        expect(s.nearestRank(p), `${xs.length} values, p${p}`).toBe(
          nearestRank(
            [...xs].sort((a, b) => a - b),
            p,
          ),
        );
      }
    expect(new Samples().nearestRank(50)).toBeNull();
  });

  it("selects through buckets from 20,000 values on, with the same result (skewed, tied, hours-long outliers, arrays kept as views)", () => {
    let seed = 11;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const cases = [
      Array.from({ length: 150_000 }, () => Math.floor(-Math.log(1 - rand()) * 480_000)),
      Array.from({ length: 100_000 }, (_, i) => (i % 17) * 60_000),
      [...Array.from({ length: 120_000 }, () => 300_000), 9 * 3_600_000],
      Array.from({ length: 100_000 }, () => 42),
      Array.from({ length: 25_000 }, () => Math.floor(rand() * rand() * 3_600_000)),
    ];
    for (const xs of cases) {
      const sorted = Float64Array.from(xs).sort();
      for (const p of [1, 50, 90, 99, 100]) {
        const s = new Samples(xs.length);
        s.pushAll(xs);
        expect(s.nearestRank(p), `${xs.length} values, p${p}`).toBe(nearestRank(sorted, p));
        // The same values as views of one array (the province's months in memory), a few pushed one by one.
        const held = Float64Array.from(xs);
        const v = new Samples();
        v.pushAll(held.subarray(0, 1000));
        for (let i = 1000; i < 1010; i++) v.push(held[i]!);
        v.pushRange(held, 1010, 1030);
        v.pushRange(held, 1030, held.length);
        expect(v.nearestRank(p), `${xs.length} values as views, p${p}`).toBe(nearestRank(sorted, p));
        expect(held.every((x, i) => x === xs[i])).toBe(true); // never reordered
      }
    }
  });

  it("sorts waits numerically, not as strings (9 min < 10 min < 61 min)", () => {
    const s = new Samples();
    for (const x of [3_660_000, 540_000, 600_000, 100, 86_400_000]) s.push(x);
    expect([...s.sorted()]).toEqual([100, 540_000, 600_000, 3_660_000, 86_400_000]);
  });

  it("grows past its initial capacity", () => {
    const s = new Samples();
    for (let i = 1000; i > 0; i--) s.push(i);
    const v = s.sorted();
    expect(v.length).toBe(1000);
    expect(v[0]).toBe(1);
    expect(v[999]).toBe(1000);
  });

  it("rounds means to 0.1 s and percentages to 0.1 %, null when there is nothing to divide", () => {
    expect(meanSec(7_300_000, 7)).toBe(1042.9);
    expect(meanSec(0, 0)).toBeNull();
    expect(pct(2, 3)).toBe(66.7);
    expect(pct(0, 0)).toBeNull();
    expect(sec(900_001)).toBe(900.001);
  });
});

describe("wait figures of a group", () => {
  it("treats exactly 15 min as within the target and 15 min 1 ms as a breach", () => {
    const a = new WaitAcc(900_000);
    a.add(ST_DONE, 900_000, null, 60_000);
    a.add(ST_DONE, 900_001, null, 60_000);
    const f = a.figures();
    expect(f.breaches).toBe(1);
    expect(f.withinTargetPct).toBe(50);
    expect(f.maxWaitSec).toBe(900.001);
  });

  it("counts waits of many hours in full (no minute-of-hour arithmetic)", () => {
    const a = new WaitAcc(900_000);
    a.add(ST_DONE, 2 * 3600_000 + 5 * 60_000, null, null); // 2 h 05 min
    a.add(ST_DONE, 59 * 60_000, null, null);
    const f = a.figures();
    expect(f.maxWaitSec).toBe(7500);
    expect(f.meanWaitSec).toBe(5520);
    expect(f.medianWaitSec).toBe(3540);
  });
});
