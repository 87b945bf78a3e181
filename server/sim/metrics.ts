/**
 * The figures of `shared/science/SCENARIOS.md` over a set of replayed visits (no-shows
 * included): wait percentiles, share within the 15-minute target, mean minutes beyond
 * it, priority and ordinary figures, the worst field, and the estimate's errors.
 */
import type { Visit } from "./replay.ts";

/** Figures of one hall under one policy. */
export interface Figures {
  n: number;
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  /** % of visitors called within 15 minutes. */
  within15: number;
  /** E[(W − 15)+], minutes. */
  beyond15: number;
  prioN: number;
  prioP90: number;
  /** % of priority visitors called within 5 minutes. */
  prioWithin5: number;
  ordP90: number;
  ordMax: number;
  ordWithin15: number;
  /** The lowest % within 15 of any field, and which field (index). */
  worstField: number;
  worstFieldIdx: number;
  /** Booked visitors (issue 14), when any: how many, % called within 15 min of max(check-in, slot), p90, longest; walk-ins' % within 15. */
  booked?: { n: number; within15: number; within5: number; p90: number; max: number; walkInWithin15: number };
  est?: EstimateFigures;
}

/** How well the printed estimate told the truth. */
export interface EstimateFigures {
  n: number;
  /** Mean |estimate − actual|, minutes. */
  mae: number;
  /** Mean (estimate − actual), minutes; negative = promised too little. */
  bias: number;
  /** The same over visitors whose actual wait was 10–20 min. */
  mae1020: number;
  bias1020: number;
  /** % who waited more than 5 min beyond the estimate. */
  late5: number;
  /** % who waited more than 5 min beyond the upper figure (when one is printed). */
  upperLate5: number | null;
  /** Mean upper − estimate, minutes. */
  upperSpread: number | null;
  /** On the visitors whose floor was computed: the estimate's MAE, the floor's MAE and bias. */
  floorN: number;
  maeOnFloor: number | null;
  floorMae: number | null;
  floorBias: number | null;
}

/** The q-quantile (0–1) of sorted values (nearest rank). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

const pct = (k: number, n: number) => (n === 0 ? Number.NaN : (100 * k) / n);

/** Figures of `visits` (fields counted by index up to `fieldCount`). */
export function figures(visits: readonly Visit[], fieldCount: number): Figures {
  const all = visits.map((v) => v.waitMin).sort((a, b) => a - b);
  const prio = visits
    .filter((v) => v.priority)
    .map((v) => v.waitMin)
    .sort((a, b) => a - b);
  const ord = visits
    .filter((v) => !v.priority)
    .map((v) => v.waitMin)
    .sort((a, b) => a - b);
  const n = all.length;
  let sum = 0;
  let beyond = 0;
  let in15 = 0;
  for (const w of all) {
    sum += w;
    beyond += Math.max(0, w - 15);
    if (w <= 15) in15++;
  }
  const fieldIn = new Array(fieldCount).fill(0);
  const fieldN = new Array(fieldCount).fill(0);
  for (const v of visits) {
    fieldN[v.field]++;
    if (v.waitMin <= 15) fieldIn[v.field]++;
  }
  let worstField = 101;
  let worstFieldIdx = -1;
  for (let i = 0; i < fieldCount; i++) {
    const p = pct(fieldIn[i], fieldN[i]);
    if (fieldN[i] > 0 && p < worstField) {
      worstField = p;
      worstFieldIdx = i;
    }
  }
  const out: Figures = {
    n,
    mean: sum / n,
    p50: quantile(all, 0.5),
    p90: quantile(all, 0.9),
    p95: quantile(all, 0.95),
    p99: quantile(all, 0.99),
    max: all[n - 1] ?? Number.NaN,
    within15: pct(in15, n),
    beyond15: beyond / n,
    prioN: prio.length,
    prioP90: quantile(prio, 0.9),
    prioWithin5: pct(prio.filter((w) => w <= 5).length, prio.length),
    ordP90: quantile(ord, 0.9),
    ordMax: ord[ord.length - 1] ?? Number.NaN,
    ordWithin15: pct(ord.filter((w) => w <= 15).length, ord.length),
    worstField,
    worstFieldIdx,
  };
  const booked = visits
    .filter((v) => v.booked)
    .map((v) => v.waitMin)
    .sort((a, b) => a - b);
  if (booked.length > 0) {
    const walk = visits.filter((v) => !v.booked);
    out.booked = {
      n: booked.length,
      within15: pct(booked.filter((w) => w <= 15).length, booked.length),
      within5: pct(booked.filter((w) => w <= 5).length, booked.length),
      p90: quantile(booked, 0.9),
      max: booked[booked.length - 1]!,
      walkInWithin15: pct(walk.filter((v) => v.waitMin <= 15).length, walk.length),
    };
  }
  const est = estimateFigures(visits);
  if (est) out.est = est;
  return out;
}

/** The estimate's error figures, or undefined when no visit carries an estimate. */
export function estimateFigures(visits: readonly Visit[]): EstimateFigures | undefined {
  const xs = visits.filter((v) => v.note?.estimateMin !== undefined && v.note.estimateMin !== null);
  if (xs.length === 0) return undefined;
  let ae = 0;
  let e = 0;
  let ae1 = 0;
  let e1 = 0;
  let n1 = 0;
  let late = 0;
  let upLate = 0;
  let upN = 0;
  let spread = 0;
  let fN = 0;
  let fAe = 0;
  let fE = 0;
  let fOwn = 0;
  for (const v of xs) {
    const d = v.note!.estimateMin! - v.waitMin;
    ae += Math.abs(d);
    e += d;
    if (v.waitMin >= 10 && v.waitMin <= 20) {
      ae1 += Math.abs(d);
      e1 += d;
      n1++;
    }
    if (v.waitMin > v.note!.estimateMin! + 5) late++;
    const up = v.note!.upperMin;
    if (up !== undefined && up !== null) {
      upN++;
      spread += up - v.note!.estimateMin!;
      if (v.waitMin > up + 5) upLate++;
    }
    const fl = v.note!.floorMin;
    if (fl !== undefined && fl !== null) {
      fN++;
      fAe += Math.abs(fl - v.waitMin);
      fE += fl - v.waitMin;
      fOwn += Math.abs(d);
    }
  }
  const n = xs.length;
  return {
    n,
    mae: ae / n,
    bias: e / n,
    mae1020: n1 ? ae1 / n1 : Number.NaN,
    bias1020: n1 ? e1 / n1 : Number.NaN,
    late5: pct(late, n),
    upperLate5: upN ? pct(upLate, upN) : null,
    upperSpread: upN ? spread / upN : null,
    floorN: fN,
    maeOnFloor: fN ? fOwn / fN : null,
    floorMae: fN ? fAe / fN : null,
    floorBias: fN ? fE / fN : null,
  };
}
