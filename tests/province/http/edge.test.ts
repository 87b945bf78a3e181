/**
 * The province server's HTTP edge is the hall's (issue 11, decision 0024; server/http/
 * write-guard.ts, headers.ts, methods.ts): a page of another site cannot use the province
 * admin's session cookie to write, writes are JSON only, bodies are capped before they are
 * read, every answer carries the security headers and the dashboard page its own CSP.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProvinceApp } from "../../../province/http/app.ts";
import { ProvinceAuth } from "../../../province/http/auth.ts";
import { IngestQueue } from "../../../province/ingest/queue.ts";
import { LiveWall } from "../../../province/live/wall.ts";
import { MonthCache } from "../../../province/reports/month-cache.ts";
import type { ProvinceStore } from "../../../province/store/store.ts";
import { INGEST_MAX_BYTES } from "../../../server/contract/index.ts";
import { freshStore } from "../pglite.ts";

const ORIGIN = "http://province.test";
let store: ProvinceStore;
let dataDir = "";
let dist = "";
let app: ReturnType<typeof createProvinceApp>;
let cookie = "";
let hallAuth = "";

beforeAll(async () => {
  ({ store, dataDir } = await freshStore());
  await store.staff.create(
    {
      username: "admin",
      passwordHash: await Bun.password.hash("edge-password"),
      name: "Admin",
      role: "admin",
    },
    0,
  );
  hallAuth = `Basic ${Buffer.from(`xa-a:${(await store.halls.create({ id: "xa-a" }, 0))!}`).toString("base64")}`;
  dist = mkdtempSync(join(tmpdir(), "qms-province-dist-"));
  mkdirSync(join(dist, "province"));
  writeFileSync(
    join(dist, "province", "province.html"),
    "<!doctype html><style>body{margin:0}</style><province-app></province-app>",
  );
  const wall = new LiveWall(store, { targetMin: 15, now: Date.now, log: () => {} });
  await wall.start();
  wall.stop();
  app = createProvinceApp({
    store,
    auth: new ProvinceAuth(store.staff, store.halls),
    wall,
    monthCache: new MonthCache(),
    ingestQueue: new IngestQueue(1),
    now: Date.now,
    targetMin: 15,
    mqtt: { url: null, baseTopic: "qms", connected: () => false },
    clientIp: () => "test",
    keepAlive: () => {},
    distDir: dist,
    publicUrl: () => ORIGIN,
    version: "test",
    log: () => {},
  });
  const login = await app.request(`${ORIGIN}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: ORIGIN },
    body: JSON.stringify({ username: "admin", password: "edge-password" }),
  });
  expect(login.status).toBe(200);
  const set = login.headers.get("set-cookie")!;
  expect(set).toMatch(/SameSite=Strict/i);
  expect(set).toMatch(/HttpOnly/i);
  cookie = set.split(";")[0]!;
}, 60_000);

afterAll(async () => {
  await store?.close();
  for (const d of [dataDir, dist]) if (d) rmSync(d, { recursive: true, force: true });
});

const addHall = (id: string, headers: Record<string, string>, body?: string) =>
  app.request(`${ORIGIN}/api/halls`, {
    method: "POST",
    headers: { cookie, ...headers },
    body: body ?? JSON.stringify({ id, name: { vi: id, en: id } }),
  });

describe("writes with the province admin's cookie", () => {
  it("from the province's own origin: allowed", async () => {
    const r = await addHall("xa-own", { "content-type": "application/json", origin: ORIGIN });
    expect(r.status).toBe(201);
  });

  it("from another site's page: 403 cross-origin-request, and no hall is made", async () => {
    for (const headers of <Record<string, string>[]>[
      { "content-type": "application/json", origin: "https://evil.example" },
      { "content-type": "application/json", origin: "null" },
      { "content-type": "application/json", "sec-fetch-site": "cross-site" },
    ]) {
      const r = await addHall("xa-evil", headers);
      expect(r.status, JSON.stringify(headers)).toBe(403);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe("cross-origin-request");
    }
    expect(await store.halls.get("xa-evil")).toBeNull();
  });

  it("as a form (text/plain) or a body without a type: 415 unsupported-media-type", async () => {
    const plain = await addHall("xa-form", { "content-type": "text/plain", origin: ORIGIN });
    expect(plain.status).toBe(415);
    expect(((await plain.json()) as { error: { code: string } }).error.code).toBe("unsupported-media-type");
    const logout = await app.request(`${ORIGIN}/api/auth/logout`, {
      method: "POST",
      headers: { cookie, "content-type": "text/plain" },
      body: "x",
    });
    expect(logout.status).toBe(415);
    expect(await store.halls.get("xa-form")).toBeNull();
  });
});

describe("body caps", () => {
  it("a staff body over 64 kB: 413 payload-too-large, before it is read", async () => {
    const big = JSON.stringify({ id: "xa-big", name: { vi: "x".repeat(70_000), en: "x" } });
    const r = await addHall("xa-big", { "content-type": "application/json", origin: ORIGIN }, big);
    expect(r.status).toBe(413);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe("payload-too-large");
  });

  it("an ingest batch over its own cap: 413, a streamed one too (no Content-Length)", async () => {
    const body = JSON.stringify({ after: 0, events: [], pad: "x".repeat(INGEST_MAX_BYTES) });
    const r = await app.request(`${ORIGIN}/api/uplink/events`, {
      method: "POST",
      headers: { authorization: hallAuth, "content-type": "application/json" },
      body,
    });
    expect(r.status).toBe(413);
    const bytes = new TextEncoder().encode(body);
    const streamed = await app.request(`${ORIGIN}/api/uplink/events`, {
      method: "POST",
      headers: { authorization: hallAuth, "content-type": "application/json" },
      body: new ReadableStream({
        start(c) {
          for (let i = 0; i < bytes.length; i += 65_536) c.enqueue(bytes.subarray(i, i + 65_536));
          c.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await store.halls.get("xa-a"))!.lastEventId).toBe(0);
  });
});

describe("headers and methods", () => {
  it("every answer carries the security headers; the API a sandboxing CSP", async () => {
    for (const path of ["/api/health", "/api/halls", "/api/nothing-here"]) {
      const r = await app.request(`${ORIGIN}${path}`, { headers: { cookie } });
      expect(r.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(r.headers.get("referrer-policy"), path).toBe("no-referrer");
      expect(r.headers.get("cross-origin-opener-policy"), path).toBe("same-origin");
      expect(r.headers.get("cross-origin-resource-policy"), path).toBe("same-origin");
      expect(r.headers.get("x-frame-options"), path).toBe("DENY");
      expect(r.headers.get("content-security-policy"), path).toContain("sandbox");
      expect(r.headers.get("cache-control"), path).toBe("no-store");
    }
  });

  it("the dashboard page: its own CSP (bundle only, inline style by hash, Trusted Types), no framing", async () => {
    const r = await app.request(`${ORIGIN}/`);
    expect(r.status).toBe(200);
    const csp = r.headers.get("content-security-policy")!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toMatch(/style-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("require-trusted-types-for 'script'");
    expect(csp).not.toContain("sandbox");
    expect(r.headers.get("x-frame-options")).toBe("DENY");
    expect(r.headers.get("permissions-policy")).toContain("camera=()");
  });

  it("a wrong method is 405 with Allow, an unknown path 404", async () => {
    const r = await app.request(`${ORIGIN}/api/health`, { method: "DELETE" });
    expect(r.status).toBe(405);
    expect(r.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    expect((await app.request(`${ORIGIN}/api/nope`)).status).toBe(404);
  });
});
