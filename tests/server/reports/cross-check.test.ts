/**
 * The engine against an independent reference (reference.ts) on three simulated busy days
 * (bench/reports-sim.ts drives the real core and store): thousands of visits with recalls,
 * no-shows, transfers, visitors giving up, leftovers at day end and ratings. The reference
 * reads the event log; the engine reads ticket rows: they must agree on every figure.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { provincialHall } from "../../../bench/reports-hall.ts";
import { HallSim } from "../../../bench/reports-sim.ts";
import { REPORT_GROUPS } from "../../../server/contract/index.ts";
import { dayStartMs } from "../../../server/queue/time.ts";
import { buildOfficerReport } from "../../../server/reports/officers.ts";
import { buildWaitReport, type ReportDeps } from "../../../server/reports/waits.ts";
import { openDatabase } from "../../../server/store/db.ts";
import { ReportStore } from "../../../server/store/reports.ts";
import { HallStore } from "../../../server/store/store.ts";
import { UserStore } from "../../../server/store/users.ts";
import { foldVisits, referenceFigures, referenceKey, type Visit } from "./reference.ts";

const range = { from: "2025-03-03", to: "2025-03-05", days: 3 };
let deps: ReportDeps;
let visits: Visit[];
let now: number;

beforeAll(() => {
  const db = openDatabase(":memory:");
  const config = provincialHall();
  const users = new UserStore(db);
  const officerIds = Array.from(
    { length: 50 },
    (_, i) =>
      users.create({ username: `cb${i}`, passwordHash: "x", name: `Cán bộ ${i}`, role: "officer" }, 0)!.id,
  );
  const store = new HallStore(db);
  // A crowded hall (3,000 a day for 43 counters): long lines, waits over an hour, leftovers.
  const sim = new HallSim({ config, store, officerIds, seed: 7, baseDaily: 3000 });
  for (const d of ["2025-03-03", "2025-03-04", "2025-03-05"]) db.transaction(() => sim.day(d, 1))();
  // "now" in the middle of the next morning: leftovers of 03-05 are still waiting (no rollover yet).
  now = dayStartMs("2025-03-06") + 8 * 3600_000;
  deps = { reports: new ReportStore(db), config, now: () => now };
  visits = foldVisits(store);
}, 60_000);

describe("the engine agrees with a naive fold of the event log", () => {
  it("simulated enough of every case to mean something", () => {
    expect(visits.length).toBeGreaterThan(6000);
    expect(visits.filter((v) => v.transfers.length > 0).length).toBeGreaterThan(50);
    expect(
      visits.filter((v) => v.firstCall !== null && v.firstCall - v.issuedAt > 3600_000).length,
    ).toBeGreaterThan(10);
    expect(visits.filter((v) => v.status === "no-show").length).toBeGreaterThan(50);
    expect(visits.filter((v) => v.status === "cancelled" && v.firstCall === null).length).toBeGreaterThan(5);
    expect(visits.filter((v) => v.status === "open").length).toBeGreaterThan(0);
  });

  for (const g of REPORT_GROUPS)
    it(`groupBy=${g}: every row and the total`, () => {
      const targetMs = deps.config.targets.waitMin * 60_000;
      const report = buildWaitReport(deps, { range, groupBy: g, lang: "vi" });
      const groups = new Map<string, Visit[]>();
      for (const v of visits) {
        const k = referenceKey(v, g);
        groups.set(k, [...(groups.get(k) ?? []), v]);
      }
      const { key: _k, label: _l, ...total } = report.total;
      expect(total).toEqual(referenceFigures(visits, now, targetMs));
      const nonEmpty = report.rows.filter((r) => r.tickets > 0);
      expect(nonEmpty.map((r) => r.key).sort()).toEqual([...groups.keys()].sort());
      for (const r of nonEmpty) {
        const { key, label: _l2, ...f } = r;
        expect(f, `${g}=${key}`).toEqual(referenceFigures(groups.get(key)!, now, targetMs));
      }
    });

  it("officers report: served, no-shows, ratings, first calls, breaches and transfers per officer", () => {
    const report = buildOfficerReport(deps, { range, groupBy: "officer", lang: "vi" });
    const targetMs = deps.config.targets.waitMin * 60_000;
    const ref = new Map<string, Record<string, number>>();
    const get = (o: number | null) => {
      const k = String(o);
      if (!ref.has(k))
        ref.set(k, { served: 0, noShows: 0, ratings: 0, firstCalls: 0, breaches: 0, transfers: 0 });
      return ref.get(k)!;
    };
    for (const v of visits) {
      if (v.status === "done") get(v.endOfficer).served!++;
      if (v.status === "no-show") get(v.endOfficer).noShows!++;
      if (v.rating !== null) get(v.endOfficer).ratings!++;
      if (v.firstCall !== null) {
        get(v.firstOfficer).firstCalls!++;
        if (v.firstCall - v.issuedAt > targetMs) get(v.firstOfficer).breaches!++;
      }
      for (const t of v.transfers) get(t.officer).transfers!++;
    }
    for (const [k, f] of ref) {
      const row = report.rows.find((r) => r.key === k)!;
      expect(row, k).toBeDefined();
      expect(
        {
          served: row.served,
          noShows: row.noShows,
          ratings: row.ratings,
          firstCalls: row.firstCalls,
          breaches: row.breaches,
          transfers: row.transfers,
        },
        k,
      ).toEqual(f);
    }
    for (const r of report.rows) {
      expect(r.idleSec, r.key).toBeGreaterThanOrEqual(0);
      expect(r.pausedSec + r.busySec, r.key).toBeLessThanOrEqual(r.openSec + 1);
    }
    const sum = (f: "openSec" | "busySec" | "served") => report.rows.reduce((s, r) => s + r[f], 0);
    expect(Math.abs(sum("openSec") - report.total.openSec)).toBeLessThanOrEqual(report.rows.length);
    expect(Math.abs(sum("busySec") - report.total.busySec)).toBeLessThanOrEqual(report.rows.length);
    expect(sum("served")).toBe(report.total.served);
  });
});
