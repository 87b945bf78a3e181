/**
 * The verdict and the tables of the study: every criterion of issue 9 as pass/fail with
 * its figure and limit, and aligned text tables (per hall, and one line per hall).
 */
import type { DispatchPolicyName } from "../contract/config.ts";
import type { Figures } from "./metrics.ts";
import type { HallStudy } from "./study.ts";

/** The five halls of the spec (criteria 1 and 3 apply to these). */
export const MAIN_HALLS = ["S1", "S2", "S3", "S4", "S4b"];
/** What least slack reaches in S1 (SCENARIOS.md); criterion 1 asks at least halfway to it. */
export const LEAST_SLACK_S1 = 97.6;

export interface Criterion {
  hall: string;
  id: string;
  text: string;
  value: number;
  limit: number;
  /** "≥" or "≤" or "<". */
  op: ">=" | "<=" | "<";
  pass: boolean;
  /** Required by the issue (false: shown for information). */
  required: boolean;
}

const check = (value: number, op: Criterion["op"], limit: number) =>
  op === ">=" ? value >= limit - 1e-9 : op === "<=" ? value <= limit + 1e-9 : value < limit;

/** Every criterion of issue 9 for one hall's study, for `policy` against FIFO. */
export function criteria(h: HallStudy, policy: DispatchPolicyName): Criterion[] {
  const fifo = h.results.find((r) => r.policy === "fifo")!.figures;
  const f = h.results.find((r) => r.policy === policy)?.figures;
  if (!f) return [];
  const out: Criterion[] = [];
  const main = MAIN_HALLS.includes(h.hall);
  const add = (
    id: string,
    text: string,
    value: number,
    op: Criterion["op"],
    limit: number,
    required = true,
  ) => out.push({ hall: h.hall, id, text, value, limit, op, pass: check(value, op, limit), required });
  add("1", "% within 15 ≥ FIFO's", f.within15, ">=", fifo.within15, main);
  if (h.hall === "S1")
    add(
      "1",
      "% within 15 at least halfway from FIFO to 97.6",
      f.within15,
      ">=",
      (fifo.within15 + LEAST_SLACK_S1) / 2,
    );
  if (h.hall === "S1" || h.hall === "S4b") add("2", "priority p90 ≤ 7 min", f.prioP90, "<=", 7);
  if (h.hall === "S3") add("2", "priority p90 ≤ 15 min", f.prioP90, "<=", 15);
  add("2", "no priority inversion: priority p90 < ordinary p90", f.prioP90, "<", f.ordP90);
  add("3", "longest wait ≤ 1.2 × FIFO's", f.max, "<=", 1.2 * fifo.max, main);
  add("3", "E[(W − 15)+] ≤ 1.2 × FIFO's", f.beyond15, "<=", 1.2 * fifo.beyond15, main);
  if (f.booked && fifo.booked)
    add(
      "B",
      "booked: % within 15 of their slot ≥ FIFO's",
      f.booked.within15,
      ">=",
      fifo.booked.within15,
      false,
    );
  if (f.est) {
    add("E", "estimate |bias| ≤ 0.3 min", Math.abs(f.est.bias), "<=", 0.3);
    if (f.est.floorMae !== null && f.est.maeOnFloor !== null)
      add("E", "estimate MAE ≤ 1.15 × floor (same tickets)", f.est.maeOnFloor, "<=", 1.15 * f.est.floorMae);
    if (f.est.upperLate5 !== null)
      add("E", "% waiting > upper figure + 5 min ≤ 5", f.est.upperLate5, "<=", 5);
  }
  return out;
}

const pad = (s: string, n: number) => s.padStart(n);
const fx = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : "–");

/** The per-hall table: every figure of the spec per policy, then the estimate's. */
export function hallTable(h: HallStudy, estimatePolicy: DispatchPolicyName): string {
  const cols = h.results.map((r) => r.policy);
  const w = Math.max(16, ...cols.map((c) => c.length + 2));
  const lines: string[] = [];
  lines.push(
    `${h.hall} ${h.name} · ${h.counters} counters · ρ ${h.rhoDay.toFixed(2)} · priority ${Math.round(h.prio * 100)} % · ${h.days} days, ${h.visits.toLocaleString("en")} visits (seed ${h.seed})`,
  );
  const b = h.bookings;
  if (b)
    lines.push(
      `  bookings: ${Math.round(b.share * 100)} % of ordinary visitors booked ${b.slotMin}-min slots: ${b.booked.toLocaleString("en")} booked, ${b.checkedIn.toLocaleString("en")} checked in (arrival − slot ~ N(${b.earlyMeanMin}, ${b.sdMin}) min, window −${b.checkInEarlyMin}/+${b.checkInLateMin}), ${b.late.toLocaleString("en")} too late (walk-ins), ${b.noShow.toLocaleString("en")} never came`,
    );
  const row = (label: string, get: (f: Figures) => string) =>
    lines.push(`  ${label.padEnd(34)}${h.results.map((r) => pad(get(r.figures), w)).join("")}`);
  lines.push(`  ${"".padEnd(34)}${cols.map((c) => pad(c, w)).join("")}`);
  row("mean wait (min)", (f) => fx(f.mean, 2));
  row("p50 / p90 (min)", (f) => `${fx(f.p50)} / ${fx(f.p90)}`);
  row("p95 / p99 (min)", (f) => `${fx(f.p95)} / ${fx(f.p99)}`);
  row("longest wait (min)", (f) => fx(f.max));
  row("% within 15", (f) => fx(f.within15, 2));
  row("E[(W − 15)+] (min)", (f) => fx(f.beyond15, 3));
  row("priority: p90 (min)", (f) => fx(f.prioP90));
  row("priority: % within 5", (f) => fx(f.prioWithin5));
  row("ordinary: p90 / longest (min)", (f) => `${fx(f.ordP90)} / ${fx(f.ordMax, 0)}`);
  row("ordinary: % within 15", (f) => fx(f.ordWithin15));
  row("worst field: % within 15", (f) => fx(f.worstField));
  if (h.results.some((r) => r.figures.booked)) {
    row("booked: n", (f) => String(f.booked?.n ?? 0));
    row(
      "booked: % within 5 / 15 of slot",
      (f) => `${fx(f.booked?.within5 ?? Number.NaN)} / ${fx(f.booked?.within15 ?? Number.NaN)}`,
    );
    row(
      "booked: p90 / longest (min)",
      (f) => `${fx(f.booked?.p90 ?? Number.NaN)} / ${fx(f.booked?.max ?? Number.NaN, 0)}`,
    );
    row("walk-ins: % within 15", (f) => fx(f.booked?.walkInWithin15 ?? Number.NaN));
  }
  lines.push(
    `  ${"worst field".padEnd(34)}${h.results.map((r) => pad((h.fields[r.figures.worstFieldIdx] ?? "–").slice(0, w - 1), w)).join("")}`,
  );
  const est = h.results.find((r) => r.policy === estimatePolicy)?.figures.est;
  if (est) {
    const sampled = h.estimateEvery > 1 ? `every ${h.estimateEvery}th ticket, ` : "";
    lines.push(
      `  estimate printed under ${estimatePolicy} (${sampled}${est.n.toLocaleString("en")} tickets):`,
    );
    lines.push(
      `    MAE ${fx(est.mae, 2)} min, bias ${fx(est.bias, 2)}; waits of 10–20 min: MAE ${fx(est.mae1020, 2)}, bias ${fx(est.bias1020, 2)}`,
    );
    lines.push(
      `    waited > estimate + 5 min: ${fx(est.late5)} %; > upper figure + 5 min: ${fx(est.upperLate5 ?? Number.NaN)} % (upper − estimate: ${fx(est.upperSpread ?? Number.NaN)} min on average)`,
    );
    if (est.floorN > 0)
      lines.push(
        `    floor (median of ${h.floorReps} re-simulations, ${est.floorN.toLocaleString("en")} tickets): MAE ${fx(est.floorMae ?? Number.NaN, 2)}, bias ${fx(est.floorBias ?? Number.NaN, 2)}; estimate on the same tickets: MAE ${fx(est.maeOnFloor ?? Number.NaN, 2)} = ${fx((est.maeOnFloor ?? Number.NaN) / (est.floorMae ?? Number.NaN), 2)} × floor`,
      );
  }
  return lines.join("\n");
}

/** Criteria as aligned lines. */
export function criteriaLines(cs: readonly Criterion[]): string {
  const op = (o: Criterion["op"]) => (o === ">=" ? "≥" : o === "<=" ? "≤" : "<");
  return cs
    .map(
      (c) =>
        `  ${c.pass ? "PASS" : c.required ? "FAIL" : "fail"} ${c.hall.padEnd(6)}${c.id.padEnd(3)}${c.text.padEnd(52)}${pad(fx(c.value, c.value < 10 ? 3 : 2), 9)} ${op(c.op)} ${fx(c.limit, c.limit < 10 ? 3 : 2)}${c.required ? "" : "  (for information)"}`,
    )
    .join("\n");
}

/** One line per hall: FIFO beside the policy, and the estimate. */
export function summaryTable(hs: readonly HallStudy[], policy: DispatchPolicyName): string {
  const head = [
    "hall",
    "≤15 fifo",
    `≤15 ${policy}`,
    "prio p90",
    "ord p90",
    "max fifo",
    "max new",
    "E(W-15)+ f",
    "E(W-15)+ n",
    "est MAE",
    "floor",
    "ratio",
    "bias",
    ">up+5 %",
  ];
  const rows = hs.map((h) => {
    const f = h.results.find((r) => r.policy === "fifo")!.figures;
    const n = h.results.find((r) => r.policy === policy)?.figures;
    if (!n) return [h.hall];
    const e = n.est;
    return [
      h.hall,
      fx(f.within15),
      fx(n.within15),
      fx(n.prioP90),
      fx(n.ordP90),
      fx(f.max),
      fx(n.max),
      fx(f.beyond15, 2),
      fx(n.beyond15, 2),
      e ? fx(e.maeOnFloor ?? e.mae, 2) : "–",
      e?.floorMae != null ? fx(e.floorMae, 2) : "–",
      e?.floorMae != null && e.maeOnFloor != null ? fx(e.maeOnFloor / e.floorMae, 2) : "–",
      e ? fx(e.bias, 2) : "–",
      e?.upperLate5 != null ? fx(e.upperLate5) : "–",
    ];
  });
  const widths = head.map((hd, i) => Math.max(hd.length, ...rows.map((r) => (r[i] ?? "").length)));
  const fmt = (r: string[]) =>
    r.map((x, i) => (i === 0 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join("  ");
  return [fmt(head), ...rows.map(fmt)].join("\n");
}
