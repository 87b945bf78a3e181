import { beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "../../../server/queue/types.ts";
import { buildBreachList, parsePaging } from "../../../server/reports/breaches.ts";
import { buildWaitReport } from "../../../server/reports/waits.ts";
import { DAY, playScenario } from "./scenario.ts";
import { scriptedHall } from "./scripted-hall.ts";

const range = { from: DAY, to: DAY, days: 1 };
let h: ReturnType<typeof playScenario>;
beforeAll(() => {
  h = playScenario();
});

describe("breach list", () => {
  it("lists every visit over the target with field, hour, wait, first counter and officer", () => {
    const r = buildBreachList(h.deps, { range, lang: "vi", limit: 100, offset: 0 });
    expect(r.count).toBe(3);
    expect(r.rows).toEqual([
      {
        number: "A002",
        serviceDay: DAY,
        serviceId: "ho-tich",
        serviceName: "Hộ tịch",
        priority: "none",
        hour: "08",
        issuedAt: "2025-03-04T08:01:00.000+07:00",
        calledAt: "2025-03-04T09:16:00.000+07:00",
        waitSec: 4500,
        counter: 1,
        officer: "Nguyễn Văn An (an)",
        status: "done",
        dossierCode: null,
      },
      {
        number: "B002",
        serviceDay: DAY,
        serviceId: "chung-thuc", // the field it waited in, not the one it was transferred to
        serviceName: "Chứng thực",
        priority: "none",
        hour: "08",
        issuedAt: "2025-03-04T08:03:00.000+07:00",
        calledAt: "2025-03-04T08:20:00.000+07:00",
        waitSec: 1020,
        counter: 2, // the first call, although counter 1 finished it
        officer: "Trần Thị Bình (binh)",
        status: "done",
        dossierCode: null,
      },
      {
        number: "A005",
        serviceDay: DAY,
        serviceId: "ho-tich",
        serviceName: "Hộ tịch",
        priority: "none",
        hour: "16",
        issuedAt: "2025-03-04T16:50:00.000+07:00",
        calledAt: null,
        waitSec: 25800, // in line until midnight, not until the next day's rollover
        counter: null,
        officer: null,
        status: "cancelled",
        dossierCode: null,
      },
    ]);
  });

  it("has as many entries as the breaches figure of the waits report", () => {
    const w = buildWaitReport(h.deps, { range, groupBy: "day", lang: "vi" });
    expect(buildBreachList(h.deps, { range, lang: "vi", limit: 1, offset: 0 }).count).toBe(w.total.breaches);
  });

  it("pages in issue order", () => {
    const p1 = buildBreachList(h.deps, { range, lang: "vi", limit: 2, offset: 0 });
    const p2 = buildBreachList(h.deps, { range, lang: "vi", limit: 2, offset: 2 });
    expect(p1.rows.map((x) => x.number)).toEqual(["A002", "B002"]);
    expect(p2.rows.map((x) => x.number)).toEqual(["A005"]);
    expect([p2.count, p2.offset, p2.limit]).toEqual([3, 2, 2]);
  });

  it("validates paging parameters", () => {
    expect(parsePaging({})).toEqual({ limit: 100, offset: 0 });
    expect(parsePaging({ limit: "1000", offset: "5" })).toEqual({ limit: 1000, offset: 5 });
    for (const q of [{ limit: "1001" }, { limit: "0" }, { limit: "-1" }, { limit: "ten" }, { offset: "1.5" }])
      expect(() => parsePaging(q), JSON.stringify(q)).toThrow(DomainError);
  });
});

describe("a report of today while visitors still wait", () => {
  it("counts a visitor still waiting as a breach once 15 minutes have passed, not before", () => {
    const s = scriptedHall("2025-03-04T08:00:00+07:00");
    s.issue("2025-03-04T08:00:00+07:00", "ho-tich");
    const today = { from: DAY, to: DAY, days: 1 };
    s.at("2025-03-04T08:15:00+07:00");
    let w = buildWaitReport(s.deps, { range: today, groupBy: "service", lang: "vi" });
    expect([w.total.tickets, w.total.called, w.total.breaches, w.total.withinTargetPct]).toEqual([
      1,
      0,
      0,
      null,
    ]);
    s.at("2025-03-04T08:20:00+07:00");
    w = buildWaitReport(s.deps, { range: today, groupBy: "service", lang: "vi" });
    expect([w.total.breaches, w.total.withinTargetPct]).toEqual([1, 0]);
    const b = buildBreachList(s.deps, { range: today, lang: "vi", limit: 10, offset: 0 });
    expect(b.rows).toMatchObject([{ number: "A001", calledAt: null, waitSec: 1200, status: "waiting" }]);
  });
});

describe("a booked visitor (issue 14)", () => {
  it("who checked in early waits from the slot (called 3 minutes after it: no breach); one who came late waits from check-in", () => {
    const s = scriptedHall("2025-03-04T08:00:00+07:00");
    const { o1 } = s.officers;
    s.at("2025-03-04T08:00:00+07:00").openCounter(1, o1);
    // 14 minutes early for the 08:15 slot; called at 08:18 (17 minutes after check-in).
    s.issue("2025-03-04T08:01:00+07:00", "ho-tich", "none", "2025-03-04T08:15:00+07:00");
    s.at("2025-03-04T08:18:00+07:00").callNext(1, o1);
    s.at("2025-03-04T08:19:00+07:00").finish(1, o1);
    // 9 minutes late for the 08:10 slot; called at 08:40 (21 minutes after check-in).
    s.issue("2025-03-04T08:19:00+07:00", "ho-tich", "none", "2025-03-04T08:10:00+07:00");
    s.at("2025-03-04T08:40:00+07:00").callNext(1, o1);
    s.at("2025-03-04T08:41:00+07:00").finish(1, o1);
    const today = { from: DAY, to: DAY, days: 1 };
    const w = buildWaitReport(s.deps, { range: today, groupBy: "booking", lang: "vi" });
    expect([w.total.tickets, w.total.called, w.total.breaches]).toEqual([2, 2, 1]);
    const b = buildBreachList(s.deps, { range: today, lang: "vi", limit: 10, offset: 0 });
    expect(b.rows).toMatchObject([{ number: "A002", waitSec: 1260 }]);
  });

  it("who checked in early and is still waiting is no breach until 15 minutes after the slot", () => {
    const s = scriptedHall("2025-03-04T08:00:00+07:00");
    s.issue("2025-03-04T08:00:00+07:00", "ho-tich", "none", "2025-03-04T08:10:00+07:00");
    const today = { from: DAY, to: DAY, days: 1 };
    s.at("2025-03-04T08:24:00+07:00");
    expect(buildWaitReport(s.deps, { range: today, groupBy: "service", lang: "vi" }).total.breaches).toBe(0);
    s.at("2025-03-04T08:26:00+07:00");
    expect(buildWaitReport(s.deps, { range: today, groupBy: "service", lang: "vi" }).total.breaches).toBe(1);
    const b = buildBreachList(s.deps, { range: today, lang: "vi", limit: 10, offset: 0 });
    expect(b.rows).toMatchObject([{ number: "A001", calledAt: null, waitSec: 960, status: "waiting" }]);
  });
});
