/**
 * The citizen ID card (CCCD) and the dossier code at the kiosk, in a real Chromium against
 * a real hall (issue 15, decisions 0042 and 0043). The scanner is a USB 2D scanner in
 * keyboard mode: its code arrives as one burst of keystrokes ending in Enter (`scanBurst`,
 * ASCII only as a US-layout scanner types); slow human typing is `keyboard.type`. Then everything the hall
 * keeps or sends out is searched for the scanned name and number.
 */
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
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
  scanBurst,
  screenshotDir,
  startVisitorHall,
} from "./helpers.ts";

// Born 1 Jan 1950 (male, 20th century: digit 0, year 50) and 15 Jun 1990 (female: digit 1, year 90).
const OLD = { name: "Nguyen Van Truong", id: "001050012345", cmnd: "012345678" };
const YOUNG = { name: "Tran Thi Hoa", id: "079190123456", cmnd: "025123456" };
const OLD_QR = `${OLD.id}|${OLD.cmnd}|${OLD.name}|01011950|Nam|So 5 Hang Bac, Hoan Kiem, Ha Noi|10082021`;
const YOUNG_QR = `${YOUNG.id}|${YOUNG.cmnd}|${YOUNG.name}|15061990|Nu|12 Le Loi, Quan 1, TP HCM|02032022`;
const DOSSIER = "000.00.19.H26-231109-0003";

let h: RunningHall;
let browser: Browser;
let kiosk: Page;
let errors: string[];
let shots: string;
let distDir: string;
let bridge: FakeBridge | undefined;
let payloads: Buffer[] = [];
const logs: string[] = [];
const anon = () => client(h.url);

/**
 * A keyboard-wedge scan: the code as keystrokes back to back, then Enter (a scanner types
 * 1–10 ms a key; with no delay the gaps are the browser's own, which stays under the
 * kiosk's 50 ms median even on a loaded machine).
 */
async function scan(text: string): Promise<void> {
  await scanBurst(kiosk, text);
}

async function waitingCount(serviceId: string): Promise<number> {
  const r = await anon()("GET", "/api/hall");
  return r.body.waiting.find((w: { serviceId: string }) => w.serviceId === serviceId)?.count ?? 0;
}

async function touchField(serviceId: string): Promise<void> {
  await kiosk.locator(`kiosk-service-grid button[data-service="${serviceId}"]`).click();
}

async function ticketNumber(): Promise<string> {
  const el = kiosk.locator("kiosk-ticket [data-number]");
  await el.waitFor();
  return (await el.textContent())!.trim();
}

async function done(): Promise<void> {
  await kiosk.waitForTimeout(500);
  await kiosk.locator("kiosk-ticket button.done").click();
  await kiosk.locator("kiosk-service-grid").waitFor();
  await kiosk.waitForTimeout(500);
}

async function notice(): Promise<string> {
  const p = kiosk.locator("kiosk-notice p");
  await p.waitFor();
  return (await p.textContent())!.trim();
}

async function dismiss(): Promise<void> {
  await kiosk.locator("kiosk-notice button").click();
  await kiosk.locator("kiosk-notice").waitFor({ state: "detached" });
  await kiosk.waitForTimeout(450);
}

/** The ticket behind a number, through the API (the QR's code is on the kiosk's ticket). */
async function ticketByNumber(number: string) {
  const code = await kiosk
    .locator("kiosk-ticket")
    .evaluate((el) => (el as unknown as { ticket: { code: string } }).ticket.code);
  const r = await anon()("GET", `/api/tickets/${code}`);
  expect(r.body.ticket.number).toBe(number);
  return r.body.ticket as { number: string; priority: string; serviceId: string };
}

/** All the text on the kiosk's screen, through every shadow root. */
function screenText(): Promise<string> {
  return kiosk.evaluate(() => {
    const walk = (n: Node): string =>
      n instanceof Text
        ? (n.textContent ?? "")
        : [...(n instanceof Element && n.shadowRoot ? n.shadowRoot.childNodes : []), ...n.childNodes]
            .map(walk)
            .join(" ");
    return walk(document.body);
  });
}

/** Every file under `dir`, recursively. */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

beforeAll(async () => {
  ({ distDir } = await buildVisitorApps());
  h = await startVisitorHall(distDir, { log: (l) => logs.push(l) });
  bridge = await fakeBridge(h, "printer-1", 100);
  payloads = bridge.payloads;
  browser = await launchBrowser();
  shots = screenshotDir();
  await officerAt(h, 1);
  kiosk = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  errors = pageErrors(kiosk);
  await kiosk.goto(`${h.url}${kioskPath(h, "kiosk-1")}`);
  await kiosk.locator("kiosk-service-grid button").first().waitFor();
  await kiosk.locator("kiosk-cccd-banner [data-privacy]").waitFor();
});

afterAll(async () => {
  await bridge?.close();
  await browser?.close();
  await h?.stop();
  if (distDir) rmSync(distDir, { recursive: true, force: true });
});

describe("the citizen ID card at the kiosk", () => {
  it("says on the field screen what it does with the card (Decree 13/2023), Vietnamese then English", async () => {
    const text = await screenText();
    expect(text).toContain("quét mã QR trên thẻ CCCD gắn chip");
    expect(text).toContain("không lưu, không in, không hiển thị thông tin của thẻ (Nghị định 13/2023/NĐ-CP)");
    expect(text).toContain("nothing from the card is stored, printed or shown (Decree 13/2023)");
    await kiosk.screenshot({ path: join(shots, "kiosk-cccd-start.png") });
  });

  it("a 1950 birth date: one touch on the field issues an elderly-lane ticket", async () => {
    const before = await waitingCount("ho-tich");
    await scan(OLD_QR);
    const banner = kiosk.locator("kiosk-cccd-banner [data-cccd]");
    await expect.poll(() => banner.getAttribute("data-cccd")).toBe("elderly");
    expect(await banner.locator("strong").textContent()).toBe("Ưu tiên người cao tuổi theo CCCD");
    await kiosk.screenshot({ path: join(shots, "kiosk-cccd-elderly.png") });
    // Nothing of the card on screen.
    const screen = await screenText();
    expect(screen).toContain("Ưu tiên người cao tuổi theo CCCD");
    expect(screen).not.toContain(OLD.id);
    expect(screen).not.toContain("Truong");
    await kiosk.waitForTimeout(450);
    await touchField("ho-tich");
    const number = await ticketNumber();
    expect(await kiosk.locator("kiosk-priority-picker").count()).toBe(0);
    expect((await ticketByNumber(number)).priority).toBe("elderly");
    expect(await waitingCount("ho-tich")).toBe(before + 1);
    await done();
    // The card was dropped with the ticket: the next visitor starts without it.
    expect(await kiosk.locator("kiosk-cccd-banner [data-cccd]").count()).toBe(0);
  });

  it("the same card for the same field on the same day: refused with a message, no ticket", async () => {
    const before = await waitingCount("ho-tich");
    await scan(OLD_QR);
    await kiosk.locator("kiosk-cccd-banner [data-cccd]").waitFor();
    await kiosk.waitForTimeout(450);
    await touchField("ho-tich");
    expect(await notice()).toContain("Hôm nay thẻ CCCD này đã được lấy số cho lĩnh vực này");
    expect(await waitingCount("ho-tich")).toBe(before);
    await kiosk.screenshot({ path: join(shots, "kiosk-cccd-repeat.png") });
    await dismiss();
    // Another field is another matter.
    await touchField("chung-thuc");
    expect((await ticketByNumber(await ticketNumber())).priority).toBe("elderly");
    await done();
  });

  it("a 1990 birth date: the usual priority question comes", async () => {
    await scan(YOUNG_QR);
    const banner = kiosk.locator("kiosk-cccd-banner [data-cccd]");
    await expect.poll(() => banner.getAttribute("data-cccd")).toBe("read");
    await kiosk.waitForTimeout(450);
    await touchField("ho-tich");
    await kiosk.locator("kiosk-priority-picker").waitFor();
    expect(await kiosk.locator("kiosk-priority-picker h2").textContent()).toBe(
      "Bạn có thuộc diện ưu tiên không?",
    );
    await kiosk.waitForTimeout(500);
    await kiosk.locator(`kiosk-priority-picker button[data-priority="none"]`).click();
    expect((await ticketByNumber(await ticketNumber())).priority).toBe("none");
    await done();
  });

  it("a code that is not a CCCD, or a card that contradicts itself: a message, no ticket", async () => {
    const counts = async () =>
      ((await anon()("GET", "/api/hall")).body.waiting as { count: number }[]).map((w) => w.count);
    const before = await counts();
    await scan("https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html");
    expect(await notice()).toContain("không phải mã QR của thẻ CCCD gắn chip");
    await kiosk.screenshot({ path: join(shots, "kiosk-cccd-not-a-card.png") });
    await dismiss();
    // The 1950 birth date with a number saying 21st century (digit 2): not this card.
    await scan(OLD_QR.replace("001050", "001250"));
    expect(await notice()).toContain("Không đọc được thông tin trên thẻ");
    await dismiss();
    // A person typing slowly on a keyboard is not a scanner: nothing happens.
    await kiosk.keyboard.type("hello world", { delay: 150 });
    await kiosk.keyboard.press("Enter");
    await kiosk.waitForTimeout(300);
    expect(await kiosk.locator("kiosk-notice").count()).toBe(0);
    expect(await kiosk.locator("kiosk-cccd-banner [data-cccd]").count()).toBe(0);
    expect(await counts()).toEqual(before);
  });

  it("a scan on the priority screen does not act: a message, and the question stays", async () => {
    await touchField("cu-tru");
    await kiosk.locator("kiosk-priority-picker").waitFor();
    const before = await waitingCount("cu-tru");
    await scan(OLD_QR);
    expect(await notice()).toContain("khi màn hình đang ở bước chọn lĩnh vực");
    await dismiss();
    expect(await kiosk.locator("kiosk-priority-picker").count()).toBe(1);
    expect(await waitingCount("cu-tru")).toBe(before);
    await kiosk.locator("kiosk-priority-picker button.back").click();
    await kiosk.locator("kiosk-service-grid").waitFor();
    await kiosk.waitForTimeout(450);
  });
});

describe("the dossier code at the kiosk (Trả kết quả)", () => {
  it("asks for the code, refuses a card's QR and a wrong code, links the right one to the visit", async () => {
    await touchField("tra-ket-qua");
    await kiosk.locator("kiosk-dossier-entry").waitFor();
    expect(await kiosk.locator("kiosk-dossier-entry h2").textContent()).toBe("Nhập mã hồ sơ");
    await scan(OLD_QR);
    expect(await notice()).toContain("Đây là mã của thẻ CCCD");
    await dismiss();
    expect(await kiosk.locator("kiosk-dossier-entry output").textContent()).toBe("");
    // A wrong code typed on the on-screen keypad: the server's 422 comes back as a message.
    for (const k of "ABC-12") await kiosk.locator(`kiosk-dossier-entry button[data-key="${k}"]`).click();
    await kiosk.locator(`kiosk-dossier-entry button[data-action="continue"]`).click();
    await kiosk.locator("kiosk-priority-picker").waitFor();
    await kiosk.waitForTimeout(500);
    await kiosk.locator(`kiosk-priority-picker button[data-priority="none"]`).click();
    expect(await notice()).toContain("Mã hồ sơ chưa đúng");
    await dismiss();
    await kiosk.locator("kiosk-dossier-entry").waitFor();
    // The receipt's code, scanned.
    await scan(DOSSIER);
    await expect.poll(() => kiosk.locator("kiosk-dossier-entry output").textContent()).toBe(DOSSIER);
    await kiosk.screenshot({ path: join(shots, "kiosk-dossier-entry.png") });
    await kiosk.waitForTimeout(450);
    await kiosk.locator(`kiosk-dossier-entry button[data-action="continue"]`).click();
    await kiosk.locator("kiosk-priority-picker").waitFor();
    await kiosk.waitForTimeout(500);
    await kiosk.locator(`kiosk-priority-picker button[data-priority="none"]`).click();
    const number = await ticketNumber();
    expect(number).toMatch(/^H\d{3}$/);
    await done();
    // The officer who calls it sees the code.
    const { api, act } = await officerAt(h, 2);
    let seen: { number: string } | undefined;
    for (let i = 0; i < 10; i++) {
      seen = (await act("call-next"))?.ticket;
      if (seen?.number === number) break;
      await act("no-show");
    }
    expect(seen?.number).toBe(number);
    const me = await api("GET", "/api/auth/me");
    expect(JSON.stringify(me.body)).toContain(DOSSIER);
    // A second visit with the same code the same day: 409.
    const again = await anon()("POST", "/api/tickets", { serviceId: "tra-ket-qua", dossierCode: DOSSIER });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("dossier-code-taken");
  });
});

describe("nothing from the card leaves the kiosk", () => {
  it("not in the database, the data folder, the logs, the public hall feed or the printed tickets", async () => {
    const needles = [
      OLD.id,
      OLD.cmnd,
      OLD.name,
      YOUNG.id,
      YOUNG.cmnd,
      YOUNG.name,
      "01011950",
      "15061990",
      "Hang Bac",
    ];
    const feed = JSON.stringify((await anon()("GET", "/api/hall")).body);
    await bridge?.close();
    bridge = undefined;
    await h.stop(); // nothing more is written (the -wal file, if any, is searched too)
    const haystacks: [string, string][] = files(h.dataDir).map((f) => [
      f,
      readFileSync(f).toString("latin1"),
    ]);
    haystacks.push(["/api/hall", feed]);
    haystacks.push(["logs", logs.join("\n")]);
    expect(payloads.length).toBeGreaterThanOrEqual(4);
    for (const [i, p] of payloads.entries()) haystacks.push([`print job ${i}`, p.toString("latin1")]);
    expect(haystacks.some(([f]) => f.endsWith("qms.sqlite"))).toBe(true);
    // The search does find what the hall does keep: the dossier code, in the data folder.
    expect(haystacks.some(([f, text]) => f.startsWith(h.dataDir) && text.includes(DOSSIER))).toBe(true);
    for (const [where, text] of haystacks)
      for (const n of needles) expect(text.includes(n), `${n} in ${where}`).toBe(false);
    expect(errors).toEqual([]);
  });
});
