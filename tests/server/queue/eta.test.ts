import { describe, expect, it } from "vitest";
import type { DispatchPolicyName } from "../../../server/contract/config.ts";
import { type Candidate, POLICIES } from "../../../server/queue/dispatch.ts";
import {
  type EtaCounter,
  type EtaInput,
  estimateAll,
  estimateSome,
  estimateWait,
} from "../../../server/queue/eta.ts";
import { ArrivalRates, BookingStats, lognormalResidual, ServiceTimes } from "../../../server/queue/stats.ts";

const MIN = 60_000;
const now = 1_000_000_000_000;
const targets = { waitMin: 15, priorityWaitMin: 5, starvationMin: 40 };
let id = 0;
const ticket = (serviceId: string, minAgo: number, priority: Candidate["priority"] = "none"): Candidate => ({
  id: ++id,
  serviceId,
  priority,
  issuedAt: now - minAgo * MIN,
  assignedCounter: null,
});
const counter = (number: number, serviceIds: string[], extra: Partial<EtaCounter> = {}): EtaCounter => ({
  number,
  serviceIds,
  priority: false,
  active: true,
  busy: null,
  ...extra,
});
/** Deterministic service times (cv 0), no arrivals foreseen: the estimate is exact arithmetic. */
const input = (
  waiting: Candidate[],
  counters: EtaCounter[],
  mean = (_: string) => 10 * MIN,
  extra: Partial<EtaInput> = {},
): EtaInput => ({
  policy: "due-time",
  targets,
  now,
  waiting,
  counters,
  meanMs: mean,
  cv: () => 0,
  ...extra,
});
const est = (i: EtaInput, t: Candidate) => {
  const e = estimateWait(i, t);
  return { position: e.position, estimatedWaitMin: e.estimatedWaitMin };
};

describe("estimateWait() with known service times", () => {
  it("is zero for the first in line at a free counter", () => {
    const t = ticket("a", 0);
    expect(estimateWait(input([t], [counter(1, ["a"])]), t)).toEqual({
      position: 0,
      estimatedWaitMin: 0,
      upperWaitMin: 0,
    });
  });

  it("accounts for the remainder of the visit at the desk", () => {
    const t = ticket("a", 0);
    const c = counter(1, ["a"], { busy: { serviceId: "a", since: now - 4 * MIN } });
    expect(est(input([t], [c]), t).estimatedWaitMin).toBe(6);
  });

  it("shares the line ahead across every counter that serves the field", () => {
    const ahead = [ticket("a", 5), ticket("a", 4), ticket("a", 3), ticket("a", 2)];
    const t = ticket("a", 0);
    expect(est(input([...ahead, t], [counter(1, ["a"])]), t)).toEqual({ position: 4, estimatedWaitMin: 40 });
    expect(est(input([...ahead, t], [counter(1, ["a"]), counter(2, ["a", "b"])]), t)).toEqual({
      position: 4,
      estimatedWaitMin: 20,
    });
  });

  it("counts other fields' tickets that compete for the same counters, not those served elsewhere", () => {
    const t = ticket("a", 0);
    const sharing = ticket("b", 3); // counter 1 serves a and b
    const elsewhere = ticket("c", 3); // only counter 2 serves c
    const r = est(input([sharing, elsewhere, t], [counter(1, ["a", "b"]), counter(2, ["c"])]), t);
    expect(r).toEqual({ position: 0, estimatedWaitMin: 10 });
  });

  it("uses each field's own service time", () => {
    const t = ticket("a", 0);
    const land = ticket("b", 2);
    const r = est(
      input([land, t], [counter(1, ["a", "b"])], (s) => (s === "b" ? 25 * MIN : 5 * MIN)),
      t,
    );
    expect(r.estimatedWaitMin).toBe(25);
  });

  it("puts a priority visitor ahead as the dispatch policy would", () => {
    for (const policy of ["due-time", "on-time", "strict-priority"] as DispatchPolicyName[]) {
      const ordinary = ticket("a", 1);
      const elderly = ticket("a", 0, "elderly");
      const i = input([ordinary, elderly], [counter(1, ["a"])], undefined, { policy });
      expect(est(i, elderly)).toEqual({ position: 0, estimatedWaitMin: 0 });
      expect(est(i, ordinary).estimatedWaitMin).toBe(10);
    }
    const ordinary = ticket("a", 1);
    const elderly = ticket("a", 0, "elderly");
    expect(
      est(input([ordinary, elderly], [counter(1, ["a"])], undefined, { policy: "fifo" }), elderly)
        .estimatedWaitMin,
    ).toBe(10);
  });

  it("returns null when no counter serves the field", () => {
    const t = ticket("z", 0);
    expect(estimateWait(input([t], [counter(1, ["a"])]), t)).toEqual({
      position: 0,
      estimatedWaitMin: null,
      upperWaitMin: null,
    });
  });

  it("assumes closed counters will open when none serving the field is open", () => {
    const t = ticket("a", 0);
    const r = est(input([ticket("a", 1), t], [counter(1, ["a"], { active: false })]), t);
    expect(r.estimatedWaitMin).toBe(10);
  });
});

describe("estimateWait(): who will overtake", () => {
  it("foresees priority visitors arriving later and called first", () => {
    const ahead = [ticket("a", 3), ticket("a", 2), ticket("a", 1)];
    const t = ticket("a", 0);
    const counters = [counter(1, ["a"], { busy: { serviceId: "a", since: now } })];
    const quiet = estimateWait(input([...ahead, t], counters), t).estimatedWaitMin!;
    // One priority visitor every 5 minutes, each served ahead of the line.
    const arrivals = (_s: string, p: boolean) => (p ? 0.2 : 0);
    const busy = estimateWait(input([...ahead, t], counters, undefined, { arrivals }), t).estimatedWaitMin!;
    expect(quiet).toBe(40);
    expect(busy).toBeGreaterThanOrEqual(quiet + 10);
  });

  it("foresees nobody while the hall is closed", () => {
    const t = ticket("a", 0);
    const counters = [counter(1, ["a"], { busy: { serviceId: "a", since: now } })];
    const arrivals = () => 0;
    expect(
      estimateWait(input([ticket("a", 1), t], counters, undefined, { arrivals }), t).estimatedWaitMin,
    ).toBe(20);
  });

  it("under on-time, calls the policy's own pick for short lines and matches the tiered model on a simple line", () => {
    const line = [ticket("a", 20), ticket("a", 3, "elderly"), ticket("a", 2), ticket("a", 0)];
    const counters = [
      counter(1, ["a"]),
      counter(2, ["a"], { busy: { serviceId: "a", since: now - 5 * MIN } }),
    ];
    const base = input(line, counters, undefined, { policy: "on-time" });
    const exact = {
      ...base,
      exact: {
        pick: POLICIES["on-time"].pick,
        residualMs: (_s: string, e: number) => Math.max(0, 10 * MIN - e),
      },
    };
    for (const t of line) expect(est(exact, t)).toEqual(est(base, t));
  });
});

describe("the upper figure", () => {
  it("is the estimate itself when service times are known, and above it when they vary", () => {
    const ahead = [ticket("a", 4), ticket("a", 3), ticket("a", 2), ticket("a", 1)];
    const t = ticket("a", 0);
    const known = estimateWait(input([...ahead, t], [counter(1, ["a"])]), t);
    expect(known.upperWaitMin).toBe(known.estimatedWaitMin);
    const varied = estimateWait({ ...input([...ahead, t], [counter(1, ["a"])]), cv: () => 0.8 }, t);
    expect(varied.upperWaitMin!).toBeGreaterThan(varied.estimatedWaitMin!);
    expect(Math.abs(varied.estimatedWaitMin! - 40)).toBeLessThanOrEqual(8);
  });

  it("is deterministic for the same state", () => {
    const line = [ticket("a", 4), ticket("b", 3), ticket("a", 0)];
    const i = { ...input(line, [counter(1, ["a", "b"]), counter(2, ["b"])]), cv: () => 0.7 };
    expect(estimateWait(i, line[2]!)).toEqual(estimateWait(i, line[2]!));
  });
});

describe("estimateAll()", () => {
  it("estimates every waiting ticket in one pass, as estimateWait() does one by one", () => {
    const line = [
      ticket("a", 6),
      ticket("b", 5),
      ticket("a", 4, "elderly"),
      ticket("c", 3),
      ticket("b", 1),
      ticket("z", 0),
    ];
    const i = input(line, [
      counter(1, ["a", "b"]),
      counter(2, ["b", "c"]),
      counter(3, ["c"], { active: false }),
    ]);
    const all = estimateAll(i);
    expect([...all.keys()].sort()).toEqual(line.map((t) => t.id).sort());
    for (const t of line) expect(all.get(t.id)).toEqual(estimateWait(i, t));
    expect(all.get(line[5]!.id)!.estimatedWaitMin).toBeNull();
  });
});

describe("estimateSome()", () => {
  /** A morning line over three fields with random service times and arrivals foreseen. */
  const morning = () => {
    const line = Array.from({ length: 40 }, (_, k) =>
      ticket(["a", "b", "c"][k % 3]!, 40 - k, k % 7 === 0 ? "elderly" : "none"),
    );
    const i = input(
      line,
      [counter(1, ["a", "b"]), counter(2, ["b", "c"]), counter(3, ["a", "c"])],
      () => 6 * MIN,
      {
        policy: "on-time",
        cv: () => 0.7,
        arrivals: (_s, p) => (p ? 0.05 : 0.3),
      },
    );
    return { line, i };
  };

  it("with one ticket is exactly estimateWait() (what the simulator measures)", () => {
    const { line, i } = morning();
    for (const t of [line[0]!, line[20]!, line[39]!])
      expect(estimateSome(i, [t.id]).get(t.id)).toEqual(estimateWait(i, t));
  });

  it("estimates tickets issued together in one set of runs, each near its own estimate", () => {
    const { line, i } = morning();
    const burst = line.slice(-5);
    const some = estimateSome(i, [...burst.map((t) => t.id), 999_999]);
    expect([...some.keys()].sort()).toEqual(burst.map((t) => t.id).sort());
    for (const t of burst) {
      const alone = estimateWait(i, t);
      const together = some.get(t.id)!;
      expect(together.position).toBe(alone.position);
      // Other random draws (the runs go on past each ticket's call): the same figure give or take a little.
      expect(Math.abs(together.estimatedWaitMin! - alone.estimatedWaitMin!)).toBeLessThanOrEqual(
        Math.max(2, 0.15 * alone.estimatedWaitMin!),
      );
    }
    // Later in line, later called.
    const mins = burst.map((t) => some.get(t.id)!.estimatedWaitMin!);
    expect(mins[4]).toBeGreaterThanOrEqual(mins[0]!);
  });
});

describe("ServiceTimes", () => {
  it("blends the configured time until enough visits are known, then uses the plain mean (long visits count)", () => {
    const s = new ServiceTimes(new Map([["a", 10 * MIN]]), 30, 5);
    expect(s.mean("a")).toBe(10 * MIN);
    s.add("a", 4 * MIN);
    expect(s.mean("a")).toBeCloseTo(0.2 * 4 * MIN + 0.8 * 10 * MIN);
    for (let i = 0; i < 8; i++) s.add("a", 4 * MIN);
    s.add("a", 40 * MIN); // a long land dossier moves the mean: trimming it biased every estimate low
    expect(s.mean("a")).toBeCloseTo(7.6 * MIN);
    s.add("a", -5);
    s.add("a", Number.NaN);
    expect(s.mean("a")).toBeCloseTo(7.6 * MIN);
    expect(s.cv("a")).toBeGreaterThan(1);
  });

  it("expects a visit that has run long to go on (the log-normal's residual), not to end now", () => {
    expect(lognormalResidual(8 * MIN, 0.8, 0)).toBe(8 * MIN);
    const atMean = lognormalResidual(8 * MIN, 0.8, 8 * MIN);
    const late = lognormalResidual(8 * MIN, 0.8, 20 * MIN);
    expect(atMean).toBeGreaterThan(3 * MIN);
    expect(late).toBeGreaterThan(atMean);
    expect(lognormalResidual(8 * MIN, 0, 3 * MIN)).toBe(5 * MIN);
  });
});

describe("ArrivalRates", () => {
  it("counts a field's issues of each class over the last 30 minutes", () => {
    const a = new ArrivalRates(30);
    for (let m = 0; m < 60; m += 2) a.add("a", false, now + m * MIN);
    a.add("a", true, now + 50 * MIN);
    expect(a.perMin("a", false, now + 60 * MIN)).toBeCloseTo(15 / 30);
    expect(a.perMin("a", true, now + 60 * MIN)).toBeCloseTo(1 / 30);
    expect(a.perMin("b", false, now + 60 * MIN)).toBe(0);
    expect(a.perMin("a", false, now + 120 * MIN)).toBe(0);
  });
});

describe("estimateWait() with bookings still to check in (issue 14)", () => {
  // One counter, busy for 10 more minutes; a walk-in issued now; a booking expected at
  // +5 min, due at +4 (on-time promises it +14: before the walk-in's +15): it is called first.
  const setup = (p: number, policy: DispatchPolicyName, exact: boolean) => {
    const t = ticket("a", 0);
    const c = counter(1, ["a"], { busy: { serviceId: "a", since: now } });
    const i = input([t], [c], undefined, {
      policy,
      booked: [{ serviceId: "a", at: now + 5 * MIN, dueAt: now + 4 * MIN, p }],
      ...(exact
        ? {
            exact: {
              pick: POLICIES[policy].pick,
              residualMs: (_s: string, e: number) => Math.max(0, 10 * MIN - e),
            },
          }
        : {}),
    });
    return estimateWait(i, t).estimatedWaitMin;
  };

  for (const [policy, exact] of [
    ["due-time", false],
    ["on-time", false],
    ["on-time", true],
  ] as const)
    it(`${policy}${exact ? " (exact runs)" : ""}: a booking due first adds its visit; one that never comes adds nothing`, () => {
      expect(setup(1, policy, exact)).toBe(20);
      expect(setup(0, policy, exact)).toBe(10);
    });

  it("a booking due after the walk-in's promise does not delay it", () => {
    const t = ticket("a", 0);
    const c = counter(1, ["a"], { busy: { serviceId: "a", since: now } });
    const i = input([t], [c], undefined, {
      booked: [{ serviceId: "a", at: now + 5 * MIN, dueAt: now + 30 * MIN, p: 1 }],
    });
    expect(estimateWait(i, t).estimatedWaitMin).toBe(10);
  });
});

describe("BookingStats (issue 14)", () => {
  it("expects a booking less and later the longer it has not checked in; not at all long after", () => {
    const b = new BookingStats();
    const due = now;
    const early = b.expect(due, now - 30 * MIN)!;
    expect(early.p).toBeCloseTo(0.9, 2); // the prior: nine in ten come
    expect(early.at).toBeCloseTo(due - 5 * MIN, -3); // five minutes early
    const atSlot = b.expect(due, now)!;
    expect(atSlot.p).toBeLessThan(0.7);
    expect(atSlot.at).toBeGreaterThanOrEqual(now);
    expect(b.expect(due, now + 30 * MIN)).toBeNull();
  });
});
