/**
 * Bench of issue 11's load test ("slow and oversized clients"): a real server process,
 * 1,000 SSE clients on the public stream of which 200 stop reading (a helper process
 * opens their sockets with a 2 KB receive buffer and never reads), 200 MQTT-over-WebSocket
 * subscribers of `hall/#`, and a kiosk issuing 50 tickets a second for `--seconds` (60).
 * The readers and subscribers run in a Node process of their own (stream-clients.mjs), so
 * the bench's timing of `POST /api/tickets` does not share an event loop with them.
 *
 * Printed: p50/p99/max of the issues; the server's RSS and JS heap before the clients,
 * with them, at the peak of the load and 5 s after they left; how many of the slow
 * streams were dropped and when (decision 0116: unsent bytes in the process and the
 * kernel over 256 KB, or a queue that does not empty for 20 s); the kernel's send queues
 * left at the end; the MQTT subscribers and what they got; the frames encoded, published
 * and queued (copies) during the load: one encoding per frame, whatever the clients.
 * With `--before-root DIR` (a checkout of older code, node_modules linked) the same load
 * runs first against that server (same load, same stream).
 * Run: npm run bench:stream [-- --seconds 60 --clients 1000 --slow 200 --mqtt 200 --rate 50]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn, spawnSync } from "bun";
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

/** The hall server of `root` with the per-address caps off (every client is 127.0.0.1). */
const startHallServer = (root: string) =>
  startServer(
    { QMS_DEMO_PASSWORD: PASSWORD, QMS_SSE_MAX_PER_ADDRESS: "0", QMS_MQTT_MAX_PER_ADDRESS: "0" },
    { root, timeoutMs: 60_000 },
  );

interface Health {
  sseClients?: number;
  sseDropped?: number;
  heapMb?: number;
  sseFrames?: { encoded: number; published: number; sent: number };
}

async function run(label: string, root: string, path: string) {
  const srv = await startHallServer(root);
  const health = async () => (await (await fetch(`${srv.base}/api/health`)).json()) as Health;
  const rssStart = srv.rssMb();
  const heapStart = (await health()).heapMb ?? Number.NaN;
  const services = (
    (await (await fetch(`${srv.base}/api/services`)).json()).services as { id: string }[]
  ).map((s) => s.id);
  const hallId = ((await (await fetch(`${srv.base}/api/hall`)).json()) as { hall: { id: string } }).hall.id;

  // The readers and the MQTT subscribers in a Node process of their own (stream-clients.mjs).
  const clients = spawn(
    [
      "node",
      join(ROOT, "bench/stream-clients.mjs"),
      String(srv.port),
      path,
      hallId,
      String(CLIENTS - SLOW),
      String(MQTT),
    ],
    { stdin: "pipe", stdout: "pipe", stderr: "inherit" },
  );
  const lines = lineReader(clients.stdout);
  const ready = JSON.parse((await lines()).replace(/^ready /, "")) as ClientStats;
  // The slow ones: a helper that opens its sockets with a 2 KB receive buffer and never reads.
  const pyFile = join(tmpdir(), "qms-bench-slow.py");
  writeFileSync(pyFile, SLOW_PY);
  const slow = spawn(["python3", pyFile, String(srv.port), path, String(SLOW)], {
    stdin: "pipe",
    stdout: "pipe",
    stderr: "inherit",
  });
  await slow.stdout.getReader().read(); // "open"
  await Bun.sleep(1000);
  const rssConnected = srv.rssMb();
  const before = await health();
  const heapConnected = before.heapMb ?? Number.NaN;
  let rssPeak = rssConnected;
  let heapPeak = heapConnected;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, srv.rssMb());
  }, 250);

  const lat: number[] = [];
  let failed = 0;
  const pending: Promise<void>[] = [];
  const t0 = performance.now();
  // Once a second: the drops so far, and the heap.
  const drops: { at: number; n: number }[] = [];
  let polling = true;
  const poller = (async () => {
    while (polling) {
      await Bun.sleep(1000);
      const h = await health();
      heapPeak = Math.max(heapPeak, h.heapMb ?? 0);
      const n = h.sseDropped ?? 0;
      if (n > (drops.at(-1)?.n ?? 0)) drops.push({ at: (performance.now() - t0) / 1000, n });
    }
  })();
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
  const loadSeconds = (performance.now() - t0) / 1000;
  await Bun.sleep(1500);
  polling = false;
  await poller;
  rssPeak = Math.max(rssPeak, srv.rssMb());
  const end = await health();
  heapPeak = Math.max(heapPeak, end.heapMb ?? 0);
  const queues = sendQueues(srv.port);
  clients.stdin.write("stats\n");
  clients.stdin.flush();
  const cs = JSON.parse((await lines()).replace(/^stats /, "")) as ClientStats;

  // Everyone leaves.
  clients.stdin.write("bye\n");
  clients.stdin.end();
  slow.stdin.write("bye\n");
  slow.stdin.end();
  await Promise.all([clients.exited, slow.exited]);
  await Bun.sleep(5000);
  clearInterval(sampler);
  const rssAfter = srv.rssMb();
  const after = await health();
  await srv.stop();
  const sorted = lat.sort((a, b) => a - b);
  const frames = (h: Health) =>
    h.sseFrames ?? { encoded: Number.NaN, published: Number.NaN, sent: Number.NaN };
  const f0 = frames(before);
  const f1 = frames(end);
  return {
    label,
    path,
    issued: lat.length,
    failed,
    loadSeconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    rssStart,
    rssConnected,
    rssPeak,
    rssAfter,
    heapStart,
    heapConnected,
    heapPeak,
    heapAfter: after.heapMb ?? Number.NaN,
    openDuring: before.sseClients,
    openEnd: end.sseClients,
    openAfter: after.sseClients,
    dropped: end.sseDropped,
    firstDropAt: drops[0]?.at ?? Number.NaN,
    lastDropAt: drops.at(-1)?.at ?? Number.NaN,
    sendQueueMb: queues.total / 1e6,
    slowSockets: queues.over64k,
    encoded: f1.encoded - f0.encoded,
    published: f1.published - f0.published,
    sent: f1.sent - f0.sent,
    ready,
    cs,
  };
}

interface ClientStats {
  readers: number;
  readerClosed: number;
  mbPerReader: number;
  mqttSubs: number;
  mqttRefused: number;
  mqttClosed: number;
  mqttMsgs: number;
  openMs: number;
  readersMs: number;
}

/** Reads `stream` line by line. */
function lineReader(stream: ReadableStream<Uint8Array>): () => Promise<string> {
  const reader = stream.getReader();
  let buf = "";
  return async () => {
    while (!buf.includes("\n")) {
      const { value, done } = await reader.read();
      if (done) throw new Error("the clients' process ended");
      buf += new TextDecoder().decode(value);
    }
    const i = buf.indexOf("\n");
    const line = buf.slice(0, i);
    buf = buf.slice(i + 1);
    return line;
  };
}

const f = (x: number | undefined, d = 1) => (x === undefined ? "–" : Number.isFinite(x) ? x.toFixed(d) : "–");
const load = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
console.log(
  `bench:stream: ${CLIENTS} SSE clients (${SLOW} never read), ${MQTT} MQTT-over-WebSocket subscribers of hall/#, ${RATE} tickets/s for ${SECONDS} s; load average at start ${load()}`,
);
console.log(
  "| server | stream | tickets | issue p50 ms | p99 ms | max ms | RSS start / with clients / peak / 5 s after MB | heap start / with clients / peak / after MB | slow streams dropped (first, last s) | streams open → end → after | MB read per reader | MQTT subs / msgs / closed | frames encoded / published / copies | load avg after |",
);
console.log("|---|---|---:|---:|---:|---:|---|---|---|---|---:|---|---|---|");
const details: string[] = [];
const runs: [string, string, string][] = [];
if (BEFORE_ROOT) runs.push(["before", BEFORE_ROOT, "/api/live"]);
runs.push(["after", ROOT, "/api/live"]);
for (const [label, root, path] of runs) {
  const r = await run(label, root, path);
  console.log(
    `| ${r.label} | ${r.path} | ${r.issued}${r.failed ? ` (+${r.failed} failed)` : ""} | ${f(r.p50)} | ${f(r.p99)} | ${f(r.max)} | ${f(r.rssStart, 0)} / ${f(r.rssConnected, 0)} / ${f(r.rssPeak, 0)} / ${f(r.rssAfter, 0)} | ${f(r.heapStart)} / ${f(r.heapConnected)} / ${f(r.heapPeak)} / ${f(r.heapAfter)} | ${r.dropped ?? "–"} of ${SLOW} (${f(r.firstDropAt, 0)}, ${f(r.lastDropAt, 0)}) | ${r.openDuring ?? "–"} → ${r.openEnd ?? "–"} → ${r.openAfter ?? "–"} | ${f(r.cs.mbPerReader, 2)} | ${r.cs.mqttSubs} / ${r.cs.mqttMsgs} / ${r.cs.mqttClosed} | ${r.encoded} / ${r.published} / ${r.sent} | ${load()} |`,
  );
  details.push(
    `${r.label}: clients opened in ${f(r.ready.openMs / 1000)} s (readers ${f(r.ready.readersMs / 1000)} s), ${r.ready.mqttRefused} MQTT subscribers refused; load ran ${f(r.loadSeconds)} s; ` +
      `at the end the kernel held ${f(r.sendQueueMb)} MB for clients that do not read (${r.slowSockets} sockets over 64 KB); ` +
      `${r.cs.readerClosed} reading streams closed by the server`,
  );
}
for (const d of details) console.log(d);
process.exit(0);
