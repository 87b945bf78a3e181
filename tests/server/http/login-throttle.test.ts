/**
 * Lockout as a weapon (issue 11), at a real port with a fake clock and several client
 * addresses (127.0.0.x): wrong passwords from anywhere slow guessing on an account but
 * never refuse its owner's right password from a browser or address that logged in
 * before; the per-address limit is not reset by a success; the admin reads the log.
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOGIN_POLICY } from "../../../server/http/auth.ts";
import { FakeClock } from "../../../server/queue/clock.ts";
import { call, login, PASSWORD, startTestHall, type TestHall } from "./hall-fixture.ts";

const clock = new FakeClock(Date.parse("2026-03-02T01:00:00Z"));
let hall: TestHall;

/** POST /api/auth/login from `from` (a loopback address), with an optional device cookie. */
function loginFrom(from: string, username: string, password: string, device?: string) {
  const body = JSON.stringify({ username, password });
  // biome-ignore lint/suspicious/noExplicitAny: test responses are inspected loosely
  return new Promise<{ status: number; body: any; retryAfter: number | null; device: string | null }>(
    (resolve, reject) => {
      const req = http.request(
        {
          host: "127.0.0.1",
          port: hall.port,
          path: "/api/auth/login",
          method: "POST",
          localAddress: from,
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
            ...(device ? { cookie: `qms_device=${device}` } : {}),
          },
        },
        (res) => {
          let text = "";
          res.on("data", (d) => (text += d));
          res.on("end", () => {
            const cookies = ([] as string[]).concat(res.headers["set-cookie"] ?? []);
            const dev = cookies.map((c) => /^qms_device=([^;]+)/.exec(c)?.[1]).find(Boolean) ?? null;
            const ra = res.headers["retry-after"];
            resolve({
              status: res.statusCode!,
              body: JSON.parse(text),
              retryAfter: ra ? Number(ra) : null,
              device: dev,
            });
          });
        },
      );
      req.on("error", reject);
      req.end(body);
    },
  );
}

beforeAll(async () => {
  hall = await startTestHall({ clock });
});
afterAll(async () => {
  await hall?.close();
});

describe("per-account backoff", () => {
  it("ten wrong passwords from elsewhere do not keep the admin out at a known address or browser", async () => {
    const mine = await loginFrom("127.0.0.1", "admin", PASSWORD);
    expect(mine.status).toBe(200);
    const codes: number[] = [];
    for (let i = 0; i < 10; i++) codes.push((await loginFrom("127.0.0.2", "admin", `guess-${i}`)).status);
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(codes.slice(5)).toEqual([429, 429, 429, 429, 429]); // refused unchecked while the backoff runs
    // The right password from an unknown place is slowed too (it is not checked).
    expect((await loginFrom("127.0.0.2", "admin", PASSWORD)).status).toBe(429);
    // The owner: at a known address, and from a new address with the browser's device cookie.
    expect((await loginFrom("127.0.0.1", "admin", PASSWORD)).status).toBe(200);
    expect((await loginFrom("127.0.0.3", "admin", PASSWORD, mine.device!)).status).toBe(200);
  });

  it("doubles the wait after each further wrong password, up to 15 minutes", async () => {
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) expect((await loginFrom("127.0.0.6", "quanly", "x")).status).toBe(401);
    for (let i = 0; i < 12; i++) {
      const r = await loginFrom("127.0.0.6", "quanly", "x");
      expect(r.status).toBe(429);
      waits.push(r.retryAfter!);
      clock.advance(r.retryAfter! * 1000);
      expect((await loginFrom("127.0.0.6", "quanly", "x")).status).toBe(401);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900]);
    // Unknown names are slowed the same way (the answer does not tell which names exist).
    for (let i = 0; i < 5; i++) expect((await loginFrom("127.0.0.7", "khongco", "x")).status).toBe(401);
    expect((await loginFrom("127.0.0.7", "khongco", "x")).status).toBe(429);
    clock.advance(LOGIN_POLICY.maxDelayMs);
  });
});

describe("per-address limit", () => {
  it("is not reset by a staff member's success from that address; a known browser still logs in", async () => {
    const from = "127.0.0.5";
    const cookie = (await loginFrom("127.0.0.1", "canbo2", PASSWORD)).device!;
    for (let i = 0; i < LOGIN_POLICY.addressLimit - 1; i++)
      expect((await loginFrom(from, `ten-${i}`, "x")).status).toBe(401);
    const ok = await loginFrom(from, "canbo1", PASSWORD);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200); // does not reset the count
    expect((await loginFrom(from, "ten-last", "x")).status).toBe(401);
    const blocked = await loginFrom(from, "canbo3", PASSWORD);
    expect([blocked.status, blocked.body.error.code]).toEqual([429, "too-many-requests"]);
    expect(blocked.retryAfter).toBeGreaterThan(0);
    expect((await loginFrom(from, "canbo2", PASSWORD, cookie)).status).toBe(200);
    clock.advance(LOGIN_POLICY.addressWindowMs);
    expect((await loginFrom(from, "canbo3", PASSWORD)).status).toBe(200);
  });
});

describe("the login log", () => {
  it("shows the admin every failure and throttled attempt with its address; others may not read it", async () => {
    const admin = await login(hall.base, "admin");
    const r = await call(hall.base, "GET", "/api/auth/log?username=admin&limit=500", admin);
    expect(r.status).toBe(200);
    const outcomes = r.body.attempts.map(
      (a: { outcome: string; address: string }) => `${a.outcome}@${a.address}`,
    );
    expect(outcomes.filter((o: string) => o === "invalid-credentials@127.0.0.2")).toHaveLength(5);
    expect(outcomes).toContain("throttled-account@127.0.0.2");
    expect(outcomes).toContain("success@127.0.0.1");
    expect(r.body.attempts[0]).toMatchObject({ username: "admin", at: expect.stringMatching(/\+07:00$/) });
    const trusted = r.body.attempts.find((a: { address: string }) => a.address === "127.0.0.3");
    expect(trusted).toMatchObject({ outcome: "success", trusted: "device" });
    const addr = await call(hall.base, "GET", "/api/auth/log?outcome=throttled-address", admin);
    expect(addr.body.attempts[0]).toMatchObject({ address: "127.0.0.5" });
    expect((await call(hall.base, "GET", "/api/auth/log?limit=0", admin)).status).toBe(400);
    const officer = await login(hall.base, "canbo4");
    expect((await call(hall.base, "GET", "/api/auth/log", officer)).status).toBe(403);
  });
});

describe("a burst of concurrent attempts (checked in flight, not after)", () => {
  it("from one address gets no more password checks than the address limit", async () => {
    const from = "127.0.0.9";
    const burst = await Promise.all(
      Array.from({ length: 4 * LOGIN_POLICY.addressLimit }, (_, i) => loginFrom(from, `burst-${i}`, "x")),
    );
    const checked = burst.filter((r) => r.status === 401).length;
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(LOGIN_POLICY.addressLimit);
    expect(burst.filter((r) => r.status !== 401).every((r) => r.status === 429)).toBe(true);
    const admin = await login(hall.base, "admin");
    const log = await call(hall.base, "GET", "/api/auth/log?outcome=invalid-credentials&limit=500", admin);
    const fromBurst = log.body.attempts.filter((a: { address: string }) => a.address === from);
    expect(fromBurst).toHaveLength(checked);
  });

  it("on one account from many addresses is checked one at a time, and the owner still gets in", async () => {
    const owner = await loginFrom("127.0.0.1", "canbo5", PASSWORD);
    expect(owner.status).toBe(200);
    const burst = Promise.all(
      Array.from({ length: 40 }, (_, i) => loginFrom(`127.0.1.${i + 1}`, "canbo5", `guess-${i}`)),
    );
    const mine = await loginFrom("127.0.0.1", "canbo5", PASSWORD); // while the burst runs
    const codes = (await burst).map((r) => r.status);
    expect(mine.status).toBe(200);
    // Before: all 40 were checked (each passed the backoff check before any failure was
    // recorded). Now at most the free failures are, the rest wait their turn (429).
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(LOGIN_POLICY.freeFailures);
    expect(codes.filter((c) => c === 429).length).toBeGreaterThanOrEqual(40 - LOGIN_POLICY.freeFailures);
  });
});
