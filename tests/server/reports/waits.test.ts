/**
 * The waits report over a known day (scenario.ts): every figure checked against values
 * worked out by hand, for every grouping, plus the day boundary at midnight in
 * Asia/Ho_Chi_Minh, waits over an hour, a transfer, a no-show after a recall, a visitor who
 * gave up, and one left in line at day end.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { ReportGroup, WaitFigures, WaitReport } from "../../../server/contract/index.ts";
import { buildWaitReport } from "../../../server/reports/waits.ts";
import { DAY, NEXT, playScenario } from "./scenario.ts";

const zero: WaitFigures = {
  tickets: 0,
  served: 0,
  noShows: 0,
  cancelled: 0,
  called: 0,
  meanWaitSec: null,
  medianWaitSec: null,
  p90WaitSec: null,
  maxWaitSec: null,
  breaches: 0,
  withinTargetPct: null,
  meanServiceSec: null,
  ratings: 0,
  satisfiedPct: null,
};
const fig = (f: Partial<WaitFigures>): WaitFigures => ({ ...zero, ...f });

/** The whole day: 9 visits, 7 called (waits 40, 60, 300, 480, 900, 1020, 4500 s). */
const DAY_TOTAL = fig({
  tickets: 9,
  served: 6,
  noShows: 1,
  cancelled: 2,
  called: 7,
  meanWaitSec: 1042.9, // 7300 / 7
  medianWaitSec: 480, // rank ⌈3.5⌉ = 4
  p90WaitSec: 4500, // rank ⌈6.3⌉ = 7
  maxWaitSec: 4500,
  breaches: 3, // 1020, 4500, and A005 left 7 h 10 min in line; A003 gave up after 6 min: excluded
  withinTargetPct: 62.5, // 5 / 8
  meanServiceSec: 302.5, // (420 + 180 + 600 + 300 + 300 + 15) / 6
  ratings: 3,
  satisfiedPct: 66.7, // 4 and 3 of 4, 2, 3
});
const CHUNG_THUC = fig({
  tickets: 4,
  served: 3,
  noShows: 1,
  called: 4,
  meanWaitSec: 610, // (40 + 480 + 900 + 1020) / 4
  medianWaitSec: 480,
  p90WaitSec: 1020,
  maxWaitSec: 1020,
  breaches: 1,
  withinTargetPct: 75, // 900 s exactly is within the target
  meanServiceSec: 305, // (600 + 300 + 15) / 3: B002's last segment counts although it ended at counter 1
  ratings: 1,
  satisfiedPct: 100,
});

let h: ReturnType<typeof playScenario>;
const report = (groupBy: ReportGroup, from = DAY, to = DAY): WaitReport =>
  buildWaitReport(h.deps, { range: { from, to, days: 1 }, groupBy, lang: "vi" });
const rowsOf = (r: WaitReport) => Object.fromEntries(r.rows.map(({ key, label: _l, ...f }) => [key, f]));

beforeAll(() => {
  h = playScenario();
});

describe("waits report of a known day", () => {
  it("totals every visit of the service day exactly, whatever the grouping", () => {
    for (const g of ["day", "hour", "service", "counter", "officer", "priority"] as const) {
      const r = report(g);
      const { key, label, ...total } = r.total;
      expect(key).toBe("total");
      expect(label).toBe("Tổng cộng");
      expect(total, g).toEqual(DAY_TOTAL);
      expect(
        r.rows.reduce((s, x) => s + x.tickets, 0),
        g,
      ).toBe(9);
      expect(r.targetMin).toBe(15);
      expect(r.timeZone).toBe("Asia/Ho_Chi_Minh");
    }
  });

  it("groups by the field the visitor was issued for: a transfer is not a new visit", () => {
    const r = report("service");
    expect(r.rows.map((x) => [x.key, x.label])).toEqual([
      ["ho-tich", "Hộ tịch"],
      ["chung-thuc", "Chứng thực"],
    ]);
    expect(rowsOf(r)).toEqual({
      "ho-tich": fig({
        tickets: 5,
        served: 3,
        cancelled: 2,
        called: 3,
        meanWaitSec: 1620, // (60 + 300 + 4500) / 3
        medianWaitSec: 300,
        p90WaitSec: 4500,
        maxWaitSec: 4500,
        breaches: 2,
        withinTargetPct: 50,
        meanServiceSec: 300, // (420 + 180 + 300) / 3
        ratings: 2,
        satisfiedPct: 50,
      }),
      "chung-thuc": CHUNG_THUC,
    });
  });

  it("groups by the counter and officer of the first call; never-called visits under `not-called`", () => {
    const c1 = fig({
      tickets: 2,
      served: 2,
      called: 2,
      meanWaitSec: 2400,
      medianWaitSec: 300,
      p90WaitSec: 4500,
      maxWaitSec: 4500,
      breaches: 1,
      withinTargetPct: 50,
      meanServiceSec: 300,
      ratings: 2,
      satisfiedPct: 50,
    });
    const c3 = fig({
      tickets: 1,
      served: 1,
      called: 1,
      meanWaitSec: 60,
      medianWaitSec: 60,
      p90WaitSec: 60,
      maxWaitSec: 60,
      withinTargetPct: 100,
      meanServiceSec: 300,
    });
    const none = fig({ tickets: 2, cancelled: 2, breaches: 1, withinTargetPct: 0 });
    const byCounter = report("counter");
    expect(byCounter.rows.map((x) => [x.key, x.label])).toEqual([
      ["1", "Quầy 1"],
      ["2", "Quầy 2"],
      ["3", "Quầy ưu tiên"],
      ["not-called", "Chưa được gọi"],
    ]);
    expect(rowsOf(byCounter)).toEqual({ "1": c1, "2": CHUNG_THUC, "3": c3, "not-called": none });
    const byOfficer = report("officer");
    const { o1, o2, o3 } = h.officers;
    expect(byOfficer.rows.map((x) => [x.key, x.label])).toEqual([
      [String(o3.id), "Lê Văn Cường (cuong)"],
      [String(o1.id), "Nguyễn Văn An (an)"],
      [String(o2.id), "Trần Thị Bình (binh)"],
      ["not-called", "Chưa được gọi"],
    ]);
    expect(rowsOf(byOfficer)).toEqual({ [o1.id]: c1, [o2.id]: CHUNG_THUC, [o3.id]: c3, "not-called": none });
  });

  it("groups by priority category, listing every category", () => {
    const r = report("priority");
    expect(r.rows.map((x) => x.key)).toEqual(["none", "elderly", "disabled", "pregnant", "merit", "child"]);
    const rows = rowsOf(r);
    expect(rows["none"]).toEqual(
      fig({
        tickets: 8,
        served: 5,
        noShows: 1,
        cancelled: 2,
        called: 6,
        meanWaitSec: 1206.7, // 7240 / 6
        medianWaitSec: 480,
        p90WaitSec: 4500,
        maxWaitSec: 4500,
        breaches: 3,
        withinTargetPct: 57.1, // 4 / 7
        meanServiceSec: 303, // 1515 / 5
        ratings: 3,
        satisfiedPct: 66.7,
      }),
    );
    expect(rows["elderly"]).toEqual(
      fig({
        tickets: 1,
        served: 1,
        called: 1,
        meanWaitSec: 60,
        medianWaitSec: 60,
        p90WaitSec: 60,
        maxWaitSec: 60,
        withinTargetPct: 100,
        meanServiceSec: 300,
      }),
    );
    for (const k of ["disabled", "pregnant", "merit", "child"]) expect(rows[k]).toEqual(zero);
    expect(r.rows.find((x) => x.key === "elderly")!.label).toBe("Người cao tuổi (từ 60 tuổi)");
    expect(r.rows.find((x) => x.key === "none")!.label).toBe("Không ưu tiên");
  });

  it("groups by hour of issue in Asia/Ho_Chi_Minh, always listing 07–17", () => {
    const r = report("hour");
    expect(r.rows.map((x) => x.key)).toEqual([
      "07",
      "08",
      "09",
      "10",
      "11",
      "12",
      "13",
      "14",
      "15",
      "16",
      "17",
      "23",
    ]);
    expect(r.rows[1]!.label).toBe("08:00–09:00");
    const rows = rowsOf(r);
    expect(rows["08"]).toEqual(
      fig({
        tickets: 5,
        served: 3,
        noShows: 1,
        cancelled: 1,
        called: 4,
        meanWaitSec: 1575, // (300 + 480 + 1020 + 4500) / 4
        medianWaitSec: 480,
        p90WaitSec: 4500,
        maxWaitSec: 4500,
        breaches: 2,
        withinTargetPct: 50,
        meanServiceSec: 400, // (420 + 180 + 600) / 3
        ratings: 2,
        satisfiedPct: 50,
      }),
    );
    expect(rows["16"]).toEqual(fig({ tickets: 1, cancelled: 1, breaches: 1, withinTargetPct: 0 }));
    expect(rows["23"]).toEqual(
      fig({
        tickets: 1,
        served: 1,
        called: 1,
        meanWaitSec: 40,
        medianWaitSec: 40,
        p90WaitSec: 40,
        maxWaitSec: 40,
        withinTargetPct: 100,
        meanServiceSec: 15,
      }),
    );
    for (const k of ["07", "11", "12", "13", "14", "15", "17"]) expect(rows[k]).toEqual(zero);
  });

  it("puts 23:59 and 00:01 (+07) on different service days although both are 16:59/17:01 UTC of the same date", () => {
    const r = report("day", DAY, NEXT);
    expect(r.rows.map((x) => [x.key, x.label])).toEqual([
      [DAY, "Thứ Ba, 04/03/2025"],
      [NEXT, "Thứ Tư, 05/03/2025"],
    ]);
    const { key: _k, label: _l, ...d1 } = r.rows[0]!;
    expect(d1).toEqual(DAY_TOTAL);
    const { key: _k2, label: _l2, ...d2 } = r.rows[1]!;
    expect(d2).toEqual(
      fig({
        tickets: 1,
        served: 1,
        called: 1,
        meanWaitSec: 120,
        medianWaitSec: 120,
        p90WaitSec: 120,
        maxWaitSec: 120,
        withinTargetPct: 100,
        meanServiceSec: 60,
      }),
    );
    expect(report("day", NEXT, NEXT).total.tickets).toBe(1);
    expect(report("hour", NEXT, NEXT).rows.find((x) => x.key === "00")!.tickets).toBe(1);
  });

  it("labels in English with lang=en", () => {
    const r = buildWaitReport(h.deps, {
      range: { from: DAY, to: NEXT, days: 2 },
      groupBy: "day",
      lang: "en",
    });
    expect(r.rows.map((x) => x.label)).toEqual(["Tue 04/03/2025", "Wed 05/03/2025"]);
    expect(r.total.label).toBe("Total");
  });

  it("returns an empty report (no rows, null means) for a range without visits", () => {
    const r = report("day", "2025-02-01", "2025-02-28");
    expect(r.rows).toEqual([]);
    const { key: _k, label: _l, ...t } = r.total;
    expect(t).toEqual(zero);
  });
});
