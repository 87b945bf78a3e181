/**
 * Validation at the edge from the contract's schemas (server/http/validation.ts):
 * unknown body fields are refused and named, path ids are strict, the body must be JSON
 * of a bounded size, and every failure has the one error shape in the caller's language.
 * In process (tests/helpers/app.ts): no port, no broker.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../helpers/app.ts";
import { call, issue, login } from "./hall-fixture.ts";

let hall: TestApp;
let admin: string;
let officer: string;
/** Counter 1's rating tablet (decision 0023): its device token. */
let tablet: Record<string, string>;
beforeAll(async () => {
  hall = await createTestApp();
  tablet = { "x-device-token": hall.credentials["rating-1"]! };
  admin = await login(hall, "admin");
  officer = await login(hall, "canbo1");
});
afterAll(async () => {
  await hall?.stop();
});

const VI = /[àáảãạăâđèéêìíòóôơùúưỳýạộờữ]/i;

describe("unknown fields in a JSON body", () => {
  it("are refused with 400 unknown-field naming each one, before anything happens", async () => {
    const before = (await call(hall, "GET", "/api/hall")).body.waiting;
    const r = await call(hall, "POST", "/api/tickets", null, {
      serviceId: "ho-tich",
      serviceID: "chung-thuc",
      colour: "red",
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("unknown-field");
    expect(r.body.error.details).toEqual({ fields: ["serviceID", "colour"] });
    expect(r.body.error.message).toMatch(VI);
    expect(r.body.error.message).toContain("serviceID, colour");
    // Nothing was issued.
    expect((await call(hall, "GET", "/api/hall")).body.waiting).toEqual(before);
  });

  it("are named with their path when nested, in English when asked", async () => {
    const r = await call(
      hall,
      "PUT",
      "/api/hall/notice",
      admin,
      { notice: { vi: "Thông báo", en: "Notice", colour: "red" } },
      { "accept-language": "en" },
    );
    expect(r.status).toBe(400);
    expect(r.body.error).toEqual({
      code: "unknown-field",
      message: "The request has fields this endpoint does not take: notice.colour.",
      details: { fields: ["notice.colour"] },
    });
  });

  it("are refused on every kind of body: login, users, counter actions, ratings", async () => {
    const cases: [string, string, string | null, object][] = [
      ["POST", "/api/auth/login", null, { username: "admin", password: "x", remember: true }],
      [
        "POST",
        "/api/users",
        admin,
        { username: "ab", password: "12345678", name: "A", role: "officer", x: 1 },
      ],
      ["PATCH", "/api/users/2", admin, { name: "B", isAdmin: true }],
      ["POST", "/api/counters/1/pause", officer, { reason: "Họp", until: "10:00" }],
      ["POST", "/api/counters/1/rating", null, { score: 4, comment: "ok" }],
    ];
    for (const [method, path, token, body] of cases) {
      const r = await call(hall, method, path, token, body, path.endsWith("/rating") ? tablet : {});
      expect({ path, status: r.status, code: r.body.error?.code }).toEqual({
        path,
        status: 400,
        code: "unknown-field",
      });
    }
  });
});

describe("ids in paths", () => {
  it("resolve only in their canonical spelling: /api/users/0x1 is not user 1", async () => {
    expect((await call(hall, "PATCH", "/api/users/1", admin, { name: "Quản trị" })).status).toBe(200);
    for (const id of ["0x1", "1e0", "01", "+1", "1.0", "%201", "1%20", "-1", "0", "99999999999"]) {
      const r = await call(hall, "PATCH", `/api/users/${id}`, admin, { name: "X" });
      expect({ id, status: r.status, code: r.body.error.code }).toEqual({
        id,
        status: 404,
        code: "user-not-found",
      });
    }
  });

  it("counter numbers: /api/counters/1e0, 0x1, 01 … are not counter 1", async () => {
    expect((await call(hall, "GET", "/api/counters/1", officer)).status).toBe(200);
    for (const n of ["1e0", "0x1", "01", "+1", "1.0", "%201", "0", "12345", "１"]) {
      for (const [method, path] of [
        ["GET", `/api/counters/${n}`],
        ["POST", `/api/counters/${n}/open`],
        ["GET", `/api/counters/${n}/rating`],
      ] as const) {
        const r = await call(hall, method, path, officer);
        expect({ path, status: r.status, code: r.body.error.code }).toEqual({
          path,
          status: 404,
          code: "counter-not-found",
        });
      }
    }
  });

  it("ticket codes and print job ids: other spellings are not found", async () => {
    const t = await issue(hall, "ho-tich");
    expect((await call(hall, "GET", `/api/tickets/${t.code}`)).status).toBe(200);
    for (const code of [t.code.toUpperCase(), `${t.code} `, `${t.code}0`, t.code.slice(1)]) {
      const r = await call(hall, "GET", `/api/tickets/${encodeURIComponent(code)}`);
      expect({ code, status: r.status, err: r.body.error.code }).toEqual({
        code,
        status: 404,
        err: "ticket-not-found",
      });
    }
    for (const job of ["JOB", "../x", "-x", "x".repeat(70)]) {
      const r = await call(hall, "GET", `/api/print-jobs/${encodeURIComponent(job)}`);
      expect([r.status, r.body.error.code]).toEqual([404, "print-job-not-found"]);
    }
  });
});

describe("what a failed validation answers", () => {
  it("400 invalid-request lists each failing field, with zod's reason in Vietnamese by default", async () => {
    const r = await call(hall, "POST", "/api/counters/1/call", officer, { number: "A", reason: 5 });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("invalid-request");
    expect(r.body.error.message).toBe("Dữ liệu gửi lên không hợp lệ.");
    expect(r.body.error.details.map((d: { path: string }) => d.path)).toEqual(["number", "reason"]);
    for (const d of r.body.error.details) expect(d.message).toMatch(VI);
  });

  it("… and in English with Accept-Language: en", async () => {
    const r = await call(
      hall,
      "POST",
      "/api/counters/1/call",
      officer,
      { number: "A", reason: 5 },
      { "accept-language": "en" },
    );
    expect(r.body.error.message).toBe("The request is not valid.");
    expect(r.body.error.details).toEqual([
      { path: "number", message: "Too small: expected string to have >=2 characters" },
      { path: "reason", message: "Invalid input: expected string, received number" },
    ]);
  });

  it("a code the schema names wins when it is the only problem (422 invalid-priority, invalid-rating)", async () => {
    const p = await call(hall, "POST", "/api/tickets", null, { serviceId: "ho-tich", priority: "vip" });
    expect([p.status, p.body.error.code]).toEqual([422, "invalid-priority"]);
    const both = await call(hall, "POST", "/api/tickets", null, { serviceId: 7, priority: "vip" });
    expect([both.status, both.body.error.code]).toEqual([400, "invalid-request"]);
    const s = await call(hall, "POST", "/api/counters/1/rating", null, { score: 5 }, tablet);
    expect([s.status, s.body.error.code]).toEqual([422, "invalid-rating"]);
  });

  it("a body that is not JSON: 400 invalid-json; not declared as JSON: 415; too large: 413", async () => {
    const bad = await call(hall, "POST", "/api/tickets", null, "{bad");
    expect([bad.status, bad.body.error.code]).toEqual([400, "invalid-json"]);
    // A form a browser can send cross-site without a preflight (issue 11) is not JSON.
    const form = await hall.request("/api/tickets", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ serviceId: "ho-tich" }),
    });
    expect(form.status).toBe(415);
    expect((await form.json()).error.code).toBe("unsupported-media-type");
    const big = await call(hall, "POST", "/api/tickets", null, {
      serviceId: "ho-tich",
      requestId: "x".repeat(70_000),
    });
    expect([big.status, big.body.error.code]).toEqual([413, "payload-too-large"]);
  });
});
