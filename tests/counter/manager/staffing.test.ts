/**
 * The staffing hint's queueing maths (counter/src/manager/staffing.ts) against values
 * known from the literature and from closed forms, and against the textbook direct sum.
 */
import { describe, expect, it } from "vitest";
import {
  erlangC,
  estimateArrivals,
  meanWaitSec,
  poolFor,
  serversForTarget,
  staffingHint,
  withinTargetShare,
} from "../../../counter/src/manager/staffing.ts";

/** Erlang C by its defining sum (fine for small c): (a^c/c!·c/(c−a)) / (Σ_{k<c} a^k/k! + a^c/c!·c/(c−a)). */
function erlangCDirect(c: number, a: number): number {
  let sum = 0;
  let term = 1; // a^k / k!
  for (let k = 0; k < c; k++) {
    sum += term;
    term = (term * a) / (k + 1);
  }
  const top = (term * c) / (c - a);
  return top / (sum + top);
}

describe("Erlang C", () => {
  it("is ρ for one server (M/M/1: an arrival waits when the server is busy)", () => {
    for (const a of [0.1, 0.5, 0.9]) expect(erlangC(1, a)).toBeCloseTo(a, 12);
  });

  it("gives the exact fractions of small cases: C(2, 1) = 1/3 and C(3, 2) = 4/9", () => {
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 12);
  });

  it("matches the textbook M/M/10 case of 120 arrivals an hour, 3 minutes each (≈ 0.10)", () => {
    // a = 120/h × 3 min = 6 erlangs on 10 servers: "the probability of waiting is about 0.10".
    expect(erlangC(10, 6)).toBeCloseTo(0.1013, 4);
  });

  it("matches the classic call-centre table: 10 erlangs on 11 and 14 agents", () => {
    // 100 calls per 30 minutes, 3-minute handling time: P(wait) 68.21 % with 11 agents, 17.41 % with 14.
    expect(erlangC(11, 10)).toBeCloseTo(0.6821, 4);
    expect(erlangC(14, 10)).toBeCloseTo(0.1741, 4);
    // Service level of 20 s with 14 agents: 88.8 %.
    expect(withinTargetShare(14, 200, 180, 20)).toBeCloseTo(0.8884, 4);
  });

  it("matches the worked example of 360 calls per half hour, 4 minutes, 55 agents", () => {
    // 48 erlangs: P(wait) 23.87 %, mean answer 8.2 s, 84.6 % answered within 15 s.
    expect(erlangC(55, 48)).toBeCloseTo(0.2387, 4);
    expect(meanWaitSec(55, 720, 240)).toBeCloseTo(8.18, 2);
    expect(withinTargetShare(55, 720, 240, 15)).toBeCloseTo(0.8459, 4);
  });

  it("agrees with the direct sum wherever the sum is computable", () => {
    for (const c of [1, 2, 3, 5, 8, 13, 21, 40])
      for (const load of [0.05, 0.3, 0.7, 0.95]) {
        const a = c * load;
        expect(erlangC(c, a)).toBeCloseTo(erlangCDirect(c, a), 10);
      }
  });

  it("stays finite for a very large hall where a^c / c! overflows", () => {
    const p = erlangC(300, 290);
    expect(Number.isFinite(p)).toBe(true);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1);
  });

  it("is 1 when the load reaches the capacity and 0 without load; refuses nonsense", () => {
    expect(erlangC(3, 3)).toBe(1);
    expect(erlangC(3, 7.5)).toBe(1);
    expect(erlangC(3, 0)).toBe(0);
    expect(() => erlangC(0, 1)).toThrow(RangeError);
    expect(() => erlangC(2.5, 1)).toThrow(RangeError);
    expect(() => erlangC(2, Number.NaN)).toThrow(RangeError);
  });
});

describe("mean wait and the counters needed for the 15-minute target", () => {
  it("gives the M/M/1 and M/M/2 closed forms", () => {
    // M/M/1, λ = 6/h, s = 6 min: ρ = 0.6, Wq = ρ·s/(1−ρ) = 9 min.
    expect(meanWaitSec(1, 6, 360)).toBeCloseTo(540, 9);
    // M/M/2, λ = μ: Wq = (1/3)·s/(2−1) = s/3.
    expect(meanWaitSec(2, 10, 360)).toBeCloseTo(120, 9);
  });

  it("is infinite when the counters cannot keep up, and 0 without visitors", () => {
    expect(meanWaitSec(1, 10, 360)).toBe(Number.POSITIVE_INFINITY); // a = 1
    expect(meanWaitSec(0, 3, 360)).toBe(Number.POSITIVE_INFINITY);
    expect(meanWaitSec(0, 0, 360)).toBe(0);
  });

  it("finds the fewest counters whose mean wait is within the target", () => {
    // 20 visitors an hour at 6 minutes each = 2 erlangs: 2 counters leave an infinite line,
    // 3 counters wait C(3,2)·s/(3−2) = 4/9 · 6 min = 2.67 min.
    expect(serversForTarget(20, 360, 900)).toBe(3);
    expect(meanWaitSec(3, 20, 360)).toBeCloseTo((4 / 9) * 360, 9);
    // Near the boundary, M/M/1 with s = 6 min: ρ = 0.7 waits ρ·s/(1−ρ) = 14 min (one counter
    // is enough), ρ = 0.75 waits 18 min (two are needed).
    expect(meanWaitSec(1, 7, 360)).toBeCloseTo(840, 9);
    expect(serversForTarget(7, 360, 900)).toBe(1);
    expect(meanWaitSec(1, 7.5, 360)).toBeCloseTo(1080, 9);
    expect(serversForTarget(7.5, 360, 900)).toBe(2);
    expect(serversForTarget(0, 360, 900)).toBe(0);
  });
});

describe("staffing hint for one field's pool of counters", () => {
  const T = 900; // 15 minutes
  const pool = (servers: number, perHour: number, serviceSec: number, waiting: number) => ({
    servers,
    perHour,
    load: (perHour * serviceSec) / 3600,
    backlogSec: waiting * serviceSec,
  });

  it("asks for no counter when the line is short and the counters keep up", () => {
    const h = staffingHint(pool(2, 8, 360, 2), T);
    expect(h).toMatchObject({ more: 0, needed: 2, reason: "none" });
    expect(h.expectedWaitSec).toBeLessThan(T);
  });

  it("asks for one more counter when the arrivals outgrow one counter", () => {
    // 12/h × 6 min = 1.2 erlangs > 1 counter: 2 counters wait C(2,1.2)·s/0.8 ≈ 3.4 min.
    const h = staffingHint(pool(1, 12, 360, 1), T);
    expect(h).toMatchObject({ needed: 2, more: 1, reason: "steady" });
    expect(h.expectedWaitSec).toBe(Number.POSITIVE_INFINITY);
  });

  it("counts the people already waiting: the line must be back under 15 minutes within half an hour", () => {
    // 10 waiting × 6 min = 60 min of work, 0.5 erlang arriving, 1 counter:
    // c ≥ (3600 + 0.5 × 1800) / (1800 + 900) = 1.67 → 2 counters.
    const h = staffingHint(pool(1, 5, 360, 10), T);
    expect(h).toMatchObject({ needed: 2, more: 1, reason: "backlog", joinWaitSec: 3600 });
    // A long line at a busy pool: 30 waiting, 2 erlangs on 2 counters → (10800 + 3600) / 2700 = 5.3.
    expect(staffingHint(pool(2, 20, 360, 30), T)).toMatchObject({ needed: 6, more: 4, reason: "backlog" });
    // Without the half hour to drain, everyone now waiting would have to be reached within 15 minutes.
    expect(staffingHint(pool(1, 5, 360, 10), T, 0).needed).toBe(4);
  });

  it("is on the safe side of the boundary: 45 minutes of work drain on one idle-line counter in half an hour", () => {
    expect(staffingHint(pool(1, 0, 300, 9), T).more).toBe(0); // (2700 + 0) / 2700 = 1
    expect(staffingHint(pool(1, 0, 301, 9), T).more).toBe(1);
  });

  it("asks to open a counter for a field nobody serves while people wait", () => {
    const h = staffingHint(pool(0, 4, 360, 3), T);
    expect(h.more).toBe(1);
    expect(h.joinWaitSec).toBe(Number.POSITIVE_INFINITY);
    expect(staffingHint(pool(0, 0, 360, 0), T)).toMatchObject({ more: 0, reason: "none" });
  });
});

describe("the pool of counters that can serve a field", () => {
  const d = (perHour: number, serviceSec: number, waiting: number) => ({ perHour, serviceSec, waiting });

  it("is the field's own demand when its counters serve only it", () => {
    const p = poolFor(
      "a",
      [
        { working: true, serviceIds: ["a"] },
        { working: true, serviceIds: ["a"] },
      ],
      new Map([["a", d(12, 300, 4)]]),
    );
    expect(p).toEqual({ servers: 2, perHour: 12, load: 1, backlogSec: 1200 });
  });

  it("adds the share of the other fields its shared counters serve, spread over their own counters", () => {
    // a: counters 1 and 2; b: counters 2 and 3 (so half of b's demand is on counter 2);
    // the closed counter 4 counts for nobody.
    const counters = [
      { working: true, serviceIds: ["a"] },
      { working: true, serviceIds: ["a", "b"] },
      { working: true, serviceIds: ["b"] },
      { working: false, serviceIds: ["a", "b"] },
    ];
    const demand = new Map([
      ["a", d(10, 360, 2)], // 1 erlang
      ["b", d(20, 180, 6)], // 1 erlang
    ]);
    const p = poolFor("a", counters, demand);
    expect(p.servers).toBe(2);
    expect(p.perHour).toBeCloseTo(10 + 20 / 2, 12);
    expect(p.load).toBeCloseTo(1 + 1 / 2, 12);
    expect(p.backlogSec).toBeCloseTo(2 * 360 + (6 * 180) / 2, 12);
    // The pool's mean service time is load-weighted: 1.5 erlangs over 20/h = 4.5 min.
    const h = staffingHint(p, 900);
    expect(h.expectedWaitSec).toBeCloseTo(meanWaitSec(2, 20, 270), 9);
  });

  it("has no counter and only the field's own demand when no open counter serves it", () => {
    const p = poolFor("c", [{ working: false, serviceIds: ["c"] }], new Map([["c", d(4, 600, 3)]]));
    expect(p).toEqual({ servers: 0, perHour: 4, load: (4 * 600) / 3600, backlogSec: 1800 });
  });
});

describe("arrival estimate", () => {
  const at = (hh: number, mm: number) => Date.UTC(2026, 10, 20, hh - 7, mm); // Asia/Ho_Chi_Minh

  it("counts the field's tickets seen live in the last hour once it has watched 30 minutes", () => {
    const now = at(10, 0);
    const seen = [at(8, 50), at(9, 5), at(9, 30), at(9, 59)];
    expect(
      estimateArrivals({
        seen,
        watchedSince: at(8, 0),
        now,
        hourTickets: new Map(),
        fieldToday: 0,
        allToday: 0,
      }),
    ).toEqual({ perHour: 3, source: "live" });
    // 40 minutes watched, 2 seen: 3 an hour.
    expect(
      estimateArrivals({
        seen,
        watchedSince: at(9, 20),
        now,
        hourTickets: new Map(),
        fieldToday: 0,
        allToday: 0,
      }),
    ).toEqual({ perHour: 3, source: "live" });
  });

  it("estimates from today's hours and the field's share before that", () => {
    // 10:15: the 10:00 hour so far (12) plus 3/4 of the 09:00 hour (40) = 42 in the last hour;
    // the field had 50 of today's 200 tickets: 10.5 an hour.
    const r = estimateArrivals({
      seen: [],
      watchedSince: at(10, 0),
      now: at(10, 15),
      hourTickets: new Map([
        ["08", 100],
        ["09", 40],
        ["10", 12],
      ]),
      fieldToday: 50,
      allToday: 200,
    });
    expect(r.source).toBe("report");
    expect(r.perHour).toBeCloseTo(10.5, 9);
    expect(
      estimateArrivals({
        seen: [],
        watchedSince: null,
        now: at(10, 15),
        hourTickets: new Map(),
        fieldToday: 0,
        allToday: 0,
      }).perHour,
    ).toBe(0);
  });
});
