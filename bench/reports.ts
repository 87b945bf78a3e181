/**
 * Times every report over one year and one quarter of a generated hall (bench/gen-year.ts):
 *
 *   node scripts/bun.mjs bench/gen-year.ts --out /tmp/rep-year.db      # once, ~1.5 min
 *   npm run bench:reports -- --db /tmp/rep-year.db [--year 2025] [--runs 5]
 *
 * Prints, per report and grouping, the best and median wall time of `runs` runs (the first
 * run also pays for SQLite's page cache). Issue 6 asks < 1 s for a year of ≈ 500,000 tickets.
 */
import { parseArgs } from "node:util";
import { REPORT_GROUPS } from "../server/contract/reports.ts";
import { dayStartMs } from "../server/queue/time.ts";
import { buildBreachList } from "../server/reports/breaches.ts";
import { buildOfficerReport } from "../server/reports/officers.ts";
import { inlineRunner, WorkerReportRunner } from "../server/reports/runner.ts";
import { buildWaitReport, type ReportDeps } from "../server/reports/waits.ts";
import { openDatabase } from "../server/store/db.ts";
import { ReportStore } from "../server/store/reports.ts";
import { provincialHall } from "./reports-hall.ts";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "/tmp/rep-year.db" },
    year: { type: "string", default: "2025" },
    runs: { type: "string", default: "5" },
  },
});
const y = values.year!;
const runs = Number(values.runs);
const db = openDatabase(values.db!);
const deps: ReportDeps = {
  reports: new ReportStore(db),
  config: provincialHall(),
  now: () => dayStartMs(`${Number(y) + 1}-01-01`),
};
const tickets = (
  db.query("SELECT COUNT(*) AS n FROM tickets WHERE service_day LIKE ?").get(`${y}-%`) as { n: number }
).n;
console.log(`${values.db}: ${tickets} tickets in ${y}; ${runs} runs each; best / median ms`);

function time(name: string, f: () => unknown): number {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const med = ms[Math.floor(ms.length / 2)]!;
  console.log(`  ${name.padEnd(34)} ${ms[0]!.toFixed(0).padStart(5)} / ${med.toFixed(0).padStart(5)}`);
  return med;
}

const periods = [
  { name: "year", range: { from: `${y}-01-01`, to: `${y}-12-31`, days: 365 } },
  { name: "quarter", range: { from: `${y}-04-01`, to: `${y}-06-30`, days: 91 } },
];
let worst = 0;
for (const p of periods) {
  console.log(`${p.name} ${p.range.from} … ${p.range.to}`);
  for (const g of REPORT_GROUPS)
    worst = Math.max(
      worst,
      time(`waits groupBy=${g}`, () => buildWaitReport(deps, { range: p.range, groupBy: g, lang: "vi" })),
    );
  for (const g of ["officer", "counter"] as const)
    worst = Math.max(
      worst,
      time(`officers groupBy=${g}`, () =>
        buildOfficerReport(deps, { range: p.range, groupBy: g, lang: "vi" }),
      ),
    );
  worst = Math.max(
    worst,
    time("breaches first page", () =>
      buildBreachList(deps, { range: p.range, lang: "vi", limit: 100, offset: 0 }),
    ),
  );
}
console.log(`slowest median: ${worst.toFixed(0)} ms (${worst < 1000 ? "under" : "OVER"} the 1 s budget)`);

// Exports of the year (formatting included), inline.
const year = periods[0]!.range;
const inline = inlineRunner(deps.reports, () => deps.config);
const now = deps.now();
for (const [kind, query] of [
  ["waits", { from: year.from, to: year.to, groupBy: "day", format: "csv" }],
  ["waits", { from: year.from, to: year.to, groupBy: "day", format: "xlsx" }],
  ["breaches", { from: year.from, to: year.to, format: "csv" }],
  ["breaches", { from: year.from, to: year.to, format: "xlsx" }],
] as const) {
  const t = performance.now();
  const r = await inline.run({ kind, query, lang: "vi", now });
  const size = r.type === "file" ? r.bytes.byteLength : 0;
  console.log(
    `  export ${kind} ${query.format.padEnd(4)} year`.padEnd(36),
    `${(performance.now() - t).toFixed(0).padStart(5)} ms, ${(size / 1024).toFixed(0)} KiB`,
  );
}

// The server's path: the worker thread. How long a year report takes through it, and how
// late a 5 ms timer on this (the hall's) thread fires meanwhile.
async function lagDuring(f: () => Promise<unknown>): Promise<{ ms: number; lag: number }> {
  let last = performance.now();
  let lag = 0;
  const timer = setInterval(() => {
    const t = performance.now();
    lag = Math.max(lag, t - last - 5);
    last = t;
  }, 5);
  const t0 = performance.now();
  await f();
  const ms = performance.now() - t0;
  clearInterval(timer);
  // A synchronous block never lets the timer fire: count the gap up to its end too.
  lag = Math.max(lag, performance.now() - last - 5);
  return { ms, lag };
}
const worker = new WorkerReportRunner({ dbPath: values.db!, config: () => deps.config });
const q = { from: year.from, to: year.to, groupBy: "officer" };
await worker.run({ kind: "waits", query: q, lang: "vi", now }); // warm-up: thread start, page cache
const w = await lagDuring(() => worker.run({ kind: "waits", query: q, lang: "vi", now }));
const i = await lagDuring(async () => inline.run({ kind: "waits", query: q, lang: "vi", now }));
console.log(
  `waits groupBy=officer, year, through the worker: ${w.ms.toFixed(0)} ms; hall thread max timer lag ${w.lag.toFixed(0)} ms`,
);
console.log(
  `                       the same on the hall thread: ${i.ms.toFixed(0)} ms; hall thread max timer lag ${i.lag.toFixed(0)} ms`,
);
worker.close();
db.close();
