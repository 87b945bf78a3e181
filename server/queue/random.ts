/**
 * Seeded randomness for the queue core's wait estimate (and the hall simulator): a
 * small fast PRNG and the few distributions a hall needs. Deterministic for a seed, so
 * the same state always gives the same estimate.
 */

/** A source of uniform numbers in [0, 1). */
export type Rand = () => number;

/** mulberry32: 32-bit state, fast, good enough for simulation (not for secrets). */
export function rng(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Box–Muller). */
export function normal(r: Rand): number {
  const u = Math.max(r(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
}

/** Parameters (μ, σ) of the log-normal with this mean and coefficient of variation. */
export function lognormalParams(mean: number, cv: number): { mu: number; sigma: number } {
  const s2 = Math.log(1 + cv * cv);
  return { mu: Math.log(mean) - s2 / 2, sigma: Math.sqrt(s2) };
}

/** A log-normal draw with this mean and coefficient of variation. */
export function lognormal(r: Rand, mean: number, cv: number): number {
  const { mu, sigma } = lognormalParams(mean, cv);
  return Math.exp(mu + sigma * normal(r));
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26; |error| < 1.5e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-z * z);
  return x >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}

const A = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
  2.506628277459239,
];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];

/** Inverse standard normal CDF (Acklam's rational approximation; relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!) /
      ((((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1)
    );
  }
  if (p > 1 - 0.02425) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((A[0]! * r + A[1]!) * r + A[2]!) * r + A[3]!) * r + A[4]!) * r + A[5]!) * q) /
    (((((B[0]! * r + B[1]!) * r + B[2]!) * r + B[3]!) * r + B[4]!) * r + 1)
  );
}

/**
 * A log-normal draw conditioned on exceeding `elapsed`: a visit that has lasted
 * `elapsed` so far ends at this (inverse-CDF sampling of the tail).
 */
export function lognormalBeyond(r: Rand, mean: number, cv: number, elapsed: number): number {
  const { mu, sigma } = lognormalParams(mean, cv);
  if (sigma === 0) return Math.max(mean, elapsed);
  if (elapsed <= 0) return Math.exp(mu + sigma * normal(r));
  const f = normalCdf((Math.log(elapsed) - mu) / sigma);
  if (f > 1 - 1e-9) return elapsed * 1.02;
  const u = f + (1 - f) * r();
  return Math.max(elapsed, Math.exp(mu + sigma * normalQuantile(Math.min(u, 1 - 1e-12))));
}
