/**
 * Seeded randomness for the hall simulator: the core's generator and distributions
 * (server/queue/random.ts) plus what generating days needs (Poisson counts, a
 * categorical pick, seeds derived from labels). Deterministic for a seed, so every
 * dispatch policy replays the same days.
 */
import type { Rand } from "../queue/random.ts";

export {
  lognormal,
  lognormalBeyond,
  lognormalParams,
  normal,
  normalCdf,
  normalQuantile,
  type Rand,
  rng,
} from "../queue/random.ts";

import { normal } from "../queue/random.ts";

/** A seed derived from a base seed and any number of labels (hall name, day index …). */
export function seedOf(base: number, ...parts: (string | number)[]): number {
  let h = (base ^ 0x9e3779b9) >>> 0;
  for (const p of parts)
    for (const ch of String(p)) {
      h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
      h = (h ^ (h >>> 13)) >>> 0;
    }
  return Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0;
}

/** A Poisson count (inversion below 30, normal approximation above). */
export function poisson(r: Rand, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(r)));
  let k = 0;
  let p = Math.exp(-mean);
  let s = p;
  const u = r();
  while (u > s && k < 1000) {
    k++;
    p *= mean / k;
    s += p;
  }
  return k;
}

/** An index drawn with probability proportional to `weights[i]`. */
export function pick(r: Rand, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let u = r() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i]!;
    if (u < 0) return i;
  }
  return weights.length - 1;
}
