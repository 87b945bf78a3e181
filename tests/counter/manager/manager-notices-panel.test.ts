/**
 * The manager sees the visitors' notices (issue 14) in a real browser against a real hall:
 * Zalo's API (a local stand-in checking the documented request) answers 500 while a
 * visitor's "called" notice goes out; the outbox retries and gives up; the dashboard's
 * "Thông báo cho người dân" card shows Zalo with the failure and the last error, and the
 * attention list names Zalo, not the one-stop system. Calling was never held up.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningHall } from "../../../server/main.ts";
import { client, login, PASSWORD, startTestHall } from "../../helpers/hall.ts";
import { type FakeVendor, startFakeZalo, type ZnsRequest } from "../../helpers/notice-fakes.ts";
import { buildCounterDist, launchBrowser, ROOT } from "../helpers.ts";

const SHOTS = process.env.QMS_SCREENSHOTS === "1";
const DEMO = fileURLToPath(new URL("../../../server/config/demo-hall.yaml", import.meta.url));
let distDir: string;
let h: RunningHall;
let zalo: FakeVendor<ZnsRequest>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  distDir = await buildCounterDist((p) => p.page === "manager");
  zalo = await startFakeZalo("tok");
  zalo.mode = "error";
  const config = join(mkdtempSync(join(tmpdir(), "qms-notices-")), "hall.yaml");
  writeFileSync(
    config,
    `${readFileSync(DEMO, "utf8")}
notices:
  zalo: { enabled: true, url: "${zalo.url}", templates: { near: "1", called: "2", finished: "3" }, timeoutSec: 1 }
`,
  );
  h = await startTestHall({
    distDir,
    hallConfigPath: config,
    noticeEnv: { zaloToken: "tok" },
    outboxTiming: { baseMs: 200, maxMs: 400, giveUpMs: 1500 },
  });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await h?.stop();
  await zalo?.close();
  if (distDir) rmSync(join(distDir, ".."), { recursive: true, force: true });
});

describe("manager: notices to visitors", () => {
  it("shows Zalo failing, with its last error, in its own card", async () => {
    const officer = client(h.url, await login(h.url, "canbo1"));
    expect((await officer("POST", "/api/counters/1/open")).status).toBe(200);
    const t = (await client(h.url)("POST", "/api/tickets", { serviceId: "ho-tich" })).body.ticket;
    const sub = await client(h.url)("POST", `/api/tickets/${t.code}/notify`, {
      channel: "zalo",
      phone: "0912345678",
      ahead: 0,
    });
    expect(sub.status).toBe(201);
    const t0 = performance.now();
    expect((await officer("POST", "/api/counters/1/call-next")).status).toBe(200);
    expect(performance.now() - t0).toBeLessThan(1000);
    const manager = client(h.url, await login(h.url, "quanly"));
    const zaloFigures = async () =>
      (await manager("GET", "/api/outbox")).body.channels.find(
        (c: { channel: string }) => c.channel === "zalo",
      );
    await expect
      .poll(async () => (await zaloFigures())?.failed, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(1);
    expect(zalo.received.length).toBeGreaterThanOrEqual(2);

    await page.goto(`${h.url}/manager`);
    await page.locator("staff-login input[name=username]").fill("quanly");
    await page.locator("staff-login input[name=password]").fill(PASSWORD);
    await page.locator("staff-login button[type=submit]").click();
    const card = page.locator("manager-outbox [data-outbox=notices]");
    await card.waitFor({ timeout: 15_000 });
    expect(await card.locator("h2").textContent()).toBe("Thông báo cho người dân");
    const row = card.locator("li[data-channel=zalo]");
    expect(await row.textContent()).toContain("Zalo ZNS");
    expect(await row.textContent()).toMatch(/\d+ tin gửi thất bại/);
    expect(await row.locator("[data-last-error]").textContent()).toContain("HTTP 500");
    expect(await card.locator("li[data-message]").first().textContent()).toContain(t.number);
    await page
      .locator("manager-notices >> text=thông báo Zalo cho người dân không gửi được")
      .first()
      .waitFor();
    await card.scrollIntoViewIfNeeded();
    if (SHOTS)
      await page.screenshot({ path: join(ROOT, "docs", "screenshots", "manager-notices-failed.png") });
  });
});
