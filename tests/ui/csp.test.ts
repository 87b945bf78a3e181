/**
 * Every app still works under its Content-Security-Policy (decision 0024), in a real
 * Chromium against a real hall serving the built apps: the kiosk issues a ticket (QR
 * drawn), the phone page follows it, the officer's console logs in and calls it, the rating
 * tablet rates the visit, the manager's dashboard draws a report and downloads a file, the
 * display board connects over MQTT-over-WebSocket and announces the call with its voice
 * clips. Chromium reports no CSP or Trusted Types violation, in the console or as a
 * `securitypolicyviolation` event, and no page error.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningHall } from "../../server/main.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { client, login, PASSWORD, startTestHall } from "../helpers/hall.ts";

const ROOT = join(import.meta.dirname, "..", "..");
let dist: string;
let h: RunningHall;
let browser: Browser;
let code: string;
let number: string;
const creds = () => JSON.parse(readFileSync(join(h.dataDir, "device-credentials.json"), "utf8"));

interface Watched {
  page: Page;
  /** CSP / Trusted Types complaints and page errors seen so far. */
  problems: string[];
}

/** A page that records every policy violation, console complaint and uncaught error. */
async function open(path: string, viewport = { width: 1280, height: 900 }): Promise<Watched> {
  const ctx = await browser.newContext({ viewport, locale: "vi-VN", acceptDownloads: true });
  const page = await ctx.newPage();
  const problems: string[] = [];
  await page.exposeFunction("__reportViolation", (s: string) => problems.push(`violation: ${s}`));
  await page.addInitScript(() => {
    document.addEventListener(
      "securitypolicyviolation",
      (e) =>
        (window as unknown as { __reportViolation(s: string): void }).__reportViolation(
          `${e.effectiveDirective} ${e.blockedURI} ${e.sample}`,
        ),
      true,
    );
  });
  page.on("console", (m) => {
    if (/Content Security Policy|Trusted ?Type|Refused to/i.test(m.text()))
      problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`error: ${e.message}`));
  const res = await page.goto(h.url + path);
  expect(res?.headers()["content-security-policy"], path).toMatch(/default-src 'none'/);
  return { page, problems };
}

beforeAll(async () => {
  const src = join(ROOT, "dist");
  if (!existsSync(join(src, "display", "voice", "manifest.json")))
    throw new Error("dist/ is missing: run `npm run build` first");
  // A private copy: a concurrent `npm run build` empties dist/.
  dist = join(mkdtempSync(join(tmpdir(), "qms-csp-")), "dist");
  cpSync(src, dist, { recursive: true });
  h = await startTestHall({ distDir: dist, publicUrl: undefined });
  browser = await launchBrowser(["--autoplay-policy=no-user-gesture-required"]);
});
afterAll(async () => {
  await browser?.close();
  await h?.stop();
  if (dist) rmSync(join(dist, ".."), { recursive: true, force: true });
});

// Generous per test: five Chromium pages and a voice board on a shared 2-core machine.
describe("each app under its policy", { timeout: 60_000 }, () => {
  it("kiosk: takes a number and draws its QR", async () => {
    const { page, problems } = await open(`/kiosk?kiosk=kiosk-1#pair=${creds()["kiosk-1"]}`, {
      width: 1080,
      height: 1920,
    });
    await page.locator(`kiosk-service-grid button[data-service="ho-tich"]`).click();
    await page.locator("kiosk-priority-picker").waitFor();
    await page.waitForTimeout(500); // the ghost-tap guard
    await page.locator(`kiosk-priority-picker button[data-priority="none"]`).click();
    const n = page.locator("kiosk-ticket [data-number]");
    await n.waitFor();
    number = (await n.textContent())!.trim();
    await page.locator("kiosk-ticket qms-qr svg path").waitFor();
    const url = await page
      .locator("kiosk-ticket qms-qr")
      .evaluate((e) => (e as HTMLElement & { value: string }).value);
    code = url.split("/t/")[1] ?? "";
    expect(code).toMatch(/^[a-z2-7]{16}$/);
    expect(problems).toEqual([]);
  });

  it("display: connects over MQTT-over-WebSocket and announces a call with its clips", async () => {
    const { page, problems } = await open("/display", { width: 1920, height: 1080 });
    await page.waitForSelector("display-app[data-online=true][data-voice]", { timeout: 30_000 });
    expect(await page.getAttribute("display-app", "data-transport")).toBe("mqtt");
    // The officer calls the kiosk's ticket at counter 1 (it serves Hộ tịch).
    const officer = client(h.url, await login(h.url, "canbo1"));
    expect((await officer("POST", "/api/counters/1/open")).status).toBe(200);
    expect((await officer("POST", "/api/counters/1/call-next")).body.ticket.number).toBe(number);
    await page.waitForFunction(
      (num) =>
        (
          window as unknown as { __qmsAnnouncements?: { number: string; result: string }[] }
        ).__qmsAnnouncements?.some((r) => r.number === num && r.result !== "queued"),
      number,
      { timeout: 20_000 },
    );
    expect(problems).toEqual([]);
  });

  it("phone page: follows the ticket", async () => {
    const { page, problems } = await open(`/t/${code}`, { width: 390, height: 844 });
    await page.locator("kiosk-phone-app [data-status], kiosk-phone-app [data-phase]").first().waitFor();
    await expect.poll(() => page.locator("kiosk-phone-app [data-number]").textContent()).toBe(number);
    expect(problems).toEqual([]);
  });

  it("console: logs in and finishes the visit; rating tablet: rates it", async () => {
    const tablet = await open(`/counter/rating?counter=1#pair=${creds()["rating-1"]}`);
    await tablet.page.waitForSelector("rating-app >> text=Sau khi được phục vụ");

    const { page, problems } = await open("/counter");
    await page.locator("staff-login input[name=username]").fill("canbo1");
    await page.locator("staff-login input[name=password]").fill(PASSWORD);
    await page.locator("staff-login button[type=submit]").click();
    await page.locator("counter-actions").waitFor({ timeout: 15_000 });
    // canbo1 already holds counter 1 (opened above): the console shows the called ticket.
    const current = page.locator("counter-current section[data-number]");
    await expect.poll(() => current.getAttribute("data-number"), { timeout: 10_000 }).toBe(number);
    // Start and finish the visit with the console's buttons.
    for (const a of ["start", "finish"]) {
      const b = page.locator(`counter-actions button[data-action=${a}]`);
      await expect.poll(() => b.isEnabled(), { timeout: 10_000 }).toBe(true);
      await b.click();
    }
    await expect.poll(() => current.count(), { timeout: 10_000 }).toBe(0);
    const one = tablet.page.locator("rating-app button[data-score='4']");
    await expect.poll(() => one.isEnabled(), { timeout: 10_000 }).toBe(true);
    await one.click();
    await expect
      .poll(async () => (await client(h.url)("GET", "/api/counters/1/rating")).body.last?.rated)
      .toBe(true);
    expect(problems).toEqual([]);
    expect(tablet.problems).toEqual([]);
  });

  it("manager: the dashboard draws a report and downloads it", async () => {
    const { page, problems } = await open("/manager", { width: 1366, height: 768 });
    await page.locator("staff-login input[name=username]").fill("quanly");
    await page.locator("staff-login input[name=password]").fill(PASSWORD);
    await page.locator("staff-login button[type=submit]").click();
    await page.locator("manager-header button[data-view=reports]").click();
    await page.locator("manager-reports .range").waitFor({ timeout: 15_000 });
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator("manager-reports a[data-export='hour.csv']").click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    expect(problems).toEqual([]);
  });
});
