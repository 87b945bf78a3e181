/**
 * The TypeScript facts of a visit (server/reports/visit.ts, used by the province) against the
 * report SQL of the hall (server/store/reports.ts) on simulated busy days: the same values,
 * visit by visit, for every grouping, with leftovers still waiting at "now".
 */
import { beforeAll, describe, expect, it } from "vitest";
import { provincialHall } from "../../../bench/reports-hall.ts";
import { HallSim } from "../../../bench/reports-sim.ts";
import { REPORT_GROUPS } from "../../../server/contract/index.ts";
import { dayStartMs } from "../../../server/queue/time.ts";
import { officerFactOf, type VisitRow, waitFactOf } from "../../../server/reports/visit.ts";
import { openDatabase } from "../../../server/store/db.ts";
import { ReportStore } from "../../../server/store/reports.ts";
import { HallStore } from "../../../server/store/store.ts";
import { UserStore } from "../../../server/store/users.ts";

let reports: ReportStore;
let visits: VisitRow[];
const from = "2025-03-03";
const to = "2025-03-04";
const now = dayStartMs("2025-03-05") + 8 * 3600_000;

beforeAll(() => {
  const db = openDatabase(":memory:");
  const users = new UserStore(db);
  const ids = Array.from(
    { length: 40 },
    (_, i) => users.create({ username: `cb${i}`, passwordHash: "x", name: `${i}`, role: "officer" }, 0)!.id,
  );
  const store = new HallStore(db);
  const sim = new HallSim({
    config: provincialHall(),
    store,
    officerIds: ids,
    seed: 7,
    baseDaily: 3300,
    bookedShare: 0.15,
  });
  for (const d of [from, to]) db.transaction(() => sim.day(d, 1))();
  reports = new ReportStore(db);
  visits = db
    .query(
      `SELECT id, service_day AS serviceDay, first_service_id AS firstServiceId, priority, status, issued_at AS issuedAt,
         called_at AS calledAt, first_called_at AS firstCalledAt, started_at AS startedAt, finished_at AS finishedAt,
         counter, officer_id AS officerId, rating, due_at AS dueAt FROM tickets ORDER BY id`,
    )
    .all() as VisitRow[];
}, 60_000);

describe("visit facts in TypeScript equal the report SQL", () => {
  for (const g of REPORT_GROUPS)
    it(`waitFacts grouped by ${g}`, () => {
      const sql = reports.waitFacts(g, from, to, now);
      const ts = visits.map((v) => waitFactOf(g, v, now));
      const key = (f: unknown[]) => JSON.stringify(f);
      expect(ts.map(key).sort()).toEqual(sql.map(key).sort());
    });

  it("officerFacts", () => {
    const key = (f: unknown[]) => JSON.stringify(f);
    expect(visits.map(officerFactOf).map(key).sort()).toEqual(reports.officerFacts(from, to).map(key).sort());
    expect(visits.some((v) => v.status === "waiting" && v.firstCalledAt === null)).toBe(true);
  });

  it("counts a booked visitor's wait from the slot when they checked in early, from check-in when late", () => {
    const booked = visits.filter((v) => v.dueAt != null && v.firstCalledAt !== null);
    const early = booked.filter((v) => v.dueAt! > v.issuedAt);
    const late = booked.filter((v) => v.dueAt! <= v.issuedAt);
    expect(early.length).toBeGreaterThan(50);
    expect(late.length).toBeGreaterThan(20);
    expect(reports.waitFacts("booking", from, to, now).filter((f) => f[0] === "booked").length).toBe(
      visits.filter((v) => v.dueAt != null).length,
    );
    for (const v of early)
      expect(waitFactOf("booking", v, now)[2]).toBe(Math.max(0, v.firstCalledAt! - v.dueAt!));
    for (const v of late) expect(waitFactOf("booking", v, now)[2]).toBe(v.firstCalledAt! - v.issuedAt);
    // Those called before their slot waited nothing.
    expect(early.some((v) => v.firstCalledAt! < v.dueAt!)).toBe(true);
  });
});
