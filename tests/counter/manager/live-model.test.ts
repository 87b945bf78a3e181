/**
 * What the live hall view derives from the server's answers (counter/src/manager/live-model.ts):
 * lines aged since their snapshot, service times for the hint, counter cards, notices.
 */
import { describe, expect, it } from "vitest";
import type { ManagedCounter } from "../../../counter/src/manager/data.ts";
import {
  counterCards,
  DEFAULT_SERVICE_SEC,
  fieldRows,
  hallHint,
  type LiveInputs,
  notices,
} from "../../../counter/src/manager/live-model.ts";
import { hallPool } from "../../../counter/src/manager/staffing.ts";
import type { DeviceStatus } from "../../../server/contract/config.ts";
import type { HallSnapshot, ServiceInfo, Ticket } from "../../../server/contract/domain.ts";
import type { PrinterStatus } from "../../../server/contract/print.ts";
import type { WaitReport, WaitReportRow } from "../../../server/contract/reports.ts";

const NOW = Date.parse("2026-11-20T10:05:00+07:00");
const svc = (id: string, vi: string): ServiceInfo => ({
  id,
  prefix: id[0]!.toUpperCase(),
  name: { vi, en: id },
  open: true,
});
const services = [svc("a", "Hộ tịch"), svc("b", "Chứng thực"), svc("c", "Đất đai")];

function row(key: string, o: Partial<WaitReportRow> = {}): WaitReportRow {
  return {
    key,
    label: key,
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
    ...o,
  };
}

function report(rows: WaitReportRow[], total: Partial<WaitReportRow> = {}): WaitReport {
  return {
    targetMin: 15,
    groupBy: "service",
    range: { from: "2026-11-20", to: "2026-11-20", days: 1 },
    timeZone: "Asia/Ho_Chi_Minh",
    generatedAt: "",
    rows,
    total: row("total", { tickets: rows.reduce((s, r) => s + r.tickets, 0), ...total }),
  };
}

function counter(n: number, o: Partial<ManagedCounter> = {}): ManagedCounter {
  return {
    number: n,
    officer: `Cán bộ ${n}`,
    officerId: n,
    serviceIds: ["a"],
    open: true,
    paused: false,
    pauseReason: null,
    state: "idle",
    priorityCounter: false,
    name: { vi: `Quầy ${n}`, en: `Counter ${n}` },
    current: null,
    ...o,
  };
}

const hall = (waiting: HallSnapshot["waiting"]): HallSnapshot => ({
  hall: { id: "h", name: "H" },
  calls: [],
  waiting,
  counters: [],
});

function inputs(o: Partial<LiveInputs> = {}): LiveInputs {
  return {
    services,
    hall: hall([
      { serviceId: "a", count: 3, longestWaitSec: 500 },
      { serviceId: "b", count: 0, longestWaitSec: 0 },
      { serviceId: "c", count: 1, longestWaitSec: 880, priorityCount: 1 },
    ]),
    counters: [counter(1, { serviceIds: ["a", "b"] }), counter(2, { serviceIds: ["c"], paused: true })],
    todayByService: null,
    todayByHour: null,
    pastServiceSec: new Map(),
    seen: new Map(),
    watchedSince: null,
    fetchedAt: NOW - 30_000,
    now: NOW,
    targetMin: 15,
    lang: "vi",
    ...o,
  };
}

describe("field rows", () => {
  it("ages the longest waits since the snapshot and colours them against the target", () => {
    const [a, b, c] = fieldRows(inputs());
    expect(a).toMatchObject({ serviceId: "a", name: "Hộ tịch", waiting: 3, longestSec: 530, level: "ok" });
    expect(b).toMatchObject({ waiting: 0, longestSec: 0, level: "ok" });
    expect(c).toMatchObject({ waiting: 1, priorityCount: 1, longestSec: 910, level: "over" });
    expect(fieldRows(inputs({ now: NOW - 30_000 + 100_000 }))[0]!.level).toBe("near"); // 570 + 100 s ≥ 600
  });

  it("counts open, unpaused counters per field", () => {
    const [a, b, c] = fieldRows(inputs());
    expect([a!.countersOpen, b!.countersOpen, c!.countersOpen]).toEqual([1, 1, 0]);
    expect([a!.countersAll, c!.countersAll]).toEqual([1, 1]);
    // Nobody works the land line: the hint asks to open a counter.
    expect(c!.hint.more).toBeGreaterThanOrEqual(1);
    expect(c!.pool.servers).toBe(0);
  });

  it("takes the service time from today (5 served or more), else the last weeks, else today's hall mean, else 6 minutes", () => {
    const today = report(
      [
        row("a", { tickets: 10, served: 5, meanServiceSec: 420 }),
        row("b", { tickets: 4, served: 4, meanServiceSec: 100 }),
        row("c", { tickets: 0 }),
      ],
      { meanServiceSec: 300 },
    );
    const rows = fieldRows(inputs({ todayByService: today, pastServiceSec: new Map([["b", 200]]) }));
    expect(rows.map((r) => r.serviceSec)).toEqual([420, 200, 300]);
    expect(fieldRows(inputs()).map((r) => r.serviceSec)).toEqual([
      DEFAULT_SERVICE_SEC,
      DEFAULT_SERVICE_SEC,
      DEFAULT_SERVICE_SEC,
    ]);
  });

  it("estimates arrivals from today's report until it has watched the stream for 30 minutes", () => {
    const today = report([row("a", { tickets: 30 }), row("b", { tickets: 10 }), row("c", { tickets: 0 })]);
    const hours = report([row("09", { tickets: 20 }), row("10", { tickets: 4 })]);
    // 10:05: 4 + 20 × 55/60 ≈ 22.3 in the last hour; field a has 3/4 of today's tickets.
    const r = fieldRows(inputs({ todayByService: today, todayByHour: hours }));
    expect(r[0]!.rateSource).toBe("report");
    expect(r[0]!.perHour).toBeCloseTo((4 + (20 * 55) / 60) * 0.75, 6);
    const seen = new Map([["a", [NOW - 10 * 60_000, NOW - 50 * 60_000, NOW - 70 * 60_000]]]);
    const live = fieldRows(
      inputs({ todayByService: today, todayByHour: hours, seen, watchedSince: NOW - 3_600_000 }),
    );
    expect(live[0]).toMatchObject({ rateSource: "live", perHour: 2 });
  });
});

describe("counter cards", () => {
  const ticket = (o: Partial<Ticket>): Ticket => ({
    id: 1,
    code: "x",
    number: "A001",
    serviceId: "a",
    priority: "none",
    status: "called",
    issuedAt: "2026-11-20T09:40:00.000+07:00",
    calledAt: "2026-11-20T09:52:00.000+07:00",
    statusUrl: "",
    ...o,
  });

  it("derives the state and the desk's visitor: wait before the call, time at the desk", () => {
    const cards = counterCards(
      [
        counter(3, { open: false, officer: null }),
        counter(1, { current: ticket({}) }),
        counter(2, { paused: true, pauseReason: "Họp" }),
        counter(4, {
          current: ticket({ number: "A002", status: "serving", startedAt: "2026-11-20T10:00:00.000+07:00" }),
        }),
      ],
      NOW,
      15,
      "vi",
    );
    expect(cards.map((c) => [c.number, c.state])).toEqual([
      [1, "called"],
      [2, "paused"],
      [3, "closed"],
      [4, "serving"],
    ]);
    expect(cards[0]!.current).toMatchObject({
      number: "A001",
      waitedSec: 720,
      level: "near",
      atDeskSec: 780,
    });
    expect(cards[3]!.current).toMatchObject({ atDeskSec: 300 });
    expect(cards[1]!.pauseReason).toBe("Họp");
  });
});

describe("notices", () => {
  const printers: PrinterStatus[] = [
    { id: "p1", online: true, paper: "out" },
    { id: "p2", online: true, paper: "low", recentFailures: 2 },
    { id: "p3", online: false, paper: null, lastSeen: "2026-11-20T09:00:00+07:00" },
    { id: "p4", online: false, paper: null },
  ];
  const devices: DeviceStatus[] = [
    { id: "led-1", kind: "led-board", counter: 1, online: false, lastSeen: "2026-11-20T09:00:00+07:00" },
    { id: "led-2", kind: "led-board", counter: 2, online: false, lastSeen: null },
    { id: "keypad-1", kind: "keypad", counter: 1, online: true, lastSeen: "2026-11-20T08:00:00+07:00" },
  ];

  it("lists unhappy ratings newest first, then paper, lost printers and devices, but not hardware never seen", () => {
    const fields = fieldRows(inputs());
    const list = notices(
      {
        ratings: [
          { eventId: 5, at: NOW - 60_000, counter: 2, number: "B004" },
          { eventId: 9, at: NOW - 1_000, counter: 1, number: "A010" },
        ],
        printers,
        devices,
        fields,
        targetMin: 15,
      },
      "vi",
    );
    expect(list.map((n) => n.key)).toEqual([
      "rated-9",
      "rated-5",
      "paper-p1",
      "paper-p2",
      "fail-p2",
      "printer-p3",
      "device-led-1",
      "long-waits",
      "staffing",
    ]);
    expect(list[0]).toMatchObject({ level: "over", dismissable: true });
    expect(list[0]!.text).toBe("Quầy 1: số A010 đánh giá “Không hài lòng”");
    expect(list.find((n) => n.key === "long-waits")!.text).toBe("Có người chờ quá 15 phút: Đất đai");
  });

  it("says whether the hall lacks counters or only has them on the wrong fields", () => {
    const fields = fieldRows(inputs());
    const base = { ratings: [], printers: [], devices: [], fields, targetMin: 15 };
    // Counter 1 idles on a and b while c has nobody: the hall as a whole has enough.
    const h = hallHint(fields, inputs().counters, 15);
    expect(h.more).toBe(0);
    expect(notices({ ...base, hall: h }, "vi").find((n) => n.key === "staffing")!.text).toContain(
      "nên phân lại lĩnh vực",
    );
    expect(
      notices({ ...base, hall: { ...h, more: 2 } }, "vi").find((n) => n.key === "staffing")!.text,
    ).toContain("cần mở thêm ít nhất 2 quầy");
  });

  it("the hall as one pool adds every field's demand over every working counter", () => {
    const p = hallPool(
      [
        { working: true, serviceIds: ["a"] },
        { working: false, serviceIds: ["b"] },
        { working: true, serviceIds: ["b"] },
      ],
      new Map([
        ["a", { perHour: 6, serviceSec: 600, waiting: 2 }],
        ["b", { perHour: 12, serviceSec: 300, waiting: 1 }],
      ]),
    );
    expect(p).toEqual({ servers: 2, perHour: 18, load: 2, backlogSec: 1500 });
  });
});
