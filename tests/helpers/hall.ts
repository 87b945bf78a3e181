/** Starts a whole hall in-process on free ports (real HTTP port, real embedded broker). */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

/** A small JSON client for a running hall. */
export function client(base: string, token?: string) {
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(base + path, {
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

export async function login(base: string, username: string, password = PASSWORD): Promise<string> {
  const r = await client(base)("POST", "/api/auth/login", { username, password });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token as string;
}
