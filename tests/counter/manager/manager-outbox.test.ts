/**
 * The manager sees the webhook's failures (issue 15, decision 0043), in a real browser
 * against a real hall: the one-stop system's receiver (a local HTTP server checking the
 * HMAC signature, tests/helpers/webhook.ts) is down, a visit finishes, the outbox retries
 * and gives up; the dashboard shows the failure with the last error; the receiver comes
 * back and "Gửi lại" delivers the message, signed.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningHall } from "../../../server/main.ts";
import { client, login, PASSWORD, startTestHall } from "../../helpers/hall.ts";
import { hallConfigWithWebhook, newSecret, type Receiver, startReceiver } from "../../helpers/webhook.ts";
import { buildCounterDist, launchBrowser, ROOT } from "../helpers.ts";

const SHOTS = process.env.QMS_SCREENSHOTS === "1";
const secret = newSecret();
let distDir: string;
let h: RunningHall;
let rx: Receiver;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  distDir = await buildCounterDist((p) => p.page === "manager");
  rx = await startReceiver(secret);
  await rx.down();
  h = await startTestHall({
    distDir,
    hallConfigPath: hallConfigWithWebhook(rx.url, secret, { waitForRating: false, timeoutSec: 1 }),
    outboxTiming: { baseMs: 200, maxMs: 400, giveUpMs: 1500 },
  });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await h?.stop();
  await rx?.close();
  if (distDir) rmSync(join(distDir, ".."), { recursive: true, force: true });
});

describe("manager: messages to the one-stop system", () => {
  it("shows a webhook given up on, with its error, and sends it again once the receiver is back", async () => {
    const officer = client(h.url, await login(h.url, "canbo1"));
    expect((await officer("POST", "/api/counters/1/open")).status).toBe(200);
    const t = await client(h.url)("POST", "/api/tickets", { serviceId: "ho-tich" });
    expect(t.status).toBe(201);
    for (const a of ["call-next", "start", "finish"])
      expect((await officer("POST", `/api/counters/1/${a}`)).status).toBe(200);
    const manager = client(h.url, await login(h.url, "quanly"));
    await expect
      .poll(async () => (await manager("GET", "/api/outbox")).body.channels[0].failed, { timeout: 15_000 })
      .toBe(1);

    await page.goto(`${h.url}/manager`);
    await page.locator("staff-login input[name=username]").fill("quanly");
    await page.locator("staff-login input[name=password]").fill(PASSWORD);
    await page.locator("staff-login button[type=submit]").click();
    const webhook = page.locator("manager-outbox li[data-channel=webhook]");
    await expect.poll(() => webhook.getAttribute("data-failed"), { timeout: 15_000 }).toBe("1");
    expect(await webhook.textContent()).toContain("1 tin gửi thất bại");
    expect(await webhook.locator("[data-last-error]").textContent()).toContain("Lỗi gần nhất lúc");
    await page.locator("manager-notices >> text=1 tin gửi sang hệ thống một cửa đã thất bại").waitFor();
    const failed = page.locator("manager-outbox li[data-message]");
    expect(await failed.textContent()).toContain(t.body.ticket.number);
    expect(await failed.textContent()).toContain("visit.finished");
    await page.locator("manager-outbox").scrollIntoViewIfNeeded();
    if (SHOTS) await page.screenshot({ path: join(ROOT, "docs", "screenshots", "manager-outbox.png") });

    await rx.up();
    await failed.locator("button").click();
    await expect.poll(() => rx.accepted().length, { timeout: 10_000 }).toBe(1);
    expect(rx.received.every((r) => r.refused === null)).toBe(true);
    expect(rx.accepted()[0]!.body).toMatchObject({
      type: "visit.finished",
      data: { visit: { number: t.body.ticket.number, serviceId: "ho-tich", counter: 1 } },
    });
    await expect.poll(() => webhook.getAttribute("data-failed"), { timeout: 20_000 }).toBe("0");
  });
});
