/**
 * `GET /api/staffing-advice` through the whole app in process: the rest of today simulated
 * from the live state (server/sim/staffing.ts), for managers and admins only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../helpers/app.ts";
import { call, issue, login } from "./hall-fixture.ts";

let hall: TestApp;

beforeAll(async () => {
  hall = await createTestApp();
  // Only counter 3 is open and 14 visitors wait for Đất đai (land): the line needs help.
  const officer = await login(hall, "canbo3");
  expect((await call(hall, "POST", "/api/counters/3/open", officer)).status).toBe(200);
  for (let i = 0; i < 14; i++) await issue(hall, "dat-dai");
});

afterAll(async () => {
  await hall?.stop();
});

describe("GET /api/staffing-advice", () => {
  it("is for managers and admins only", async () => {
    expect((await call(hall, "GET", "/api/staffing-advice")).status).toBe(401);
    const officer = await login(hall, "canbo1");
    expect((await call(hall, "GET", "/api/staffing-advice", officer)).status).toBe(403);
  });

  it("says what one more land counter buys against doing nothing", async () => {
    const r = await call(hall, "GET", "/api/staffing-advice", await login(hall, "quanly"));
    expect(r.status).toBe(200);
    const a = r.body.advice;
    expect(a.at).toBe("2026-11-23T08:00:00.000+07:00");
    expect(a.baseline.visitors).toBeGreaterThanOrEqual(14);
    const land = a.options.find(
      (o: { kind: string; serviceId: string }) => o.kind === "open" && o.serviceId === "dat-dai",
    );
    expect(land, JSON.stringify(a.options.map((o: { label: { vi: string } }) => o.label.vi))).toBeDefined();
    expect(land.label.vi).toContain("Đất đai");
    expect(land.outcome.fields["dat-dai"].longestWaitMin).toBeLessThan(
      a.baseline.fields["dat-dai"].longestWaitMin,
    );
    // The options come most useful first: the first saves at least as many minutes as any other.
    const saved = (o: { outcome: { minutesBeyond: number } }) =>
      a.baseline.minutesBeyond - o.outcome.minutesBeyond;
    for (const o of a.options) expect(saved(a.options[0])).toBeGreaterThanOrEqual(saved(o) - 1e-9);
  });
});
