/**
 * Wrong methods (issue 11, "wrong methods answer 404 not 405"), in process: every path the
 * contract declares answers a method it does not take with 405 `method-not-allowed`, an
 * `Allow` header naming the methods it does take and the one error body; OPTIONS is 204
 * with the same `Allow` and no CORS grant; paths nobody serves stay 404.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiRoute } from "../../../server/contract/api/define.ts";
import { API_ROUTES } from "../../../server/contract/api/index.ts";
import { createTestApp, type TestApp } from "../../helpers/app.ts";

let app: TestApp;
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => {
  await app?.stop();
});

/** Each declared path (with sample parameters) and the methods declared on it. */
function declaredPaths(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const r of Object.values(API_ROUTES) as ApiRoute[]) {
    const path = r.path
      .replace("{n}", "3")
      .replace("{code}", "aaaaaaaaaaaaaaaa")
      .replace("{id}", "2")
      .replace("{jobId}", "job-1");
    out.set(path, (out.get(path) ?? new Set()).add(r.method.toUpperCase()));
  }
  // A fixed path that a `{param}` route also matches (`/api/appointments/slots` and
  // `/api/appointments/{code}`) is served by both: the param route answers its own 404 there.
  const routes = Object.values(API_ROUTES) as ApiRoute[];
  for (const [path, set] of out)
    for (const r of routes)
      if (new RegExp(`^${r.path.replace(/\{\w+\}/g, "[^/]+")}$`).test(path)) set.add(r.method.toUpperCase());
  return out;
}

describe("a method a path does not take", () => {
  it("is 405 with Allow on every declared path, for every other method", async () => {
    let checked = 0;
    for (const [path, declared] of declaredPaths()) {
      const allow = [...declared];
      if (declared.has("GET")) allow.push("HEAD");
      allow.push("OPTIONS");
      for (const m of METHODS.filter((x) => !declared.has(x))) {
        const res = await app.request(path, { method: m });
        const body = await res.json();
        expect([m, path, res.status, body.error.code]).toEqual([m, path, 405, "method-not-allowed"]);
        expect(new Set(res.headers.get("allow")!.split(", ")), `${m} ${path}`).toEqual(new Set(allow));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it("says so in Vietnamese, or English when asked, in the one error shape", async () => {
    const vi = await app.request("/api/tickets", { method: "DELETE" });
    expect(vi.headers.get("allow")).toBe("POST, OPTIONS");
    expect(await vi.json()).toEqual({
      error: {
        code: "method-not-allowed",
        message: "Phương thức không được hỗ trợ.",
        details: { allow: ["POST", "OPTIONS"] },
      },
    });
    const en = await app.request("/api/auth/login", { method: "GET", headers: { "accept-language": "en" } });
    expect([en.status, (await en.json()).error.message]).toEqual([405, "Method not allowed."]);
  });

  it("covers the pages too", async () => {
    for (const path of ["/kiosk", "/display", "/t/aaaaaaaaaaaaaaaa", "/counter/rating"]) {
      const res = await app.request(path, {
        method: "POST",
        headers: { "content-type": "application/json" },
      });
      expect([path, res.status, res.headers.get("allow")]).toEqual([path, 405, "GET, HEAD, OPTIONS"]);
    }
  });

  it("OPTIONS is 204 with Allow and grants no cross-origin access", async () => {
    const res = await app.request("/api/users", {
      method: "OPTIONS",
      headers: { origin: "http://evil.example", "access-control-request-method": "POST" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("allow")).toBe("GET, HEAD, POST, OPTIONS");
    for (const [k] of res.headers) expect(k).not.toMatch(/^access-control-/);
  });
});

describe("a path nobody serves", () => {
  it("stays 404 whatever the method", async () => {
    for (const m of [...METHODS, "OPTIONS"])
      for (const path of ["/api/nothing", "/api/tickets/aaaaaaaaaaaaaaaa/nothing", "/nothing", "/api"]) {
        const res = await app.request(path, { method: m });
        expect([m, path, res.status]).toEqual([m, path, 404]);
        if (m !== "OPTIONS") expect((await res.json()).error.code).toBe("not-found");
      }
  });
});
