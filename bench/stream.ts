/**
 * Bench of issue 11's load test ("slow and oversized clients"): a real server process,
 * 1,000 SSE clients on the public stream of which 200 stop reading (a helper process
 * opens their sockets with a 2 KB receive buffer and never reads), 200 MQTT-over-WebSocket
 * subscribers of `hall/#`, and a kiosk issuing 50 tickets a second for `--seconds` (60).
 * Reports p50/p99 of `POST /api/tickets`, the server's RSS before the clients came, its
 * peak while they were there, and after they left; with the new server, the streams it
 * dropped for not reading (`/api/health` `sseDropped`).
 *
 * With `--before-root DIR` (a checkout of the code before this branch, node_modules
 * linked) the same load runs first against that server (its public stream `/api/events`),
 * then against this one (`/api/live`, the boards' stream).
 * After the measured seconds the kiosk goes on at the same rate for up to `--drain` seconds
 * (150; 0 = none), until every slow stream is dropped: a socket that does not read holds
 * what the kernel's buffers take (server side up to tcp_wmem's 4 MB here) before the hub's
 * own bound (256 KB) fills, so at ~25 KB/s of frames the drop comes after a minute or two.
 * Printed: the slow sockets' server-side send queues (`ss`), when the drops came, and the
 * server's JavaScript heap (`/api/health` heapMb) next to its RSS.
 * Run: npm run bench:stream [-- --seconds 60 --clients 1000 --slow 200 --mqtt 200 --rate 50 --drain 150]
 */
import { writeFileSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn, spawnSync } from "bun";
import { connectAsync, type MqttClient } from "mqtt";
import { percentile, ROOT, startServer } from "./lib.ts";

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : def;
};
const SECONDS = Number(arg("seconds", "60"));
const CLIENTS = Number(arg("clients", "1000"));
const SLOW = Number(arg("slow", "200"));
const MQTT = Number(arg("mqtt", "200"));
const RATE = Number(arg("rate", "50"));
const BEFORE_ROOT = arg("before-root", "");
const DRAIN = Number(arg("drain", "150"));

/** The server side's TCP send queues on `port` (bytes the kernel holds for clients that do not read). */
function sendQueues(port: number): { total: number; over64k: number } {
  const out = spawnSync(["ss", "-tnH", "state", "established", `( sport = :${port} )`]).stdout.toString();
  let total = 0;
  let over64k = 0;
  for (const line of out.trim().split("\n")) {
    const q = Number(line.trim().split(/\s+/)[1]);
    if (!Number.isFinite(q)) continue;
    total += q;
    if (q > 65_536) over64k++;
  }
  return { total, over64k };
}
const PASSWORD = "bench-password";

/** Opens `n` sockets that send the request and then never read (a tiny receive buffer). */
const SLOW_PY = `
import socket, sys, time
port, path, n = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
socks = []
for i in range(n):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 2048)
    s.connect(("127.0.0.1", port))
    s.sendall(("GET %s HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nAccept: text/event-stream\\r\\n\\r\\n" % path).encode())
    socks.append(s)
print("open", flush=True)
sys.stdin.readline()
`;

/** `p`, or an error after 15 s (a connection that never answers does not hang the bench). */
function withTimeout<T>(p: Promise<T>, ms = 15_000): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error("timed out")), ms)),
  ]);
}

/** The hall server of `root` with the per-address caps off (every client is 127.0.0.1). */
const startHallServer = (root: string) =>
  startServer(
    { QMS_DEMO_PASSWORD: PASSWORD, QMS_SSE_MAX_PER_ADDRESS: "0", QMS_MQTT_MAX_PER_ADDRESS: "0" },
    { root, timeoutMs: 60_000 },
  );

/** A reading SSE client on a raw socket: it takes every byte as it comes. */
function reader(port: number, path: string): Promise<{ socket: Socket; bytes: () => number }> {
  return new Promise((resolve, reject) => {
    let bytes = 0;
    const socket = connect(port, "127.0.0.1", () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n`);
    });
    socket.once("data", (d) => {
      if (!d.toString("latin1").startsWith("HTTP/1.1 200")) reject(new Error(d.toString().slice(0, 200)));
      else resolve({ socket, bytes: () => bytes });
    });
    socket.on("data", (d) => {
      bytes += d.length;
    });
    socket.on("error", () => {});
  });
}

async function run(label: string, root: string, path: string) {
  const srv = await startHallServer(root);
  const rssStart = srv.rssMb();
  const heap = async () =>
    ((await (await fetch(`${srv.base}/api/health`)).json()) as { heapMb?: number }).heapMb ?? Number.NaN;
  const heapStart = await heap();
  const services = (
    (await (await fetch(`${srv.base}/api/services`)).json()).services as { id: string }[]
  ).map((s) => s.id);
  const hallId = ((await (await fetch(`${srv.base}/api/hall`)).json()) as { hall: { id: string } }).hall.id;
  const readers: { socket: Socket; bytes: () => number }[] = [];
  for (let i = 0; i < CLIENTS - SLOW; i++) readers.push(await reader(srv.port, path));
  const pyFile = join(tmpdir(), "qms-bench-slow.py");
  writeFileSync(pyFile, SLOW_PY);
  const slow = spawn(["python3", pyFile, String(srv.port), path, String(SLOW)], {
    stdin: "pipe",
    stdout: "pipe",
    stderr: "inherit",
  });
  const out = slow.stdout.getReader();
  await out.read(); // "open"
  const subs: MqttClient[] = [];
  let mqttMsgs = 0;
  let mqttRefused = 0;
  for (let i = 0; i < MQTT; i++) {
    for (let attempt = 0; ; attempt++) {
      let c: MqttClient | null = null;
      try {
        c = await withTimeout(
          connectAsync(`ws://127.0.0.1:${srv.port}/mqtt`, {
            protocolVersion: 4,
            clientId: `bench-board-${i}-${attempt}`,
            reconnectPeriod: 0,
            connectTimeout: 10_000,
          }),
        );
        await withTimeout(c.subscribeAsync(`qms/${hallId}/hall/#`, { qos: 1 }));
        c.on("message", () => mqttMsgs++);
        subs.push(c);
        break;
      } catch (e) {
        c?.end(true);
        if (attempt >= 2) {
          mqttRefused++;
          console.error(`MQTT subscriber ${i}: ${(e as Error).message}`);
          break;
        }
      }
    }
  }
  const rssConnected = srv.rssMb();
  const heapConnected = await heap();
  let rssPeak = rssConnected;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, srv.rssMb());
  }, 500);

  const lat: number[] = [];
  let failed = 0;
  const pending: Promise<void>[] = [];
  const t0 = performance.now();
  const total = SECONDS * RATE;
  for (let i = 0; i < total; i++) {
    pending.push(
      (async () => {
        const s = performance.now();
        const res = await fetch(`${srv.base}/api/tickets`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ serviceId: services[i % services.length] }),
        });
        await res.arrayBuffer();
        if (res.status === 201) lat.push(performance.now() - s);
        else failed++;
      })(),
    );
    const wait = t0 + ((i + 1) * 1000) / RATE - performance.now();
    if (wait > 0) await Bun.sleep(wait);
  }
  await Promise.all(pending);
  await Bun.sleep(1000);
  rssPeak = Math.max(rssPeak, srv.rssMb());
  const health = (await (await fetch(`${srv.base}/api/health`)).json()) as {
    sseClients?: number;
    sseDropped?: number;
    heapMb?: number;
  };
  const queues = sendQueues(srv.port);

  // Go on until the slow streams are dropped (or `DRAIN` seconds).
  const dropped = async () =>
    ((await (await fetch(`${srv.base}/api/health`)).json()) as { sseDropped?: number }).sseDropped ?? 0;
  let drained = 0;
  let firstDropAt = Number.NaN;
  let lastDrop = 0;
  let lastDropAt = Number.NaN;
  const t1 = performance.now();
  const drainPending: Promise<unknown>[] = [];
  if (DRAIN > 0 && health.sseDropped !== undefined) {
    for (let i = 0; performance.now() - t1 < DRAIN * 1000; i++) {
      drainPending.push(
        fetch(`${srv.base}/api/tickets`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ serviceId: services[i % services.length] }),
        }).then((r) => r.arrayBuffer()),
      );
      drained++;
      if (i % RATE === 0) {
        const d = await dropped();
        if (d > 0 && Number.isNaN(firstDropAt)) firstDropAt = SECONDS + (performance.now() - t1) / 1000;
        if (d > lastDrop) {
          lastDrop = d;
          lastDropAt = SECONDS + (performance.now() - t1) / 1000;
        }
        rssPeak = Math.max(rssPeak, srv.rssMb());
        if (d >= SLOW) break;
      }
      const wait = t1 + ((i + 1) * 1000) / RATE - performance.now();
      if (wait > 0) await Bun.sleep(wait);
    }
    await Promise.all(drainPending);
  }
  const heapPeak = await heap();
  const readBytes = readers.reduce((s, r) => s + r.bytes(), 0);

  // Everyone leaves.
  for (const r of readers) r.socket.destroy();
  slow.stdin.write("bye\n");
  slow.stdin.end();
  await slow.exited;
  for (const c of subs) await c.endAsync(true);
  await Bun.sleep(5000);
  clearInterval(sampler);
  const rssAfter = srv.rssMb();
  const after = (await (await fetch(`${srv.base}/api/health`)).json()) as {
    sseClients?: number;
    heapMb?: number;
  };
  await srv.stop();
  const sorted = lat.sort((a, b) => a - b);
  return {
    label,
    path,
    issued: lat.length,
    failed,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    rssStart,
    rssConnected,
    rssPeak,
    rssAfter,
    dropped: health.sseDropped,
    droppedInDrain: lastDrop,
    drained,
    firstDropAt,
    lastDropAt,
    sendQueueMb: queues.total / 1e6,
    slowSockets: queues.over64k,
    heapStart,
    heapConnected,
    heapPeak,
    heapAfter: after.heapMb ?? Number.NaN,
    openDuring: health.sseClients,
    openAfter: after.sseClients,
    readMbPerClient: readBytes / readers.length / 1e6,
    mqttMsgs,
    mqttSubs: subs.length,
    mqttRefused,
  };
}

const f = (x: number | undefined, d = 1) => (x === undefined ? "–" : Number.isFinite(x) ? x.toFixed(d) : "–");
console.log(
  `bench:stream: ${CLIENTS} SSE clients (${SLOW} never read), ${MQTT} MQTT-over-WebSocket subscribers of hall/#, ${RATE} tickets/s for ${SECONDS} s`,
);
console.log(
  "| server | stream | tickets | issue p50 ms | issue p99 ms | max ms | RSS start MB | with clients MB | peak MB | 5 s after they left MB | streams open / dropped | MB read per reader | MQTT subs / msgs |",
);
console.log("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|");
const details: string[] = [];
const runs: [string, string, string][] = [];
if (BEFORE_ROOT) runs.push(["before", BEFORE_ROOT, "/api/events"]);
runs.push(["after", ROOT, "/api/live"]);
for (const [label, root, path] of runs) {
  const r = await run(label, root, path);
  console.log(
    `| ${r.label} | ${r.path} | ${r.issued}${r.failed ? ` (+${r.failed} failed)` : ""} | ${f(r.p50)} | ${f(r.p99)} | ${f(r.max)} | ${f(r.rssStart, 0)} | ${f(r.rssConnected, 0)} | ${f(r.rssPeak, 0)} | ${f(r.rssAfter, 0)} | ${r.openDuring ?? "–"} → ${r.openAfter ?? "–"} / ${r.dropped ?? "–"} | ${f(r.readMbPerClient, 2)} | ${r.mqttSubs} / ${r.mqttMsgs} |`,
  );
  details.push(
    `${r.label}: after ${SECONDS} s the kernel held ${f(r.sendQueueMb)} MB for clients that do not read (${r.slowSockets} sockets over 64 KB); ` +
      `going on at ${RATE} tickets/s (${r.drained} more), ${r.droppedInDrain} of ${SLOW} slow streams dropped (first at ${f(r.firstDropAt, 0)} s, last at ${f(r.lastDropAt, 0)} s); ` +
      `JS heap start / with clients / end of load / 5 s after they left: ${f(r.heapStart)} / ${f(r.heapConnected)} / ${f(r.heapPeak)} / ${f(r.heapAfter)} MB`,
  );
}
for (const d of details) console.log(d);
process.exit(0);
