/**
 * Settings changed live reach the kiosk in a real Chromium (issue 12): an admin adds a
 * field and gives it to counter 3 through `PUT /api/settings`; the kiosk shows it within
 * seconds (the public event stream, not the 30 s refresh), a visitor takes a number for it
 * and counter 3 calls that number, without a restart. Then a holiday for today closes the
 * kiosk with the holiday's name and the day it reopens. Screenshots: kiosk-settings-*.png.
 */
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningHall } from "../../../server/main.ts";
import { client, login } from "../../helpers/hall.ts";
import {
  buildVisitorApps,
  kioskPath,
  launchBrowser,
  officerAt,
  pageErrors,
  screenshotDir,
  startVisitorHall,
} from "./helpers.ts";

let h: RunningHall;
let browser: Browser;
let kiosk: Page;
let errors: string[];
let shots: string;
let admin: ReturnType<typeof client>;

// biome-ignore lint/suspicious/noExplicitAny: a hall configuration, asserted by shape
async function save(edit: (c: any) => void): Promise<number> {
  const cur = await admin("GET", "/api/settings");
  const next = structuredClone(cur.body.config);
  edit(next);
  const r = await admin("PUT", "/api/settings", next, { "if-match": String(cur.body.version) });
  if (r.status !== 200) throw new Error(`save: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.version;
}

beforeAll(async () => {
  const { distDir } = await buildVisitorApps();
  h = await startVisitorHall(distDir);
  admin = client(h.url, await login(h.url, "admin"));
  browser = await launchBrowser();
  shots = screenshotDir();
  kiosk = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  errors = pageErrors(kiosk);
  await kiosk.goto(`${h.url}${kioskPath(h, "kiosk-2")}`);
  await kiosk.locator("kiosk-service-grid button").first().waitFor();
});

afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

describe("the kiosk follows the settings without a restart", () => {
  it("shows a field the admin just added, and its ticket is called at the counter it was given to", async () => {
    const field = kiosk.locator('kiosk-service-grid button[data-service="tu-phap"]');
    expect(await field.count()).toBe(0);
    const t0 = Date.now();
    await save((c) => {
      c.services.push({
        id: "tu-phap",
        prefix: "M",
        name: { vi: "Tư pháp", en: "Justice" },
        defaultServiceMin: 9,
      });
      c.counters.find((x: { number: number }) => x.number === 3).serviceIds.push("tu-phap");
    });
    await field.waitFor({ timeout: 15_000 });
    const seconds = (Date.now() - t0) / 1000;
    expect(seconds).toBeLessThan(5); // the live channel, not the 30 s refresh
    expect(await field.textContent()).toContain("Tư pháp");
    await kiosk.screenshot({ path: join(shots, "kiosk-settings-new-field.png") });

    await kiosk.waitForTimeout(500);
    await field.click();
    await kiosk.locator("kiosk-priority-picker").waitFor();
    await kiosk.waitForTimeout(500);
    await kiosk.locator('kiosk-priority-picker button[data-priority="none"]').click();
    const number = kiosk.locator("kiosk-ticket [data-number]");
    await number.waitFor();
    expect((await number.textContent())!.trim()).toBe("M001");

    const officer = await officerAt(h, 3);
    expect((await officer.act("call-next"))?.ticket.number).toBe("M001");
    await officer.act("finish");
    await officer.act("close");
    await kiosk.waitForTimeout(500);
    await kiosk.locator("kiosk-ticket button.done").click();
    await kiosk.locator("kiosk-service-grid").waitFor();
  });

  it("closes for a holiday set today, with its name and when the hall reopens", async () => {
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    await save((c) => {
      c.enforceHours = true;
      c.schedule.holidays.push({ from: today, name: { vi: "Ngày hội thử nghiệm", en: "Test day" } });
    });
    const banner = kiosk.locator(".closed-banner");
    await banner.waitFor({ timeout: 15_000 });
    const text = (await banner.textContent())!.trim();
    expect(text).toContain("Hôm nay nghỉ lễ: Ngày hội thử nghiệm.");
    expect(text).toMatch(/Trung tâm làm việc lại lúc \d\d:\d\d (thứ \S+|Chủ nhật) \d\d\/\d\d\./);
    expect(await kiosk.locator("kiosk-service-grid button[data-service='ho-tich']").isVisible()).toBe(true);
    const tapped = await client(h.url)("POST", "/api/tickets", { serviceId: "ho-tich" });
    expect(tapped.status).toBe(409);
    expect(tapped.body.error.code).toBe("hall-closed");
    await kiosk.screenshot({ path: join(shots, "kiosk-settings-holiday.png") });
    expect(errors).toEqual([]);
  });
});
