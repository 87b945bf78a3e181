/**
 * Pause, transfer, recall and out-of-order calls (in process, tests/helpers/app.ts),
 * with the audit trail read from the staff stream's committed events: every staff action
 * is an event with who (officerId), when and which counter (issue 4). The public event
 * stream carries the same events without who and why (decision 0005).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../helpers/app.ts";
import { call, issue, login, type SseTap, tapEvents, tapStaffEvents } from "./hall-fixture.ts";

let hall: TestApp;
let tap: SseTap;
let pub: SseTap;
let a1: string; // canbo1 at counter 1 (ho-tich, chung-thuc)
let a3: string; // canbo3 at counter 3 (chung-thuc, dat-dai)
let a6: string; // canbo6 at counter 6 (chinh-sach, kinh-doanh, chung-thuc)
let ids: Record<string, number>;

beforeAll(async () => {
  hall = await createTestApp();
  [a1, a3, a6] = await Promise.all([login(hall, "canbo1"), login(hall, "canbo3"), login(hall, "canbo6")]);
  ids = {};
  for (const [t, n] of [
    [a1, 1],
    [a3, 3],
    [a6, 6],
  ] as const) {
    const r = await call(hall, "POST", `/api/counters/${n}/open`, t);
    expect(r.status).toBe(200);
    ids[n] = (await call(hall, "GET", "/api/auth/me", t)).body.user.id;
  }
  tap = await tapStaffEvents(hall, await login(hall, "quanly"));
  pub = await tapEvents(hall);
});

afterAll(async () => {
  tap?.close();
  pub?.close();
  await hall?.stop();
});

const post = (token: string, path: string, body?: unknown) => call(hall, "POST", path, token, body);
const me = async (token: string) => (await call(hall, "GET", "/api/auth/me", token)).body;

describe("pause and resume (Tạm nghỉ)", () => {
  it("needs a reason, blocks calls while paused, and is audited with who and which counter", async () => {
    const noReason = await post(a1, "/api/counters/1/pause", {});
    expect([noReason.status, noReason.body.error.code]).toEqual([400, "invalid-request"]);

    const p = await post(a1, "/api/counters/1/pause", { reason: "Nghỉ giữa giờ" });
    expect(p.body.counter).toMatchObject({ paused: true, pauseReason: "Nghỉ giữa giờ", open: true });
    const ev = await tap.next((e) => e.type === "counter-paused" && e.data.counter === 1);
    expect(ev.data).toMatchObject({ officerId: ids[1], data: { reason: "Nghỉ giữa giờ" } });
    expect(ev.data.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+07:00$/);
    // The public stream says that counter 1 paused, not who paused it nor why.
    const seen = await pub.next((e) => e.type === "counter-paused" && e.data.counter === 1);
    expect(seen.data).not.toHaveProperty("officerId");
    expect(JSON.stringify(seen.data)).not.toContain("Nghỉ giữa giờ");

    await issue(hall, "ho-tich");
    const blocked = await post(a1, "/api/counters/1/call-next");
    expect([blocked.status, blocked.body.error.code]).toEqual([409, "counter-paused"]);
    const snap = (await call(hall, "GET", "/api/hall")).body;
    expect(snap.counters.find((c: { number: number }) => c.number === 1)).toMatchObject({
      paused: true,
      state: "idle",
    });

    // Pausing twice is harmless; resuming reports how long the pause was.
    expect((await post(a1, "/api/counters/1/pause", { reason: "again" })).status).toBe(200);
    expect((await post(a1, "/api/counters/1/resume")).body.counter.paused).toBe(false);
    const resumed = await tap.next((e) => e.type === "counter-resumed" && e.data.counter === 1);
    expect(resumed.data.data.pausedSec).toBeGreaterThanOrEqual(0);

    const ok = await post(a1, "/api/counters/1/call-next");
    expect(ok.status).toBe(200);
  });

  it("cannot pause with a visitor at the desk", async () => {
    const r = await post(a1, "/api/counters/1/pause", { reason: "Họp" });
    expect([r.status, r.body.error.code]).toEqual([409, "ticket-in-progress"]);
    expect((await post(a1, "/api/counters/1/finish")).status).toBe(200);
  });
});

describe("recall (Gọi lại)", () => {
  it("announces the same number again, counts the calls, and needs a current ticket", async () => {
    const none = await post(a3, "/api/counters/3/recall");
    expect([none.status, none.body.error.code]).toEqual([409, "no-current-ticket"]);
    const t = await issue(hall, "dat-dai");
    const c = await post(a3, "/api/counters/3/call-next");
    expect(c.body.ticket).toMatchObject({ number: t.number, callCount: 1 });
    const r1 = await post(a3, "/api/counters/3/recall");
    const r2 = await post(a3, "/api/counters/3/recall");
    expect(r2.body.ticket).toMatchObject({ number: t.number, status: "called", callCount: 3 });
    expect(r1.body.ticket.calledAt).toBe(c.body.ticket.calledAt);
    const ev = await tap.next((e) => e.type === "recalled" && e.data.data?.callCount === 3);
    expect(ev.data).toMatchObject({ counter: 3, officerId: ids[3], ticket: { number: t.number } });
    // The public feed never carries the visitor's secret code.
    expect(ev.data.ticket.code).toBeUndefined();
    const board = (await call(hall, "GET", "/api/hall")).body;
    expect(board.calls[0]).toMatchObject({ number: t.number, counter: 3, recall: true });
    expect((await post(a3, "/api/counters/3/no-show")).body.ticket.status).toBe("no-show");
  });
});

describe("transfer (Chuyển quầy/lĩnh vực)", () => {
  it("puts the visitor back in line for another field with the original issue time", async () => {
    const t = await issue(hall, "dat-dai");
    await post(a3, "/api/counters/3/call-next");
    await post(a3, "/api/counters/3/start");
    const r = await post(a3, "/api/counters/3/transfer", { serviceId: "kinh-doanh" });
    expect(r.status).toBe(200);
    expect(r.body.ticket).toMatchObject({ number: t.number, status: "waiting", serviceId: "kinh-doanh" });
    expect(r.body.ticket.issuedAt).toBe(t.issuedAt);
    expect((await me(a3)).counter.currentTicket).toBeNull();
    const ev = await tap.next((e) => e.type === "transferred" && e.data.ticket?.number === t.number);
    expect(ev.data).toMatchObject({
      counter: 3,
      officerId: ids[3],
      data: { fromServiceId: "dat-dai", toServiceId: "kinh-doanh", toCounter: null },
    });
    // Counter 6 serves kinh-doanh and now calls it.
    const c6 = await post(a6, "/api/counters/6/call-next");
    expect(c6.body.ticket).toMatchObject({ number: t.number, counter: 6 });
    expect((await post(a6, "/api/counters/6/finish")).body.ticket.status).toBe("done");
  });

  it("to one named counter: other counters serving the field do not get the visitor", async () => {
    const t = await issue(hall, "chung-thuc");
    const c = await post(a1, "/api/counters/1/call-next");
    expect(c.body.ticket.number).toBe(t.number);
    const r = await post(a1, "/api/counters/1/transfer", { serviceId: "chung-thuc", counter: 6 });
    expect(r.status).toBe(200);
    // Counter 3 serves chung-thuc too but the ticket is assigned to 6.
    const c3 = await post(a3, "/api/counters/3/call-next");
    expect(c3.status === 204 || c3.body.ticket.number !== t.number).toBe(true);
    if (c3.status === 200) await post(a3, "/api/counters/3/finish");
    const c6 = await post(a6, "/api/counters/6/call-next");
    expect(c6.body.ticket).toMatchObject({ number: t.number, counter: 6 });
    await post(a6, "/api/counters/6/finish");
  });

  it("refuses unknown fields, counters that do not serve the field, and an empty desk", async () => {
    await issue(hall, "ho-tich");
    await post(a1, "/api/counters/1/call-next");
    const bad = await post(a1, "/api/counters/1/transfer", { serviceId: "khong-co" });
    expect([bad.status, bad.body.error.code]).toEqual([404, "service-not-found"]);
    const wrong = await post(a1, "/api/counters/1/transfer", { serviceId: "dat-dai", counter: 1 });
    expect([wrong.status, wrong.body.error.code]).toEqual([404, "service-not-found"]);
    const noCounter = await post(a1, "/api/counters/1/transfer", { serviceId: "dat-dai", counter: 42 });
    expect([noCounter.status, noCounter.body.error.code]).toEqual([404, "counter-not-found"]);
    const garbage = await post(a1, "/api/counters/1/transfer", "{not json");
    expect([garbage.status, garbage.body.error.code]).toEqual([400, "invalid-json"]);
    expect((await me(a1)).counter.currentTicket.status).toBe("called");
    await post(a1, "/api/counters/1/finish");
    const empty = await post(a1, "/api/counters/1/transfer", { serviceId: "dat-dai" });
    expect([empty.status, empty.body.error.code]).toEqual([409, "no-current-ticket"]);
  });
});

describe("calling a number out of order", () => {
  it("needs a reason and records it with the number the policy would have picked", async () => {
    const first = await issue(hall, "ho-tich");
    const later = await issue(hall, "ho-tich");
    const noReason = await post(a1, "/api/counters/1/call", { number: later.number });
    expect([noReason.status, noReason.body.error.code]).toEqual([400, "invalid-request"]);
    const r = await post(a1, "/api/counters/1/call", {
      number: later.number.toLowerCase(),
      reason: "Khách quay lại",
    });
    expect(r.body.ticket).toMatchObject({ number: later.number, status: "called" });
    const ev = await tap.next((e) => e.type === "called" && e.data.ticket?.number === later.number);
    expect(ev.data.data).toMatchObject({ outOfOrder: true, reason: "Khách quay lại", expected: first.id });
    expect(ev.data.officerId).toBe(ids[1]);
    await post(a1, "/api/counters/1/finish");
    // call-next follows the policy again: the earlier ticket.
    const next = await post(a1, "/api/counters/1/call-next");
    expect(next.body.ticket.number).toBe(first.number);
    await post(a1, "/api/counters/1/finish");
  });

  it("a field the counter does not serve is refused", async () => {
    const t = await issue(hall, "bhxh");
    const r = await post(a1, "/api/counters/1/call", { number: t.number, reason: "thử gọi" });
    expect(r.status).toBe(403);
  });
});

describe("today's own figures", () => {
  it("counts the logged-in officer's finished visits and no-shows", async () => {
    const r = await call(hall, "GET", "/api/counters/1/today", a1);
    expect(r.body.today.served).toBeGreaterThanOrEqual(4);
    expect(r.body.today.meanServiceSec).toBeGreaterThanOrEqual(0);
    const r3 = await call(hall, "GET", "/api/counters/3/today", a3);
    expect(r3.body.today.noShows).toBe(1);
  });
});
