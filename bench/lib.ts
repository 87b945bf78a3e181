/** Helpers shared by the benchmarks: a server process, free ports, latency figures. */

import { mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Subprocess, spawn } from "bun";

export const ROOT = join(import.meta.dir, "..");

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
  const p = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return p;
}

export interface ServerProc {
  base: string;
  port: number;
  proc: Subprocess;
  dataDir: string;
  coldStartMs: number;
  rssMb(): number;
  /** CPU time (user + system) the server process has used so far, ms. */
  cpuMs(): number;
  stop(): Promise<void>;
}

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const CLK_TCK = 100;

/**
 * Spawns `bun server/main.ts` (of `o.root`, default this checkout: a bench may run an older
 * checkout for "before" figures; or `o.script`, another server) and measures the time until
 * /api/health answers.
 */
export async function startServer(
  env: Record<string, string> = {},
  o: { root?: string; timeoutMs?: number; script?: string } = {},
): Promise<ServerProc> {
  const root = o.root ?? ROOT;
  const port = await freePort();
  const dataDir = env.QMS_DATA_DIR ?? mkdtempSync(join(tmpdir(), "qms-bench-"));
  const t0 = performance.now();
  const flags = process.env.BENCH_BUN_FLAGS ? process.env.BENCH_BUN_FLAGS.split(" ") : [];
  const proc = spawn([process.execPath, ...flags, o.script ?? join(root, "server/main.ts")], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      QMS_DATA_DIR: dataDir,
      QMS_MQTT_PORT: "0",
      QMS_ADMIN_PASSWORD: "bench-password",
      QMS_TICKET_RATE_LIMIT: "0",
      ...env,
    },
    stdout: "ignore",
    stderr: "inherit",
  });
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      /* not yet */
    }
    if (performance.now() - t0 > (o.timeoutMs ?? 15_000)) throw new Error("server did not start");
    await Bun.sleep(5);
  }
  const coldStartMs = performance.now() - t0;
  return {
    base,
    port,
    proc,
    dataDir,
    coldStartMs,
    rssMb() {
      const s = readFileSync(`/proc/${proc.pid}/status`, "utf8");
      return Number(/VmRSS:\s+(\d+)/.exec(s)![1]) / 1024;
    },
    cpuMs() {
      const st = readFileSync(`/proc/${proc.pid}/stat`, "utf8");
      const f = st.slice(st.lastIndexOf(")") + 2).split(" ");
      return ((Number(f[11]) + Number(f[12])) * 1000) / CLK_TCK;
    },
    async stop() {
      proc.kill("SIGTERM");
      await proc.exited;
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function summary(name: string, latencies: number[], wallMs: number) {
  const s = [...latencies].sort((a, b) => a - b);
  const line = {
    name,
    requests: s.length,
    perSec: Math.round((s.length / wallMs) * 1000),
    p50ms: +percentile(s, 50).toFixed(2),
    p99ms: +percentile(s, 99).toFixed(2),
    maxMs: +s[s.length - 1]!.toFixed(2),
  };
  console.log(
    `${name.padEnd(28)} ${String(line.requests).padStart(7)} req  ${String(line.perSec).padStart(6)}/s  p50 ${line.p50ms} ms  p99 ${line.p99ms} ms  max ${line.maxMs} ms`,
  );
  return line;
}

export async function json(base: string, method: string, path: string, body?: unknown, token?: string) {
  const res = await fetch(base + path, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/**
 * Creates `count` officer accounts (`o1`…), logs each in and opens counter i for officer i,
 * as the admin of a hall started with password `password`; returns the officers' tokens.
 */
export async function openCounters(base: string, count: number, password: string): Promise<string[]> {
  const admin = (await json(base, "POST", "/api/auth/login", { username: "admin", password })).body.token;
  const officers: string[] = [];
  for (let i = 1; i <= count; i++) {
    await json(
      base,
      "POST",
      "/api/users",
      { username: `o${i}`, password, name: `O${i}`, role: "officer" },
      admin,
    );
    const tok = (await json(base, "POST", "/api/auth/login", { username: `o${i}`, password })).body.token;
    await json(base, "POST", `/api/counters/${i}/open`, undefined, tok);
    officers.push(tok);
  }
  return officers;
}
