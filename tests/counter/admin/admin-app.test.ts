/**
 * The admin screen (`/admin`, counter/src/admin/) in a real Chromium against a real hall
 * (issue 12): the admin adds a field, gives it to counter 3 and saves; the kiosk's field
 * list has it and a ticket for it is called at counter 3, without a restart. Then a save
 * based on an older version is refused as a conflict, invalid settings are shown by
 * setting, and "restore this version" brings version 2 back (the screen follows). The
 * data tab says what is kept and for how long, writes a backup now and lists it.
 * Screenshots: admin-*.png.
 */
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningHall } from "../../../server/main.ts";
import { checkDatabaseFile } from "../../../server/store/backup.ts";
import { buildPrivateDist, launchBrowser } from "../../helpers/browser.ts";
import { client, login, PASSWORD, startTestHall } from "../../helpers/hall.ts";
import { officerAt, pageErrors, screenshotDir } from "../../kiosk/src/helpers.ts";

let h: RunningHall;
let browser: Browser;
let page: Page;
let errors: string[];
let shots: string;

beforeAll(async () => {
  const { distDir } = await buildPrivateDist((p) => p.page === "admin");
  h = await startTestHall({ distDir });
  browser = await launchBrowser();
  shots = screenshotDir();
  page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  errors = pageErrors(page);
  await page.goto(`${h.url}/admin`);
  await page.locator("staff-login input[name=username]").fill("admin");
  await page.locator("staff-login input[name=password]").fill(PASSWORD);
  await page.locator("staff-login button[type=submit]").click();
  await page.locator("table[data-editor=fields]").waitFor();
});

afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

describe("the admin screen", () => {
  it("adds a field and gives it to counter 3; the kiosk offers it and counter 3 calls its ticket", async () => {
    await page.locator("button[data-add-field]").click();
    const row = page.locator("tr[data-field]").last();
    await row.locator("input.id").fill("tu-phap");
    await row.locator("input.id").dispatchEvent("change");
    await row.locator("input[name=vi]").fill("Tư pháp");
    await row.locator("input[name=vi]").dispatchEvent("change");
    await row.locator("input[name=en]").fill("Justice");
    await row.locator("input[name=en]").dispatchEvent("change");
    await page.locator("button[data-tab=counters]").click();
    await page.locator('tr[data-counter="3"] input[data-serves="tu-phap"]').check();
    await page.screenshot({ path: join(shots, "admin-counters.png") });
    await page.locator("button[data-save]").click();
    await page.locator("[data-savebar]").waitFor({ state: "detached" });
    await expect.poll(async () => (await page.locator("header h1").textContent()) ?? "").toContain("2");

    const services = (await client(h.url)("GET", "/api/services")).body.services;
    expect(services.find((s: { id: string }) => s.id === "tu-phap")).toMatchObject({
      prefix: "I",
      open: true,
    });
    const t = await client(h.url)("POST", "/api/tickets", { serviceId: "tu-phap" });
    expect(t.body.ticket.number).toBe("I001");
    const officer = await officerAt(h, 3);
    expect((await officer.act("call-next"))?.ticket.number).toBe("I001");
    await officer.act("finish");
    await officer.act("close");
  });

  it("shows a conflict when someone saved in between, and the wrong setting of an invalid save", async () => {
    // Another admin (over the API) changes the notice while this page has a draft.
    await page.locator("button[data-tab=fields]").click();
    const vi = page.locator('tr[data-field="ho-tich"] input[name=vi]');
    await vi.fill("Hộ tịch – khai sinh");
    await vi.dispatchEvent("change");
    const other = client(h.url, await login(h.url, "admin"));
    const cur = (await other("GET", "/api/settings")).body;
    const r = await other(
      "PUT",
      "/api/settings",
      { ...cur.config, notice: { vi: "Họp giao ban", en: "Staff meeting" } },
      {
        "if-match": String(cur.version),
      },
    );
    expect(r.status).toBe(200);
    await page.locator("button[data-save]").click();
    await page.locator("[data-conflict]").waitFor();
    expect(await page.locator("[data-conflict]").textContent()).toContain("Người khác vừa lưu");
    await page.locator("[data-conflict] button").click();
    await page.locator("[data-conflict]").waitFor({ state: "detached" });

    // A duplicate prefix: refused, said by field.
    const prefix = page.locator('tr[data-field="chung-thuc"] input[name=prefix]');
    await prefix.fill("A");
    await prefix.dispatchEvent("change");
    await page.locator("button[data-save]").click();
    await page.locator("[data-problems]").waitFor();
    expect(await page.locator("[data-problems]").textContent()).toMatch(/Chứng thực/);
    await page.screenshot({ path: join(shots, "admin-refused.png") });
    await page.locator(".savebar button:not([data-save])").click();
  });

  it("lists the history with who saved what and restores version 2", async () => {
    await page.locator("button[data-tab=history]").click();
    await page.locator("tr[data-version='1']").waitFor();
    expect(await page.locator("tr[data-version]").count()).toBe(3);
    expect(await page.locator("tr[data-version='2']").textContent()).toContain("tu-phap");
    await page.screenshot({ path: join(shots, "admin-history.png") });
    await page.locator("button[data-restore='2']").click();
    await page.locator("tr[data-version='4']").waitFor();
    const now = (await client(h.url, await login(h.url, "admin"))("GET", "/api/settings")).body;
    expect(now).toMatchObject({ version: 4, source: "restore" });
    expect(now.config.notice?.vi).not.toBe("Họp giao ban");
    expect(now.config.services.some((s: { id: string }) => s.id === "tu-phap")).toBe(true);
    // The screen follows: version 4 in force, marked as restored from 2, and the draft is
    // version 2's (the notice another admin set in version 3 is gone from the editor too).
    await expect
      .poll(async () => (await page.locator("header h1").textContent()) ?? "")
      .toContain("Phiên bản 4");
    const row4 = page.locator("tr[data-version='4']");
    expect(await row4.textContent()).toContain("Khôi phục ← 2");
    expect(await row4.locator("button[data-restore]").count()).toBe(0);
    expect(await page.locator("tr[data-version='3'] button[data-restore='3']").count()).toBe(1);
    await page.screenshot({ path: join(shots, "admin-restored.png") });
    await page.locator("button[data-tab=schedule]").click();
    expect(await page.locator("textarea[name=notice-vi]").inputValue()).not.toContain("Họp giao ban");
    expect(errors).toEqual([]);
  });

  it("says what is kept and for how long, writes a backup now and lists it; the period is a setting", async () => {
    await page.locator("button[data-tab=care]").click();
    await page.locator("[data-no-backups]").waitFor();
    const care = (await page.locator("[data-retention]").textContent()) ?? "";
    expect(care).toContain("Sau 90 ngày");
    expect(care).toContain("mã hồ sơ");
    expect(care).toContain("Được giữ để báo cáo");
    expect(care).toContain("Nghị định 13/2023");
    await page.locator("button[data-backup-now]").click();
    const row = page.locator("tr[data-backup]");
    await row.waitFor();
    const file = (await row.getAttribute("data-backup"))!;
    expect(file).toMatch(/^qms-\d{8}-\d{6}\.sqlite$/);
    expect(checkDatabaseFile(join(h.dataDir, "backups", file))).toBe("ok");
    // 30 days instead of 90: saved like any setting.
    const days = page.locator("input[name=retention-days]");
    await days.fill("30");
    await days.dispatchEvent("change");
    expect(await page.locator("[data-retention]").textContent()).toContain("Sau 30 ngày");
    await page.screenshot({ path: join(shots, "admin-care.png") });
    await page.locator("button[data-save]").click();
    await page.locator("[data-savebar]").waitFor({ state: "detached" });
    const now = (await client(h.url, await login(h.url, "admin"))("GET", "/api/settings")).body;
    expect(now.config.retention).toEqual({ visitDays: 30 });
    // In English, second.
    await page.locator("header button").first().click();
    await expect
      .poll(async () => (await page.locator("[data-retention]").textContent()) ?? "")
      .toContain("After 30 days");
    await page.locator("header button").first().click();
    expect(errors).toEqual([]);
  });

  it("sets the notices: the choices offered, Zalo templates, the reminder lead; a wrong one is refused by setting", async () => {
    await page.locator("button[data-tab=notices]").click();
    const fill = async (name: string, v: string) => {
      const el = page.locator(`[data-editor=notices] input[name=${name}]`);
      await el.fill(v);
      await el.dispatchEvent("change");
    };
    expect(await page.locator("input[name=notices-ahead]").inputValue()).toBe("2, 5, 10");
    await fill("notices-ahead", "1, 3, 5");
    await fill("notices-reminder-min", "120");
    await page.locator("input[name=notices-zalo]").check();
    await fill("notices-zalo-called", "7002");
    await fill("notices-zalo-reminder", "7005");
    // A template id Zalo would never issue: refused, and the setting is named.
    await fill("notices-zalo-near", "mẫu 1");
    await page.locator("button[data-save]").click();
    await page.locator("[data-problems]").waitFor();
    expect(await page.locator("[data-problems]").textContent()).toContain("mã mẫu ZNS chỉ gồm chữ, số");
    await fill("notices-zalo-near", "7001");
    await page.screenshot({ path: join(shots, "admin-notices.png"), fullPage: true });
    await page.locator("button[data-save]").click();
    await page.locator("[data-savebar]").waitFor({ state: "detached" });
    const now = (await client(h.url, await login(h.url, "admin"))("GET", "/api/settings")).body;
    expect(now.config.notices).toMatchObject({
      aheadChoices: [1, 3, 5],
      booking: { confirm: true, reminderMin: 120 },
      zalo: { enabled: true, templates: { near: "7001", called: "7002", finished: null, reminder: "7005" } },
    });
    // The phone page offers the new choices at once (no restart); Zalo needs its token first.
    const t = (await client(h.url)("POST", "/api/tickets", { serviceId: "ho-tich" })).body.ticket;
    const offer = (await client(h.url)("GET", `/api/tickets/${t.code}/notify`)).body;
    expect(offer.aheadChoices).toEqual([1, 3, 5]);
    expect(offer.channels).not.toContain("zalo");
    expect(errors).toEqual([]);
  });
});
