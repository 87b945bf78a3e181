/**
 * State pushed, not pinged (issue 10; docs/decisions/0087-pushed-live-state.md), as the
 * users see it in Chromium: an officer console and a visitor's phone page stay open while
 * other counters call numbers. Both follow every call on screen, and the requests each
 * page sends meanwhile are counted: none (each holds one live stream, opened before).
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningHall } from "../../server/main.ts";
import { buildPrivateDist, launchBrowser } from "../helpers/browser.ts";
import { client, login, PASSWORD, startTestHall } from "../helpers/hall.ts";

/** Positions and estimates of tickets a commit did not touch are pushed at most every 2 s. */
const WAIT = { timeout: 15_000 };

let distDir: string;
let hall: RunningHall;
let browser: Browser;

/** The API requests a page sends, by path (streams marked as such). */
function recordRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on("request", (r: Request) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith("/api/")) seen.push(`${r.method()} ${u.pathname}`);
  });
  return seen;
}

async function officerAt(n: number) {
  const api = client(hall.url, await login(hall.url, `canbo${n}`));
  expect((await api("POST", `/api/counters/${n}/open`)).status).toBe(200);
  return async (action: string) => {
    const r = await api("POST", `/api/counters/${n}/${action}`);
    expect(r.status, `${action} at ${n}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
    return r.body as { ticket: { number: string } } | null;
  };
}

beforeAll(async () => {
  distDir = (
    await buildPrivateDist((p) => (p.app === "counter" && p.page === "counter") || p.page === "phone")
  ).distDir;
  hall = await startTestHall({ distDir });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await hall?.stop();
  if (distDir) rmSync(join(distDir, ".."), { recursive: true, force: true });
});

describe("pages follow the hall without re-fetching", () => {
  it("an officer console and a phone page see three calls with no request at all", async () => {
    const anon = client(hall.url);
    const issue = async (serviceId: string) =>
      (
        (await anon("POST", "/api/tickets", { serviceId })).body as {
          ticket: { number: string; code: string };
        }
      ).ticket;
    const at2 = await officerAt(2); // ho-tich, chung-thuc… (the demo hall)
    const ahead = [await issue("ho-tich"), await issue("ho-tich")];
    const mine = await issue("ho-tich");

    // The officer of counter 1 at their console.
    const consolePage = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const consoleRequests = recordRequests(consolePage);
    await consolePage.goto(`${hall.url}/counter`);
    await consolePage.locator("staff-login input[name=username]").fill("canbo1");
    await consolePage.locator("staff-login input[name=password]").fill(PASSWORD);
    await consolePage.locator("staff-login button[type=submit]").click();
    await consolePage.locator("counter-picker li[data-counter='1'] button").click();
    await consolePage.waitForSelector("counter-current >> text=Chưa gọi số nào");
    const total = () => consolePage.locator("counter-queue td[data-total]").first().textContent();
    await expect.poll(total, WAIT).toBe("3");

    // The visitor's phone page.
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const phoneRequests = recordRequests(phone);
    await phone.goto(`${hall.url}/t/${mine.code}`);
    const ahead$ = phone.locator("kiosk-phone-app [data-ahead]");
    await expect.poll(() => ahead$.textContent(), WAIT).toBe("2");

    const consoleBefore = consoleRequests.length;
    const phoneBefore = phoneRequests.length;
    // Three calls at counter 2, the last one for the phone's own ticket.
    await at2("call-next");
    await expect.poll(total, WAIT).toBe("2");
    await expect.poll(() => ahead$.textContent(), WAIT).toBe("1");
    await at2("start");
    await at2("finish");
    await at2("call-next");
    await expect.poll(total, WAIT).toBe("1");
    await expect.poll(() => ahead$.textContent(), WAIT).toBe("0");
    await at2("start");
    await at2("finish");
    const called = await at2("call-next");
    expect(called?.ticket.number).toBe(mine.number);
    await expect
      .poll(() => phone.locator("kiosk-phone-app [data-counter]").textContent(), WAIT)
      .toBe("Quầy 2");
    await expect.poll(total, WAIT).toBe("0");
    expect(ahead.length).toBe(2);

    // Nothing was re-fetched: both pages learnt all of it from the stream they held.
    expect(consoleRequests.slice(consoleBefore)).toEqual([]);
    expect(phoneRequests.slice(phoneBefore)).toEqual([]);
    // And each holds exactly one live stream.
    expect(consoleRequests.filter((r) => r === "GET /api/live/staff")).toHaveLength(1);
    expect(phoneRequests.filter((r) => r === `GET /api/tickets/${mine.code}/live`)).toHaveLength(1);
    expect(consoleRequests.some((r) => r.startsWith("GET /api/events"))).toBe(false);
    await consolePage.close();
    await phone.close();
  });
});
