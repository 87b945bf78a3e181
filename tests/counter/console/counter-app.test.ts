/**
 * The officer console in a real browser against a real hall (issue 4 "Done means"):
 * log in at /counter, open a counter, call the next number, start and finish it with
 * the keyboard, pause and resume, live updates from the keypad, a 401 that asks to log
 * in again without losing the counter, and a server restart the console survives.
 * With QMS_SCREENSHOTS=1 it also writes docs/screenshots/counter-{idle,calling,paused}.png
 * at 1366×768.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  call,
  issue,
  login,
  PASSWORD,
  startTestHall,
  type TestHall,
} from "../../server/http/hall-fixture.ts";
import { buildCounterDist, launchBrowser, ROOT, ShiftedClock, vnMinuteOfDay } from "../helpers.ts";

const SHOTS = process.env.QMS_SCREENSHOTS === "1";
const shotDir = SHOTS ? join(ROOT, "docs", "screenshots") : mkdtempSync(join(tmpdir(), "qms-counter-shots-"));
const dataDir = mkdtempSync(join(tmpdir(), "qms-counter-browser-"));
const clock = new ShiftedClock();
// Old tickets (waits past 10 and 15 minutes) only when going back stays on today.
const shift = vnMinuteOfDay() > 40;
let distDir: string;
let hall: TestHall;
let browser: Browser;
let page: Page;

async function start(port = 0): Promise<TestHall> {
  return startTestHall({ port, dataDir, distDir, clock });
}

const text = async (sel: string) => (await page.locator(sel).first().textContent())?.trim() ?? "";

beforeAll(async () => {
  mkdirSync(shotDir, { recursive: true });
  distDir = await buildCounterDist((p) => p.page === "counter");
  hall = await start();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  page.on("pageerror", (e) => console.error("[page]", e.message));
});

afterAll(async () => {
  await browser?.close();
  await hall?.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(join(distDir, ".."), { recursive: true, force: true });
  if (!SHOTS) rmSync(shotDir, { recursive: true, force: true });
});

describe("officer console at /counter", () => {
  let first: string;
  let elderly: string;

  it("logs in and shows which counters are free, what they serve, and who holds the others", async () => {
    // Counter 2 is taken by another officer; people wait in counter 1's fields.
    await call(hall.base, "POST", "/api/counters/2/open", await login(hall.base, "canbo2"));
    if (shift) clock.offsetMs = -18 * 60_000;
    first = (await issue(hall.base, "ho-tich")).number;
    if (shift) clock.offsetMs = -11 * 60_000;
    await issue(hall.base, "chung-thuc");
    if (shift) clock.offsetMs = -3 * 60_000;
    await issue(hall.base, "ho-tich");
    elderly = (await issue(hall.base, "chung-thuc", "elderly")).number;
    clock.offsetMs = 0;

    await page.goto(`${hall.base}/counter`);
    await page.locator("staff-login input[name=username]").fill("canbo1");
    await page.locator("staff-login input[name=password]").fill(PASSWORD);
    await page.locator("staff-login button[type=submit]").click();
    const c2 = page.locator("counter-picker li[data-counter='2']");
    await expect.poll(() => c2.textContent()).toContain("Đang do Cán bộ 2 phụ trách");
    const c1 = page.locator("counter-picker li[data-counter='1']");
    expect(await c1.textContent()).toContain("Hộ tịch");
    expect(await c1.textContent()).toContain("Chứng thực");
    expect(await c1.textContent()).toContain("Còn trống");
    // Officers get no force-close on someone else's counter.
    expect(await c2.locator("button").count()).toBe(0);
  });

  it("opens a counter: idle, with the waiting line of its fields and no visitor details", async () => {
    await page.locator("counter-picker li[data-counter='1'] button").click();
    await page.waitForSelector("counter-current >> text=Chưa gọi số nào");
    expect(await text("counter-header .counter")).toBe("Quầy 1");
    await expect.poll(() => text("counter-queue td[data-total]")).toBe("4");
    const queue = (await page.locator("counter-queue").textContent()) ?? "";
    expect(queue).not.toContain(first);
    if (shift) {
      const levels = await page
        .locator("counter-queue tbody tr[data-service] [data-wait-level]")
        .evaluateAll((els) => els.map((e) => e.getAttribute("data-wait-level")));
      expect(levels).toEqual(["over", "near"]); // ho-tich 18 min, chung-thuc 11 min
    }
    // Live: a new ticket in one of its fields shows up without a reload.
    await issue(hall.base, "chung-thuc");
    await expect.poll(() => text("counter-queue td[data-total]")).toBe("5");
    await page.screenshot({ path: join(shotDir, "counter-idle.png") });
  });

  it("calls the next number chosen by the server, with its wait coloured against the target", async () => {
    await page.locator("counter-actions button[data-action=next]").click();
    await expect.poll(() => text("counter-current .number")).not.toBe("");
    const board = (await call(hall.base, "GET", "/api/hall")).body;
    expect(await text("counter-current .number")).toBe(board.counters[0].current);
    // The on-time policy (decision 0003) calls the elderly visitor: her 5-minute promise is
    // still within reach, and calling the visitor already 18 minutes late first would break
    // it. The console shows the wait against the 15-minute target.
    expect(board.counters[0].current).toBe(elderly);
    expect(await text("counter-current .pill")).toBe("Đang mời");
    expect(await page.locator("counter-current [data-wait-level]").getAttribute("data-wait-level")).toBe(
      "ok",
    );
    expect(await page.locator("counter-actions button[data-action=next]").isDisabled()).toBe(true);
    await expect.poll(() => text("counter-queue td[data-total]")).toBe("4");
    await page.screenshot({ path: join(shotDir, "counter-calling.png") });
  });

  it("links the visit's dossier code with M (issue 15): a wrong one refused, the right one shown and kept", async () => {
    await page.keyboard.press("m");
    const dialog = page.locator("counter-dossier-dialog");
    await dialog.locator("input[name=dossierCode]").fill("ABC-12");
    await dialog.locator("button[type=submit]").click();
    await expect.poll(() => text("qms-toast .toast")).toContain("Mã hồ sơ không đúng định dạng");
    expect(await page.locator("counter-current [data-dossier]").getAttribute("data-dossier")).toBe("");
    await page.locator("counter-current button[data-action=dossier]").click();
    await dialog.locator("input[name=dossierCode]").fill("000.00.19.h26-231109-0007");
    await dialog.locator("input[name=procedureCode]").fill("1.001612");
    await page.screenshot({ path: join(shotDir, "counter-dossier.png") });
    await dialog.locator("button[type=submit]").click();
    const dossier = page.locator("counter-current [data-dossier]");
    await expect.poll(() => dossier.getAttribute("data-dossier")).toBe("000.00.19.H26-231109-0007");
    expect(await dossier.textContent()).toContain("1.001612");
    expect(await text("qms-toast .toast")).toContain("Đã gắn mã hồ sơ 000.00.19.H26-231109-0007");
    // Staff-only: never on the public hall feed the boards show.
    expect(JSON.stringify((await call(hall.base, "GET", "/api/hall")).body)).not.toContain("231109-0007");
  });

  it("starts and finishes with the keyboard shortcuts printed on the buttons", async () => {
    expect(await text("counter-actions button[data-action=start] kbd")).toBe("D");
    await page.keyboard.press("d");
    await expect.poll(() => text("counter-current .pill")).toBe("Đang phục vụ");
    // The pushed state may come before the answer; keys wait for it, as the buttons show.
    await expect
      .poll(() => page.locator("counter-actions button[data-action=finish]").isEnabled())
      .toBe(true);
    await page.keyboard.press("h");
    await page.waitForSelector("counter-current >> text=Chưa gọi số nào");
    await expect.poll(() => text("counter-queue [data-served]")).toBe("1");
    const r = await call(hall.base, "GET", "/api/hall");
    expect(r.body.counters[0]).toMatchObject({ number: 1, state: "idle", current: null });
  });

  it("pauses with a reason (no calls while paused) and resumes", async () => {
    await page.keyboard.press("t");
    await page.locator("counter-pause-dialog button[type=submit]").click();
    await page.waitForSelector("counter-current >> text=Đang tạm nghỉ");
    expect(await text("counter-current .card")).toContain("Nghỉ giữa giờ");
    expect(await page.locator("counter-actions button[data-action=next]").count()).toBe(0);
    await page.keyboard.press("g"); // ignored while paused
    await page.screenshot({ path: join(shotDir, "counter-paused.png") });
    const me = (await call(hall.base, "GET", "/api/hall")).body.counters[0];
    expect(me).toMatchObject({ paused: true, current: null });
    await page.keyboard.press("t");
    await page.waitForSelector("counter-current >> text=Chưa gọi số nào");
  });

  it("updates live when the counter's keypad calls a number", async () => {
    const { readFileSync } = await import("node:fs");
    const { connectAsync } = await import("mqtt");
    const creds = JSON.parse(readFileSync(join(dataDir, "device-credentials.json"), "utf8"));
    const keypad = await connectAsync(`mqtt://127.0.0.1:${hall.mqttPort}`, {
      username: "keypad-1",
      password: creds["keypad-1"],
      reconnectPeriod: 0,
    });
    await keypad.publishAsync("qms/phu-lien/counter/1/button", "next", { qos: 1 });
    await expect.poll(() => text("counter-current .pill")).toBe("Đang mời");
    await keypad.endAsync();
  });

  it("asks to log in again after a 401 and comes back to the same counter", async () => {
    const held = await text("counter-current .number");
    const admin = await login(hall.base, "admin");
    const users = (await call(hall.base, "GET", "/api/users", admin)).body.users;
    const id = users.find((u: { username: string }) => u.username === "canbo1").id;
    // A password reset ends the officer's sessions on the server.
    await call(hall.base, "PATCH", `/api/users/${id}`, admin, { password: "mat-khau-moi-1" });
    await page.keyboard.press("l"); // recall → 401
    await page.waitForSelector("staff-login .notice");
    expect(await text("staff-login .notice")).toContain("Phiên làm việc đã hết hạn");
    expect(await page.locator("staff-login input[name=username]").inputValue()).toBe("canbo1");
    await page.locator("staff-login input[name=password]").fill("mat-khau-moi-1");
    await page.locator("staff-login button[type=submit]").click();
    await expect.poll(() => text("counter-current .number")).toBe(held);
    expect(await text("counter-header .counter")).toBe("Quầy 1");
  });

  it("survives a server restart: reconnects and shows the counter's state, never a stale ticket", async () => {
    const port = hall.port;
    await hall.close();
    await expect.poll(() => page.locator("counter-header .live.off").count(), { timeout: 10_000 }).toBe(1);
    hall = await start(port);
    // While it was down the server's state moved on: finish the visit from another path.
    const token = await login(hall.base, "canbo1", "mat-khau-moi-1");
    expect((await call(hall.base, "POST", "/api/counters/1/finish", token)).status).toBe(200);
    await expect.poll(() => page.locator("counter-header .live.off").count(), { timeout: 15_000 }).toBe(0);
    await page.waitForSelector("counter-current >> text=Chưa gọi số nào", { timeout: 10_000 });
    expect(await text("counter-header .counter")).toBe("Quầy 1");
  });

  it("switches to English and closes the counter after confirming", async () => {
    await page.locator("counter-header button", { hasText: "English" }).click();
    await expect.poll(() => text("counter-actions button[data-action=next] span")).toBe("Call next");
    await page.keyboard.press("q");
    await page.locator("counter-confirm-dialog button.primary").click();
    await page.waitForSelector("counter-picker");
    const r = await call(hall.base, "GET", "/api/hall");
    expect(r.body.counters[0].open).toBe(false);
    await page.locator("counter-header button", { hasText: "Tiếng Việt" }).click();
  });
});
