/**
 * The kiosk when things go wrong, in a real Chromium against real halls: the printer is
 * offline, out of paper or never answers (the ticket stays on screen, a reprint is offered
 * once the printer is back, and never makes a second ticket); the hall is closed; too many
 * requests; the visitor walks away (idle return); the server goes away and comes back.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kioskText } from "../../../kiosk/src/messages.ts";
import type { RunningHall } from "../../../server/main.ts";
import { client } from "../../helpers/hall.ts";
import {
  buildVisitorApps,
  type FakeBridge,
  fakeBridge,
  kioskPath,
  launchBrowser,
  screenshotDir,
  startVisitorHall,
} from "./helpers.ts";

let h: RunningHall;
let distDir: string;
let browser: Browser;
let shots: string;
const bridges: FakeBridge[] = [];
const RATE_LIMIT = 6;

async function kioskPage(path?: string, hall = h): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  await page.goto(`${hall.url}${path ?? kioskPath(hall, "kiosk-1")}`);
  await page.locator("kiosk-service-grid button").first().waitFor();
  return page;
}

async function takeNumber(page: Page, serviceId: string): Promise<string> {
  await page.locator(`kiosk-service-grid button[data-service="${serviceId}"]`).click();
  await page.locator("kiosk-priority-picker").waitFor();
  await page.waitForTimeout(450);
  await page.locator(`kiosk-priority-picker button[data-priority="none"]`).click();
  const n = page.locator("kiosk-ticket [data-number]");
  await n.waitFor();
  return (await n.textContent())!.trim();
}

const printState = (page: Page) => page.locator("kiosk-print-status [data-state]").getAttribute("data-state");
const printText = (page: Page) => page.locator("kiosk-print-status .msg").textContent();
const reprint = (page: Page) => page.locator("kiosk-print-status button.reprint");

async function issuedCount(): Promise<number> {
  const r = await client(h.url)("GET", "/api/hall");
  return (r.body.waiting as { count: number }[]).reduce((n, w) => n + w.count, 0);
}

beforeAll(async () => {
  ({ distDir } = await buildVisitorApps());
  h = await startVisitorHall(distDir, { ticketRateLimit: RATE_LIMIT });
  browser = await launchBrowser();
  shots = screenshotDir();
});

afterAll(async () => {
  for (const b of bridges) await b.close().catch(() => {});
  await browser?.close();
  await h?.stop();
  if (distDir) rmSync(distDir, { recursive: true, force: true });
});

describe("kiosk: printer faults", () => {
  it("printer offline: keeps the ticket and QR on screen, reprints once the printer is back, one ticket", async () => {
    const page = await kioskPage();
    const before = await issuedCount();
    await takeNumber(page, "ho-tich");
    await expect.poll(() => printState(page)).toBe("offline");
    expect(await printText(page)).toContain("Máy in đang không hoạt động.");
    expect(await printText(page)).toContain("Vui lòng ghi nhớ số thứ tự");
    expect(await page.locator("kiosk-ticket qms-qr svg").count()).toBe(1);
    expect(await reprint(page).isDisabled()).toBe(true);
    expect(await reprint(page).textContent()).toContain("Máy in chưa sẵn sàng");
    // A failure keeps the ticket longer on screen.
    expect(
      Number(await page.locator("footer [data-countdown]").getAttribute("data-countdown")),
    ).toBeGreaterThan(30);

    const bridge = await fakeBridge(h, "printer-1", 300);
    bridges.push(bridge);
    await expect.poll(() => reprint(page).isEnabled(), { timeout: 15_000 }).toBe(true);
    expect(await reprint(page).textContent()).toContain("In lại vé");
    await reprint(page).click();
    await expect.poll(() => printState(page), { timeout: 15_000 }).toBe("printed");
    expect(bridge.jobs).toHaveLength(1);
    expect(await issuedCount()).toBe(before + 1);
    await page.close();
  });

  it("out of paper: says so, then reprints when paper is back", async () => {
    const bridge = bridges[0]!;
    await bridge.paper("out");
    await new Promise((r) => setTimeout(r, 200));
    const page = await kioskPage();
    await takeNumber(page, "cu-tru");
    await expect.poll(() => printState(page)).toBe("no-paper");
    expect(await printText(page)).toContain("Máy in đã hết giấy.");
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(shots, "kiosk-portrait-no-paper.png") });
    const jobsBefore = bridge.jobs.length;
    await bridge.paper("ok");
    await expect.poll(() => reprint(page).isEnabled(), { timeout: 15_000 }).toBe(true);
    await reprint(page).click();
    await expect.poll(() => printState(page), { timeout: 15_000 }).toBe("printed");
    expect(bridge.jobs.length).toBe(jobsBefore + 1);
    await page.close();
  });

  it("a printer that never answers: the kiosk reports the failure after the ack timeout", async () => {
    const bridge = bridges[0]!;
    bridge.mute(true);
    const page = await kioskPage();
    await takeNumber(page, "bhxh");
    expect(await printState(page)).toBe("sent");
    await expect.poll(() => printState(page), { timeout: 10_000 }).toBe("failed");
    expect(await printText(page)).toContain("Không in được vé.");
    bridge.mute(false);
    await page.close();
  });
});

describe("kiosk: refusals", () => {
  it("a closed hall shows every field as closed, and touching one says why", async () => {
    const yaml = readFileSync(new URL("../../../server/config/demo-hall.yaml", import.meta.url), "utf8")
      .replace("enforceHours: false", "enforceHours: true")
      .replace(/^ {2}(mon|tue|wed|thu|fri|sat): .*$/gm, "  $1: []");
    const path = join(mkdtempSync(join(tmpdir(), "qms-closed-")), "hall.yaml");
    writeFileSync(path, yaml);
    const closed = await startVisitorHall(distDir, { hallConfigPath: path });
    try {
      const page = await kioskPage(kioskPath(closed, "kiosk-1"), closed);
      const states = await page.locator("kiosk-service-grid .state").allTextContents();
      expect(states.length).toBe(8);
      expect(new Set(states)).toEqual(new Set(["Tạm ngừng tiếp nhận"]));
      // The schedule rule's reason (decision 0101): no working hours on any day.
      expect(await page.locator("main .closed-banner").textContent()).toMatch(
        /^(Hôm nay trung tâm không làm việc\.|Hôm nay nghỉ lễ)/,
      );
      await page.screenshot({ path: join(shots, "kiosk-portrait-closed.png") });
      // aria-disabled, which Playwright will not click by default; a finger can, and must get an answer.
      await page.locator(`kiosk-service-grid button[data-service="dat-dai"]`).click({ force: true });
      expect(await page.locator("kiosk-notice p").textContent()).toBe(kioskText("err-hall-closed", "vi"));
      await page.locator("kiosk-notice button").click();
      expect(await page.locator("kiosk-priority-picker").count()).toBe(0);

      // A stale list (the hall closed after the kiosk loaded it): the server says 409 hall-closed.
      await page.route("**/api/services", async (route) => {
        const res = await route.fetch();
        const body = await res.json();
        for (const s of body.services) s.open = true;
        await route.fulfill({ response: res, json: body });
      });
      await page.reload();
      await page.locator(`kiosk-service-grid button[data-service="dat-dai"][aria-disabled="false"]`).click();
      await page.locator("kiosk-priority-picker").waitFor();
      await page.waitForTimeout(450);
      await page.locator(`kiosk-priority-picker button[data-priority="none"]`).click();
      await expect
        .poll(() => page.locator("kiosk-notice p").textContent())
        .toBe(kioskText("err-hall-closed", "vi"));
      await page.locator("kiosk-notice button").click();
      await page.locator("kiosk-service-grid").waitFor(); // back to the start
      await page.close();
    } finally {
      await closed.stop();
    }
  });

  it("too many requests (429): a Vietnamese message, no ticket", async () => {
    const page = await kioskPage();
    const api = client(h.url);
    for (let i = 0; i < RATE_LIMIT; i++) {
      const r = await api("POST", "/api/tickets", { serviceId: "kinh-doanh" });
      if (r.status === 429) break;
    }
    await page.locator(`kiosk-service-grid button[data-service="kinh-doanh"]`).click();
    await page.locator("kiosk-priority-picker").waitFor();
    await page.waitForTimeout(450);
    await page.locator(`kiosk-priority-picker button[data-priority="none"]`).click();
    await expect
      .poll(() => page.locator("kiosk-notice p").textContent())
      .toBe(kioskText("err-too-many-requests", "vi"));
    expect(await page.locator("kiosk-ticket").count()).toBe(0);
    await page.close();
  });
});

describe("kiosk: idle and lost server (page clock)", () => {
  it("returns to the start, in Vietnamese, after the idle time, with a visible countdown", async () => {
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await page.clock.install();
    await page.goto(`${h.url}${kioskPath(h, "kiosk-1")}`);
    await page.locator("kiosk-service-grid button").first().waitFor();
    await page.locator("kiosk-header button").click();
    await page.locator(`kiosk-service-grid button[data-service="ho-tich"]`).click();
    await page.locator("kiosk-priority-picker").waitFor();
    const countdown = page.locator("footer [data-countdown]");
    expect(await countdown.textContent()).toBe("Returning to start in 60 s");
    await page.clock.fastForward(20_000);
    await expect.poll(() => countdown.getAttribute("data-countdown")).toBe("40");
    await page.clock.fastForward(41_000);
    await page.locator("kiosk-service-grid").waitFor();
    await expect.poll(() => page.locator("main h1").textContent()).toBe("Mời chọn lĩnh vực cần giải quyết");
    expect(await page.locator("footer").count()).toBe(0);
    await page.close();
  });

  it("shows 'Tạm thời không phục vụ' when the server is gone and recovers by itself", async () => {
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await page.clock.install();
    await page.goto(`${h.url}${kioskPath(h, "kiosk-1")}`);
    await page.locator("kiosk-service-grid button").first().waitFor();
    const { port, dataDir } = h;
    await h.stop();
    const unavailable = page.locator("kiosk-unavailable");
    for (let i = 0; i < 10 && (await unavailable.count()) === 0; i++) {
      await page.clock.fastForward(5_000);
      await page.waitForTimeout(100);
    }
    expect(await unavailable.locator("h1").textContent()).toBe("Tạm thời không phục vụ");
    expect(await unavailable.locator("h2").textContent()).toBe("Temporarily unavailable");
    await page.screenshot({ path: join(shots, "kiosk-portrait-unavailable.png") });

    h = await startVisitorHall(distDir, { port, dataDir, ticketRateLimit: 0 });
    const grid = page.locator("kiosk-service-grid");
    for (let i = 0; i < 10 && (await grid.count()) === 0; i++) {
      await page.clock.fastForward(3_000);
      await page.waitForTimeout(100);
    }
    expect(await grid.count()).toBe(1);
    expect(await unavailable.count()).toBe(0);
    // And it issues again.
    await page.locator(`kiosk-service-grid button[data-service="chung-thuc"]`).click();
    await page.locator("kiosk-priority-picker").waitFor();
    await page.clock.fastForward(500);
    await page.locator(`kiosk-priority-picker button[data-priority="none"]`).click();
    await page.locator("kiosk-ticket [data-number]").waitFor();
    await page.close();
  });
});
