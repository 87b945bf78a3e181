/**
 * The manager's dashboard in a real browser against a real hall (issue 6 "Done means"):
 * weeks of service days are simulated through the hall's use cases (fixture.ts),
 * the hall then runs live at 10:05 of the latest weekday; the test logs in at /manager as
 * `quanly`, checks the live hall against the API (lines, waits past 15 minutes, counters,
 * today's figures, staffing hint, device and rating notices, live updates), the report
 * charts against the report JSON, downloads a CSV through the export button and reads it
 * back, and checks that an officer gets "no access". With QMS_SCREENSHOTS=1 it writes
 * docs/screenshots/manager-live.png (1366×768) and manager-reports.png (1920×1080).
 *
 * The browser learns the hall's time from the HTTP `Date` header (ui/server-clock.ts);
 * the hall lives on a simulated clock, so API answers get that header from the test.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connectAsync, type MqttClient } from "mqtt";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { topics } from "../../../server/contract/topics.ts";
import type { Actor } from "../../../server/hall/hall.ts";
import { call, login, PASSWORD, startTestHall, type TestHall } from "../../server/http/hall-fixture.ts";
import { launchBrowser, ROOT } from "../helpers.ts";
import { buildManagerDist, lastWeekday, SimClock, simulateDay, vnAt, weekdaysBefore } from "./fixture.ts";

const SHOTS = process.env.QMS_SCREENSHOTS === "1";
const shotDir = SHOTS ? join(ROOT, "docs", "screenshots") : mkdtempSync(join(tmpdir(), "qms-manager-shots-"));
const dataDir = mkdtempSync(join(tmpdir(), "qms-manager-browser-"));
const clock = new SimClock();
const today = lastWeekday(Date.now());
const hallNow = vnAt(today, 10, 5);
const days = weekdaysBefore(today, SHOTS ? 45 : 12);
const T = topics("qms", "phu-lien");
const digits = (s: string | null) => (s ?? "").replace(/[^\d]/g, "");

let distDir: string;
let hall: TestHall;
let base: string;
let manager: string;
let officers: Actor[];
let browser: Browser;
let ctx: BrowserContext;
let page: Page;
const devices: MqttClient[] = [];

/**
 * Every API answer (but the live streams, which an intercepted fetch would hold until
 * they end, logins and file downloads) carries the hall's time.
 */
async function withHallTime(c: BrowserContext) {
  await c.route(
    (u) =>
      u.pathname.startsWith("/api/") &&
      u.pathname !== "/api/events" &&
      !u.pathname.startsWith("/api/live") &&
      !u.pathname.startsWith("/api/auth/") &&
      !u.searchParams.has("format"),
    async (route) => {
      const res = await route.fetch();
      await route.fulfill({
        response: res,
        headers: { ...res.headers(), date: new Date(clock.now()).toUTCString() },
      });
    },
  );
}

const text = async (sel: string) => (await page.locator(sel).first().textContent())?.trim() ?? "";

beforeAll(
  async () => {
    distDir = await buildManagerDist();
    clock.pinned = vnAt(days[0]!, 6, 0);
    hall = await startTestHall({ dataDir, distDir, clock });
    base = hall.base;
    officers = [];
    for (let i = 1; i <= 7; i++) {
      const r = await call(base, "POST", "/api/auth/login", null, {
        username: `canbo${i}`,
        password: PASSWORD,
      });
      officers.push({ id: r.body.user.id, role: "officer" });
    }
    // Weeks of history (Mondays busier, counter 6 away one day a week), then today until
    // 10:05: counter 6 is away, counter 5 and the priority counter went to a meeting at
    // 09:40 and 09:45, and a visitor for "Chính sách" — which only those three counters
    // serve — came at 09:48.
    const factor = [1.15, 1.0, 0.95, 0.95, 0.9];
    days.forEach((d, i) => {
      const wd = new Date(`${d}T12:00:00+07:00`).getUTCDay();
      simulateDay(hall.hall, clock, officers, d, {
        perDay: 270 * factor[wd - 1]!,
        seed: 100 + i,
        absent: i % 5 === 3 ? [6] : [],
        // On the first day, booked visitors (issue 14): early for 09:00 and 09:30, late for 10:00.
        extra:
          i === 0
            ? [
                { at: vnAt(d, 8, 48), serviceId: "ho-tich", dueAt: vnAt(d, 9, 0) },
                { at: vnAt(d, 9, 20), serviceId: "ho-tich", dueAt: vnAt(d, 9, 30) },
                { at: vnAt(d, 10, 6), serviceId: "ho-tich", dueAt: vnAt(d, 10, 0) },
              ]
            : undefined,
      });
    });
    simulateDay(hall.hall, clock, officers, today, {
      perDay: 270,
      seed: 7,
      until: hallNow,
      absent: [6],
      breaks: [
        { counter: 5, at: vnAt(today, 9, 40), minutes: 50 },
        { counter: 7, at: vnAt(today, 9, 45), minutes: 45 },
      ],
      extra: [{ at: vnAt(today, 9, 48), serviceId: "chinh-sach" }],
    });
    clock.runFrom(hallNow);
    manager = await login(base, "quanly");

    // Devices: printer 1 low on paper, LED boards 1–4 online, board 3 lost afterwards.
    const creds = JSON.parse(readFileSync(join(dataDir, "device-credentials.json"), "utf8"));
    const dev = async (id: string) => {
      const c = await connectAsync(`mqtt://127.0.0.1:${hall.mqttPort}`, {
        username: id,
        password: creds[id],
        reconnectPeriod: 0,
        protocolVersion: 4,
      });
      devices.push(c);
      await c.publishAsync(T.deviceStatus(id), "online", { qos: 1, retain: true });
      return c;
    };
    const printer = await dev("printer-1");
    await printer.publishAsync(T.printerPaper("printer-1"), "low", { qos: 1, retain: true });
    for (const n of [1, 2, 3, 4]) await dev(`led-${n}`);
    await devices.at(-2)!.publishAsync(T.deviceStatus("led-3"), "offline", { qos: 1, retain: true });

    browser = await launchBrowser();
    ctx = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      locale: "vi-VN",
      acceptDownloads: true,
    });
    await withHallTime(ctx);
    page = await ctx.newPage();
    page.on("pageerror", (e) => console.error("[page]", e.message));
    // Screenshots simulate 45 days instead of 12.
  },
  SHOTS ? 600_000 : 120_000,
);

afterAll(async () => {
  for (const d of devices) await d.endAsync().catch(() => {});
  await browser?.close();
  await hall?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(join(distDir, ".."), { recursive: true, force: true });
  if (!SHOTS) rmSync(shotDir, { recursive: true, force: true });
});

describe("manager dashboard at /manager", () => {
  it("asks anonymous visitors to log in, and logs the manager in to the live hall", async () => {
    await page.goto(`${base}/manager`);
    await page.locator("staff-login input[name=username]").fill("quanly");
    await page.locator("staff-login input[name=password]").fill(PASSWORD);
    await page.locator("staff-login button[type=submit]").click();
    await page.waitForSelector("manager-live");
    expect(await page.locator("manager-header button[data-view=live]").getAttribute("aria-current")).toBe(
      "page",
    );
    expect(await text("manager-header .user")).toContain("Quản lý trung tâm");
  });

  it("shows every field's line as the API has it, with the wait past 15 minutes in red", async () => {
    const h = (await call(base, "GET", "/api/hall")).body;
    const total = h.waiting.reduce((s: number, w: { count: number }) => s + w.count, 0);
    await expect.poll(() => text("manager-fields td[data-total]")).toBe(String(total));
    for (const w of h.waiting) {
      const row = page.locator(`manager-fields tr[data-service=${w.serviceId}]`);
      expect(await row.locator("td[data-waiting]").textContent()).toBe(String(w.count));
      if (w.count > 0 && w.longestWaitSec > 15 * 60 + 5)
        expect(await row.locator("[data-wait-level]").getAttribute("data-wait-level")).toBe("over");
      if (w.count > 0 && w.longestWaitSec < 10 * 60 - 5)
        expect(await row.locator("[data-wait-level]").getAttribute("data-wait-level")).toBe("ok");
    }
    // The visitor of 09:48 for "Chính sách": 17 minutes, nobody to serve them.
    const cs = h.waiting.find((w: { serviceId: string }) => w.serviceId === "chinh-sach");
    expect(cs.count).toBeGreaterThanOrEqual(1);
    expect(cs.longestWaitSec).toBeGreaterThanOrEqual(17 * 60);
    const row = page.locator("manager-fields tr[data-service=chinh-sach]");
    expect(await row.locator("[data-wait-level]").getAttribute("data-wait-level")).toBe("over");
    expect(await row.locator("td[data-open]").getAttribute("data-open")).toBe("0");
    // Staffing hint: no counter works this line, so it asks to open one.
    expect(Number(await row.locator("[data-more]").getAttribute("data-more"))).toBeGreaterThanOrEqual(1);
    expect(await row.locator("[data-more]").textContent()).toContain("Cần mở");
    expect(await text("manager-notices li[data-notice=long-waits]")).toContain("Chính sách");
    expect(await text("manager-notices li[data-notice=staffing]")).toContain("Chính sách – Người có công (+");
  });

  it("shows the staffing advice by simulation (GET /api/staffing-advice) with what each change buys", async () => {
    const panel = page.locator("manager-staffing");
    await expect.poll(() => panel.locator("[data-baseline]").count(), { timeout: 70_000 }).toBe(1);
    const a = (await call(base, "GET", "/api/staffing-advice", manager)).body.advice;
    type Opt = { kind: string; serviceId: string; label: { vi: string }; outcome: { minutesBeyond: number } };
    const useful = (a.options as Opt[]).filter(
      (o) => a.baseline.minutesBeyond - o.outcome.minutesBeyond >= 5,
    );
    expect(useful.length).toBeGreaterThan(0);
    // Nobody serves "Chính sách" and a visitor has waited 17 minutes: a counter for it is advised.
    expect(useful.slice(0, 3).some((o) => o.serviceId === "chinh-sach")).toBe(true);
    const items = panel.locator("li[data-option]");
    await expect.poll(() => items.count()).toBe(Math.min(3, useful.length));
    expect(await panel.locator("li[data-option$=':chinh-sach']").count()).toBeGreaterThanOrEqual(1);
    const shown = await items.locator("b").allTextContents();
    for (const label of shown) expect(useful.map((o) => o.label.vi)).toContain(label);
    const line = (await panel.locator("li[data-option$=':chinh-sach'] .effect").first().textContent())!;
    const m = /^Chính sách – Người có công: chờ lâu nhất (\d+) → (\d+) phút/.exec(line);
    expect(m, line).not.toBeNull();
    expect(Number(m![2])).toBeLessThan(Number(m![1]));
    await panel.screenshot({ path: join(shotDir, "manager-staffing.png") });
  });

  it("shows who holds each counter, what it serves and the visitor at the desk", async () => {
    const list = (await call(base, "GET", "/api/counters", manager)).body.counters;
    for (const c of list) {
      const card = page.locator(`manager-counters li[data-counter='${c.number}']`);
      const state = !c.open ? "closed" : c.paused ? "paused" : (c.current?.status ?? "idle");
      expect(await card.getAttribute("data-state")).toBe(state);
      if (c.current) expect(await card.locator("[data-current]").textContent()).toBe(c.current.number);
      if (c.open) expect(await card.textContent()).toContain(c.officer);
    }
    const state = (n: number) =>
      page.locator(`manager-counters li[data-counter='${n}']`).getAttribute("data-state");
    expect([await state(5), await state(6), await state(7)]).toEqual(["paused", "closed", "paused"]);
    expect(await text("manager-counters li[data-counter='7']")).toContain("Họp giao ban");
  });

  it("gives today's figures against the target from the reports API", async () => {
    const r = (await call(base, "GET", "/api/reports/waits?preset=today&groupBy=service", manager)).body;
    expect(r.range.from).toBe(today);
    await expect
      .poll(async () => digits(await text("manager-live [data-figure=tickets] .v")))
      .toBe(String(r.total.tickets));
    expect(digits(await text("manager-live [data-figure=served] .v"))).toBe(String(r.total.served));
    expect(digits(await text("manager-live [data-figure=breaches] .v"))).toBe(String(r.total.breaches));
    const mean = (r.total.meanWaitSec / 60).toFixed(1).replace(".", ",");
    expect(await text("manager-live [data-figure=mean] .v")).toContain(mean);
  });

  it("lists printers and devices and raises notices for paper and lost devices", async () => {
    await expect
      .poll(() => text("manager-notices li[data-notice='paper-printer-1']"), { timeout: 20_000 })
      .toContain("sắp hết giấy");
    expect(await text("manager-notices li[data-notice='device-led-3']")).toContain("led-3");
    expect(await text("manager-devices li[data-kind=led-board]")).toContain("3/7");
    expect(await text("manager-devices li[data-printer=printer-1]")).toContain("Hoạt động");
    expect(await text("manager-devices li[data-unseen]")).toContain("Bàn phím gọi số");
    const api = (await call(base, "GET", "/api/devices", manager)).body.devices;
    expect(api.find((d: { id: string }) => d.id === "led-3")).toMatchObject({
      online: false,
      kind: "led-board",
    });
    expect((await call(base, "GET", "/api/devices", await login(base, "canbo1"))).status).toBe(403);
  });

  it("updates live: a new ticket, and a “Không hài lòng” rating raises a notice", async () => {
    const before = Number(await text("manager-fields td[data-total]"));
    expect((await call(base, "POST", "/api/tickets", null, { serviceId: "ho-tich" })).status).toBe(201);
    await expect.poll(() => text("manager-fields td[data-total]")).toBe(String(before + 1));

    // Counter 1 finishes its visitor, who rates it 1 on the pad.
    const c1 = (await call(base, "GET", "/api/counters/1", manager)).body.counter;
    const actor = officers[0]!;
    if (!c1.current) hall.hall.callNext(1, actor);
    const t = hall.views.held(1).currentTicket!;
    if (t.status === "called") hall.hall.start(1, actor);
    hall.hall.finish(1, actor);
    hall.hall.rateAtCounter(1, 1, "pad");
    const notice = page.locator("manager-notices li[data-notice^='rated-']");
    await expect.poll(() => notice.count()).toBe(1);
    expect(await notice.textContent()).toContain(`Quầy 1: số ${t.number} đánh giá “Không hài lòng”`);
    await page.screenshot({ path: join(shotDir, "manager-live.png") });
    await notice.locator("button").click();
    await expect.poll(() => notice.count()).toBe(0);
  });

  it("draws waits by hour against the 15-minute line, and % within target per field, from the report JSON", async () => {
    await page.locator("manager-header button[data-view=reports]").click();
    const month = (await call(base, "GET", "/api/reports/waits?preset=month&groupBy=hour", manager)).body;
    await expect
      .poll(() => page.locator("manager-reports .range").getAttribute("data-range"))
      .toBe(`${month.range.from}/${month.range.to}`);
    // A custom range: the whole simulated period.
    await page.locator("manager-reports input[name=from]").fill(days[0]!);
    await page.locator("manager-reports input[name=to]").fill(today);
    await page.locator("manager-reports form button[type=submit]").click();
    await expect
      .poll(() => page.locator("manager-reports .range").getAttribute("data-range"))
      .toBe(`${days[0]}/${today}`);
    const q = `from=${days[0]}&to=${today}`;
    const hour = (await call(base, "GET", `/api/reports/waits?${q}&groupBy=hour`, manager)).body;
    const bars = page.locator("manager-reports svg[data-chart=hour] rect.bar");
    const withData = hour.rows.filter((r: { meanWaitSec: number | null }) => r.meanWaitSec !== null);
    await expect.poll(() => bars.count()).toBe(withData.length);
    const drawn = await bars.evaluateAll((els) =>
      els.map((e) => ({
        key: e.getAttribute("data-key"),
        value: Number(e.getAttribute("data-value")),
        height: Number(e.getAttribute("height")),
        cls: e.getAttribute("class"),
      })),
    );
    expect(drawn.map((d) => d.key)).toEqual(withData.map((r: { key: string }) => r.key));
    for (const [i, d] of drawn.entries()) expect(d.value).toBeCloseTo(withData[i].meanWaitSec, 6);
    // Heights are proportional to the mean waits (bars under the axis top).
    const ref = drawn.reduce((a, b) => (b.value > a.value ? b : a));
    for (const d of drawn)
      if (d.value > 60) expect(d.height / ref.height).toBeCloseTo(d.value / ref.value, 2);
    // Hours over the target are red.
    for (const d of drawn) expect(d.cls).toContain(d.value > 900 ? "over" : d.value >= 600 ? "near" : "ok");
    expect(await page.locator("svg[data-chart=hour] line.target").getAttribute("data-target")).toBe("15");
    expect(await page.locator("svg[data-chart=hour] line.p90").count()).toBe(withData.length);

    const field = (await call(base, "GET", `/api/reports/waits?${q}&groupBy=service`, manager)).body;
    const fbars = await page
      .locator("manager-reports svg[data-chart=field] rect.bar")
      .evaluateAll((els) =>
        els.map((e) => [e.getAttribute("data-key"), Number(e.getAttribute("data-value"))]),
      );
    expect(fbars).toEqual(
      field.rows
        .filter((r: { withinTargetPct: number | null }) => r.withinTargetPct !== null)
        .map((r: { key: string; withinTargetPct: number }) => [r.key, r.withinTargetPct]),
    );
    expect(await page.locator("svg[data-chart=day] circle.pt").count()).toBe(days.length + 1);
    // Summary, officers and breaches match their JSON.
    expect(digits(await text("manager-reports [data-figure=tickets] .v"))).toBe(String(hour.total.tickets));
    const off = (await call(base, "GET", `/api/reports/officers?${q}`, manager)).body;
    // Every officer who did something is listed; the empty "never called" row is not.
    expect(await page.locator("manager-reports tr[data-officer='not-called']").count()).toBe(0);
    for (const o of off.rows.filter((x: { key: string }) => x.key !== "not-called"))
      expect(digits(await text(`manager-reports tr[data-officer='${o.key}'] td[data-col=served]`))).toBe(
        String(o.served),
      );
    const br = (await call(base, "GET", `/api/reports/breaches?${q}&limit=1`, manager)).body;
    expect(await page.locator("manager-reports [data-count]").getAttribute("data-count")).toBe(
      String(br.count),
    );
    expect(br.count).toBeGreaterThan(0);
    // Booked and walk-in visits side by side, with how a booked visitor's wait is counted.
    const booking = (await call(base, "GET", `/api/reports/waits?${q}&groupBy=booking`, manager)).body;
    const booked = booking.rows.find((r: { key: string }) => r.key === "booked");
    expect(booked.tickets).toBe(3);
    expect(
      digits(await text("manager-reports [data-section=booking] tr[data-key=booked] td:nth-child(2)")),
    ).toBe("3");
    expect(await text("manager-reports [data-section=booking] .note")).toBe(
      "Người đặt lịch đến sớm: thời gian chờ tính từ giờ hẹn; đến muộn: tính từ lúc lấy số.",
    );
    if (SHOTS) {
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.locator("manager-reports").evaluate((e) => e.scrollIntoView());
      await page.screenshot({ path: join(shotDir, "manager-reports.png") });
      if (process.env.QMS_SHOT_TALL) {
        await page.setViewportSize({ width: 1366, height: 2600 });
        await page.screenshot({ path: process.env.QMS_SHOT_TALL });
      }
      await page.setViewportSize({ width: 1366, height: 768 });
    }
  });

  it("downloads the hourly report as CSV through the export button, with the JSON's figures", async () => {
    const q = `from=${days[0]}&to=${today}`;
    const hour = (await call(base, "GET", `/api/reports/waits?${q}&groupBy=hour`, manager)).body;
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator("manager-reports a[data-export='hour.csv']").click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff); // BOM, for Excel
    const lines = csv.slice(1).trim().split(/\r\n/);
    expect(lines[0]!.split(",").slice(0, 4)).toEqual(["key", "label", "tickets", "served"]);
    const byKey = new Map(lines.slice(1).map((l) => [l.split(",")[0], l.split(",")]));
    for (const r of [...hour.rows, hour.total]) {
      const cells = byKey.get(r.key)!;
      expect(cells, r.key).toBeDefined();
      expect(Number(cells[2])).toBe(r.tickets);
      expect(Number(cells[3])).toBe(r.served);
    }
    // The link itself works without the bearer token: the session cookie set at login.
    const href = (await page.locator("manager-reports a[data-export='hour.xlsx']").getAttribute("href"))!;
    const viaCookie = await page.evaluate(async (u) => {
      const r = await fetch(u, { credentials: "same-origin" });
      return { status: r.status, type: r.headers.get("content-type") };
    }, href);
    expect(viaCookie).toEqual({
      status: 200,
      type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    });
  });

  it("switches to English, numbers and labels included", async () => {
    await page.locator("manager-header button", { hasText: "English" }).click();
    await expect.poll(() => text("manager-header button[data-view=reports]")).toBe("Reports");
    await expect.poll(() => text("manager-reports [data-section=hour] h2")).toBe("Waits by hour of day");
    await page.locator("manager-header button", { hasText: "Tiếng Việt" }).click();
    await expect.poll(() => text("manager-header button[data-view=reports]")).toBe("Báo cáo");
  });

  it("tells an officer the dashboard is not for them", async () => {
    const c2 = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "vi-VN" });
    const p2 = await c2.newPage();
    await p2.goto(`${base}/manager`);
    await p2.locator("staff-login input[name=username]").fill("canbo2");
    await p2.locator("staff-login input[name=password]").fill(PASSWORD);
    await p2.locator("staff-login button[type=submit]").click();
    await p2.waitForSelector("[data-denied]");
    expect(await p2.locator("[data-denied] h1").textContent()).toBe("Không có quyền truy cập");
    expect(await p2.locator("manager-live").count()).toBe(0);
    // And the API agrees.
    expect(
      (await call(base, "GET", "/api/reports/waits?preset=today", await login(base, "canbo2"))).status,
    ).toBe(403);
    await c2.close();
  });
});
