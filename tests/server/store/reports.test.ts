/** The report queries of the store, on the known day of tests/server/reports/scenario.ts. */
import { beforeAll, describe, expect, it } from "vitest";
import { dayStartMs } from "../../../server/queue/time.ts";
import { ratingOf, ST_CANCELLED, ST_DONE, ST_NO_SHOW, statusOf } from "../../../server/store/reports.ts";
import { DAY, NEXT, playScenario } from "../reports/scenario.ts";

let h: ReturnType<typeof playScenario>;
const t = (s: string) => Date.parse(`${s}+07:00`);
beforeAll(() => {
  h = playScenario();
});

describe("report store", () => {
  it("hands over one fact row per visit of the service days, with waits and times in line in ms", () => {
    const facts = h.deps.reports.waitFacts("service", DAY, DAY, h.clock.now());
    expect(facts.length).toBe(9);
    const byStatus = (s: number) => facts.filter((f) => statusOf(f[1]) === s).length;
    expect([byStatus(ST_DONE), byStatus(ST_NO_SHOW), byStatus(ST_CANCELLED)]).toEqual([6, 1, 2]);
    expect(
      facts
        .map((f) => ratingOf(f[1]))
        .filter((r) => r !== null)
        .sort(),
    ).toEqual([2, 3, 4]);
    expect(facts[0]!.length).toBe(5); // no ticket id unless grouping by counter or officer
    expect(h.deps.reports.waitFacts("counter", DAY, DAY, h.clock.now())[0]!.length).toBe(6);
    // A005: never called, cancelled at the next day's first command; in line until midnight only.
    const lines = facts.filter((f) => f[2] === null).map((f) => f[3]);
    expect(lines.sort()).toEqual([25_800_000, 360_000]);
    expect(
      facts
        .map((f) => f[2])
        .filter((w) => w !== null)
        .sort((a, b) => a! - b!),
    ).toEqual([40_000, 60_000, 300_000, 480_000, 900_000, 1_020_000, 4_500_000]);
  });

  it("computes the hour of issue in Asia/Ho_Chi_Minh", () => {
    const hours = h.deps.reports.waitFacts("hour", DAY, NEXT, h.clock.now()).map((f) => f[0]);
    expect([...new Set(hours)].sort((a, b) => Number(a) - Number(b))).toEqual([0, 8, 9, 10, 16, 23]);
  });

  it("finds each transfer with the call that began the segment and the ticket's first call", () => {
    const tr = h.deps.reports.transfers(dayStartMs(DAY), dayStartMs(NEXT));
    expect(tr).toEqual([
      {
        ticketId: expect.any(Number),
        at: t(`${DAY}T08:25:00`),
        counter: 2,
        officerId: h.officers.o2.id,
        calledAt: t(`${DAY}T08:20:00`),
        firstCounter: 2,
        firstOfficerId: h.officers.o2.id,
        lastCounter: 1, // B002 was finished at counter 1
        lastOfficerId: h.officers.o1.id,
        waitMs: 1_020_000,
      },
    ]);
  });

  it("knows which counters were held when a range begins", () => {
    expect(h.deps.reports.counterStateBefore(dayStartMs(NEXT))).toEqual(
      new Map([[2, { officerId: h.officers.o2.id, pausedAt: null }]]),
    );
    expect(h.deps.reports.counterStateBefore(dayStartMs(DAY)).size).toBe(0);
  });

  it("pages breaches in issue order with the first call's counter and officer", () => {
    const r = h.deps.reports.breaches(DAY, DAY, h.clock.now(), 900_000, 2, 1);
    expect(r.count).toBe(3);
    expect(r.rows.map((b) => [b.number, b.waitMs, b.counter, b.officerId])).toEqual([
      ["B002", 1_020_000, 2, h.officers.o2.id],
      ["A005", 25_800_000, null, null],
    ]);
  });
});
