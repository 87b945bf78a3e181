import { describe, expect, it } from "vitest";
import { type Candidate, dispatchOrder, dueAt, POLICIES, pickNext } from "../../../server/queue/dispatch.ts";

const MIN = 60_000;
const T0 = 1_000_000_000_000;
const targets = { waitMin: 15, priorityWaitMin: 5, starvationMin: 30 };
const counter = { number: 1, serviceIds: ["a", "b"], priority: false };
let id = 0;
const t = (issuedMinAgo: number, priority: Candidate["priority"] = "none", serviceId = "a"): Candidate => ({
  id: ++id,
  serviceId,
  priority,
  issuedAt: T0 - issuedMinAgo * MIN,
  assignedCounter: null,
});
const now = T0;
const dueTime = POLICIES["due-time"];

describe("dueAt()", () => {
  it("is issue time + 15 min for ordinary visitors and + 5 min for priority visitors", () => {
    expect(dueAt(t(0), targets)).toBe(T0 + 15 * MIN);
    expect(dueAt(t(0, "elderly"), targets)).toBe(T0 + 5 * MIN);
  });
});

describe("pickNext() with the due-time policy", () => {
  it("calls a priority visitor ahead of an ordinary visitor who waited less than 10 minutes longer", () => {
    const ordinary = t(9);
    const elderly = t(0, "elderly");
    expect(pickNext(dueTime, [ordinary, elderly], counter, now, targets)).toBe(elderly);
  });

  it("calls the ordinary visitor who has already waited more than 10 minutes longer first", () => {
    const ordinary = t(11);
    const pregnant = t(0, "pregnant");
    expect(pickNext(dueTime, [pregnant, ordinary], counter, now, targets)).toBe(ordinary);
  });

  it("never passes over a ticket that waited past the starvation limit, even for an earlier-due priority visitor", () => {
    const starving = t(31); // due 16 min ago
    const disabled = t(22, "disabled"); // due 17 min ago: earlier due, but waited less
    expect(pickNext(dueTime, [disabled, starving], counter, now, targets)).toBe(starving);
  });

  it("serves starving tickets first-come first-served", () => {
    const a = t(45, "merit");
    const b = t(50);
    expect(pickNext(dueTime, [a, b], counter, now, targets)).toBe(b);
  });

  it("only considers the fields the counter serves", () => {
    const other = t(20, "none", "z");
    const mine = t(1, "none", "b");
    expect(pickNext(dueTime, [other, mine], counter, now, targets)).toBe(mine);
    expect(pickNext(dueTime, [other], counter, now, targets)).toBeNull();
  });

  it("gives a ticket transferred to one counter only to that counter", () => {
    const assigned = { ...t(20), assignedCounter: 2 };
    expect(pickNext(dueTime, [assigned], counter, now, targets)).toBeNull();
    expect(pickNext(dueTime, [assigned], { ...counter, number: 2, serviceIds: ["q"] }, now, targets)).toBe(
      assigned,
    );
  });

  it("at a priority counter calls priority visitors first, then anyone", () => {
    const pc = { ...counter, priority: true };
    const ordinary = t(14);
    const child = t(0, "child");
    expect(pickNext(dueTime, [ordinary, child], pc, now, targets)).toBe(child);
    expect(pickNext(dueTime, [ordinary], pc, now, targets)).toBe(ordinary);
  });

  it("breaks ties by issue time then id", () => {
    const a = t(5);
    const b = { ...a, id: a.id + 1000 };
    expect(pickNext(dueTime, [b, a], counter, now, targets)).toBe(a);
  });
});

describe("other policies", () => {
  it("strict-priority calls any priority visitor before any ordinary one (until starvation)", () => {
    const ordinary = t(25);
    const merit = t(0, "merit");
    expect(pickNext(POLICIES["strict-priority"], [ordinary, merit], counter, now, targets)).toBe(merit);
    const starving = t(35);
    expect(pickNext(POLICIES["strict-priority"], [merit, starving], counter, now, targets)).toBe(starving);
  });

  it("fifo calls by issue time only", () => {
    const old = t(3);
    const elderly = t(1, "elderly");
    expect(pickNext(POLICIES.fifo, [elderly, old], counter, now, targets)).toBe(old);
  });
});

describe("dispatchOrder()", () => {
  it("orders the whole line exactly as repeated pickNext() calls would", () => {
    const line = [t(31), t(2, "elderly"), t(12), t(0), t(8, "child"), t(40, "merit"), t(14)];
    const order = dispatchOrder(dueTime, line, now, targets, false).map((x) => x.id);
    const picked: number[] = [];
    const rest = [...line];
    while (rest.length) {
      const p = pickNext(dueTime, rest, counter, now, targets)!;
      picked.push(p.id);
      rest.splice(rest.indexOf(p), 1);
    }
    expect(order).toEqual(picked);
  });
});
