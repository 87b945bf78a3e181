/**
 * Appointments end to end in a real Chromium against a real hall (issue 14): a visitor
 * books on the phone page (`/hen`: field → day → time → optional phone → code and QR), the
 * QR decoded independently (zbarimg) is scanned at the kiosk too early (it says when to
 * come back), then in the window the code is typed on the kiosk's keypad: a ticket due at
 * the slot is printed; a second scan gives the same ticket; an officer's "call next" calls
 * the booked visitor ahead of walk-ins who came earlier. The hall's clock runs from Monday
 * 2026-11-23 08:00 and is moved forward by the test.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningHall } from "../../../server/main.ts";
import { client, login } from "../../helpers/hall.ts";
import { type EsmsRequest, type FakeVendor, startFakeEsms } from "../../helpers/notice-fakes.ts";
import {
  buildVisitorApps,
  type FakeBridge,
  fakeBridge,
  kioskPath,
  launchBrowser,
  officerAt,
  pageErrors,
  readQr,
  scanBurst,
  screenshotDir,
  startVisitorHall,
} from "./helpers.ts";

let shift = 0;
const t0 = Date.now();
const clock = { now: () => Date.parse("2026-11-23T08:00:00+07:00") + (Date.now() - t0) + shift };
/** Moves the hall's clock to HH:MM of the test's Monday. */
const setTime = (hm: string) => {
  shift += Date.parse(`2026-11-23T${hm}:00+07:00`) - clock.now();
};

let h: RunningHall;
let browser: Browser;
let phone: Page;
let kiosk: Page;
let bridge: FakeBridge;
let distDir: string;
let shots: string;
let phoneErrors: string[];
let kioskErrors: string[];
let sms: FakeVendor<EsmsRequest>;
const anon = () => client(h.url);

beforeAll(async () => {
  ({ distDir } = await buildVisitorApps());
  sms = await startFakeEsms("esms-api", "esms-secret", "UBND-PL");
  h = await startVisitorHall(distDir, {
    clock,
    noticeEnv: { smsApiKey: "esms-api", smsSecretKey: "esms-secret" },
  });
  // The hall turns on SMS brandname as an admin would (booking confirmations and reminders go by it).
  const admin = client(h.url, await login(h.url, "admin"));
  const cur = await admin("GET", "/api/settings");
  const config = cur.body.config;
  config.notices.sms = { ...config.notices.sms, enabled: true, url: sms.url, brandname: "UBND-PL" };
  const put = await admin("PUT", "/api/settings", config, { "if-match": `"${cur.body.version}"` });
  if (put.status !== 200) throw new Error(`settings: ${put.status} ${JSON.stringify(put.body)}`);
  bridge = await fakeBridge(h, "printer-1", 100);
  browser = await launchBrowser();
  shots = screenshotDir();
  phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  kiosk = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  phoneErrors = pageErrors(phone);
  kioskErrors = pageErrors(kiosk);
}, 120_000);

afterAll(async () => {
  await bridge?.close();
  await browser?.close();
  await h?.stop();
  await sms?.close();
  if (distDir) rmSync(distDir, { recursive: true, force: true });
});

/** A keyboard-wedge scan: the code as fast keystrokes, then Enter. */
async function scan(text: string): Promise<void> {
  await scanBurst(kiosk, text);
}

describe("book on the phone, check in at the kiosk, called at the slot", () => {
  let code = "";
  let qr = "";

  it("books 08:30 in Hộ tịch on the phone page and shows the code with its QR", async () => {
    await phone.goto(`${h.url}/hen`);
    // The header names the hall the visitor is booking with.
    expect(await phone.locator("kiosk-booking-app [data-hall]").textContent()).toBe(h.hall.config.name.vi);
    await phone.locator('button[data-field="ho-tich"]').click();
    await phone.locator('button[data-day="2026-11-23"]').waitFor();
    // Sunday is closed, and says so.
    expect(await phone.locator('button[data-day="2026-11-29"]').isDisabled()).toBe(true);
    await phone.screenshot({ path: join(shots, "booking-1-days.png"), fullPage: true });
    await phone.locator('button[data-day="2026-11-23"]').click();
    await phone.locator('button[data-slot="08:30"]').waitFor();
    // 07:30–08:00 are past at 08:00: not offered.
    expect(await phone.locator('button[data-slot="07:45"]').count()).toBe(0);
    await phone.screenshot({ path: join(shots, "booking-2-slots.png"), fullPage: true });
    await phone.locator('button[data-slot="08:30"]').click();
    await phone.locator("#phone").fill("0912 345 678");
    await phone.screenshot({ path: join(shots, "booking-3-confirm.png"), fullPage: true });
    await phone.locator("button[data-book]").click();
    const shown = phone.locator("[data-code]");
    await shown.waitFor();
    code = (await shown.textContent())!.replace(/\s/g, "");
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(new URL(phone.url()).pathname).toBe(`/hen/${code}`);
    const text = (await phone.locator("main").textContent()) ?? "";
    expect(text).toContain("Nhận số tại ki-ốt từ 08:15 đến 08:40.");
    expect(text).toContain("Xác nhận và lời nhắc trước giờ hẹn được gửi qua Zalo hoặc SMS");
    expect(text).not.toContain("912"); // the number is never shown back
    // The confirmation reached the SMS gateway (eSMS's documented shape, checked by the fake).
    for (let i = 0; i < 50 && sms.accepted().length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(sms.accepted()).toHaveLength(1);
    expect(sms.accepted()[0]).toMatchObject({ Phone: "84912345678", Brandname: "UBND-PL", SmsType: "2" });
    expect(sms.accepted()[0]!.Content).toContain(`ma ${code}`);
    const shot = join(shots, "booking-4-code.png");
    await phone.screenshot({ path: shot, fullPage: true });
    qr = readQr(shot)[0] ?? "";
    expect(qr).toBe(`http://hall.test/hen/${code}`);
    // In English too, from the same page.
    await phone.locator("button.lang").click();
    await phone.getByText("Check in at the kiosk from 08:15 to 08:40.").waitFor();
    await phone.locator("button.lang").click(); // back to Vietnamese
  });

  it("the hall's poster carries a QR to the booking page", async () => {
    const poster = await browser.newPage({ viewport: { width: 794, height: 1123 } });
    await poster.goto(`${h.url}/hen/poster`);
    await poster.getByText("Hộ tịch").first().waitFor();
    const shot = join(shots, "booking-poster.png");
    await poster.screenshot({ path: shot, fullPage: true });
    // The hall's public URL (QMS_PUBLIC_URL), not the address the admin happened to open.
    expect(readQr(shot)).toEqual(["http://hall.test/hen"]);
    await poster.close();
  });

  it("at the kiosk, a scan before the window says when to come back", async () => {
    await kiosk.goto(`${h.url}${kioskPath(h, "kiosk-1")}`);
    await kiosk.locator("kiosk-service-grid button").first().waitFor();
    await kiosk.waitForTimeout(300);
    await scan(qr);
    const notice = kiosk.locator("kiosk-notice p");
    await notice.waitFor();
    expect((await notice.textContent())!.trim()).toBe(
      "Chưa đến giờ nhận số của lịch hẹn. Vui lòng quay lại lúc 08:15.",
    );
    await kiosk.screenshot({ path: join(shots, "kiosk-booking-early.png") });
    await kiosk.locator("kiosk-notice button").click();
    await kiosk.locator("kiosk-notice").waitFor({ state: "detached" });
  });

  it("in the window, the typed code prints a ticket due at 08:30; a second scan gives the same ticket", async () => {
    setTime("08:20");
    await kiosk.waitForTimeout(450);
    await kiosk.locator('button[data-action="booking"]').click();
    await kiosk.locator("kiosk-booking-entry").waitFor();
    await kiosk.waitForTimeout(450);
    for (const ch of code) await kiosk.locator(`kiosk-booking-entry button[data-key="${ch}"]`).click();
    expect((await kiosk.locator("[data-booking-code]").textContent())!.replace(/\s/g, "")).toBe(code);
    await kiosk.screenshot({ path: join(shots, "kiosk-booking-entry.png") });
    await kiosk.locator('button[data-action="check-in"]').click();
    const number = kiosk.locator("kiosk-ticket [data-number]");
    await number.waitFor();
    const n = (await number.textContent())!.trim();
    expect(n).toMatch(/^A\d{3}$/);
    expect((await kiosk.locator("kiosk-ticket [data-booked]").textContent())!.trim()).toBe(
      "Lịch hẹn 08:30: bạn được gọi theo giờ hẹn",
    );
    const ticketCode = await kiosk
      .locator("kiosk-ticket")
      .evaluate((el) => (el as unknown as { ticket: { code: string } }).ticket.code);
    const t = (await anon()("GET", `/api/tickets/${ticketCode}`)).body.ticket;
    expect(t).toMatchObject({
      number: n,
      booked: true,
      dueAt: "2026-11-23T08:30:00.000+07:00",
      status: "waiting",
    });
    for (let i = 0; i < 50 && bridge.jobs.length === 0; i++) await kiosk.waitForTimeout(100);
    expect(bridge.jobs.length).toBe(1);
    // The paper says the appointment (text mode, WPC1258: the ASCII part is readable as is).
    expect(bridge.payloads[0]!.toString("latin1")).toContain("Appointment: 08:30");
    await kiosk.waitForTimeout(600);
    await kiosk.screenshot({ path: join(shots, "kiosk-booking-ticket.png") });

    // Done; the visitor scans again (lost the paper): the same number, printed again.
    await kiosk.locator("kiosk-ticket button.done").click();
    await kiosk.locator("kiosk-service-grid").waitFor();
    await kiosk.waitForTimeout(500);
    await scan(qr);
    await number.waitFor();
    expect((await number.textContent())!.trim()).toBe(n);
    for (let i = 0; i < 50 && bridge.jobs.length < 2; i++) await kiosk.waitForTimeout(100);
    expect(bridge.jobs.length).toBe(2);
    const a = (await anon()("GET", `/api/appointments/${code}`)).body.appointment;
    expect(a).toMatchObject({ status: "checked-in", ticket: { number: n } });
    const hall = (await anon()("GET", "/api/hall")).body;
    expect(hall.waiting.find((w: { serviceId: string }) => w.serviceId === "ho-tich")).toMatchObject({
      count: 1,
      bookedCount: 1,
    });

    // The booking page now shows the ticket it became.
    await phone.reload();
    await phone.locator('[data-status="checked-in"]').waitFor();
    await phone.getByText(`Đã nhận số ${n}`).waitFor();
  });

  it("an officer's call-next calls the booked visitor (promised 08:40) before walk-ins promised later", async () => {
    expect(code).not.toBe("");
    // Walk-ins at 08:26 are promised 08:41; the booked visitor, slot 08:30, is promised 08:40.
    setTime("08:26");
    const w1 = await anon()("POST", "/api/tickets", { serviceId: "ho-tich" });
    const w2 = await anon()("POST", "/api/tickets", { serviceId: "ho-tich" });
    expect([w1.status, w2.status]).toEqual([201, 201]);
    setTime("08:27");
    const { act } = await officerAt(h, 1);
    const called = await act("call-next");
    const a = (await anon()("GET", `/api/appointments/${code}`)).body.appointment;
    expect(called!.ticket.number).toBe(a.ticket.number);
    expect((await act("call-next").catch((e: Error) => e.message)) as string).toContain("ticket-in-progress");
    setTime("08:28");
    expect([...phoneErrors, ...kioskErrors]).toEqual([]);
  });
});
