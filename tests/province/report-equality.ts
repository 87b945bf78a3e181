/**
 * Report equality (issue 13): the province's reports of a hall equal the hall's own reports,
 * figure by figure, for every grouping the hall has, the officers report and the breach list,
 * and the across-halls rows (by hall, field, day, hour) equal the hall's totals and rows.
 * Two simulated halls (the real core and store) ship their event rows in batches into the
 * province store; the suite runs on both engines: PGlite (report-equality.test.ts) and a
 * PostgreSQL server (report-equality.postgres.test.ts).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAcrossReport } from "../../province/reports/across.ts";
import { hallBreachList, hallOfficerReport, hallWaitReport } from "../../province/reports/hall.ts";
import { MonthCache } from "../../province/reports/month-cache.ts";
import { splitRange } from "../../province/store/reports.ts";
import type { ProvinceStore } from "../../province/store/store.ts";
import { OFFICER_GROUPS, REPORT_GROUPS, type WaitReport } from "../../server/contract/index.ts";
import { dayStartMs } from "../../server/queue/time.ts";
import { buildBreachList } from "../../server/reports/breaches.ts";
import { buildOfficerReport } from "../../server/reports/officers.ts";
import { buildWaitReport } from "../../server/reports/waits.ts";
import { register, runDays, type SimHall, ship, simHall } from "./sim.ts";

/** The open store of one engine and how to close (and remove) it. */
export type OpenStore = () => Promise<{ store: ProvinceStore; close: () => Promise<void> }>;

/** The report-equality tests on the store `open` gives (one engine). */
export function reportEqualitySuite(engine: string, open: OpenStore): void {
  describe(`report equality on ${engine}`, () => {
    const DAYS = ["2025-03-03", "2025-03-04", "2025-03-05"];
    const range = { from: DAYS[0]!, to: DAYS[2]!, days: 3 };
    // The next morning, before any command: the leftovers of 03-05 still wait (no rollover yet).
    const now = dayStartMs("2025-03-06") + 8 * 3600_000;
    let close: () => Promise<void> = async () => {};
    let province: ProvinceStore;
    let a: SimHall;
    let b: SimHall;

    const figures = (r: { key: string; label: string }) => {
      const { label: _l, ...f } = r;
      return f;
    };

    beforeAll(async () => {
      ({ store: province, close } = await open());
      // Hall A has booked visitors (issue 14): their waits count from the slot when they came early.
      a = simHall("phuong-a", { seed: 11, baseDaily: 900, bookedShare: 0.15 });
      b = simHall("xa-b", { seed: 12, baseDaily: 300, officers: 12 });
      await register(a, province, { names: true, area: "Khu vực 1" });
      await register(b, province, { area: "Khu vực 2" });
      // Interleaved: days are shipped as they happen, in batches that cut through tickets' lives.
      for (const d of DAYS) {
        runDays(a, [d]);
        runDays(b, [d]);
        await ship(a, province, 377);
        await ship(b, province, 500);
      }
    }, 120_000);

    afterAll(async () => {
      await close();
    });

    describe("the province's report of a hall is the hall's own report", () => {
      it("shipped every event and left visits of every kind", async () => {
        const hall = (await province.halls.get("phuong-a"))!;
        expect(hall.lastEventId).toBe(a.store.lastEventId());
        expect(a.store.lastEventId()).toBeGreaterThan(10_000);
      });

      it("booked visits reach the province with their slot (the booking grouping has them)", async () => {
        const prov = await hallWaitReport(
          { reports: province.reports, hall: (await province.halls.get("phuong-a"))!, now },
          { range, groupBy: "booking", lang: "vi" },
        );
        expect(prov.rows.map((r) => r.key).sort()).toEqual(["booked", "walk-in"]);
      });

      for (const g of REPORT_GROUPS)
        it(`waits grouped by ${g}: every row and the total, figure by figure and label by label`, async () => {
          const deps = { reports: a.reports, config: a.config, now: () => now };
          const own = buildWaitReport(deps, { range, groupBy: g, lang: "vi" });
          const prov = await hallWaitReport(
            { reports: province.reports, hall: (await province.halls.get("phuong-a"))!, now },
            { range, groupBy: g, lang: "vi" },
          );
          expect(prov).toEqual(own);
        });

      it("without officer names, the figures are the same and officers are ids", async () => {
        const deps = { reports: b.reports, config: b.config, now: () => now };
        const own = buildWaitReport(deps, { range, groupBy: "officer", lang: "vi" });
        const prov = await hallWaitReport(
          { reports: province.reports, hall: (await province.halls.get("xa-b"))!, now },
          { range, groupBy: "officer", lang: "vi" },
        );
        const byKey = (rows: { key: string; label: string }[]) =>
          rows.map(figures).sort((x, y) => x.key.localeCompare(y.key));
        expect(byKey(prov.rows)).toEqual(byKey(own.rows));
        expect(prov.rows.filter((r) => r.key !== "not-called").every((r) => r.label === `#${r.key}`)).toBe(
          true,
        );
      });

      for (const g of OFFICER_GROUPS)
        it(`officers report by ${g}`, async () => {
          const own = buildOfficerReport(
            { reports: a.reports, config: a.config, now: () => now },
            { range, groupBy: g, lang: "en" },
          );
          const prov = await hallOfficerReport(
            { reports: province.reports, hall: (await province.halls.get("phuong-a"))!, now },
            { range, groupBy: g, lang: "en" },
          );
          expect(prov).toEqual(own);
        });

      it("breach list: the count, a page, and a whole export", async () => {
        const deps = { reports: a.reports, config: a.config, now: () => now };
        const hall = (await province.halls.get("phuong-a"))!;
        for (const q of [
          { range, lang: "vi" as const, limit: 20, offset: 30 },
          { range, lang: "vi" as const, limit: 100, offset: 0, all: true },
        ]) {
          const own = buildBreachList(deps, q);
          const prov = await hallBreachList({ reports: province.reports, hall, now }, q);
          if (!q.all) expect(own.count).toBeGreaterThan(q.offset + q.limit);
          for (const [i, r] of own.rows.entries()) expect(prov.rows[i], `row ${i}`).toEqual(r);
          expect(prov).toEqual(own);
        }
      });
    });

    describe("the across-halls report adds up each hall's own numbers", () => {
      const own = (h: SimHall, g: "day" | "service" | "hour"): WaitReport =>
        buildWaitReport(
          { reports: h.reports, config: h.config, now: () => now },
          { range, groupBy: g, lang: "vi" },
        );
      const across = async (groupBy: "hall" | "day" | "service" | "hour", halls: string[] | null) =>
        buildAcrossReport(
          { reports: province.reports, halls: await province.halls.list(), targetMin: 15, now },
          { range, groupBy, filter: { halls, areas: null, services: null }, lang: "vi" },
        );

      it("by hall: each hall's row is its own waits-report total", async () => {
        const r = await across("hall", null);
        for (const h of [a, b]) {
          const row = r.rows.find((x) => x.key === h.config.id)!;
          expect({ ...figures(row), key: "total" }).toEqual(figures(own(h, "day").total));
        }
        expect(r.total.tickets).toBe(own(a, "day").total.tickets + own(b, "day").total.tickets);
      });

      it("whole months come from the monthly summary and give the same numbers (waits from the store, then from memory, cold and warm)", async () => {
        const cache = new MonthCache();
        for (const [r, monthCache] of [
          [{ from: "2025-03-01", to: "2025-03-31", days: 31 }, undefined],
          [{ from: "2025-02-15", to: "2025-04-10", days: 55 }, undefined],
          [{ from: "2025-03-01", to: "2025-03-31", days: 31 }, cache],
          [{ from: "2025-02-15", to: "2025-04-10", days: 55 }, cache],
          [{ from: "2025-01-01", to: "2025-12-31", days: 365 }, cache],
        ] as const) {
          expect(splitRange(r.from, r.to).months).not.toBeNull();
          for (const g of ["hall", "area", "service", "hour", "month", "quarter", "half", "year"] as const) {
            const prov = await buildAcrossReport(
              {
                reports: province.reports,
                monthCache,
                halls: await province.halls.list(),
                targetMin: 15,
                now,
              },
              {
                range: r,
                groupBy: g,
                filter: { halls: ["phuong-a"], areas: null, services: null },
                lang: "vi",
              },
            );
            const own = buildWaitReport(
              { reports: a.reports, config: a.config, now: () => now },
              { range: r, groupBy: "day", lang: "vi" },
            );
            expect({ ...figures(prov.total), key: "total" }, `${r.from} ${g}`).toEqual(figures(own.total));
          }
        }
      });

      it("from memory, every grouping and filter of both halls is the report read from the store", async () => {
        const cache = new MonthCache();
        const year = { from: "2025-01-01", to: "2025-12-31", days: 365 };
        for (const filter of [
          { halls: null, areas: null, services: null },
          { halls: null, areas: ["Khu vực 2"], services: null },
          { halls: null, areas: null, services: ["ho-tich", "dat-dai"] },
        ])
          for (const g of ["hall", "area", "service", "hour", "month", "quarter", "half", "year"] as const) {
            const q = { range: year, groupBy: g, filter, lang: "vi" as const };
            const deps = {
              reports: province.reports,
              halls: await province.halls.list(),
              targetMin: 15,
              now,
            };
            const fromStore = await buildAcrossReport(deps, q);
            const fromMemory = await buildAcrossReport({ ...deps, monthCache: cache }, q);
            expect(fromMemory, `${g} ${JSON.stringify(filter)}`).toEqual(fromStore);
            expect(fromStore.total.called).toBeGreaterThan(0);
          }
        expect(cache.size().hallMonths).toBe(2);
      });

      it("splits a range into whole months and the days around them", () => {
        expect(splitRange("2025-02-15", "2025-04-10")).toEqual({
          months: ["2025-03-01", "2025-03-01"],
          head: ["2025-02-15", "2025-02-28"],
          tail: ["2025-04-01", "2025-04-10"],
        });
        expect(splitRange("2025-01-01", "2025-12-31")).toEqual({
          months: ["2025-01-01", "2025-12-01"],
          head: null,
          tail: null,
        });
        expect(splitRange("2024-12-20", "2025-01-31")).toEqual({
          months: ["2025-01-01", "2025-01-01"],
          head: ["2024-12-20", "2024-12-31"],
          tail: null,
        });
        expect(splitRange("2025-03-03", "2025-03-05").months).toBeNull();
      });

      for (const g of ["day", "service", "hour"] as const)
        it(`one hall by ${g}: the hall's rows`, async () => {
          const r = await across(g, ["phuong-a"]);
          const mine = own(a, g).rows.filter((x) => x.tickets > 0 || g === "hour");
          expect(r.rows.filter((x) => x.tickets > 0 || g === "hour").map(figures)).toEqual(mine.map(figures));
          expect(figures(r.total)).toEqual({ ...figures(own(a, g).total) });
        });
    });

    describe("the waits held in memory follow the store", () => {
      it("a hall-month that grew since it was read is read again", async () => {
        const cache = new MonthCache();
        const march = { from: "2025-03-01", to: "2025-03-31", days: 31 };
        const q = {
          range: march,
          groupBy: "hall" as const,
          filter: { halls: null, areas: null, services: null },
          lang: "vi" as const,
        };
        const deps = async () => ({
          reports: province.reports,
          halls: await province.halls.list(),
          targetMin: 15,
          now: dayStartMs("2025-03-07") + 8 * 3600_000,
        });
        const before = await buildAcrossReport({ ...(await deps()), monthCache: cache }, q);
        runDays(b, ["2025-03-06"]);
        await ship(b, province, 500);
        const after = await buildAcrossReport({ ...(await deps()), monthCache: cache }, q);
        expect(after.total.called).toBeGreaterThan(before.total.called);
        expect(after).toEqual(await buildAcrossReport(await deps(), q));
        const own = buildWaitReport(
          { reports: b.reports, config: b.config, now: () => dayStartMs("2025-03-07") + 8 * 3600_000 },
          { range: march, groupBy: "day", lang: "vi" },
        );
        expect({ ...figures(after.rows.find((r) => r.key === "xa-b")!), key: "total" }).toEqual(
          figures(own.total),
        );
      });

      it("kept in a file over a restart: read back, the same report; a hall-month changed since is read again", async () => {
        const march = { from: "2025-03-01", to: "2025-03-31", days: 31 };
        const deps = async () => ({
          reports: province.reports,
          halls: await province.halls.list(),
          targetMin: 15,
          now: dayStartMs("2025-03-08") + 8 * 3600_000,
        });
        const file = join(mkdtempSync(join(tmpdir(), "qms-month-cache-")), "month-cache.bin");
        try {
          const first = new MonthCache();
          expect(await first.fill(province.reports, "2025-03-01", "2025-03-01")).toBe(2);
          first.save(file);
          const q = {
            range: march,
            groupBy: "service" as const,
            filter: { halls: null, areas: null, services: null },
            lang: "vi" as const,
          };
          const restarted = new MonthCache();
          expect(restarted.load(file)).toBe(2);
          expect(restarted.size()).toEqual(first.size());
          // Nothing to read again: the same report as from the store.
          expect(await restarted.fill(province.reports, "2025-03-01", "2025-03-01")).toBe(0);
          const before = await buildAcrossReport({ ...(await deps()), monthCache: restarted }, q);
          expect(before).toEqual(await buildAcrossReport(await deps(), q));
          // A day more at one hall: its month has a new tag, the copy from the file is not used.
          runDays(a, ["2025-03-07"]);
          await ship(a, province, 500);
          const after = await buildAcrossReport({ ...(await deps()), monthCache: restarted }, q);
          expect(after).toEqual(await buildAcrossReport(await deps(), q));
          expect(after.total.tickets).toBeGreaterThan(before.total.tickets);
          // A damaged file is no cache at all, never a wrong one.
          writeFileSync(file, readFileSync(file).subarray(0, 1000));
          expect(new MonthCache().load(file)).toBe(0);
        } finally {
          rmSync(dirname(file), { recursive: true, force: true });
        }
      });
    });
  });
}
