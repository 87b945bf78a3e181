/**
 * `npm run bench`: the hall server under load on this machine, as a separate process
 * over real HTTP. Prints tickets issued per second with 50 concurrent clients and their
 * p50/p99 latency, the same for call-next (50 counters, 50 officers), the cold start
 * time and the server's resident memory. Goals (issue 2): ≥ 1,000 tickets/s with
 * p99 < 50 ms, cold start < 1 s, < 150 MB RSS. With `--before-root DIR` (another checkout,
 * e.g. `git archive main | tar -x -C DIR` with node_modules linked) the same figures are
 * measured for it first, in the same run, and both are printed side by side.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { json, openCounters, ROOT, startServer, summary } from "./lib.ts";

const CLIENTS = 50;
const TICKETS = Number(process.env.BENCH_TICKETS ?? 10_000);
const argAt = process.argv.indexOf("--before-root");
const BEFORE_ROOT = argAt > 0 ? process.argv[argAt + 1]! : "";
const load = () =>
  `load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}`;

// A large hall: the demo's fields with 50 counters, so 50 officers can call at once.
const dir = mkdtempSync(join(tmpdir(), "qms-bench-cfg-"));
const cfg = parse(readFileSync(join(ROOT, "server/config/demo-hall.yaml"), "utf8"));
const services: string[] = cfg.services.map((s: { id: string }) => s.id);
cfg.id = "bench-hall";
cfg.counters = Array.from({ length: CLIENTS }, (_, i) => ({
  number: i + 1,
  serviceIds: [services[i % services.length], services[(i + 3) % services.length]],
  priority: i === CLIENTS - 1,
}));
cfg.counters[CLIENTS - 1].serviceIds = services;
writeFileSync(join(dir, "hall.yaml"), stringify(cfg));

async function measure(root: string, label: string) {
  console.log(`--- ${label} (${root}), ${load()}`);
  // Cold start: median of 3 fresh starts of the demo hall.
  const colds: number[] = [];
  for (let i = 0; i < 3; i++) {
    const s = await startServer({}, { root });
    colds.push(s.coldStartMs);
    await s.stop();
  }
  colds.sort((a, b) => a - b);

  const srv = await startServer({ QMS_HALL_CONFIG: join(dir, "hall.yaml") }, { root });
  const rssIdle = srv.rssMb();

  // ---- issue tickets: 50 concurrent clients
  // A busy provincial center issues about 2,000 tickets a day; the first slice is that day's
  // whole queue waiting at once, the rest a stress far past any real hall.
  const DAY = Math.min(2_000, TICKETS);
  let next = 0;
  const issueLat: number[] = [];
  const dayLat: number[] = [];
  let dayEnd = 0;
  const cpu0 = srv.cpuMs();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < TICKETS) {
        const i = next++;
        const a = performance.now();
        const r = await json(srv.base, "POST", "/api/tickets", {
          serviceId: services[i % 7],
          priority: i % 9 === 0 ? "elderly" : "none",
        });
        const ms = performance.now() - a;
        issueLat.push(ms);
        if (i < DAY) {
          dayLat.push(ms);
          if (dayLat.length === DAY) dayEnd = performance.now();
        }
        if (r.status !== 201) throw new Error(`issue: ${r.status} ${JSON.stringify(r.body)}`);
      }
    }),
  );
  const day = summary(`POST /api/tickets, 0–${DAY} waiting`, dayLat, dayEnd - t0);
  const issue = summary(`POST /api/tickets, 0–${TICKETS} waiting`, issueLat, performance.now() - t0);
  const issueCpuMs = (srv.cpuMs() - cpu0) / TICKETS;
  console.log("  (the issue path without a printer; kiosk → print job is measured by `npm run bench:print`)");
  const rssAfterIssue = srv.rssMb();

  // ---- call-next: 50 officers at 50 counters, each call-next then finish
  const officers = await openCounters(srv.base, CLIENTS, "bench-password");
  const callLat: number[] = [];
  let calls = 0;
  const CALLS = Math.min(TICKETS, 10_000);
  const cpu1 = srv.cpuMs();
  const t1 = performance.now();
  await Promise.all(
    officers.map(async (tok, i) => {
      while (calls < CALLS) {
        calls++;
        const a = performance.now();
        const r = await json(srv.base, "POST", `/api/counters/${i + 1}/call-next`, undefined, tok);
        callLat.push(performance.now() - a);
        if (r.status === 204) return;
        if (r.status !== 200) throw new Error(`call-next: ${r.status} ${JSON.stringify(r.body)}`);
        await json(srv.base, "POST", `/api/counters/${i + 1}/finish`, undefined, tok);
      }
    }),
  );
  const call = summary("POST /counters/{n}/call-next", callLat, performance.now() - t1);
  // Per call: the call-next and the finish after it (both are the officer's requests).
  const callCpuMs = (srv.cpuMs() - cpu1) / callLat.length;
  const rssEnd = srv.rssMb();
  await srv.stop();
  console.log(
    `cold start (median of 3)     ${colds[1]!.toFixed(0)} ms   [${colds.map((c) => c.toFixed(0)).join(", ")}]`,
  );
  console.log(
    `server RSS                   idle ${rssIdle.toFixed(0)} MB, after ${TICKETS} tickets ${rssAfterIssue.toFixed(0)} MB, end ${rssEnd.toFixed(0)} MB`,
  );
  console.log(`(call-next wall time includes the officers' finish requests between calls)`);
  console.log(
    JSON.stringify({
      issue,
      call,
      coldStartMs: Math.round(colds[1]!),
      rssMb: Math.round(Math.max(rssAfterIssue, rssEnd)),
    }),
  );
  return {
    label,
    issue,
    day,
    call,
    coldStartMs: Math.round(colds[1]!),
    issueCpuMs,
    callCpuMs,
    rssIdle,
    rssAfterIssue,
    rssEnd,
  };
}

const results = [];
if (BEFORE_ROOT) results.push(await measure(BEFORE_ROOT, "before"));
results.push(await measure(ROOT, BEFORE_ROOT ? "after" : "this checkout"));
console.log(`\n${load()}`);
console.log(
  "| run | tickets/s (0–2,000) | issue p99 ms (0–2,000) | tickets/s (all) | issue p99 ms | server CPU ms/issue | call-next/s | call-next p99 ms | server CPU ms/call | cold start ms | RSS idle/after MB |",
);
console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const r of results)
  console.log(
    `| ${r.label} | ${r.day.perSec} | ${r.day.p99ms} | ${r.issue.perSec} | ${r.issue.p99ms} | ${r.issueCpuMs.toFixed(2)} | ${r.call.perSec} | ${r.call.p99ms} | ${r.callCpuMs.toFixed(2)} | ${r.coldStartMs} | ${r.rssIdle.toFixed(0)}/${Math.max(r.rssAfterIssue, r.rssEnd).toFixed(0)} |`,
  );
