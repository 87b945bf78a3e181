/**
 * The rating endpoint of the counter-facing tablet (`/api/counters/{n}/rating`, with
 * counter n's device token):
 * it rates the visit last finished at n, once, within the rating window, shows only
 * the visible number, and a "Không hài lòng" (1) reaches managers as a `rated` event
 * carrying the score on their staff stream (never on the public one: decision 0005).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../../../server/queue/clock.ts";
import { createTestApp, type TestApp } from "../../helpers/app.ts";
import { call, issue, login, type SseTap, tapStaffEvents } from "./hall-fixture.ts";

const clock = new FakeClock(Date.parse("2026-03-03T02:00:00Z"));
let hall: TestApp;
let tap: SseTap;
let officer: string;

beforeAll(async () => {
  hall = await createTestApp({ clock });
  officer = await login(hall, "canbo2");
  expect((await call(hall, "POST", "/api/counters/2/open", officer)).status).toBe(200);
  tap = await tapStaffEvents(hall, await login(hall, "quanly"));
});

afterAll(async () => {
  tap?.close();
  await hall?.stop();
});

/** One visit at counter 2, from issue to finish. */
async function serveOne(serviceId = "cu-tru") {
  const t = await issue(hall, serviceId);
  const c = await call(hall, "POST", "/api/counters/2/call-next", officer);
  expect(c.body.ticket.number).toBe(t.number);
  clock.advance(60_000);
  expect((await call(hall, "POST", "/api/counters/2/finish", officer)).status).toBe(200);
  return t;
}

/** The tablet of counter n is paired: it sends `rating-{n}`'s device token. */
const rate = (n: number | string, body: unknown) =>
  call(hall, "POST", `/api/counters/${n}/rating`, null, body, {
    "x-device-token": creds()[`rating-${n}`] ?? "none",
  });
const creds = () => hall.credentials;
const target = async (n: number) => (await call(hall, "GET", `/api/counters/${n}/rating`)).body;

describe("rating at the counter (tablet)", () => {
  it("has nothing to rate before a visit is finished there", async () => {
    expect(await target(2)).toEqual({ counter: 2, last: null, windowMin: 10 });
    const r = await rate(2, { score: 4 });
    expect([r.status, r.body.error.code]).toEqual([409, "not-finished"]);
  });

  it("rates the visit last finished, once; a dissatisfied rating reaches managers on the event stream", async () => {
    const t = await serveOne();
    const before = await target(2);
    expect(before.last).toMatchObject({ number: t.number, rated: false, open: true });
    // The window (10 min in the demo hall) has just begun: the tablet closes it by itself then.
    expect(before.last.closesInSec).toBeGreaterThan(9 * 60);
    expect(before.last.closesInSec).toBeLessThanOrEqual(10 * 60);
    expect(JSON.stringify(before)).not.toContain(t.code);

    const r = await rate(2, { score: 1 });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ counter: 2, number: t.number, score: 1 });
    const ev = await tap.next((e) => e.type === "rated" && e.data.ticket?.number === t.number);
    expect(ev.data).toMatchObject({ counter: 2, data: { score: 1, source: "tablet" } });
    expect(ev.data.ticket.rating).toBe(1);

    expect((await target(2)).last).toMatchObject({ number: t.number, rated: true, open: false });
    const again = await rate(2, { score: 4 });
    expect([again.status, again.body.error.code]).toEqual([409, "already-rated"]);
    // The visitor's own phone cannot rate it a second time either.
    const phone = await call(hall, "POST", `/api/tickets/${t.code}/rating`, null, { score: 4 });
    expect([phone.status, phone.body.error.code]).toEqual([409, "already-rated"]);
  });

  it("closes the window some minutes after the visit ends (10 in the demo hall)", async () => {
    await serveOne();
    clock.advance(10 * 60_000 + 1000);
    expect((await target(2)).last).toMatchObject({ rated: false, open: false });
    const r = await rate(2, { score: 3 });
    expect([r.status, r.body.error.code]).toEqual([409, "rating-closed"]);
  });

  it("refuses scores outside 1–4, non-numbers and garbage with 4xx, never 5xx", async () => {
    await serveOne();
    for (const score of [0, 5, -1, 2.5]) {
      const r = await rate(2, { score });
      expect({ score, status: r.status }).toEqual({ score, status: Number.isInteger(score) ? 422 : 400 });
    }
    expect((await rate(2, { score: "4" })).status).toBe(400);
    expect((await rate(2, "not json")).body.error.code).toBe("invalid-json");
    expect((await rate(2, {})).status).toBe(400);
    const unknown = await rate(99, { score: 4 });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, "counter-not-found"]);
    expect((await rate("x", { score: 4 })).status).toBe(404);
    // After all that, the visit can still be rated properly.
    expect((await rate(2, { score: 4 })).status).toBe(201);
  });

  it("is documented in the OpenAPI document: reading is public, rating needs the tablet's token", async () => {
    const doc = (await call(hall, "GET", "/api/openapi.json")).body;
    const ops = doc.paths["/api/counters/{n}/rating"];
    expect(Object.keys(ops).sort()).toEqual(["get", "post"]);
    expect(ops.get.security).toBeUndefined();
    expect(ops.post.security).toEqual([{ device: [] }]);
    expect(doc.components.securitySchemes.device).toMatchObject({ in: "header", name: "X-Device-Token" });
  });
});
