/**
 * The counter-facing rating tablet in a real browser against a real hall: it shows the
 * number it rates, rates once with a big button, then thanks the visitor.
 * With QMS_SCREENSHOTS=1 it also writes docs/screenshots/counter-rating.png (1280×800).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, issue, login, startTestHall, type TestHall } from "../../server/http/hall-fixture.ts";
import { buildCounterDist, launchBrowser, ROOT } from "../helpers.ts";

const SHOTS = process.env.QMS_SCREENSHOTS === "1";
const shotDir = SHOTS ? join(ROOT, "docs", "screenshots") : mkdtempSync(join(tmpdir(), "qms-rating-shots-"));
const dataDir = mkdtempSync(join(tmpdir(), "qms-rating-browser-"));
let distDir: string;
let hall: TestHall;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(shotDir, { recursive: true });
  distDir = await buildCounterDist((p) => p.page === "rating");
  hall = await startTestHall({ dataDir, distDir });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await hall?.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(join(distDir, ".."), { recursive: true, force: true });
  if (!SHOTS) rmSync(shotDir, { recursive: true, force: true });
});

describe("rating tablet at /counter/rating?counter=n", () => {
  it("shows the number it rates, rates once with a big button, then thanks the visitor", async () => {
    const tablet = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // Paired as a technician installs it: the token of rating-3 in the start URL's fragment.
    const creds = JSON.parse(readFileSync(join(hall.dataDir, "device-credentials.json"), "utf8"));
    await tablet.goto(`${hall.base}/counter/rating?counter=3#pair=${creds["rating-3"]}`);
    await tablet.waitForFunction(() => location.hash === "");
    await tablet.waitForSelector("rating-app >> text=Sau khi được phục vụ");
    expect(await tablet.locator("rating-app button[data-score='1']").isDisabled()).toBe(true);
    // From here the tablet follows pushed events: it asks the server nothing more.
    const asked: string[] = [];
    tablet.on("request", (r) => {
      if (r.url().includes("/api/") && !r.url().endsWith("/api/events"))
        asked.push(`${r.method()} ${r.url()}`);
    });

    const token = await login(hall.base, "canbo3");
    await call(hall.base, "POST", "/api/counters/3/open", token);
    await issue(hall.base, "dat-dai");
    // Whoever the policy picks (people from earlier tests may still wait for counter 3).
    const t = (await call(hall.base, "POST", "/api/counters/3/call-next", token)).body.ticket;
    await call(hall.base, "POST", "/api/counters/3/finish", token);
    await tablet.waitForSelector(`rating-app >> text=số ${t.number}`);
    expect(asked).toEqual([]);
    if (SHOTS) await tablet.screenshot({ path: join(shotDir, "counter-rating.png") });
    await tablet.locator("rating-app button[data-score='1']").click();
    await tablet.waitForSelector("rating-app >> text=Cảm ơn quý khách!");
    const r = await call(hall.base, "GET", `/api/tickets/${t.code}`);
    expect(r.body.ticket.rating).toBe(1);
    // Only the rating itself went to the server; after the thanks the buttons stay off.
    expect(asked.map((a) => a.replace(hall.base, ""))).toEqual(["POST /api/counters/3/rating"]);
    await tablet.waitForSelector("rating-app >> text=Sau khi được phục vụ", { timeout: 8000 });
    expect(await tablet.locator("rating-app button[data-score='1']").isDisabled()).toBe(true);
    await tablet.close();
  });
});
