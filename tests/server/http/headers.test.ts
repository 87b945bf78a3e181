/**
 * Security headers (issue 11, "no security headers: the dashboard can be framed; no CSP,
 * nosniff, referrer policy"; decision 0024), in process: every page type carries its
 * app's Content-Security-Policy (the shell's inline style allowed by hash, nothing inline
 * else, framing refused but for the display board by the hall itself), and every other
 * answer — JSON, errors, 404/405, the event stream, report files, bundles — the closed
 * policy. Whether the apps still work under their policies is tests/ui/csp.test.ts.
 */
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PAGES, pageHtml } from "../../../scripts/pages.ts";
import { API_CSP } from "../../../server/http/headers.ts";
import { createTestApp, type TestApp } from "../../helpers/app.ts";
import { client, PASSWORD } from "../../helpers/hall.ts";

let app: TestApp;
let dist: string;
let code: string;

/** The headers every answer carries, whatever it is. */
function expectBase(h: Headers, what: string): void {
  expect(h.get("x-content-type-options"), what).toBe("nosniff");
  expect(h.get("referrer-policy"), what).toBe("no-referrer");
  expect(h.get("cross-origin-opener-policy"), what).toBe("same-origin");
  expect(h.get("cross-origin-resource-policy"), what).toBe("same-origin");
  expect(h.get("content-security-policy"), what).toBeTruthy();
  expect(h.get("x-frame-options"), what).toMatch(/^(DENY|SAMEORIGIN)$/);
}

/** One CSP directive's value. */
function directive(csp: string, name: string): string | undefined {
  return csp
    .split(";")
    .map((d) => d.trim())
    .find((d) => d.split(" ")[0] === name)
    ?.slice(name.length + 1);
}

beforeAll(async () => {
  // The shells exactly as the build writes them; the bundles are stand-ins (not run here).
  dist = join(mkdtempSync(join(tmpdir(), "qms-headers-")), "dist");
  for (const p of PAGES) {
    mkdirSync(join(dist, p.app), { recursive: true });
    writeFileSync(join(dist, p.app, `${p.page}.html`), pageHtml(p, `/assets/${p.app}`));
    writeFileSync(join(dist, p.app, `${p.page}.js`), "export {};\n");
  }
  app = await createTestApp({ distDir: dist });
  code = (await client(app)("POST", "/api/tickets", { serviceId: "ho-tich" })).body.ticket.code;
});
afterAll(async () => {
  await app?.stop();
  rmSync(join(dist, ".."), { recursive: true, force: true });
});

describe("pages", () => {
  const pages = () => [
    { url: "/kiosk?kiosk=kiosk-1", page: "kiosk" },
    { url: `/t/${code}`, page: "phone" },
    { url: "/counter", page: "counter" },
    { url: "/counter/rating?counter=3", page: "rating" },
    { url: "/manager", page: "manager" },
    { url: "/display", page: "display" },
  ];

  it("each carries its app's policy: own bundle only, the shell's style by hash, no framing", async () => {
    for (const { url, page } of pages()) {
      const res = await app.request(url);
      expect([url, res.status]).toEqual([url, 200]);
      const html = await res.text();
      expectBase(res.headers, url);
      const csp = res.headers.get("content-security-policy")!;
      expect(directive(csp, "default-src"), url).toBe("'none'");
      expect(directive(csp, "script-src"), url).toBe("'self'"); // no inline script, no eval
      expect(directive(csp, "connect-src"), url).toBe("'self'"); // the API, SSE, /mqtt
      expect(directive(csp, "object-src") ?? directive(csp, "default-src"), url).toBe("'none'");
      expect(directive(csp, "base-uri"), url).toBe("'none'");
      expect(directive(csp, "form-action"), url).toBe("'none'");
      // Lit's Trusted Types policy only; the display's MQTT client makes a blob: worker instead.
      if (page === "display") expect(directive(csp, "worker-src"), url).toBe("blob:");
      else expect(directive(csp, "require-trusted-types-for"), url).toBe("'script'");
      // The shell's one inline <style>, allowed by its hash and nothing else inline.
      const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
      const hash = createHash("sha256").update(style).digest("base64");
      expect(directive(csp, "style-src"), url).toBe(`'self' 'sha256-${hash}'`);
      const framing = page === "display" ? "'self'" : "'none'";
      expect(directive(csp, "frame-ancestors"), url).toBe(framing);
      expect(res.headers.get("x-frame-options"), url).toBe(page === "display" ? "SAMEORIGIN" : "DENY");
      expect(res.headers.get("permissions-policy"), url).toMatch(/microphone=\(\)/);
    }
  });

  it("the phone page, whose URL carries the ticket code, sends no Referer anywhere", async () => {
    const res = await app.request(`/t/${code}`);
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
  });

  it("bundles, the root redirect and a page not built carry the closed policy", async () => {
    for (const url of ["/assets/kiosk/kiosk.js", "/", "/assets/kiosk/nothing.js"]) {
      const res = await app.request(url);
      expectBase(res.headers, url);
      expect(res.headers.get("content-security-policy"), url).toBe(API_CSP);
    }
    const unbuilt = await createTestApp();
    try {
      const res = await unbuilt.request("/kiosk");
      expect(res.status).toBe(503);
      expectBase(res.headers, "not built");
    } finally {
      await unbuilt.stop();
    }
  });
});

describe("every other answer", () => {
  it("JSON, errors, 404, 405, 401, 415, 403, the event stream, a report file: closed policy, no-store", async () => {
    const admin = (await client(app)("POST", "/api/auth/login", { username: "admin", password: PASSWORD }))
      .body.token as string;
    const auth = { authorization: `Bearer ${admin}` };
    const cases: [string, RequestInit, number][] = [
      ["/api/health", {}, 200],
      ["/api/hall", {}, 200],
      [`/api/tickets/${code}`, {}, 200],
      ["/api/openapi.json", {}, 200],
      ["/api/nothing-here", {}, 404],
      ["/api/tickets", { method: "DELETE" }, 405],
      ["/api/users", {}, 401],
      ["/api/tickets", { method: "POST", headers: { "content-type": "text/plain" }, body: "{}" }, 415],
      ["/api/tickets", { method: "POST", headers: { origin: "http://evil.example" } }, 403],
      ["/api/reports/waits?preset=today&format=csv", { headers: auth }, 200],
    ];
    for (const [url, init, status] of cases) {
      const res = await app.request(url, init);
      expect([url, res.status]).toEqual([url, status]);
      expectBase(res.headers, url);
      expect(res.headers.get("content-security-policy"), url).toBe(API_CSP);
      expect(res.headers.get("x-frame-options"), url).toBe("DENY");
      expect(res.headers.get("cache-control"), url).toMatch(/no-store/);
      await res.body?.cancel();
    }
    const ctl = new AbortController();
    const sse = await app.request("/api/events", { signal: ctl.signal });
    expect(sse.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expectBase(sse.headers, "/api/events");
    ctl.abort();
    await sse.body?.cancel().catch(() => {});
  });
});
