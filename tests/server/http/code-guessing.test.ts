/**
 * Guessing ticket codes (decision 0024): the routes by code answer an address that keeps
 * asking for codes that do not exist with 429 after 30 misses in 10 minutes — real codes
 * included, so the loop learns nothing more — while other addresses and the phone that
 * holds its own code are not slowed. In process, with a fake clock and a per-request
 * client address taken from a test header.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeClock } from "../../../server/queue/clock.ts";
import { createTestApp, type TestApp } from "../../helpers/app.ts";
import { client } from "../../helpers/hall.ts";

let app: TestApp;
let code: string;
const LIMIT = 30;

/** A request from client address `ip`. */
const from = (ip: string) => (method: string, path: string, body?: unknown) =>
  client(app)(method, path, body, { "x-test-ip": ip });

/** A well-formed code nobody holds (base32, 16 characters). */
const guess = (i: number) => `zz${i.toString(32).padStart(14, "a")}`.replace(/[0189]/g, "q");

beforeAll(async () => {
  app = await createTestApp({ clientIp: (req) => req.headers.get("x-test-ip") ?? "local" });
  code = (await client(app)("POST", "/api/tickets", { serviceId: "ho-tich" })).body.ticket.code;
});
afterAll(async () => {
  await app?.stop();
});

describe("a code-guessing loop", () => {
  it("is refused after 30 misses, even for a real code, until the window slides", async () => {
    const attacker = from("10.0.0.66");
    // Misses through every route by code, malformed codes included.
    const tries: [string, string, unknown?][] = [];
    for (let i = 0; i < LIMIT; i++) {
      if (i % 3 === 0) tries.push(["GET", `/api/tickets/${guess(i)}`]);
      else if (i % 3 === 1) tries.push(["POST", `/api/tickets/${guess(i)}/rating`, { score: 1 }]);
      else tries.push(["POST", `/api/tickets/${i % 2 ? "NOT-A-CODE" : guess(i)}/cancel`]);
    }
    for (const [m, p, b] of tries) {
      const r = await attacker(m, p, b);
      expect([p, r.status]).toEqual([p, 404]);
    }
    const blocked = await attacker("GET", `/api/tickets/${code}`);
    expect([blocked.status, blocked.body.error.code]).toEqual([429, "too-many-requests"]);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await attacker("GET", `/api/tickets/${guess(999)}`)).status).toBe(429);

    // Another address, and the visitor's own phone, are not slowed.
    expect((await from("10.0.0.7")("GET", `/api/tickets/${code}`)).status).toBe(200);
    (app.clock as FakeClock).advance(10 * 60_000);
    expect((await attacker("GET", `/api/tickets/${code}`)).status).toBe(200);
  });

  it("hits do not count: a phone following its own ticket is never slowed", async () => {
    const phone = from("10.0.0.8");
    for (let i = 0; i < 3 * LIMIT; i++) expect((await phone("GET", `/api/tickets/${code}`)).status).toBe(200);
  });
});
