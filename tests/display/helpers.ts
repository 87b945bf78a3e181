/**
 * Support for the display's browser tests and screenshots: a real hall through its HTTP
 * API (officers log in, open counters, call), and a real Chromium (playwright-core)
 * started with the kiosk's autoplay flag.
 */
import { cpSync, existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import type { Priority, Ticket } from "../../server/contract/domain.ts";
import { type RunningHall, startHall } from "../../server/main.ts";
import { launchBrowser as launchChromium } from "../helpers/browser.ts";

export const ROOT = join(import.meta.dirname, "..", "..");
export const PASSWORD = "secret123";

/** Chromium as a hall TV runs it: headless here, autoplay allowed (display/README.md). */
export function launchBrowser(): Promise<Browser> {
  return launchChromium(["--autoplay-policy=no-user-gesture-required"]);
}

/**
 * A private copy of the built display (dist/display from `npm run build`), so a build
 * running elsewhere (it empties dist/) cannot pull the page from under a test.
 */
export function copyDist(): string {
  const src = join(ROOT, "dist", "display");
  if (!existsSync(join(src, "display.js")) || !existsSync(join(src, "voice", "manifest.json")))
    throw new Error("dist/display is missing: run `npm run build` first");
  const dist = join(mkdtempSync(join(tmpdir(), "qms-display-dist-")), "dist");
  cpSync(src, join(dist, "display"), { recursive: true });
  return dist;
}

/** A demo hall on 127.0.0.1 serving the display from `distDir`; `url` is its base URL. */
export async function startDisplayHall(o: {
  port: number;
  dataDir: string;
  distDir: string;
}): Promise<RunningHall & { base: string }> {
  const h = await startHall({
    port: o.port,
    host: "127.0.0.1",
    mqttPort: 0,
    dataDir: o.dataDir,
    distDir: o.distDir,
    adminPassword: PASSWORD,
    demoPassword: PASSWORD,
    ticketRateLimit: 0,
    publicUrl: "http://127.0.0.1",
    log: () => {},
  });
  return { ...h, base: `http://127.0.0.1:${h.port}` };
}

async function call<T>(url: string, method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(url + path, {
    method,
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

export async function login(url: string, username: string, password = PASSWORD): Promise<string> {
  return (await call<{ token: string }>(url, "POST", "/api/auth/login", undefined, { username, password }))
    .token;
}

export async function issue(url: string, serviceId: string, priority: Priority = "none"): Promise<Ticket> {
  return (await call<{ ticket: Ticket }>(url, "POST", "/api/tickets", undefined, { serviceId, priority }))
    .ticket;
}

/** An officer at counter n: canbo<n> / secret123 in the demo hall. */
export class Officer {
  private constructor(
    private readonly url: string,
    readonly token: string,
    readonly counter: number,
  ) {}

  static async open(url: string, counter: number): Promise<Officer> {
    const o = new Officer(url, await login(url, `canbo${counter}`), counter);
    await call(url, "POST", `/api/counters/${counter}/open`, o.token);
    return o;
  }

  /** Logs in again (after a server restart) without reopening the counter. */
  static async resume(url: string, counter: number): Promise<Officer> {
    return new Officer(url, await login(url, `canbo${counter}`), counter);
  }

  async act(action: "call-next" | "recall" | "finish" | "start" | "no-show"): Promise<Ticket | null> {
    const r = await call<{ ticket: Ticket } | null>(
      this.url,
      "POST",
      `/api/counters/${this.counter}/${action}`,
      this.token,
    );
    return r?.ticket ?? null;
  }

  /** Finishes the current ticket if any, then calls the next one. */
  async next(): Promise<Ticket> {
    await this.act("finish").catch(() => null);
    const t = await this.act("call-next");
    if (!t) throw new Error(`nobody waits for counter ${this.counter}`);
    return t;
  }
}

/**
 * A busy morning in the demo hall: seven counters open, fourteen calls (three of them
 * priority visitors, the newest at the priority counter), people waiting in every field
 * (a priority visitor among those waiting for civil status).
 */
export async function seedMorning(url: string): Promise<Officer[]> {
  const fields = ["ho-tich", "chung-thuc", "dat-dai", "cu-tru", "bhxh", "chinh-sach", "kinh-doanh"];
  const counts = [9, 6, 8, 4, 5, 3, 4];
  for (const [i, f] of fields.entries()) for (let k = 0; k < counts[i]!; k++) await issue(url, f);
  const officers = await Promise.all([1, 2, 3, 4, 5, 6, 7].map((n) => Officer.open(url, n)));
  for (const n of [1, 2, 3, 4, 5, 6]) await officers[n - 1]!.next();
  // Priority visitors arrive mid-morning and are called ahead of the others.
  await issue(url, "ho-tich", "elderly");
  await issue(url, "dat-dai", "disabled");
  for (const n of [1, 2, 3, 4, 5, 6, 7]) await officers[n - 1]!.next();
  await issue(url, "bhxh", "pregnant");
  await issue(url, "ho-tich", "merit");
  await officers[6]!.next();
  return officers;
}

export { call as apiCall };
