/**
 * Starts a whole hall in-process on free ports (real HTTP port, real embedded broker),
 * and the small JSON client the tests use against it or against the in-process harness
 * (tests/helpers/app.ts): a `Target` is a base URL or anything with `request()`.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_HALL_PATH } from "../../server/config/load.ts";
import { type HallOptions, type RunningHall, startHall } from "../../server/main.ts";

export const PASSWORD = "secret123";

export async function startTestHall(o: HallOptions = {}): Promise<RunningHall> {
  return startHall({
    port: 0,
    mqttPort: 0,
    host: "127.0.0.1",
    dataDir: o.dataDir ?? mkdtempSync(join(tmpdir(), "qms-test-")),
    adminPassword: PASSWORD,
    demoPassword: PASSWORD,
    publicUrl: "http://hall.test",
    ticketRateLimit: 0,
    log: () => {},
    ...o,
  });
}

/** A hall to send requests to: the base URL of a real port, or the in-process app. */
export type Target = string | { request(path: string, init?: RequestInit): Promise<Response> };

/** One request to `target`: fetch() for a URL, `app.request()` in process. */
export function send(target: Target, path: string, init: RequestInit = {}): Promise<Response> {
  return typeof target === "string" ? fetch(target + path, init) : target.request(path, init);
}

/** A small JSON client for a hall. */
export function client(target: Target, token?: string) {
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await send(target, path, {
      method,
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
  };
}

export async function login(target: Target, username: string, password = PASSWORD): Promise<string> {
  const r = await client(target)("POST", "/api/auth/login", { username, password });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token as string;
}

/**
 * The demo hall as a real hall would configure its kiosks: `security.kioskPrintToken:
 * required` (the schema's default; the demo hall says optional, decision 0025). Returns
 * the path of a temporary copy of the demo config, for `hallConfigPath`.
 */
export function pairedKiosksConfig(): string {
  const text = readFileSync(DEMO_HALL_PATH, "utf8").replace(
    "kioskPrintToken: optional",
    "kioskPrintToken: required",
  );
  if (!text.includes("kioskPrintToken: required"))
    throw new Error("demo-hall.yaml has no kioskPrintToken line");
  const path = join(mkdtempSync(join(tmpdir(), "qms-paired-")), "hall.yaml");
  writeFileSync(path, text);
  return path;
}
