/**
 * The issue's cross-site attack in a real Chromium (issue 11, "cross-site requests";
 * decision 0024): an admin is logged in to the hall (session cookie in the browser), then
 * opens a page served from another port of the same host, 127.0.0.1. That page submits
 * `text/plain` forms and `no-cors` fetches with `credentials: "include"` that would create
 * an admin account, force-close counter 3, cancel a waiting ticket and change the board's
 * notice. The browser does send the cookie (another port is the same site, so
 * SameSite=Strict does not stop it); the hall refuses every one of them and nothing changes.
 */
import type { Server } from "bun";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../../helpers/browser.ts";
import { call, login, PASSWORD, startTestHall, type TestHall } from "./hall-fixture.ts";

let hall: TestHall;
let browser: Browser;
let ctx: BrowserContext;
let evil: Server<undefined>;
/** Cookie headers the attacker's own server received. */
const evilCookies: (string | null)[] = [];

/** The attacker's page: every simple request a page can send without a preflight. */
function attackPage(hallBase: string, code: string): string {
  // A text/plain form whose body is JSON: the `=` between name and value hides in a string.
  const user = {
    name: '{"username":"evil","password":"evil-evil-',
    value: '1","name":"Kẻ gian","role":"admin"}',
  };
  const notice = {
    name: '{"notice":{"vi":"Trung tâm đóng cửa","en":"closed',
    value: '"}}',
  };
  const form = (id: string, action: string, method: string, field?: { name: string; value: string }) =>
    `<form id="${id}" method="${method}" action="${hallBase}${action}" enctype="text/plain" target="${id}-out">
      ${field ? `<input type="hidden" name='${field.name}' value='${field.value}'>` : ""}
    </form><iframe name="${id}-out"></iframe>`;
  const body = JSON.stringify({ username: "evil2", password: "evil-evil-2", name: "x", role: "admin" });
  return `<!doctype html><meta charset="utf-8"><title>Khuyến mãi</title>
    ${form("f1", "/api/users", "POST", user)}
    ${form("f2", "/api/counters/3/close", "POST")}
    ${form("f3", `/api/tickets/${code}/cancel`, "POST")}
    ${form("f4", "/api/hall/notice", "POST", notice)}
    <script>
      const go = (path, init) =>
        fetch(${JSON.stringify(hallBase)} + path, { credentials: "include", mode: "no-cors", ...init }).catch(() => {});
      Promise.all([
        go("/api/users", { method: "POST", body: ${JSON.stringify(body)} }),
        go("/api/counters/3/close", { method: "POST" }),
        go("/api/tickets/${code}/cancel", { method: "POST" }),
      ]).then(() => {
        for (const f of document.forms) f.submit();
        setTimeout(() => (document.title = "done"), 1500);
      });
    </script>`;
}

beforeAll(async () => {
  hall = await startTestHall();
  // An officer holds counter 3 and a visitor waits: what the attack would close and cancel.
  await call(hall.base, "POST", "/api/counters/3/open", await login(hall.base, "canbo3"));
  const t = await call(hall.base, "POST", "/api/tickets", null, { serviceId: "dat-dai" });
  const code = t.body.ticket.code as string;
  evil = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    fetch(req) {
      evilCookies.push(req.headers.get("cookie"));
      return new Response(attackPage(hall.base, code), {
        headers: { "content-type": "text/html; charset=utf-8" },
      });
    },
  });
  browser = await launchBrowser();
  ctx = await browser.newContext();
});
afterAll(async () => {
  await ctx?.close();
  await browser?.close();
  evil?.stop(true);
  await hall?.close();
});

async function hallState() {
  const admin = await login(hall.base, "admin");
  const [users, counter, h] = await Promise.all([
    call(hall.base, "GET", "/api/users", admin),
    call(hall.base, "GET", "/api/counters/3", admin),
    call(hall.base, "GET", "/api/hall"),
  ]);
  const waiting = h.body.waiting.map((w: { serviceId: string; count: number }) => [w.serviceId, w.count]);
  return { users: users.body.users, counter: counter.body.counter, notice: h.body.notice, waiting };
}

describe("a page on another port of the same host, opened by a logged-in admin", () => {
  it("changes nothing, although the browser sends the admin's cookie with every request", async () => {
    // The admin logs in in this browser: the session cookie is in its jar.
    const r = await ctx.request.post(`${hall.base}/api/auth/login`, {
      data: { username: "admin", password: PASSWORD },
    });
    expect(r.status()).toBe(200);
    expect((await ctx.cookies(`${hall.base}/api/`)).map((c) => c.name)).toContain("qms_session");
    const before = await hallState();

    // What went over the wire, from Chromium's network layer (DevTools protocol): the
    // headers it really sent, cookie included, and the status the hall answered, also for
    // answers the page is not allowed to see (no-cors, and frames refused by frame-ancestors).
    const page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    await cdp.send("Network.enable");
    type Seen = { url: string; cookie?: boolean; type?: string; status?: number };
    const seen = new Map<string, Seen>();
    const at = (id: string) => seen.get(id) ?? seen.set(id, { url: "" }).get(id)!;
    cdp.on("Network.requestWillBeSent", (e) => {
      if (e.request.url.startsWith(`${hall.base}/api/`))
        at(e.requestId).url = `${e.request.method} ${e.request.url.slice(hall.base.length)}`;
    });
    cdp.on("Network.requestWillBeSentExtraInfo", (e) => {
      const h = Object.fromEntries(Object.entries(e.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
      at(e.requestId).cookie = (h.cookie ?? "").includes("qms_session=");
      at(e.requestId).type = h["content-type"] ?? "";
    });
    cdp.on("Network.responseReceivedExtraInfo", (e) => {
      at(e.requestId).status = e.statusCode;
    });
    await page.goto(`http://127.0.0.1:${evil.port}/`);
    await page.waitForFunction(() => document.title === "done", undefined, { timeout: 10_000 });

    await page.waitForTimeout(300);
    // Three fetches and four forms reached the hall, with the admin's cookie, as text/plain
    // or without a body, and were refused.
    const all = [...seen.values()].filter((x) => x.url);
    expect(all.length, JSON.stringify(all)).toBe(7);
    for (const s of all) {
      expect(s.cookie, JSON.stringify(s)).toBe(true);
      expect(s.type ?? "", JSON.stringify(s)).toMatch(/^(text\/plain|$)/);
      expect([403, 415], JSON.stringify(s)).toContain(s.status);
    }
    expect(await hallState()).toEqual(before);
    expect(before.counter).toMatchObject({ open: true, officer: expect.any(String) });
    expect(before.users.map((u: { username: string }) => u.username)).not.toContain("evil");
    // The attacker's page itself got no cookie: the session cookie goes to /api only.
    expect(evilCookies.every((c) => !c?.includes("qms_session"))).toBe(true);
  });
});
