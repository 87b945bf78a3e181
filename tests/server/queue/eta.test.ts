import { describe, expect, it } from "vitest";
import { type Candidate, POLICIES } from "../../../server/queue/dispatch.ts";
import { type EtaCounter, estimateWait } from "../../../server/queue/eta.ts";
import { ServiceTimes } from "../../../server/queue/stats.ts";

const MIN = 60_000;
const now = 1_000_000_000_000;
const targets = { waitMin: 15, priorityWaitMin: 5, starvationMin: 30 };
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
const input = (waiting: Candidate[], counters: EtaCounter[], mean = (_: string) => 10 * MIN) => ({
  policy: POLICIES["due-time"],
  targets,
  now,
  waiting,
  counters,
  meanServiceMs: mean,
});

describe("estimateWait()", () => {
  it("is zero for the first in line at a free counter", () => {
    const t = ticket("a", 0);
    expect(estimateWait(input([t], [counter(1, ["a"])]), t)).toEqual({ position: 0, estimatedWaitMin: 0 });
  });

  it("accounts for the remainder of the visit at the desk", () => {
    const t = ticket("a", 0);
    const c = counter(1, ["a"], { busy: { serviceId: "a", since: now - 4 * MIN } });
    expect(estimateWait(input([t], [c]), t).estimatedWaitMin).toBe(6);
  });

  it("shares the line ahead across every counter that serves the field", () => {
    const ahead = [ticket("a", 5), ticket("a", 4), ticket("a", 3), ticket("a", 2)];
    const t = ticket("a", 0);
    const one = estimateWait(input([...ahead, t], [counter(1, ["a"])]), t);
    const two = estimateWait(input([...ahead, t], [counter(1, ["a"]), counter(2, ["a", "b"])]), t);
    expect(one).toEqual({ position: 4, estimatedWaitMin: 40 });
    expect(two).toEqual({ position: 4, estimatedWaitMin: 20 });
  });

  it("counts other fields' tickets that compete for the same counters, not those served elsewhere", () => {
    const t = ticket("a", 0);
    const sharing = ticket("b", 3); // counter 1 serves a and b
    const elsewhere = ticket("c", 3); // only counter 2 serves c
    const r = estimateWait(input([sharing, elsewhere, t], [counter(1, ["a", "b"]), counter(2, ["c"])]), t);
    expect(r).toEqual({ position: 0, estimatedWaitMin: 10 });
  });

  it("uses each field's own service time", () => {
    const t = ticket("a", 0);
    const land = ticket("b", 2);
    const r = estimateWait(
      input([land, t], [counter(1, ["a", "b"])], (s) => (s === "b" ? 25 * MIN : 5 * MIN)),
      t,
    );
    expect(r.estimatedWaitMin).toBe(25);
  });

  it("puts a priority visitor ahead in the estimate as the dispatch policy would", () => {
    const ordinary = ticket("a", 1);
    const elderly = ticket("a", 0, "elderly");
    const r = estimateWait(input([ordinary, elderly], [counter(1, ["a"])]), elderly);
    expect(r).toEqual({ position: 0, estimatedWaitMin: 0 });
    expect(estimateWait(input([ordinary, elderly], [counter(1, ["a"])]), ordinary).estimatedWaitMin).toBe(10);
  });

  it("returns null when no counter serves the field", () => {
    const t = ticket("z", 0);
    expect(estimateWait(input([t], [counter(1, ["a"])]), t).estimatedWaitMin).toBeNull();
  });

  it("assumes closed counters will open when none serving the field is open", () => {
    const t = ticket("a", 0);
    const r = estimateWait(input([ticket("a", 1), t], [counter(1, ["a"], { active: false })]), t);
    expect(r.estimatedWaitMin).toBe(10);
  });
});

describe("ServiceTimes", () => {
  it("blends the configured time until enough visits are known, then uses a trimmed mean", () => {
    const s = new ServiceTimes(new Map([["a", 10 * MIN]]), 30, 5);
    expect(s.mean("a")).toBe(10 * MIN);
    s.add("a", 4 * MIN);
    expect(s.mean("a")).toBeCloseTo(0.2 * 4 * MIN + 0.8 * 10 * MIN);
    for (let i = 0; i < 9; i++) s.add("a", 4 * MIN);
    s.add("a", 200 * MIN); // one outlier is trimmed
    expect(s.mean("a")).toBe(4 * MIN);
    s.add("a", -5);
    s.add("a", Number.NaN);
    expect(s.mean("a")).toBe(4 * MIN);
  });
});
