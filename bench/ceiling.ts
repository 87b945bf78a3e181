/**
 * `npm run bench:ceiling`: issue 10's side-by-side, in one run. The same clients (50 at
 * once over real HTTP) against (1) the ceiling, a minimal Bun + Hono + bun:sqlite server
 * doing one INSERT per request (bench/ceiling-server.ts), and (2) the hall server (the
 * large hall of `npm run bench`: 50 counters, 50 officers), and with `--before-root DIR`
 * (3) an older checkout of it. Per server: issue throughput, p50/p99 and the server's CPU
 * time per request (user + system from /proc, over the phase), then the same for the
 * officers' call-next (each call-next followed by a finish, as at a desk; the ceiling does
 * the same two requests, one INSERT each).
 *
 *   npm run bench:ceiling -- --issues 1000 --calls 1000 [--before-root DIR] [--hall-only] [--pause-ms N]
 *
 * Profiling (docs/decisions/0117-hall-cpu-per-request.md): BENCH_BUN_FLAGS="--cpu-prof
 * --cpu-prof-dir=DIR" --hall-only --pause-ms 1500, then scripts/cpu-profile.ts FILE --split 2.
 *
 * The load average is printed with the figures: this machine is shared.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { json, openCounters, percentile, ROOT, type ServerProc, startServer } from "./lib.ts";

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : def;
};
const ISSUES = Number(arg("issues", "1000"));
const CALLS = Number(arg("calls", "1000"));
const BEFORE_ROOT = arg("before-root", "");
// Profiling aids: `--hall-only` skips the ceiling; `--pause-ms N` idles between the phases
// (and before the first) so that a `--cpu-prof` profile (BENCH_BUN_FLAGS) splits at the gaps (scripts/cpu-profile.ts).
const HALL_ONLY = process.argv.includes("--hall-only");
const PAUSE_MS = Number(arg("pause-ms", "0"));
const CLIENTS = 50;
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");

// The large hall of bench/core.ts: the demo's fields over 50 counters.
const dir = mkdtempSync(join(tmpdir(), "qms-ceiling-cfg-"));
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

interface Phase {
  requests: number;
  perSec: number;
  p50: number;
  p99: number;
  cpuMsPerReq: number;
}

async function phase(srv: ServerProc, workers: number, step: (w: number) => Promise<number | null>) {
  const lat: number[] = [];
  const requests = 0;
  const cpu0 = srv.cpuMs();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (;;) {
        const r = await step(w);
        if (r === null) return;
        lat.push(r);
      }
    }),
  );
  const wall = performance.now() - t0;
  const cpu = srv.cpuMs() - cpu0;
  return { lat, wall, cpu, requests };
}

async function measure(label: string, kind: "ceiling" | "hall", root = ROOT) {
  const srv =
    kind === "ceiling"
      ? await startServer({}, { script: join(ROOT, "bench/ceiling-server.ts") })
      : await startServer({ QMS_HALL_CONFIG: join(dir, "hall.yaml") }, { root, timeoutMs: 60_000 });
  try {
    // Officers at their counters (the hall only; the ceiling has no accounts).
    const officers: (string | undefined)[] =
      kind === "hall"
        ? await openCounters(srv.base, CLIENTS, "bench-password")
        : Array.from({ length: CLIENTS }, () => undefined);

    if (PAUSE_MS > 0) await Bun.sleep(PAUSE_MS);
    let next = 0;
    const issue = await phase(srv, CLIENTS, async () => {
      if (next >= ISSUES) return null;
      const i = next++;
      const a = performance.now();
      const r = await json(srv.base, "POST", "/api/tickets", {
        serviceId: services[i % 7],
        priority: i % 9 === 0 ? "elderly" : "none",
      });
      if (r.status !== 201) throw new Error(`${label} issue: ${r.status} ${JSON.stringify(r.body)}`);
      return performance.now() - a;
    });
    if (PAUSE_MS > 0) await Bun.sleep(PAUSE_MS);
    let calls = 0;
    let finishes = 0;
    const call = await phase(srv, CLIENTS, async (w) => {
      if (calls >= CALLS) return null;
      calls++;
      const n = w + 1;
      const a = performance.now();
      const r = await json(srv.base, "POST", `/api/counters/${n}/call-next`, undefined, officers[w]);
      const ms = performance.now() - a;
      if (r.status === 204) return null;
      if (r.status !== 200) throw new Error(`${label} call-next: ${r.status} ${JSON.stringify(r.body)}`);
      await json(srv.base, "POST", `/api/counters/${n}/finish`, undefined, officers[w]);
      finishes++;
      return ms;
    });
    const sum = (p: { lat: number[]; wall: number; cpu: number }, requests: number): Phase => {
      const s = [...p.lat].sort((a, b) => a - b);
      return {
        requests,
        perSec: Math.round((p.lat.length / p.wall) * 1000),
        p50: percentile(s, 50),
        p99: percentile(s, 99),
        cpuMsPerReq: p.cpu / requests,
      };
    };
    return {
      label,
      issue: sum(issue, issue.lat.length),
      // CPU per call-next: the phase's CPU over its call-next and finish requests.
      call: sum(call, call.lat.length + finishes),
      rssMb: srv.rssMb(),
    };
  } finally {
    await srv.stop();
  }
}

console.log(
  `bench:ceiling: ${CLIENTS} clients at once; ${ISSUES} tickets issued, then ${CALLS} call-next (each followed by a finish); load average ${load()}`,
);
const results = [];
if (!HALL_ONLY) results.push(await measure("ceiling (Bun + Hono + bun:sqlite, one INSERT)", "ceiling"));
if (BEFORE_ROOT) results.push(await measure("hall server, before", "hall", BEFORE_ROOT));
results.push(await measure(BEFORE_ROOT ? "hall server, after" : "hall server", "hall"));
const ceiling = HALL_ONLY
  ? { issue: { cpuMsPerReq: Number.NaN }, call: { cpuMsPerReq: Number.NaN } }
  : results[0]!;
const f = (x: number, d = 2) => x.toFixed(d);
console.log(`load average after: ${load()}`);
console.log(
  "| server | issue/s | issue p50 / p99 ms | CPU ms/issue | × ceiling | call-next/s | call-next p50 / p99 ms | CPU ms/request (call-next, finish) | × ceiling | RSS MB |",
);
console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const r of results)
  console.log(
    `| ${r.label} | ${r.issue.perSec} | ${f(r.issue.p50, 1)} / ${f(r.issue.p99, 1)} | ${f(r.issue.cpuMsPerReq, 3)} | ${f(r.issue.cpuMsPerReq / ceiling.issue.cpuMsPerReq, 1)} | ${r.call.perSec} | ${f(r.call.p50, 1)} / ${f(r.call.p99, 1)} | ${f(r.call.cpuMsPerReq, 3)} | ${f(r.call.cpuMsPerReq / ceiling.call.cpuMsPerReq, 1)} | ${f(r.rssMb, 0)} |`,
  );
process.exit(0);
