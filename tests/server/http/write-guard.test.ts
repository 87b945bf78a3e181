/**
 * Requests a browser can be tricked into (issue 11, "cross-site requests"; decision 0024),
 * in process: every write route of the contract, called with the admin's session cookie
 * the way a page of another origin can make a browser call it (a form or a `no-cors`
 * fetch: text/plain, urlencoded, multipart; or JSON from a foreign `Origin`), is refused
 * before it does anything; the hall's own origins (direct, through a proxy, the public
 * URL, QMS_ALLOWED_ORIGINS) and tools without an Origin are served. The session cookie is
 * HttpOnly, SameSite=Strict and sent to the API only. The Chromium version of the attack
 * is cross-site.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiRoute } from "../../../server/contract/api/define.ts";
import { API_ROUTES } from "../../../server/contract/api/index.ts";
import { createTestApp, type TestApp } from "../../helpers/app.ts";
import { client, PASSWORD } from "../../helpers/hall.ts";

let app: TestApp;
let cookie: string;
let code: string;

const WRITES = (Object.values(API_ROUTES) as ApiRoute[]).filter((r) => r.method !== "get");

/** A concrete path for a declared route: counter 3, a real ticket code, user 2, a job id. */
function pathOf(r: ApiRoute): string {
  return r.path
    .replace("{n}", "3")
    .replace("{code}", code)
    .replace("{id}", "2")
    .replace("{jobId}", "aaaaaaaaaaaaaaaa");
}

/** What the hall looks like from outside: users, counters, tickets, notice. */
async function state(): Promise<string> {
  const admin = client(app, await bearer());
  const [users, counters, hall] = await Promise.all([
    admin("GET", "/api/users"),
    admin("GET", "/api/counters"),
    admin("GET", "/api/hall"),
  ]);
  return JSON.stringify([users.body, counters.body, hall.body]);
}

let token: string | null = null;
async function bearer(): Promise<string> {
  if (!token) {
    const r = await client(app)("POST", "/api/auth/login", { username: "admin", password: PASSWORD });
    token = r.body.token as string;
  }
  return token!;
}

/** A write as a browser sends it with the admin's cookie: `headers` decide the rest. */
function write(r: ApiRoute, headers: Record<string, string>, body?: string) {
  return app.request(pathOf(r), { method: r.method.toUpperCase(), headers: { cookie, ...headers }, body });
}

beforeAll(async () => {
  app = await createTestApp({ allowedOrigins: ["https://qms.tinh.gov.vn"] });
  const login = await app.request("/api/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "admin", password: PASSWORD }),
  });
  cookie = /qms_session=[^;]+/.exec(login.headers.get("set-cookie") ?? "")![0];
  // A counter held by an officer and a waiting ticket: what the attack would close or cancel.
  const officer = await client(app)("POST", "/api/auth/login", { username: "canbo3", password: PASSWORD });
  await client(app, officer.body.token)("POST", "/api/counters/3/open");
  code = (await client(app)("POST", "/api/tickets", { serviceId: "dat-dai" })).body.ticket.code;
});
afterAll(async () => {
  await app?.stop();
});

describe("a write a page of another origin can send without a preflight", () => {
  it("is refused on every write route (415) when it is not JSON, bodyless routes included", async () => {
    const before = await state();
    const forms: [string, string][] = [
      ["text/plain", JSON.stringify({ username: "evil", password: "evil-evil", name: "x", role: "admin" })],
      ["application/x-www-form-urlencoded", "username=evil&password=evil-evil&name=x&role=admin"],
      [
        "multipart/form-data; boundary=x",
        '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--',
      ],
    ];
    for (const r of WRITES)
      for (const [type, body] of forms) {
        // The same origin even: the media type alone is refused.
        const res = await write(r, { "content-type": type, origin: "http://localhost" }, body);
        expect([r.method, r.path, type, res.status], await res.text()).toEqual([r.method, r.path, type, 415]);
      }
    // A body without a Content-Type is not taken as JSON either.
    const bare = await app.request("/api/users", { method: "POST", headers: { cookie }, body: "{}" });
    expect(bare.status).toBe(415);
    expect(await state()).toBe(before);
  });

  it("is refused on every write route (403 cross-origin-request) from another origin, JSON or not", async () => {
    const before = await state();
    const foreign: Record<string, string>[] = [
      { origin: "http://localhost:8080" }, // another port of the same host (the attack)
      { origin: "https://localhost" }, // another scheme
      { origin: "http://evil.example" },
      { origin: "null" }, // a sandboxed frame, a file: page, a redirect
      { "sec-fetch-site": "same-site" }, // no Origin, but the browser says where it comes from
      { "sec-fetch-site": "cross-site" },
    ];
    for (const r of WRITES)
      for (const h of foreign) {
        const res = await write(r, { "content-type": "application/json", ...h }, "{}");
        const body = await res.json();
        expect([r.path, h, res.status, body.error.code]).toEqual([r.path, h, 403, "cross-origin-request"]);
      }
    expect(await state()).toBe(before);
  });

  it("answers in English when asked", async () => {
    const res = await app.request("/api/counters/3/close", {
      method: "POST",
      headers: { cookie, origin: "http://localhost:8080", "accept-language": "en" },
    });
    expect((await res.json()).error).toMatchObject({
      code: "cross-origin-request",
      message: "Requests sent from another website are not accepted.",
    });
  });
});

describe("the hall's own origins", () => {
  const notice = (headers: Record<string, string>, url = "/api/hall/notice") =>
    app.request(url, {
      method: "PUT",
      headers: { cookie, "content-type": "application/json", ...headers },
      body: JSON.stringify({ notice: { vi: "Nghỉ trưa", en: "Lunch" } }),
    });

  it("are served: the address the page was loaded from, the public URL, a proxy's, the allowed list", async () => {
    const ok: Record<string, string>[] = [
      { origin: "http://localhost" }, // app.request's own host
      { origin: "http://hall.test" }, // QMS_PUBLIC_URL (what the QR codes carry)
      { origin: "https://qms.tinh.gov.vn" }, // QMS_ALLOWED_ORIGINS
      { origin: "http://192.168.1.10:3000", host: "192.168.1.10:3000" }, // the LAN address
      { origin: "HTTP://LOCALHOST:80" }, // same origin, spelled otherwise
      // Behind a TLS proxy that forwards the host and scheme.
      { origin: "https://qms.example", "x-forwarded-host": "qms.example", "x-forwarded-proto": "https" },
      { "sec-fetch-site": "same-origin" }, // no Origin, the browser says same-origin
      { "sec-fetch-site": "none" }, // typed by the user
      {}, // curl, firmware, an integration: no browser, nothing ambient to forge
    ];
    for (const h of ok) expect([h, (await notice(h)).status]).toEqual([h, 200]);
  });

  it("are matched by host and port, not by prefix or a proxy's guess", async () => {
    const bad: Record<string, string>[] = [
      { origin: "http://hall.test.evil.example" },
      { origin: "http://192.168.1.10:3001", host: "192.168.1.10:3000" },
      { origin: "https://qms.example", "x-forwarded-host": "qms.example" }, // scheme not forwarded: http
    ];
    for (const h of bad) expect([h, (await notice(h)).status]).toEqual([h, 403]);
  });

  it("bearer and device-token callers without an Origin are served as before", async () => {
    const admin = client(app, await bearer());
    expect((await admin("PUT", "/api/hall/notice", { notice: null })).status).toBe(200);
    const kiosk = await client(app)(
      "POST",
      "/api/tickets",
      { serviceId: "ho-tich", kioskId: "kiosk-1" },
      {
        "x-device-token": app.credentials["kiosk-1"]!,
      },
    );
    expect(kiosk.status).toBe(201);
    // A bodyless write without a Content-Type (curl -X POST) is fine.
    const res = await app.request("/api/counters/3/call-next", {
      method: "POST",
      headers: { authorization: `Bearer ${await bearer()}` },
    });
    expect(res.status).toBe(403); // not the admin's counter: it got past the edge
    expect((await res.json()).error.code).toBe("not-your-counter");
  });
});

describe("the session cookie", () => {
  it("is HttpOnly, SameSite=Strict and sent to the API only; Secure behind https; logout clears it", async () => {
    const login = (headers: Record<string, string> = {}) =>
      app.request("/api/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ username: "quanly", password: PASSWORD }),
      });
    const plain = (await login()).headers.getSetCookie();
    const session = plain.find((c) => c.startsWith("qms_session="))!;
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/; SameSite=Strict/);
    expect(session).toMatch(/; Path=\/api(;|$)/);
    expect(session).not.toMatch(/; Secure/);
    const proxied = (
      await login({ "x-forwarded-proto": "https", origin: "https://localhost" })
    ).headers.getSetCookie();
    for (const c of proxied) expect(c).toMatch(/; Secure/);

    // The cookie alone is a session (CONTRACT.md), for a same-origin request or a tool.
    const c = /qms_session=[^;]+/.exec(session)![0];
    const me = await app.request("/api/auth/me", { headers: { cookie: c } });
    expect(me.status).toBe(200);
    const out = await app.request("/api/auth/logout", {
      method: "POST",
      headers: { cookie: c, "content-type": "application/json", origin: "http://localhost" },
      body: "{}",
    });
    expect(out.status).toBe(200);
    const cleared = out.headers.getSetCookie().filter((x) => x.startsWith("qms_session=;"));
    expect(cleared.map((x) => /Path=([^;]+)/.exec(x)?.[1]).sort()).toEqual(["/", "/api"]);
    expect((await app.request("/api/auth/me", { headers: { cookie: c } })).status).toBe(401);
  });
});
