import { describe, expect, it } from "vitest";
import {
  type Candidate,
  type DispatchCounter,
  type DispatchView,
  dispatchOrder,
  dueAt,
  type HallCounter,
  POLICIES,
} from "../../../server/queue/dispatch.ts";
import { BOOKED_GRACE_MIN, LATE_YIELD, PLAN_PACE, promiseOf } from "../../../server/queue/on-time.ts";

const MIN = 60_000;
const T0 = 1_000_000_000_000;
const now = T0;
const targets = { waitMin: 15, priorityWaitMin: 5, starvationMin: 40 };
const counter: DispatchCounter = { number: 1, serviceIds: ["a", "b"], priority: false };
let id = 0;
const t = (issuedMinAgo: number, priority: Candidate["priority"] = "none", serviceId = "a"): Candidate => ({
  id: ++id,
  serviceId,
  priority,
  issuedAt: T0 - issuedMinAgo * MIN,
  assignedCounter: null,
});
/** A hall view: the given counters free at the given minutes from now; `a` visits 4 min, `b` 12 min. */
const view = (
  counters: (DispatchCounter & { freeInMin?: number })[] = [counter],
  means: Record<string, number> = { a: 4, b: 12 },
): DispatchView => ({
  now,
  targets,
  counters: counters.map<HallCounter>((c) => ({ ...c, freeAt: now + (c.freeInMin ?? 0) * MIN })),
  meanMs: (s) => (means[s] ?? 6) * MIN,
});
const pick = (policy: keyof typeof POLICIES, line: Candidate[], c = counter, v = view()) =>
  POLICIES[policy].pick(line, c, v);

describe("dueAt() and promiseOf()", () => {
  it("is issue time + 15 min for ordinary visitors and + 5 min for priority visitors, or the ticket's own due time", () => {
    expect(dueAt(t(0), targets)).toBe(T0 + 15 * MIN);
    expect(dueAt(t(0, "elderly"), targets)).toBe(T0 + 5 * MIN);
    expect(dueAt({ ...t(0), dueAt: T0 + 30 * MIN }, targets)).toBe(T0 + 30 * MIN);
  });

  it("gives priority visitors a second promise at twice their target, and none once both have passed", () => {
    expect(promiseOf(t(3, "elderly"), now, { targets })).toBe(now + 2 * MIN);
    expect(promiseOf(t(7, "elderly"), now, { targets })).toBe(now + 3 * MIN);
    expect(promiseOf(t(11, "elderly"), now, { targets })).toBeNull();
    expect(promiseOf(t(14), now, { targets })).toBe(now + MIN);
    expect(promiseOf(t(16), now, { targets })).toBeNull();
  });
});

describe("on-time: the plan (who can still be called within their promise)", () => {
  it("calls the earliest promise first: a priority visitor ahead of someone who has waited less than 10 min longer", () => {
    const ordinary = t(9);
    const elderly = t(0, "elderly");
    expect(pick("on-time", [ordinary, elderly])).toBe(elderly);
    const older = t(11);
    expect(pick("on-time", [elderly, older])).toBe(older);
  });

  it("overload: when not everyone can be called in time, the longest visit waits so that more people are on time", () => {
    // One counter; a land visit (12 min) due in 2 min, then two certifications (4 min) due in 3 and 5 min.
    // Land first would make both certifications late; setting it aside keeps them on time.
    const land = t(13, "none", "b");
    const cert1 = t(12, "none", "a");
    const cert2 = t(10, "none", "a");
    const line = [land, cert1, cert2];
    expect(pick("on-time", line)).toBe(cert1);
    expect(pick("due-time", line)).toBe(land);
    expect(pick("fifo", line)).toBe(land);
  });

  it("sets aside an ordinary visitor before a priority visitor, even a shorter one", () => {
    const prio = t(3, "elderly", "b"); // 12-min visit, promised in 2 min
    const cert = t(12, "none", "a"); // 4-min visit, promised in 3 min
    expect(pick("on-time", [cert, prio])).toBe(prio);
  });

  it("calls someone already late when that makes nobody in the plan late, the quickest visit first", () => {
    const late = t(20, "none", "b");
    const lateQuick = t(18, "none", "a");
    const fresh = t(0); // promised in 15 min: plenty of time
    expect(pick("on-time", [fresh, late, lateQuick])).toBe(lateQuick);
    expect(pick("on-time", [fresh, late])).toBe(late);
  });

  it("keeps the plan when calling the late visitor would make an on-time one late", () => {
    const late = t(20, "none", "b"); // 12 min at the desk
    const due = t(13); // promised in 2 min
    expect(pick("on-time", [late, due])).toBe(due);
  });

  it("paces the plan by the counters that share fields with the caller", () => {
    // 2 min of slack, a 12-min late visit: alone it would make `due` late; with 5 more counters sharing the field it does not.
    const late = t(20, "none", "b");
    const due = t(13);
    const many = [
      counter,
      ...[2, 3, 4, 5, 6].map((n) => ({ number: n, serviceIds: ["a", "b"], priority: false })),
    ];
    expect(12 / (6 * PLAN_PACE)).toBeLessThan(2);
    expect(pick("on-time", [late, due], counter, view(many))).toBe(late);
  });

  it("uses a ticket's own due time (a booked slot) + 10 min as its promise, and none after", () => {
    expect(BOOKED_GRACE_MIN).toBe(10);
    const booked = { ...t(1), dueAt: now - 8 * MIN }; // promised slot + 10: in 2 min
    const walkIn = t(12); // promised in 3 min
    expect(pick("on-time", [walkIn, booked])).toBe(booked);
    // Slot 3 minutes ago: promised in 7 min, after the walk-in.
    expect(pick("on-time", [walkIn, { ...booked, dueAt: now - 3 * MIN }])).toBe(walkIn);
    expect(promiseOf({ ...booked, dueAt: now - 3 * MIN }, now, { targets })).toBe(now + 7 * MIN);
    // Past slot + 10: late like anyone.
    expect(promiseOf({ ...booked, dueAt: now - 11 * MIN }, now, { targets })).toBeNull();
  });

  it("skill hall: a late visitor few counters can serve may push an ordinary one a little past the promise", () => {
    // Counter 1 is the only one serving b; a b visitor is 20 min late (tolerance 0.5 × 3/4 × 20 = 7.5 min).
    const lateB = t(35, "none", "b");
    const dueA = t(14, "none", "a"); // promised in 1 min; a 12-min b visit at pace 5 pushes it 1.4 min past
    const onlyA = [2, 3, 4].map((n) => ({ number: n, serviceIds: ["a"], priority: false }));
    const skill = view([counter, ...onlyA]);
    expect(pick("on-time", [dueA, lateB], counter, skill)).toBe(lateB);
    // Where every counter serves b too, the late visitor can wait for any of them: the plan goes first.
    const pooled = view([counter, ...onlyA.map((c) => ({ ...c, serviceIds: ["a", "b"] }))]);
    expect(pick("on-time", [dueA, lateB], counter, pooled)).toBe(dueA);
    // Never past a priority visitor's promise.
    const elderly = t(4, "elderly", "a");
    expect(pick("on-time", [elderly, lateB], counter, skill)).toBe(elderly);
    expect(LATE_YIELD).toBe(0.5);
  });
});

describe("on-time: the guard holds hall-wide", () => {
  it("never passes over someone who has waited 40 minutes, not even for a priority visitor", () => {
    const old = t(41);
    const elderly = t(0, "elderly");
    expect(pick("on-time", [elderly, old])).toBe(old);
  });

  it("calls a priority visitor who has waited 10 minutes before the plan", () => {
    const prio = t(10, "pregnant", "b");
    const due = t(14.5);
    expect(pick("on-time", [due, prio])).toBe(prio);
  });

  it("skill hall: does not spend its turn on an old ticket another counter is about to take while one only it serves waits", () => {
    // Counter 1 serves a and b; counter 2 serves only a and is free in 1 minute. Both tickets are past the guard.
    const oldA = t(50, "none", "a");
    const oldB = t(46, "none", "b");
    const two = { number: 2, serviceIds: ["a"], priority: false, freeInMin: 1 };
    expect(pick("on-time", [oldA, oldB], counter, view([counter, two]))).toBe(oldB);
    // Per counter (the classic policies' guard), the older ticket goes first and b waits a whole visit more.
    expect(pick("due-time", [oldA, oldB], counter, view([counter, two]))).toBe(oldA);
    // With nobody else able to take a soon, the oldest goes first.
    const busyTwo = { ...two, freeInMin: 30 };
    expect(pick("on-time", [oldA, oldB], counter, view([counter, busyTwo]))).toBe(oldA);
  });
});

describe("rules every policy shares", () => {
  it("only considers the fields the counter serves, and a ticket sent to one counter only there", () => {
    for (const p of ["on-time", "due-time", "fifo", "strict-priority"] as const) {
      const other = t(20, "none", "z");
      const mine = t(1, "none", "b");
      expect(pick(p, [other, mine])).toBe(mine);
      expect(pick(p, [other])).toBeNull();
      const assigned = { ...t(20), assignedCounter: 2 };
      expect(pick(p, [assigned])).toBeNull();
      expect(pick(p, [assigned], { number: 2, serviceIds: ["q"], priority: false })).toBe(assigned);
    }
  });

  it("at a priority counter calls priority visitors first, then anyone", () => {
    const pc = { ...counter, priority: true };
    for (const p of ["on-time", "due-time"] as const) {
      const ordinary = t(14);
      const child = t(0, "child");
      expect(pick(p, [ordinary, child], pc)).toBe(child);
      expect(pick(p, [ordinary], pc)).toBe(ordinary);
    }
  });
});

describe("the classic policies", () => {
  it("due-time: earliest due first, with a starvation guard served first-come first-served", () => {
    expect(pick("due-time", [t(9), t(0, "elderly")])!.priority).toBe("elderly");
    const starving = t(41);
    const disabled = t(32, "disabled");
    expect(pick("due-time", [disabled, starving])).toBe(starving);
  });

  it("strict-priority calls any priority visitor before any ordinary one (until starvation)", () => {
    const merit = t(0, "merit");
    expect(pick("strict-priority", [t(25), merit])).toBe(merit);
    const starving = t(45);
    expect(pick("strict-priority", [merit, starving])).toBe(starving);
  });

  it("fifo calls by issue time only, ties by id", () => {
    const old = t(3);
    expect(pick("fifo", [t(1, "elderly"), old])).toBe(old);
    const twin = { ...old, id: old.id + 1000 };
    expect(pick("fifo", [twin, old])).toBe(old);
  });
});

describe("dispatchOrder()", () => {
  it("orders the line exactly as repeated picks would", () => {
    const line = [t(41), t(2, "elderly"), t(12), t(0), t(8, "child"), t(45, "merit"), t(14)];
    for (const p of ["on-time", "due-time"] as const) {
      const order = dispatchOrder(POLICIES[p], line, counter, view()).map((x) => x.id);
      const rest = [...line];
      const picked: number[] = [];
      while (rest.length) {
        const x = pick(p, rest)!;
        picked.push(x.id);
        rest.splice(rest.indexOf(x), 1);
      }
      expect(order).toEqual(picked);
      expect(order.slice(0, 2)).toEqual([line[5]!.id, line[0]!.id]); // the guard, oldest first
    }
  });
});
