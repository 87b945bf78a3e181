/**
 * The province dashboard in Chromium against a real province (PGlite, embedded broker) with
 * four live halls on real ports and three halls whose past days were simulated and shipped:
 * staff login, the live wall (halls past the target flagged, offline halls shown, sorting,
 * a call in a hall pushed to the page), a hall's details, reports across halls by area with
 * a CSV export read back, the ranking, and English. With QMS_SCREENSHOTS=1 it writes
 * docs/screenshots/province-*.png (else to a temp folder).
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningProvince } from "../../province/main.ts";
import type { RunningHall } from "../../server/main.ts";
import { dayStartMs, serviceDay } from "../../server/queue/time.ts";
import { ShiftedClock, vnMinuteOfDay } from "../counter/helpers.ts";
import { buildPrivateDist, launchBrowser } from "../helpers/browser.ts";
import { client, login } from "../helpers/hall.ts";
import { ADMIN_PASSWORD, addHall, PASSWORD, startLinkedHall, startTestProvince, until } from "./helpers.ts";
import { register, runDays, ship, simHall } from "./sim.ts";

const ROOT = join(import.meta.dirname, "../..");
const SHOTS = process.env.QMS_SCREENSHOTS === "1";
const shotDir = SHOTS
  ? join(ROOT, "docs", "screenshots")
  : mkdtempSync(join(tmpdir(), "qms-province-shots-"));
const shot = (page: Page, name: string) => page.screenshot({ path: join(shotDir, name) });

let province: RunningProvince;
const live: RunningHall[] = [];
let browser: Browser;
let page: Page;

/** The weekdays before today (Asia/Ho_Chi_Minh), newest last. */
function weekdaysBefore(n: number): string[] {
  const out: string[] = [];
  for (let t = dayStartMs(serviceDay(Date.now())) - 12 * 3600_000; out.length < n; t -= 86_400_000) {
    const wd = new Date(t + 7 * 3600_000).getUTCDay();
    if (wd !== 0 && wd !== 6) out.unshift(serviceDay(t));
  }
  return out;
}

async function officer(h: RunningHall, username: string) {
  if (h.hall.config.id !== "phu-lien")
    await client(h.url, await login(h.url, "admin"))("POST", "/api/users", {
      username,
      password: PASSWORD,
      name: username,
      role: "officer",
    });
  return client(h.url, await login(h.url, username));
}

/** A morning at a live hall: `n` tickets, `served` of them called and finished, some rated. */
async function morning(h: RunningHall, counters: number[], n: number, served: number) {
  const anon = client(h.url);
  const fields = h.hall.config.services.map((s) => s.id);
  const os = [];
  for (const c of counters) {
    const o = await officer(h, `canbo${c}`);
    await o("POST", `/api/counters/${c}/open`);
    os.push([c, o] as const);
  }
  for (let i = 0; i < n; i++)
    await anon("POST", "/api/tickets", {
      serviceId: fields[i % fields.length],
      priority: i % 7 === 0 ? "elderly" : "none",
    });
  for (let i = 0; i < served; i++) {
    const [c, o] = os[i % os.length]!;
    const t = (await o("POST", `/api/counters/${c}/call-next`)).body?.ticket;
    if (!t) continue;
    await o("POST", `/api/counters/${c}/finish`);
    if (i % 2 === 0) await anon("POST", `/api/tickets/${t.code}/rating`, { score: i % 10 === 0 ? 2 : 4 });
  }
}

beforeAll(async () => {
  const { distDir } = await buildPrivateDist((p) => p.app === "province");
  province = await startTestProvince({ distDir });
  const names: [string, string, string][] = [
    ["phu-lien", "Phường Phú Liên", "Thành phố"],
    ["xa-binh-an", "Xã Bình An", "Khu vực phía Bắc"],
    ["xa-tan-phu", "Xã Tân Phú", "Khu vực phía Bắc"],
    ["phuong-dong-hoa", "Phường Đông Hòa", "Thành phố"],
  ];
  // The first hall has a long line: its tickets were issued 20 minutes ago (same service day).
  const shifted = new ShiftedClock();
  const longLine = vnMinuteOfDay() > 30;
  for (const [i, [id, name, area]] of names.entries()) {
    const cred = await addHall(province, id, name, area);
    const clock = i === 0 && longLine ? shifted : undefined;
    // Its summary goes out every second: after the clock is set right no change happens at
    // that hall, so only the heartbeat shows the province waits grown to 20 minutes.
    const uplinkTuning = { maxBackoffMs: 500, throttleMs: 100, heartbeatMs: i === 0 ? 1000 : undefined };
    live.push(await startLinkedHall(cred.url, { id, name, clock, uplinkTuning }));
  }
  shifted.offsetMs = -20 * 60_000;
  await morning(live[0]!, [1, 2], 14, 4);
  shifted.offsetMs = 0;
  await morning(live[1]!, [1, 3, 5], 12, 9);
  await morning(live[2]!, [2, 7], 6, 4);
  await morning(live[3]!, [1, 2, 3, 4], 20, 17);
  // Three halls whose past days are simulated (the real core) and shipped; no live link today.
  const days = weekdaysBefore(3);
  for (const [k, [id, vi, area]] of (
    [
      ["trung-tam-tinh", "Trung tâm Phục vụ hành chính công tỉnh", "Cấp tỉnh"],
      ["xa-hoa-binh", "Xã Hòa Bình", "Khu vực phía Nam"],
      ["xa-my-loc", "Xã Mỹ Lộc", "Khu vực phía Nam"],
    ] as const
  ).entries()) {
    const h = simHall(id, {
      seed: 40 + k,
      baseDaily: k === 0 ? 900 : 160 + 60 * k,
      officers: k === 0 ? 40 : 10,
    });
    h.config.name = { vi, en: vi };
    await register(h, province.store, { area });
    runDays(h, days);
    await ship(h, province.store, 1000);
  }
  await province.wall.hallsChanged();
  await until(
    () => province.wall.snapshot().halls.filter((h) => h.online && h.live).length === 4,
    20_000,
    "four halls live",
  );
  if (longLine)
    await until(
      () =>
        (province.wall.snapshot().halls.find((h) => h.id === "phu-lien")?.live?.longestWaitSec ?? 0) > 900,
      20_000,
      "phu-lien's 20-minute waits on the wall",
    );
  browser = await launchBrowser();
  page = await browser.newPage({
    viewport: { width: 1600, height: 900 },
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
  });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  for (const h of live) await h.stop();
  await province?.stop();
});

const rows = () => page.locator("province-wall tr[data-hall]");

describe("the province dashboard", () => {
  it("asks province staff to log in, then shows every hall on the live wall", async () => {
    await page.goto(province.url);
    await page.locator("province-login input[name=username]").fill("admin");
    await page.locator("province-login input[name=password]").fill("wrong-password");
    await page.locator("province-login button[type=submit]").click();
    await expect
      .poll(() => page.locator("province-login [role=alert]").textContent())
      .toContain("không đúng");
    await page.locator("province-login input[name=password]").fill(ADMIN_PASSWORD);
    await page.locator("province-login button[type=submit]").click();
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(7);
    await page.waitForFunction(() => document.fonts.status === "loaded");
    expect(await page.locator("header").textContent()).toContain("Trực tiếp");
    // The hall with 20-minute waits is flagged and listed first; the simulated halls are offline.
    const first = rows().first();
    expect(await first.getAttribute("data-hall")).toBe("phu-lien");
    expect(await first.locator("[data-flag]").textContent()).toContain("Quá 15 phút");
    expect(await page.locator('province-wall tr[data-hall="xa-hoa-binh"]').textContent()).toContain(
      "Mất kết nối",
    );
    expect(await page.locator('province-wall [data-tile="online"]').textContent()).toBe("4/7");
    await shot(page, "province-wall.png");
  });

  it("sorts by any column", async () => {
    await page.locator('province-wall button[data-sort="today"]').click();
    const today = async () =>
      await rows().evaluateAll((trs) =>
        trs.map((tr) => Number((tr.children[5]!.textContent ?? "").replace(/\D/g, ""))),
      );
    const t = await today();
    expect(t).toEqual([...t].sort((a, b) => b - a));
    await page.locator('province-wall button[data-sort="name"]').click();
    const names = await rows().evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-hall")));
    expect(names[0]).toBe("phuong-dong-hoa");
  });

  it("a call in a hall reaches the wall without reloading", async () => {
    const h = live[2]!;
    const waitingCell = page.locator('province-wall tr[data-hall="xa-tan-phu"] td').nth(2);
    const before = Number(await waitingCell.textContent());
    expect(before).toBeGreaterThan(0);
    const o = client(h.url, await login(h.url, "canbo7"));
    expect((await o("POST", "/api/counters/7/call-next")).status).toBe(200); // the priority counter serves every field
    await expect
      .poll(async () => Number(await waitingCell.textContent()), { timeout: 10_000 })
      .toBe(before - 1);
  });

  it("opens a hall's details: its own report by field and its visits over the target", async () => {
    await page.locator('province-wall tr[data-hall="trung-tam-tinh"] .name button').click();
    const detail = page.locator("province-reports [data-detail=trung-tam-tinh]");
    await detail.waitFor();
    expect(await detail.textContent()).toContain("Hộ tịch");
    await shot(page, "province-hall-detail.png");
  });

  it("reports across halls by area, with the halls' figures, and a CSV export", async () => {
    await page.locator("province-reports select[data-group]").selectOption("area");
    await page.locator("province-reports button[type=submit]").click();
    await expect
      .poll(() =>
        page.locator("province-reports section:not([data-detail]) [data-report] tr[data-row]").count(),
      )
      .toBe(5);
    const { call } = await (await import("./helpers.ts")).provinceClient(province);
    const api = (await call("GET", "/api/reports/waits?preset=quarter&groupBy=area")).body;
    const north = page.locator('province-reports tr[data-row="Khu vực phía Bắc"] td').nth(1);
    expect(Number((await north.textContent())!.replace(/\D/g, ""))).toBe(
      api.rows.find((r: { key: string }) => r.key === "Khu vực phía Bắc").tickets,
    );
    await shot(page, "province-reports.png");
    const [dl] = await Promise.all([
      page.waitForEvent("download"),
      page.locator('province-reports a[data-export="csv"]').click(),
    ]);
    const csv = readFileSync((await dl.path())!, "utf8");
    expect(csv.split("\r\n")[0]).toBe(
      "\uFEFFkey,label,tickets,served,noShows,cancelled,called,meanWaitSec,medianWaitSec,p90WaitSec,maxWaitSec,breaches,withinTargetPct,meanServiceSec,ratings,satisfiedPct",
    );
    expect(csv).toContain(
      `Khu vực phía Bắc,Khu vực phía Bắc,${api.rows.find((r: { key: string }) => r.key === "Khu vực phía Bắc").tickets},`,
    );
  });

  it("ranks the halls by waits within the target and satisfaction", async () => {
    await page.locator('header button[data-view="ranking"]').click();
    const r = page.locator("province-ranking [data-ranking] tbody tr");
    await expect.poll(() => r.count()).toBe(7);
    const scores = await r.evaluateAll((trs) => trs.map((tr) => tr.children[3]!.textContent?.trim()));
    expect(scores.filter((s) => s !== "—").length).toBeGreaterThan(3);
    await shot(page, "province-ranking.png");
  });

  it("speaks English on request", async () => {
    await page.locator("header .tools button").first().click();
    await page.locator('header button[data-view="wall"]').click();
    await expect.poll(() => page.locator("header nav").textContent()).toContain("Live wall");
    expect(await rows().first().textContent()).toMatch(/Online|Offline/);
    await shot(page, "province-wall-en.png");
  });
});
