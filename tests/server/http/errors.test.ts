/** Bad input gets a clear 4xx with a stable code, and loses nothing (in process, tests/helpers/app.ts). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadHallConfig } from "../../../server/config/load.ts";
import { FakeClock } from "../../../server/queue/clock.ts";
import { createTestApp, type TestApp } from "../../helpers/app.ts";
import { client, login } from "../../helpers/hall.ts";

let h: TestApp;
const clock = new FakeClock(Date.parse("2026-11-23T08:00:00+07:00"));
beforeAll(async () => {
  h = await createTestApp({ clock, ticketRateLimit: 3 });
});
afterAll(() => h?.stop());

describe("bad input", () => {
  const cases: [string, string, unknown, number, string][] = [
    ["unknown field", "/api/tickets", { serviceId: "khong-co" }, 404, "service-not-found"],
    ["unknown priority", "/api/tickets", { serviceId: "ho-tich", priority: "vip" }, 422, "invalid-priority"],
    ["malformed JSON", "/api/tickets", "{bad", 400, "invalid-json"],
    ["wrong types", "/api/tickets", { serviceId: 12 }, 400, "invalid-request"],
    ["missing field", "/api/tickets", {}, 400, "invalid-request"],
    ["array body", "/api/tickets", [1, 2], 400, "invalid-request"],
    ["rating out of range", "/api/tickets/aaaaaaaaaaaaaaaa/rating", { score: 9 }, 422, "invalid-rating"],
    [
      "rating of unknown ticket",
      "/api/tickets/aaaaaaaaaaaaaaaa/rating",
      { score: 3 },
      404,
      "ticket-not-found",
    ],
    [
      "wrong password",
      "/api/auth/login",
      { username: "admin", password: "nope-nope" },
      401,
      "invalid-credentials",
    ],
    [
      "unknown user",
      "/api/auth/login",
      { username: "ghost", password: "nope-nope" },
      401,
      "invalid-credentials",
    ],
  ];
  for (const [name, path, body, status, code] of cases)
    it(`${name} → ${status} ${code}`, async () => {
      const r = await client(h)("POST", path, body);
      expect(r.status).toBe(status);
      expect(r.body.error.code).toBe(code);
      expect(r.body.error.message).toMatch(/[àáảãạăâđèéêìíòóôơùúưỳý]/i); // Vietnamese by default
    });

  it("answers in English with Accept-Language: en", async () => {
    const r = await client(h)("POST", "/api/tickets", { serviceId: "x" }, { "accept-language": "en" });
    expect(r.body.error).toEqual({ code: "service-not-found", message: "No such field." });
  });

  it("unknown and malformed ticket codes → 404 ticket-not-found", async () => {
    for (const c of ["aaaaaaaaaaaaaaaa", "../../etc/passwd", "A001", "x".repeat(500)]) {
      const r = await client(h)("GET", `/api/tickets/${encodeURIComponent(c)}`);
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe("ticket-not-found");
    }
  });

  it("unknown paths → 404 not-found in the error shape", async () => {
    const r = await client(h)("GET", "/api/nope");
    expect(r).toMatchObject({ status: 404, body: { error: { code: "not-found" } } });
  });
});

describe("staff rules", () => {
  it("anonymous → 401, officer at another's counter → 403, second officer opening → 409", async () => {
    const anon = client(h);
    expect((await anon("POST", "/api/counters/2/open")).body.error.code).toBe("unauthorized");
    const a = client(h, await login(h, "canbo2"));
    const b = client(h, await login(h, "canbo3"));
    expect((await a("POST", "/api/counters/2/open")).status).toBe(200);
    expect((await b("POST", "/api/counters/2/open")).body.error.code).toBe("counter-taken");
    expect((await b("POST", "/api/counters/2/call-next")).body.error.code).toBe("not-your-counter");
    expect((await b("POST", "/api/counters/99/open")).body.error.code).toBe("counter-not-found");
    expect(
      (await b("POST", "/api/users", { username: "x1", password: "12345678", name: "X", role: "officer" }))
        .status,
    ).toBe(403);
  });

  it("call-next with a ticket in progress → 409 ticket-in-progress; with nobody waiting → 204", async () => {
    const a = client(h, await login(h, "canbo4"));
    expect((await a("POST", "/api/counters/4/open")).status).toBe(200);
    expect((await a("POST", "/api/counters/4/call-next")).status).toBe(204);
    await client(h)("POST", "/api/tickets", { serviceId: "dat-dai" });
    await client(h)("POST", "/api/tickets", { serviceId: "dat-dai" });
    expect((await a("POST", "/api/counters/4/call-next")).status).toBe(200);
    const r = await a("POST", "/api/counters/4/call-next");
    expect(r).toMatchObject({ status: 409, body: { error: { code: "ticket-in-progress" } } });
    expect((await a("POST", "/api/counters/4/transfer", { serviceId: "nope" })).body.error.code).toBe(
      "service-not-found",
    );
  });

  it("an admin creates users; a taken username → 409", async () => {
    const admin = client(h, await login(h, "admin"));
    const body = { username: "lan.nguyen", password: "mat-khau-8", name: "Nguyễn Thị Lan", role: "officer" };
    expect((await admin("POST", "/api/users", body)).status).toBe(201);
    expect((await admin("POST", "/api/users", body)).body.error.code).toBe("username-taken");
    expect(await login(h, "lan.nguyen", "mat-khau-8")).toMatch(/.{20,}/);
    const id = (await admin("GET", "/api/users")).body.users.find(
      (u: { username: string }) => u.username === "lan.nguyen",
    ).id;
    expect(
      (await admin("PATCH", `/api/users/${id}`, { disabled: true, password: "mat-khau-moi" })).status,
    ).toBe(200);
    // Every account change is in the event log with who and when, never a password.
    const rows = h.db
      .query<{ type: string; officer_id: number; data: string }, []>(
        "SELECT type, officer_id, data FROM events WHERE type LIKE 'user-%' ORDER BY id",
      )
      .all();
    expect(rows.map((r) => r.type)).toEqual(["user-created", "user-updated"]);
    expect(rows[0]!.officer_id).toBe(1);
    expect(JSON.parse(rows[1]!.data)).toMatchObject({
      userId: id,
      changes: { disabled: true, password: "reset" },
    });
    expect(rows.map((r) => r.data).join()).not.toContain("mat-khau");
  });

  it("sessions expire: an old token gets 401 session-expired", async () => {
    const token = await login(h, "canbo5");
    clock.advance(13 * 3600_000);
    const r = await client(h, token)("GET", "/api/auth/me");
    expect(r).toMatchObject({ status: 401, body: { error: { code: "session-expired" } } });
  });
});

describe("rate limits", () => {
  it("limits tickets per client address per minute (429 with Retry-After)", async () => {
    clock.advance(120_000);
    const anon = client(h);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await anon("POST", "/api/tickets", { serviceId: "cu-tru" })).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
    clock.advance(61_000);
    expect((await anon("POST", "/api/tickets", { serviceId: "cu-tru" })).status).toBe(201);
  });

  it("makes issuing idempotent per kiosk request id (double tap)", async () => {
    clock.advance(61_000);
    const anon = client(h);
    const body = { serviceId: "bhxh", kioskId: "kiosk-2", requestId: "tap-0001-abcd" };
    const [a, b] = await Promise.all([
      anon("POST", "/api/tickets", body),
      anon("POST", "/api/tickets", body),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.ticket.code).toBe(b.body.ticket.code);
  });

  it("limits failed logins per name (429)", async () => {
    const anon = client(h);
    let last = 0;
    for (let i = 0; i < 11; i++)
      last = (await anon("POST", "/api/auth/login", { username: "canbo6", password: "wrong-pass" })).status;
    expect(last).toBe(429);
    const ok = await anon("POST", "/api/auth/login", { username: "canbo6", password: "secret123" });
    expect(ok.status).toBe(429);
  });
});

describe("hours", () => {
  it("a real config refuses tickets outside opening hours (409 hall-closed)", async () => {
    const demo = loadHallConfig();
    const config = { ...demo, enforceHours: true };
    const sunday = new FakeClock(Date.parse("2026-11-29T09:00:00+07:00"));
    const closed = await createTestApp({ clock: sunday, config });
    try {
      const r = await client(closed)("POST", "/api/tickets", { serviceId: "ho-tich" });
      expect(r).toMatchObject({ status: 409, body: { error: { code: "hall-closed" } } });
      const s = await client(closed)("GET", "/api/services");
      expect(s.body.services.every((x: { open: boolean }) => !x.open)).toBe(true);
      sunday.set(Date.parse("2026-11-30T08:00:00+07:00"));
      expect((await client(closed)("POST", "/api/tickets", { serviceId: "ho-tich" })).status).toBe(201);
    } finally {
      await closed.stop();
    }
  });
});
