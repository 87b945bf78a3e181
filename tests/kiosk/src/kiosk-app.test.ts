/**
 * The touch kiosk in a real Chromium against a real hall: a visitor touches a field, answers
 * the priority question and gets a number, checked on screen, in the QR (decoded by zbar)
 * and through the API; then the phone page of that ticket follows the call.
 * Screenshots for docs/screenshots/ are taken on the way (UPDATE_SCREENSHOTS=1 writes them there).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningHall } from "../../../server/main.ts";
import { client } from "../../helpers/hall.ts";
import {
  buildVisitorApps,
  type FakeBridge,
  fakeBridge,
  kioskPath,
  launchBrowser,
  officerAt,
  pageErrors,
  readQr,
  screenshotDir,
  startVisitorHall,
} from "./helpers.ts";

let h: RunningHall;
let browser: Browser;
let kiosk: Page;
let kioskErrors: string[];
let shots: string;
let distDir: string;
let bridges: FakeBridge[] = [];
const anon = () => client(h.url);

/** Waiting tickets of a field, from the public hall snapshot. */
async function waitingCount(serviceId: string): Promise<number> {
  const r = await anon()("GET", "/api/hall");
  return r.body.waiting.find((w: { serviceId: string }) => w.serviceId === serviceId)?.count ?? 0;
}

/** Touches a field, waits out the ghost-tap guard, and answers the priority question. */
async function takeNumber(page: Page, serviceId: string, priority: string): Promise<string> {
  await page.locator(`kiosk-service-grid button[data-service="${serviceId}"]`).click();
  await page.locator("kiosk-priority-picker").waitFor();
  await page.waitForTimeout(500);
  await page.locator(`kiosk-priority-picker button[data-priority="${priority}"]`).click();
  const number = page.locator("kiosk-ticket [data-number]");
  await number.waitFor();
  return (await number.textContent())!.trim();
}

/** Back to the start screen through the "Xong" button. */
async function done(page: Page): Promise<void> {
  await page.waitForTimeout(500);
  await page.locator("kiosk-ticket button.done").click();
  await page.locator("kiosk-service-grid").waitFor();
  await page.waitForTimeout(500); // the ghost-tap guard of the new screen
}

beforeAll(async () => {
  ({ distDir } = await buildVisitorApps());
  h = await startVisitorHall(distDir);
  // Both printers of the demo hall have a bridge that prints (acks): printer-1 after 3 s (the
  // kiosk shows "printing" meanwhile; its stream pushes "printed" at once), printer-2 after 0.3 s.
  bridges = [await fakeBridge(h, "printer-1", 3000), await fakeBridge(h, "printer-2", 300)];
  browser = await launchBrowser();
  shots = screenshotDir();
  // Counters 1 and 2 serve Hộ tịch: estimates are real numbers, not "unknown".
  await officerAt(h, 1);
  await officerAt(h, 2);
  for (let i = 0; i < 3; i++) await anon()("POST", "/api/tickets", { serviceId: "ho-tich" });
  kiosk = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  kioskErrors = pageErrors(kiosk);
  await kiosk.goto(`${h.url}${kioskPath(h, "kiosk-1")}`);
  await kiosk.locator("kiosk-service-grid button").first().waitFor();
});

afterAll(async () => {
  for (const b of bridges) await b.close();
  await browser?.close();
  await h?.stop();
  if (distDir) rmSync(distDir, { recursive: true, force: true });
});

describe("kiosk: portrait 1080×1920", () => {
  it("lists every field with its Vietnamese name, open ones marked open", async () => {
    const services = (await anon()("GET", "/api/services")).body.services as {
      id: string;
      name: { vi: string };
    }[];
    const buttons = kiosk.locator("kiosk-service-grid button");
    expect(await buttons.count()).toBe(services.length);
    for (const s of services)
      await expect
        .poll(() => kiosk.locator(`button[data-service="${s.id}"] .name`).textContent())
        .toBe(s.name.vi);
    expect(await kiosk.locator("kiosk-service-grid .state").allTextContents()).toEqual(
      services.map(() => "Đang tiếp nhận"),
    );
    await kiosk.screenshot({ path: join(shots, "kiosk-portrait-start.png") });
  });

  it("issues a ticket: the number on screen is the API's, and the QR carries its status URL", async () => {
    const before = await waitingCount("ho-tich");
    await kiosk.locator(`kiosk-service-grid button[data-service="ho-tich"]`).click();
    await kiosk.locator("kiosk-priority-picker").waitFor();
    expect(await kiosk.locator("kiosk-priority-picker h2").textContent()).toBe(
      "Bạn có thuộc diện ưu tiên không?",
    );
    expect(await kiosk.locator("kiosk-priority-picker button.cat").count()).toBe(5);
    await kiosk.waitForTimeout(500);
    await kiosk.screenshot({ path: join(shots, "kiosk-portrait-priority.png") });
    await kiosk.locator(`kiosk-priority-picker button[data-priority="none"]`).click();
    const numberEl = kiosk.locator("kiosk-ticket [data-number]");
    await numberEl.waitFor();
    const number = (await numberEl.textContent())!.trim();
    expect(number).toMatch(/^A\d{3}$/);
    expect(await waitingCount("ho-tich")).toBe(before + 1);

    // Printing while the bridge works, then printed once it acknowledged the one job.
    const printState = kiosk.locator("kiosk-print-status [data-state]");
    expect(await printState.getAttribute("data-state")).toBe("sent");
    expect(await kiosk.locator("kiosk-print-status .msg").textContent()).toContain("Đang in vé…");
    await expect.poll(() => printState.getAttribute("data-state"), { timeout: 15_000 }).toBe("printed");
    expect(await kiosk.locator("kiosk-print-status .msg").textContent()).toContain(
      "Đã in vé. Vui lòng nhận vé bên dưới.",
    );
    expect(bridges[0]!.jobs).toHaveLength(1);

    // The QR is drawn in the browser: read it back with an independent decoder.
    const qrPng = join(mkdtempSync(join(tmpdir(), "qms-qr-")), "qr.png");
    await kiosk.locator("kiosk-ticket qms-qr").screenshot({ path: qrPng });
    const [statusUrl] = readQr(qrPng);
    expect(statusUrl).toMatch(/^http:\/\/hall\.test\/t\/[a-z2-7]{16}$/);
    const code = statusUrl!.split("/").pop()!;
    const api = await anon()("GET", `/api/tickets/${code}`);
    expect(api.body.ticket).toMatchObject({
      number,
      serviceId: "ho-tich",
      priority: "none",
      status: "waiting",
    });
    expect(await kiosk.locator("kiosk-ticket [data-ahead]").textContent()).toBe(
      `${api.body.ticket.position} người`,
    );
    expect(await kiosk.locator("kiosk-ticket .field").textContent()).toBe("Hộ tịch");
    // Three wait ahead: the estimate with its upper figure ("chậm nhất"), as issued.
    const shown = await kiosk
      .locator("kiosk-ticket")
      .evaluate(
        (el) =>
          (el as unknown as { ticket: { estimatedWaitMin: number; estimatedWaitMaxMin: number } }).ticket,
      );
    expect(shown.estimatedWaitMin).toBeGreaterThan(1);
    expect(shown.estimatedWaitMaxMin).toBeGreaterThan(shown.estimatedWaitMin);
    expect((await kiosk.locator("kiosk-ticket [data-wait]").textContent())!.trim()).toBe(
      `khoảng ${shown.estimatedWaitMin} phút, chậm nhất ${shown.estimatedWaitMaxMin} phút`,
    );
    await kiosk.screenshot({ path: join(shots, "kiosk-portrait-ticket.png") });

    // The phone page of that ticket, then an officer calls it.
    const phoneCtx = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      reducedMotion: "reduce", // no flashing: a steady screenshot
    });
    await recordAlerts(phoneCtx);
    const phone = await phoneCtx.newPage();
    const phoneErrors = pageErrors(phone);
    await phone.goto(`${h.url}${new URL(statusUrl!).pathname}`);
    await expect.poll(() => phone.locator("kiosk-phone-app [data-number]").textContent()).toBe(number);
    expect(await phone.locator("kiosk-phone-app [data-status]").textContent()).toBe("Đang chờ");
    expect(await phone.locator("kiosk-phone-app .field").textContent()).toBe("Hộ tịch");
    // The phone page shows the figures of its latest fetch (they move as the hall moves).
    await expect
      .poll(() => phone.locator("kiosk-phone-app [data-wait]").textContent())
      .toMatch(/^khoảng \d+ phút, chậm nhất \d+ phút$/);
    await phone.locator("kiosk-phone-app button.sound").click();
    await phone.waitForTimeout(200);
    await phone.screenshot({ path: join(shots, "phone-waiting.png") });

    const { act } = await officerAt(h, 7); // the priority counter serves every field
    for (let i = 0; i < 10; i++) {
      const r = await act("call-next");
      if (r?.ticket.number === number) break;
      await act("no-show");
    }
    await expect.poll(() => phone.locator("kiosk-phone-app [data-counter]").textContent()).toBe("Quầy 7");
    expect(await phone.locator("kiosk-phone-app [data-status]").textContent()).toBe("Đến lượt bạn!");
    // The alert fired: a vibration pattern and the chime's oscillators.
    expect(
      await phone.evaluate(() => (window as unknown as { __vibrations: number[][] }).__vibrations),
    ).toEqual([[400, 200, 400, 200, 800]]);
    expect(await phone.evaluate(() => (window as unknown as { __tones: number }).__tones)).toBe(4);
    await phone.screenshot({ path: join(shots, "phone-called.png") });
    expect(phoneErrors).toEqual([]);
    await phoneCtx.close();
    await done(kiosk);
  });

  it("ignores the second tap of a double tap: one ticket, not two", async () => {
    const before = await waitingCount("chung-thuc");
    await kiosk.locator(`kiosk-service-grid button[data-service="chung-thuc"]`).click();
    await kiosk.locator("kiosk-priority-picker").waitFor();
    await kiosk.waitForTimeout(500);
    // Two taps within the same task: the second lands before the buttons re-render disabled.
    await kiosk.evaluate(() => {
      const picker = document.querySelector("kiosk-app")!.shadowRoot!.querySelector("kiosk-priority-picker")!;
      const b = picker.shadowRoot!.querySelector<HTMLButtonElement>('button[data-priority="none"]')!;
      b.click();
      b.click();
    });
    await kiosk.locator("kiosk-ticket [data-number]").waitFor();
    await kiosk.waitForTimeout(300);
    expect(await waitingCount("chung-thuc")).toBe(before + 1);
    await done(kiosk);
  });

  it("retries a request whose answer was lost with the same requestId: one ticket, the first one", async () => {
    const before = await waitingCount("dat-dai");
    let firstBody: { ticket: { number: string } } | null = null;
    const bodies: string[] = [];
    await kiosk.route("**/api/tickets", async (route) => {
      bodies.push(route.request().postData() ?? "");
      if (!firstBody) {
        // The server issues the ticket, but the answer never reaches the kiosk.
        const res = await route.fetch();
        firstBody = await res.json();
        await route.abort("connectionreset");
      } else await route.continue();
    });
    const number = await takeNumber(kiosk, "dat-dai", "none");
    await kiosk.unroute("**/api/tickets");
    expect(bodies).toHaveLength(2);
    expect(JSON.parse(bodies[0]!).requestId).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.parse(bodies[1]!).requestId).toBe(JSON.parse(bodies[0]!).requestId);
    expect(number).toBe(firstBody!.ticket.number);
    expect(await waitingCount("dat-dai")).toBe(before + 1);
    await done(kiosk);
  });

  it("says when this kiosk prints nothing (unknown kiosk id) and still issues the ticket", async () => {
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await page.goto(`${h.url}/kiosk?kiosk=no-such-kiosk`);
    await page.locator("kiosk-service-grid button").first().waitFor();
    const number = await takeNumber(page, "cu-tru", "none");
    expect(number).toMatch(/^D\d{3}$/);
    expect(await page.locator("kiosk-print-status [data-state]").getAttribute("data-state")).toBe("none");
    expect(await page.locator("kiosk-print-status .msg").textContent()).toBe(
      "Ki-ốt này không in vé. Vui lòng ghi nhớ số thứ tự hoặc quét mã QR.",
    );
    await page.close();
  });

  it("switches to English and back to Vietnamese", async () => {
    await kiosk.locator("kiosk-header button").click();
    await expect.poll(() => kiosk.locator("main h1").textContent()).toBe("Please choose a field");
    expect(await kiosk.locator(`button[data-service="ho-tich"] .name`).textContent()).toBe("Civil status");
    await kiosk.locator("kiosk-header button").click();
    await expect.poll(() => kiosk.locator("main h1").textContent()).toBe("Mời chọn lĩnh vực cần giải quyết");
    expect(kioskErrors).toEqual([]);
  });
});

describe("kiosk: landscape 1920×1080", () => {
  it("issues a priority ticket and shows its category", async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${h.url}${kioskPath(h, "kiosk-2")}`);
    await page.locator("kiosk-service-grid button").first().waitFor();
    await page.screenshot({ path: join(shots, "kiosk-landscape-start.png") });
    await page.locator(`kiosk-service-grid button[data-service="bhxh"]`).click();
    await page.locator("kiosk-priority-picker").waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(shots, "kiosk-landscape-priority.png") });
    await page.locator(`kiosk-priority-picker button[data-priority="elderly"]`).click();
    await page.locator("kiosk-ticket [data-number]").waitFor();
    await expect
      .poll(() => page.locator("kiosk-print-status [data-state]").getAttribute("data-state"))
      .toBe("printed");
    expect(await page.locator("kiosk-ticket .badge").textContent()).toContain("Người cao tuổi (từ 60 tuổi)");
    // Nothing overflows the screen: the page does not scroll.
    const overflow = await page.evaluate(() => {
      const app = document.querySelector("kiosk-app")!;
      const main = app.shadowRoot!.querySelector("main")!;
      return { doc: document.documentElement.scrollHeight, main: main.scrollHeight - main.clientHeight };
    });
    expect(overflow.doc).toBeLessThanOrEqual(1080);
    expect(overflow.main).toBeLessThanOrEqual(1);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(shots, "kiosk-landscape-ticket.png") });
    await page.close();
  });
});

/** Records navigator.vibrate calls and started oscillators (the chime) on every page of `ctx`. */
async function recordAlerts(ctx: BrowserContext): Promise<void> {
  await ctx.addInitScript(() => {
    const w = window as unknown as { __vibrations: number[][]; __tones: number };
    w.__vibrations = [];
    w.__tones = 0;
    Object.defineProperty(navigator, "vibrate", {
      configurable: true,
      value: (p: number[]) => {
        w.__vibrations.push(p);
        return true;
      },
    });
    const start = OscillatorNode.prototype.start;
    OscillatorNode.prototype.start = function (this: OscillatorNode, ...a: [number?]) {
      w.__tones += 1;
      return start.apply(this, a);
    };
  });
}
