/**
 * Summarises a V8/Bun `.cpuprofile` (from `bun --cpu-prof`): the top functions by self time
 * and by total (inclusive) time, in % of the non-idle samples. With `--split N`, the samples
 * are cut at the N longest pauses (bench/ceiling.ts `--pause-ms` sleeps before the issue
 * and the call-next phases) and each part is summarised on its own.
 *
 *   node scripts/bun.mjs scripts/cpu-profile.ts FILE.cpuprofile [--top 25] [--split N] [--callers NAME]
 */
import { readFileSync } from "node:fs";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const file = process.argv[2];
if (!file) throw new Error("usage: cpu-profile.ts FILE.cpuprofile [--top N] [--split]");
const ti = process.argv.indexOf("--top");
const TOP = ti > 0 ? Number(process.argv[ti + 1]) : 25;
const prof = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const IDLE = new Set(["(idle)", "(program)", "(garbage collector)"]);
const label = (n: Node) => {
  const f = n.callFrame;
  const url = f.url.replace(/^.*\/(server|node_modules|bench)\//, "$1/");
  return `${f.functionName || "(anonymous)"} ${url ? `${url}:${f.lineNumber + 1}` : ""}`.trim();
};

const ci = process.argv.indexOf("--callers");
/** With `--callers NAME`: where the self time of functions named NAME comes from (up to 4 frames up, own code). */
const CALLERS = ci > 0 ? process.argv[ci + 1] : undefined;

function summarise(name: string, from: number, to: number) {
  const callers = new Map<string, number>();
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let busy = 0;
  for (let i = from; i < to; i++) {
    const id = prof.samples[i]!;
    const n = byId.get(id)!;
    if (IDLE.has(n.callFrame.functionName) && n.callFrame.functionName !== "(garbage collector)") continue;
    busy++;
    const l = label(n);
    self.set(l, (self.get(l) ?? 0) + 1);
    if (CALLERS !== undefined && n.callFrame.functionName === CALLERS) {
      const path: string[] = [];
      for (let cur = parent.get(id); cur !== undefined && path.length < 4; cur = parent.get(cur)) {
        const c = byId.get(cur)!;
        if (c.callFrame.url.includes("/server/")) path.push(label(c));
      }
      const k = path.join(" < ") || "(no server frame)";
      callers.set(k, (callers.get(k) ?? 0) + 1);
    }
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const cl = label(byId.get(cur)!);
      if (seen.has(cl)) continue;
      seen.add(cl);
      total.set(cl, (total.get(cl) ?? 0) + 1);
    }
  }
  const pct = (x: number) => `${((100 * x) / busy).toFixed(1).padStart(5)} %`;
  const top = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, TOP)
      .map(([k, v]) => `  ${pct(v)}  ${k}`)
      .join("\n");
  console.log(
    `## ${name}: ${busy} busy samples\n### self\n${top(self)}\n### total (inclusive)\n${top(total)}\n`,
  );
  if (CALLERS !== undefined) console.log(`### callers of ${CALLERS}\n${top(callers)}\n`);
}

const si = process.argv.indexOf("--split");
if (si > 0) {
  // Bun takes no samples while the process sleeps: a pause shows as a long time delta. The
  // N longest ones cut the run into N + 1 parts (bench/ceiling.ts --pause-ms: setup, issue, call-next).
  const cuts = Number(process.argv[si + 1] ?? 1) || 1;
  const at = prof.timeDeltas
    .map((d, i) => [d, i] as const)
    .sort((a, b) => b[0] - a[0])
    .slice(0, cuts)
    .map(([, i]) => i)
    .sort((a, b) => a - b);
  const bounds = [0, ...at, prof.samples.length];
  for (let k = 0; k + 1 < bounds.length; k++) summarise(`part ${k + 1}`, bounds[k]!, bounds[k + 1]!);
} else summarise("whole run", 0, prof.samples.length);
