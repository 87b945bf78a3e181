/**
 * `npm run simulate`: the hall simulator of issue 9 (server/sim/). Generates the days of
 * the halls in shared/science/SCENARIOS.md, replays them through the real queue core
 * under FIFO and the other policies, measures the printed estimate and its floor, and
 * prints every figure of the spec side by side with FIFO on the same days, then every
 * criterion of the issue as PASS/FAIL. Halls run in parallel processes (one per core).
 *
 *   npm run simulate                               all halls, 100 days, seed 1
 *   npm run simulate -- --halls S1,S4 --days 30    a quicker look
 *   npm run simulate -- --policies on-time,due-time,strict-priority
 *   npm run simulate -- --booked 0.2               20 % of ordinary visitors book a slot (issue 14)
 *   options: --seed N  --jobs N  --estimate-every K  --floor-every K  --floor-reps N  --json FILE
 *            --booked SHARE  --booked-no-show SHARE (default 0.1)  --booked-due-after MIN (experiment)
 *            --booked-cap N (bookable places per field and slot; default none)
 */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import type { DispatchPolicyName } from "../server/contract/config.ts";
import { DEFAULT_BOOKINGS } from "../server/sim/bookings.ts";
import { type Criterion, criteria, criteriaLines, hallTable, summaryTable } from "../server/sim/report.ts";
import { effectiveMeanMin, SCENARIOS, scenario } from "../server/sim/scenarios.ts";
import { type HallStudy, studyHall } from "../server/sim/study.ts";

const DEFAULT_POLICY: DispatchPolicyName = "on-time";
const ALL_POLICIES: DispatchPolicyName[] = ["on-time", "due-time", "strict-priority"];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const days = Number(arg("days") ?? 100);
const seed = Number(arg("seed") ?? 1);
const halls = (arg("halls") ?? SCENARIOS.map((s) => s.id).join(",")).split(",").map((x) => x.trim());
const policiesArg = arg("policies");
const policies = (
  policiesArg === "all" ? ALL_POLICIES : (policiesArg ?? DEFAULT_POLICY).split(",")
) as DispatchPolicyName[];
const floorReps = Number(arg("floor-reps") ?? 31);
const jobs = Math.max(1, Number(arg("jobs") ?? availableParallelism()));
const bookedShare = Number(arg("booked") ?? 0);
const bookings =
  bookedShare > 0
    ? {
        ...DEFAULT_BOOKINGS,
        share: bookedShare,
        noShow: Number(arg("booked-no-show") ?? DEFAULT_BOOKINGS.noShow),
        dueAfterSlotMin: Number(arg("booked-due-after") ?? 0),
        capPerSlot: Number(arg("booked-cap") ?? Number.POSITIVE_INFINITY),
      }
    : undefined;

/** Estimate every k-th ticket so that about 12,000 are measured; the floor of about 2,000 of them. */
function sampling(id: string): { estimateEvery: number; floorEvery: number } {
  const s = scenario(id)!;
  const visits = (days * s.rhoDay * s.counters.length * 450) / effectiveMeanMin(s);
  const estimateEvery = Number(arg("estimate-every") ?? Math.max(1, Math.round(visits / 12_000)));
  const floorEvery = Number(arg("floor-every") ?? Math.max(1, Math.round(visits / estimateEvery / 2_000)));
  return { estimateEvery, floorEvery };
}

function study(id: string): HallStudy {
  const s = scenario(id);
  if (!s) throw new Error(`unknown hall ${id}; known: ${SCENARIOS.map((x) => x.id).join(", ")}`);
  return studyHall(s, {
    days,
    seed,
    policies,
    estimatePolicy: DEFAULT_POLICY,
    floorReps,
    bookings,
    ...sampling(id),
  });
}

// A worker: one hall, JSON on stdout.
const worker = arg("worker");
if (worker) {
  process.stdout.write(JSON.stringify(study(worker)));
  process.exit(0);
}

const self = fileURLToPath(import.meta.url);
function inWorker(id: string): Promise<HallStudy> {
  return new Promise((resolve, reject) => {
    const args = [
      self,
      "--worker",
      id,
      ...process.argv.slice(2).filter((_, i, a) => a[i - 1] !== "--halls" && _ !== "--halls"),
    ];
    const p = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    p.stdout.on("data", (d) => {
      out += d;
    });
    p.on("close", (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`${id}: exit ${code}`)),
    );
  });
}

const t0 = performance.now();
console.log(
  `Hall simulator (issue 9): ${halls.join(", ")} · ${days} days · seed ${seed} · policies fifo, ${policies.join(", ")} · ${jobs} processes`,
);
const queue = [...halls];
const done = new Map<string, HallStudy>();
await Promise.all(
  Array.from({ length: Math.min(jobs, queue.length) }, async () => {
    for (let id = queue.shift(); id; id = queue.shift()) {
      const h = jobs === 1 ? study(id) : await inWorker(id);
      done.set(id, h);
      process.stderr.write(
        `  ${id} done (${(h.results.reduce((s, r) => s + r.ms, 0) / 1000).toFixed(0)} s)\n`,
      );
    }
  }),
);
const studies = halls.map((id) => done.get(id)!);
const all: Criterion[] = [];
for (const h of studies) {
  console.log(`\n${hallTable(h, DEFAULT_POLICY)}`);
  for (const p of policies) {
    const cs = criteria(h, p);
    if (p === DEFAULT_POLICY) all.push(...cs);
    console.log(`  criteria, ${p} against FIFO on the same days:\n${criteriaLines(cs)}`);
  }
}
console.log(`\nSummary (${DEFAULT_POLICY} against FIFO; estimate MAE and floor on the same tickets):\n`);
console.log(summaryTable(studies, DEFAULT_POLICY));
const required = all.filter((c) => c.required);
const failed = required.filter((c) => !c.pass);
console.log(
  `\n${required.length - failed.length}/${required.length} criteria pass${failed.length ? `; failing: ${failed.map((c) => `${c.hall} ${c.id} ${c.text}`).join("; ")}` : ""} · ${((performance.now() - t0) / 1000).toFixed(0)} s`,
);
const json = arg("json");
if (json) writeFileSync(json, JSON.stringify({ days, seed, policies, studies, criteria: all }, null, 2));
