/**
 * Province test support: the province server in-process on free ports, halls with their own
 * ids (the demo hall's config under another id and name), a JSON client with a staff token,
 * a reader of the live wall's event stream, and waiting for a condition.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ProvinceOptions, type RunningProvince, startProvince } from "../../province/main.ts";
import { loadHallConfig } from "../../server/config/load.ts";
import type { RunningHall } from "../../server/main.ts";
import { client, PASSWORD, startTestHall } from "../helpers/hall.ts";
import { freshDataDir } from "./pglite.ts";

export const ADMIN_PASSWORD = "province-secret-1";

/**
 * The province on free ports (HTTP and embedded broker), PGlite in a fresh folder unless a
 * database URL is given; a folder it made itself is removed by `stop()`.
 */
export async function startTestProvince(o: ProvinceOptions = {}): Promise<RunningProvince> {
  const own = o.dataDir
    ? null
    : o.databaseUrl
      ? mkdtempSync(join(tmpdir(), "qms-province-"))
      : await freshDataDir();
  const p = await startProvince({
    port: 0,
    mqttPort: 0,
    host: "127.0.0.1",
    dataDir: own ?? o.dataDir,
    adminPassword: ADMIN_PASSWORD,
    log: () => {},
    ...o,
  });
  if (!own) return p;
  const stop = p.stop.bind(p);
  p.stop = async () => {
    await stop();
    rmSync(own, { recursive: true, force: true });
  };
  return p;
}

/** A hall config file: the demo hall under another id and name. */
export function hallConfigFile(id: string, vi: string): string {
  const cfg = { ...loadHallConfig(), id, name: { vi, en: vi } };
  const f = join(mkdtempSync(join(tmpdir(), "qms-hallcfg-")), `${id}.json`);
  writeFileSync(f, JSON.stringify(cfg));
  return f;
}

/** Logs in at the province; returns a JSON client with the token. */
export async function provinceClient(p: { url: string }, username = "admin", password = ADMIN_PASSWORD) {
  const r = await client(p.url)("POST", "/api/auth/login", { username, password });
  if (r.status !== 200) throw new Error(`province login: ${r.status} ${JSON.stringify(r.body)}`);
  return { call: client(p.url, r.body.token as string), token: r.body.token as string };
}

/** Registers a hall at the province (admin API); returns `http://id:secret@host:port`. */
export async function addHall(p: RunningProvince, id: string, name: string, area: string | null = null) {
  const { call } = await provinceClient(p);
  const r = await call("POST", "/api/halls", { id, name: { vi: name, en: name }, area });
  if (r.status !== 201) throw new Error(`add hall: ${r.status} ${JSON.stringify(r.body)}`);
  const [hallId, secret] = (r.body.credential as string).split(":");
  return { url: `http://${hallId}:${secret}@127.0.0.1:${p.port}`, secret: secret! };
}

/** A hall (in process, real ports) linked to the province. */
export async function startLinkedHall(
  provinceUrl: string,
  o: { id?: string; name?: string; dataDir?: string } & Parameters<typeof startTestHall>[0] = {},
): Promise<RunningHall> {
  const { id, name, ...rest } = o;
  return startTestHall({
    hallConfigPath: id && id !== "phu-lien" ? hallConfigFile(id, name ?? id) : undefined,
    provinceUrl,
    uplinkTuning: { maxBackoffMs: 500, throttleMs: 100 },
    ...rest,
  });
}

/** Polls `fn` until it returns a truthy value (or throws after `ms`). */
export async function until<T>(
  fn: () => Promise<T> | T,
  ms = 15_000,
  what = "condition",
): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
    await Bun.sleep(50);
  }
}

/** Reads the live wall (`/api/live`) as a list of frames, with a waiter. */
export async function liveFrames(p: { url: string }, token: string) {
  const ctl = new AbortController();
  const res = await fetch(`${p.url}/api/live`, {
    headers: { authorization: `Bearer ${token}` },
    signal: ctl.signal,
  });
  if (res.status !== 200) throw new Error(`live: ${res.status}`);
  const frames: { type: string; at: number; data: Record<string, unknown> }[] = [];
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  let buf = "";
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buf += dec.decode(value, { stream: true });
        let i = buf.indexOf("\n\n");
        while (i >= 0) {
          const chunk = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const type = /^event: (.+)$/m.exec(chunk)?.[1];
          const data = /^data: (.+)$/m.exec(chunk)?.[1];
          if (type && data) frames.push({ type, at: Date.now(), data: JSON.parse(data) });
          i = buf.indexOf("\n\n");
        }
      }
    } catch {
      /* aborted */
    }
  })();
  return {
    frames,
    close: () => ctl.abort(),
  };
}

export { PASSWORD };
