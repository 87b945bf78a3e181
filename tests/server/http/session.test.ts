/**
 * Staff sessions in process (tests/helpers/app.ts) with a fake clock: they slide with use, expire after
 * 4 hours of inactivity and at the latest 12 hours after login, with 401
 * `session-expired` (the console then asks to log in again), and the counter stays held
 * meanwhile, so logging in again restores it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../../../server/queue/clock.ts";
import { createTestApp, type TestApp } from "../../helpers/app.ts";
import { call, issue, login } from "./hall-fixture.ts";

const HOUR = 3600_000;
// Monday 2 March 2026, 08:00 in Asia/Ho_Chi_Minh.
const clock = new FakeClock(Date.parse("2026-03-02T01:00:00Z"));
let hall: TestApp;

beforeAll(async () => {
  hall = await createTestApp({ clock });
});

afterAll(async () => {
  await hall?.stop();
});

describe("staff sessions", () => {
  it("slide with use, and end 12 hours after login however busy; the counter stays held", async () => {
    const token = await login(hall, "canbo4");
    expect((await call(hall, "POST", "/api/counters/4/open", token)).status).toBe(200);
    const t = await issue(hall, "dat-dai");
    const called = await call(hall, "POST", "/api/counters/4/call-next", token);
    expect(called.body.ticket.number).toBe(t.number);

    for (const h of [3, 3, 3, 2]) {
      clock.advance(h * HOUR); // a lunch break away from the console is fine
      expect((await call(hall, "GET", "/api/auth/me", token)).status).toBe(200);
    }
    clock.advance(HOUR + 1000); // 12 h after login, 1 h after the last use
    const expired = await call(hall, "POST", "/api/counters/4/finish", token);
    expect([expired.status, expired.body.error.code]).toEqual([401, "session-expired"]);
    const en = await call(hall, "GET", "/api/auth/me", token, undefined, { "accept-language": "en" });
    expect(en.body.error.message).toBe("Your session has expired, please log in again.");

    // The counter is still held by the officer while they log in again.
    const board = (await call(hall, "GET", "/api/hall")).body;
    expect(board.counters.find((c: { number: number }) => c.number === 4).open).toBe(true);
    const again = await login(hall, "canbo4");
    const me = (await call(hall, "GET", "/api/auth/me", again)).body;
    expect(me.counter).toMatchObject({ number: 4, open: true });
  });

  it("end after 4 idle hours", async () => {
    const token = await login(hall, "canbo6");
    clock.advance(4 * HOUR - 60_000);
    expect((await call(hall, "GET", "/api/auth/me", token)).status).toBe(200);
    clock.advance(4 * HOUR + 1000);
    expect((await call(hall, "GET", "/api/auth/me", token)).body.error.code).toBe("session-expired");
  });

  it("a wrong or missing token is 401 unauthorized, not session-expired", async () => {
    const r = await call(hall, "GET", "/api/auth/me", "not-a-token");
    expect([r.status, r.body.error.code]).toEqual([401, "unauthorized"]);
    const none = await call(hall, "GET", "/api/counters");
    expect([none.status, none.body.error.code]).toEqual([401, "unauthorized"]);
  });

  it("disabling an account ends its sessions at once", async () => {
    const admin = await login(hall, "admin");
    const officer = await login(hall, "canbo5");
    const users = (await call(hall, "GET", "/api/users", admin)).body.users;
    const id = users.find((u: { username: string }) => u.username === "canbo5").id;
    expect((await call(hall, "PATCH", `/api/users/${id}`, admin, { disabled: true })).status).toBe(200);
    expect((await call(hall, "GET", "/api/auth/me", officer)).status).toBe(401);
    const relog = await call(hall, "POST", "/api/auth/login", null, {
      username: "canbo5",
      password: "secret123",
    });
    expect([relog.status, relog.body.error.code]).toEqual([403, "account-disabled"]);
    // Re-enable and reset the password: the new one works, the old one does not.
    await call(hall, "PATCH", `/api/users/${id}`, admin, { disabled: false, password: "mat-khau-moi" });
    expect(
      (await call(hall, "POST", "/api/auth/login", null, { username: "canbo5", password: "secret123" }))
        .status,
    ).toBe(401);
    expect((await login(hall, "canbo5", "mat-khau-moi")).length).toBeGreaterThan(20);
  });
});
