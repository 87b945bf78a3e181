/**
 * The phone status page (`/t/{code}`) in a real Chromium with a phone's viewport against a
 * real hall: live updates over SSE, cancel with confirmation, the rating after service,
 * an unknown code, and the English switch.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningHall } from "../../../server/main.ts";
import { client } from "../../helpers/hall.ts";
import {
  buildVisitorApps,
  launchBrowser,
  officerAt,
  pageErrors,
  screenshotDir,
  startVisitorHall,
} from "./helpers.ts";

let h: RunningHall;
let browser: Browser;
let ctx: BrowserContext;
let page: Page;
let errors: string[];
let counter: Awaited<ReturnType<typeof officerAt>>;
let shots: string;
let distDir: string;
const anon = () => client(h.url);

interface Issued {
  number: string;
  code: string;
}

async function issue(serviceId: string): Promise<Issued> {
  const r = await anon()("POST", "/api/tickets", { serviceId });
  expect(r.status).toBe(201);
  return r.body.ticket;
}

async function ticket(code: string) {
  return (await anon()("GET", `/api/tickets/${code}`)).body.ticket;
}

/** Counter 7 (serves every field) calls until `number` is called; others are marked no-show. */
async function callUntil(number: string): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const r = await counter.act("call-next");
    if (!r) throw new Error(`nobody waits, ${number} was never called`);
    if (r.ticket.number === number) return;
    await counter.act("no-show");
  }
  throw new Error(`${number} was not called`);
}

async function open(code: string): Promise<void> {
  await page.goto(`${h.url}/t/${code}`);
  await page.locator("kiosk-phone-app [data-status], kiosk-phone-app [data-phase]").first().waitFor();
}

const status = () => page.locator("kiosk-phone-app [data-status]").textContent();

beforeAll(async () => {
  ({ distDir } = await buildVisitorApps());
  h = await startVisitorHall(distDir);
  browser = await launchBrowser();
  ctx = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    reducedMotion: "reduce",
  });
  page = await ctx.newPage();
  errors = pageErrors(page);
  counter = await officerAt(h, 7);
  shots = screenshotDir();
});

afterAll(async () => {
  await browser?.close();
  await h?.stop();
  if (distDir) rmSync(distDir, { recursive: true, force: true });
});

describe("phone status page", () => {
  it("says clearly when the code is unknown or malformed", async () => {
    for (const code of ["aaaaaaaaaaaaaaaa", "not-a-code"]) {
      await open(code);
      expect(await page.locator("kiosk-phone-app [data-phase='not-found'] h1").textContent()).toBe(
        "Không tìm thấy số thứ tự",
      );
    }
  });

  it("updates people ahead live when someone ahead is called (SSE, no reload)", async () => {
    const first = await issue("cu-tru");
    const mine = await issue("cu-tru");
    await open(mine.code);
    expect(await page.locator("kiosk-phone-app [data-number]").textContent()).toBe(mine.number);
    const ahead = page.locator("kiosk-phone-app [data-ahead]");
    const before = Number(await ahead.textContent());
    expect(before).toBe((await ticket(mine.code)).position);
    expect(before).toBeGreaterThanOrEqual(1);
    await callUntil(first.number);
    await expect.poll(async () => Number(await ahead.textContent()), { timeout: 15_000 }).toBe(before - 1);
    // The estimate follows the API's figures live, with the upper figure when it adds one.
    const now = await ticket(mine.code);
    const words =
      now.estimatedWaitMin <= 1
        ? /^Sắp đến lượt(, chậm nhất \d+ phút)?$/
        : now.estimatedWaitMaxMin > now.estimatedWaitMin
          ? new RegExp(`^khoảng ${now.estimatedWaitMin} phút, chậm nhất ${now.estimatedWaitMaxMin} phút$`)
          : new RegExp(`^khoảng ${now.estimatedWaitMin} phút$`);
    await expect
      .poll(async () => (await page.locator("kiosk-phone-app [data-wait]").textContent())?.trim())
      .toMatch(words);
    await counter.act("no-show");
    // Then it is this ticket's turn: the counter replaces the waiting panel.
    await callUntil(mine.number);
    await expect.poll(() => page.locator("kiosk-phone-app [data-counter]").textContent()).toBe("Quầy 7");
    expect(await status()).toBe("Đến lượt bạn!");
    await counter.act("no-show");
    await expect.poll(status).toBe("Đã bỏ qua (vắng mặt)");
  });

  it("cancels a waiting ticket only after the visitor confirms", async () => {
    const mine = await issue("ho-tich");
    await open(mine.code);
    await page.locator("kiosk-phone-app button.cancel").click();
    const dialog = page.locator("kiosk-confirm");
    expect(await dialog.locator("p").textContent()).toContain(`hủy số ${mine.number}`);
    await dialog.locator("button.no").click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect((await ticket(mine.code)).status).toBe("waiting");

    await page.locator("kiosk-phone-app button.cancel").click();
    await page.locator("kiosk-confirm button.yes").click();
    await expect.poll(status).toBe("Đã hủy số");
    expect((await ticket(mine.code)).status).toBe("cancelled");
    expect(await page.locator("kiosk-phone-app button.cancel").count()).toBe(0);
  });

  it("after service offers the four levels and stores the one chosen", async () => {
    const mine = await issue("chung-thuc");
    await open(mine.code);
    await callUntil(mine.number);
    await counter.act("start");
    await expect.poll(status).toBe("Đang phục vụ");
    await counter.act("finish");
    await expect.poll(status).toBe("Đã hoàn thành");
    const levels = page.locator("kiosk-rating button");
    expect(await page.locator("kiosk-rating button span").allTextContents()).toEqual([
      "Rất hài lòng",
      "Hài lòng",
      "Bình thường",
      "Không hài lòng",
    ]);
    expect(await levels.evaluateAll((b) => b.map((x) => x.getAttribute("data-score")))).toEqual([
      "4",
      "3",
      "2",
      "1",
    ]);
    await page.screenshot({ path: join(shots, "phone-rating.png") });
    await page.locator("kiosk-rating button[data-score='4']").click();
    await expect
      .poll(() => page.locator("kiosk-rating .thanks").textContent())
      .toContain("Cảm ơn bạn đã đánh giá!");
    expect(await page.locator("kiosk-rating .thanks small").textContent()).toBe(
      "Bạn đã đánh giá: Rất hài lòng",
    );
    expect((await ticket(mine.code)).rating).toBe(4);
    // A reload shows the thanks again, not the buttons.
    await open(mine.code);
    await page.locator("kiosk-rating .thanks").waitFor();
    expect(await page.locator("kiosk-rating button").count()).toBe(0);
  });

  it("rated elsewhere meanwhile (409 already-rated): shows the stored rating, not an error", async () => {
    const mine = await issue("dat-dai");
    await callUntil(mine.number);
    await counter.act("finish");
    await open(mine.code);
    await page.locator("kiosk-rating button").first().waitFor();
    expect((await anon()("POST", `/api/tickets/${mine.code}/rating`, { score: 2 })).status).toBe(201);
    await page.locator("kiosk-rating button[data-score='3']").click();
    await expect
      .poll(() => page.locator("kiosk-rating .thanks small").textContent())
      .toBe("Bạn đã đánh giá: Bình thường");
    expect(await page.locator("kiosk-phone-app .message").count()).toBe(0);
    expect((await ticket(mine.code)).rating).toBe(2);
  });

  it("switches to English and remembers it on this phone", async () => {
    const mine = await issue("kinh-doanh");
    await open(mine.code);
    await page.locator("kiosk-phone-app header button.lang").click();
    await expect.poll(status).toBe("Waiting");
    expect(await page.locator("kiosk-phone-app .field").textContent()).toBe("Household business");
    await open(mine.code);
    expect(await status()).toBe("Waiting");
    await page.locator("kiosk-phone-app header button.lang").click();
    await expect.poll(status).toBe("Đang chờ");
    expect(errors).toEqual([]);
  });
});
