/**
 * A whole hall on free ports (HTTP and embedded MQTT on 127.0.0.1, a temporary data
 * directory) for integration tests, with the demo accounts (canbo1…canbo7, quanly,
 * admin) sharing `PASSWORD`, and a tiny JSON client.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type HallOptions, type RunningHall, startHall } from "../../../server/main.ts";
import { PASSWORD, send, type Target } from "../../helpers/hall.ts";

export { PASSWORD };

export interface TestHall extends RunningHall {
  base: string;
  close(): Promise<void>;
}

/** Starts a demo hall on port 0; `close()` stops it and removes its data directory. */
export async function startTestHall(o: Partial<HallOptions> = {}): Promise<TestHall> {
  const dataDir = o.dataDir ?? mkdtempSync(join(tmpdir(), "qms-counter-test-"));
  const h = await startHall({
    port: 0,
    host: "127.0.0.1",
    mqttPort: 0,
    dataDir,
    adminPassword: PASSWORD,
    demoPassword: PASSWORD,
    ticketRateLimit: 0,
    publicUrl: "http://127.0.0.1",
    log: () => {},
    ...o,
  });
  return {
    ...h,
    base: `http://127.0.0.1:${h.port}`,
    async close() {
      await h.stop();
      if (!o.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Reply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: test responses are inspected loosely
  body: any;
}

/** One HTTP request with an optional bearer token; the body parsed as JSON when there is one. */
export async function call(
  base: Target,
  method: string,
  path: string,
  token?: string | null,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const h: Record<string, string> = { ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  if (body !== undefined) h["content-type"] = "application/json";
  const res = await send(base, path, {
    method,
    headers: h,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed };
}

/** Logs in and returns the bearer token (fails the test otherwise). */
export async function login(base: Target, username: string, password = PASSWORD): Promise<string> {
  const r = await call(base, "POST", "/api/auth/login", null, { username, password });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token as string;
}

/** Issues a ticket for a field and returns it. */
// biome-ignore lint/suspicious/noExplicitAny: the Ticket shape is asserted by the callers
export async function issue(base: Target, serviceId: string, priority = "none"): Promise<any> {
  const r = await call(base, "POST", "/api/tickets", null, { serviceId, priority });
  if (r.status !== 201) throw new Error(`issue ${serviceId}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.ticket;
}

/** A reader of the public event stream (`GET /api/events`), collecting every event. */
export interface SseTap {
  // biome-ignore lint/suspicious/noExplicitAny: events are asserted by shape
  events: { type: string; data: any }[];
  /** Resolves with the first event (already seen or future) matching `pred`. */
  // biome-ignore lint/suspicious/noExplicitAny: see above
  next(pred: (e: { type: string; data: any }) => boolean, ms?: number): Promise<{ type: string; data: any }>;
  close(): void;
}

/** Opens the public event stream and resolves once its `hello` frame arrived. */
export function tapEvents(base: Target): Promise<SseTap> {
  return tapStream(base, "/api/events");
}

/**
 * Opens the staff stream's committed events (`GET /api/live/staff?views=events`, the
 * staff form: officer ids, reasons, categories) as `token`; its `event` frames are listed
 * under their event type, like the public stream's.
 */
export function tapStaffEvents(base: Target, token: string): Promise<SseTap> {
  return tapStream(base, "/api/live/staff?views=events", { authorization: `Bearer ${token}` });
}

/** Opens an SSE stream and resolves once its `hello` frame arrived; other frames are collected. */
export async function tapStream(
  base: Target,
  path: string,
  headers: Record<string, string> = {},
): Promise<SseTap> {
  const ctl = new AbortController();
  const res = await send(base, path, { signal: ctl.signal, headers });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  const events: SseTap["events"] = [];
  const waiters = new Set<() => void>();
  let buf = "";
  let hello: () => void = () => {};
  const ready = new Promise<void>((r) => {
    hello = r;
  });
  (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buf += dec.decode(value, { stream: true });
        let i = buf.indexOf("\n\n");
        while (i >= 0) {
          const frame = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const name = /^event: (.*)$/m.exec(frame)?.[1];
          const data = /^data: (.*)$/m.exec(frame)?.[1];
          if (name === "hello") hello();
          else if (name && data) {
            const parsed = JSON.parse(data);
            events.push({ type: name === "event" ? parsed.type : name, data: parsed });
            for (const w of waiters) w();
          }
          i = buf.indexOf("\n\n");
        }
      }
    } catch {
      /* aborted */
    }
  })();
  await ready;
  return {
    events,
    next(pred, ms = 3000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const e = events.find(pred);
          if (!e) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(e);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event within ${ms} ms; saw ${events.map((e) => e.type).join(", ")}`));
        }, ms);
        if (!check()) waiters.add(check);
      });
    },
    close: () => ctl.abort(),
  };
}
