/**
 * Bench of issue 14: does a burst of visitor notices to a provider that never answers move
 * the latency of issuing and calling? Two halls in turn (in-process, real HTTP port,
 * SQLite on disk): "off", no visitor asked for notices; "hung", every ticket asked for
 * Zalo and SMS and both vendors (local stand-ins) accept the connection and never answer
 * (each attempt times out after 10 s, the outbox retries). Issue N tickets, then call and
 * finish them all at one counter; prints p50/p99/max of POST /api/tickets and of
 * POST /api/counters/1/call-next, and what the outbox did meanwhile.
 * Run: npm run bench:notices  [-- --tickets 300]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startHall } from "../server/main.ts";
import { startFakeEsms, startFakeZalo } from "../tests/helpers/notice-fakes.ts";
import { ROOT, summary } from "./lib.ts";

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const N = arg("tickets", 300);

const zalo = await startFakeZalo("tok");
const sms = await startFakeEsms("k", "s", "UBND-PL");
zalo.mode = "slow";
sms.mode = "slow";
zalo.slowMs = sms.slowMs = 120_000;

async function run(label: string, subscribe: boolean, n = N) {
  const dir = mkdtempSync(join(tmpdir(), "qms-bench-notices-"));
  const config = join(dir, "hall.yaml");
  writeFileSync(
    config,
    `${readFileSync(join(ROOT, "server/config/demo-hall.yaml"), "utf8")}
notices:
  zalo: { enabled: true, url: "${zalo.url}", templates: { near: "1", called: "2", finished: "3" }, timeoutSec: 10 }
  sms: { enabled: true, url: "${sms.url}", brandname: "UBND-PL", timeoutSec: 10 }
`,
  );
  const hall = await startHall({
    port: 0,
    host: "127.0.0.1",
    mqttPort: 0,
    dataDir: join(dir, "data"),
    hallConfigPath: config,
    adminPassword: "bench-password",
    demoPassword: "bench-password",
    ticketRateLimit: 0,
    publicUrl: "http://127.0.0.1",
    noticeEnv: { zaloToken: "tok", smsApiKey: "k", smsSecretKey: "s" },
    log: () => {},
  });
  const base = `http://127.0.0.1:${hall.port}`;
  const post = async (path: string, body?: unknown, token?: string) => {
    const res = await fetch(base + path, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  try {
    const { token } = await post("/api/auth/login", { username: "canbo1", password: "bench-password" });
    await post("/api/counters/1/open", undefined, token);
    const issue: number[] = [];
    const call: number[] = [];
    let t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const s = performance.now();
      const { ticket } = await post("/api/tickets", { serviceId: i % 2 ? "ho-tich" : "chung-thuc" });
      issue.push(performance.now() - s);
      if (subscribe) {
        const phone = `09${String(10_000_000 + i).padStart(8, "0")}`;
        await post(`/api/tickets/${ticket.code}/notify`, { channel: "zalo", phone, ahead: 5 });
        await post(`/api/tickets/${ticket.code}/notify`, { channel: "sms", phone, minutes: 10 });
      }
    }
    const issueWall = performance.now() - t0;
    t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const s = performance.now();
      await post("/api/counters/1/call-next", undefined, token);
      call.push(performance.now() - s);
      await post("/api/counters/1/finish", undefined, token);
    }
    const callWall = performance.now() - t0;
    console.log(
      `\n${label}: ${n} tickets${subscribe ? ", each subscribed to Zalo and SMS; both vendors hang" : ""}`,
    );
    const a = summary(`  POST /api/tickets`, issue, issueWall);
    const b = summary(`  POST call-next`, call, callWall);
    const figures = new (await import("../server/store/outbox.ts")).OutboxStore(
      (await import("../server/store/db.ts")).openDatabase(join(dir, "data", "qms.sqlite")),
    ).figures(0);
    for (const f of figures)
      console.log(
        `  outbox ${f.channel.padEnd(5)} pending ${f.pending}, retrying ${f.retrying}, failed ${f.failed}, delivered ${f.delivered}; last error: ${f.lastError?.error ?? "—"}`,
      );
    console.log(
      `  vendor requests arrived: zalo ${zalo.arrived}, sms ${sms.arrived} (each hangs; the hall gives up on it after 10 s)`,
    );
    const nt = hall.notices;
    console.log(
      `  threshold passes: ${nt.passes}, mean ${(nt.passMsTotal / Math.max(1, nt.passes)).toFixed(2)} ms, max ${nt.passMsMax.toFixed(2)} ms`,
    );
    return { issue: a, call: b };
  } finally {
    await hall.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await run("warm-up", false, 60);
const off = await run("off", false);
const hung = await run("hung", true);
console.log("\n| | issue p50 | issue p99 | call-next p50 | call-next p99 | call-next max |");
console.log("|---|---|---|---|---|---|");
for (const [k, v] of [
  ["no notices", off],
  ["notices, vendors hang", hung],
] as const)
  console.log(
    `| ${k} | ${v.issue.p50ms} ms | ${v.issue.p99ms} ms | ${v.call.p50ms} ms | ${v.call.p99ms} ms | ${v.call.maxMs} ms |`,
  );
await zalo.close();
await sms.close();
process.exit(0);
