/**
 * Bench of issue 4: "Gọi số tiếp theo" from the console (HTTP call-next) to the number
 * appearing on the counter's own retained MQTT display topic
 * `qms/{hall}/counter/{n}/display`, as the LED board above the counter sees it.
 * A demo hall runs in-process (real HTTP port, real embedded broker, SQLite on disk);
 * the board is an anonymous mqtt.js subscriber. Goal: p99 < 100 ms.
 * Run: npm run bench:counter  [-- --calls 500]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connectAsync } from "mqtt";
import { type CounterDisplay, topics } from "../server/contract/topics.ts";
import { startHall } from "../server/main.ts";

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const CALLS = arg("calls", 400);
const WARMUP = 20;
const GOAL_MS = 100;

const dataDir = mkdtempSync(join(tmpdir(), "qms-bench-counter-"));
const hall = await startHall({
  port: 0,
  host: "127.0.0.1",
  mqttPort: 0,
  dataDir,
  adminPassword: "bench-password",
  demoPassword: "bench-password",
  ticketRateLimit: 0,
  publicUrl: "http://127.0.0.1",
  log: () => {},
});
const base = `http://127.0.0.1:${hall.port}`;

async function post(path: string, token?: string, body?: unknown) {
  const res = await fetch(base + path, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}

try {
  const { token } = await post("/api/auth/login", undefined, {
    username: "canbo1",
    password: "bench-password",
  });
  await post("/api/counters/1/open", token);
  for (let i = 0; i < CALLS + WARMUP; i++)
    await post("/api/tickets", undefined, { serviceId: i % 2 ? "ho-tich" : "chung-thuc" });

  const t = topics("qms", hall.hall.config.id);
  const board = await connectAsync(`mqtt://127.0.0.1:${hall.mqttPort}`, { reconnectPeriod: 0 });
  const waiting = new Map<string, (at: number) => void>();
  board.on("message", (_topic, payload) => {
    const d = JSON.parse(payload.toString()) as CounterDisplay;
    if (d.state === "called" && d.number) waiting.get(d.number)?.(performance.now());
  });
  await board.subscribeAsync(t.counterDisplay(1), { qos: 1 });

  const toBoard: number[] = [];
  const toHttp: number[] = [];
  for (let i = 0; i < CALLS + WARMUP; i++) {
    let seen: (at: number) => void = () => {};
    const shown = new Promise<number>((r) => (seen = r));
    const t0 = performance.now();
    // The number is unknown until the server picks it: register the waiter for it as
    // soon as the response names it; a frame that came first is caught by `early`.
    const early = new Map<string, number>();
    const catchEarly = (_topic: string, payload: Buffer) => {
      const d = JSON.parse(payload.toString()) as CounterDisplay;
      if (d.state === "called" && d.number) early.set(d.number, performance.now());
    };
    board.on("message", catchEarly);
    const r = (await post("/api/counters/1/call-next", token)) as { ticket: { number: string } };
    const t1 = performance.now();
    const number = r.ticket.number;
    waiting.set(number, seen);
    const at = early.get(number) ?? (await shown);
    board.off("message", catchEarly);
    waiting.delete(number);
    if (i >= WARMUP) {
      toBoard.push(at - t0);
      toHttp.push(t1 - t0);
    }
    await post("/api/counters/1/finish", token);
  }
  await board.endAsync();

  const pct = (xs: number[], p: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
  };
  const fmt = (x: number) => `${x.toFixed(2)} ms`;
  console.log(`call-next → counter display topic, ${toBoard.length} calls (after ${WARMUP} warm-up):`);
  console.log(`  HTTP response   p50 ${fmt(pct(toHttp, 50))}  p99 ${fmt(pct(toHttp, 99))}`);
  console.log(
    `  LED display     p50 ${fmt(pct(toBoard, 50))}  p95 ${fmt(pct(toBoard, 95))}  p99 ${fmt(pct(toBoard, 99))}  max ${fmt(Math.max(...toBoard))}`,
  );
  const ok = pct(toBoard, 99) < GOAL_MS;
  console.log(`  goal p99 < ${GOAL_MS} ms: ${ok ? "met" : "NOT MET"}`);
  process.exitCode = ok ? 0 : 1;
} finally {
  await hall.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
