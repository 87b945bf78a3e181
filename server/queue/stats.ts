/**
 * What the hall has learned from its own recent past, the inputs of dispatch and of the
 * wait estimate: service times per field (`ServiceTimes`) and arrivals per field and
 * class (`ArrivalRates`). Both are fed by the core as it applies committed events, so
 * the simulator feeds them exactly as the server does (docs/decisions/0004).
 */

import { normalCdf } from "./random.ts";

const MIN = 60_000;

/**
 * Recent service times per field: the plain mean and spread of the last `window` visits.
 * Not a trimmed mean: service times are skewed (a land dossier can take 40 minutes), and
 * trimming the long tail made every estimate short by 0.6–1.4 minutes (issue 9). Until a
 * field has `minSamples` visits, its configured typical time is blended in.
 */
export class ServiceTimes {
  private readonly samples = new Map<string, number[]>();
  private readonly cache = new Map<string, { mean: number; cv: number }>();

  constructor(
    private readonly defaultsMs: ReadonlyMap<string, number>,
    private readonly window = 50,
    private readonly minSamples = 5,
    /** Coefficient of variation assumed until a field has `minSamples` visits. */
    private readonly defaultCv = 0.7,
  ) {}

  /** Records one service duration (ms) of a field; ignores nonsense values. */
  add(serviceId: string, ms: number): void {
    if (!Number.isFinite(ms) || ms <= 0 || ms > 4 * 3600_000) return;
    let xs = this.samples.get(serviceId);
    if (!xs) {
      xs = [];
      this.samples.set(serviceId, xs);
    }
    xs.push(ms);
    if (xs.length > this.window) xs.shift();
    this.cache.delete(serviceId);
  }

  /** Expected service duration (ms) of the next visit of a field. */
  mean(serviceId: string): number {
    return this.stats(serviceId).mean;
  }

  /** Coefficient of variation (sd / mean) of a field's service time. */
  cv(serviceId: string): number {
    return this.stats(serviceId).cv;
  }

  /**
   * Expected remaining duration (ms) of a visit of `serviceId` that has lasted `elapsedMs`:
   * E[S − e | S > e] for a log-normal S with the field's mean and spread. It grows as a
   * visit runs long (a long visit is likely a long one), instead of dropping to zero.
   */
  residual(serviceId: string, elapsedMs: number): number {
    const { mean, cv } = this.stats(serviceId);
    return lognormalResidual(mean, cv, elapsedMs);
  }

  private stats(serviceId: string): { mean: number; cv: number } {
    const hit = this.cache.get(serviceId);
    if (hit) return hit;
    const fallback = this.defaultsMs.get(serviceId) ?? 6 * MIN;
    const xs = this.samples.get(serviceId) ?? [];
    let out = { mean: fallback, cv: this.defaultCv };
    if (xs.length > 0) {
      let s = 0;
      for (const x of xs) s += x;
      const m = s / xs.length;
      let v = 0;
      for (const x of xs) v += (x - m) ** 2;
      const cv = xs.length > 1 ? Math.sqrt(v / (xs.length - 1)) / m : this.defaultCv;
      const w = Math.min(1, xs.length / this.minSamples);
      out = { mean: w * m + (1 - w) * fallback, cv: w * cv + (1 - w) * this.defaultCv };
    }
    this.cache.set(serviceId, out);
    return out;
  }
}

/** E[S − e | S > e] of a log-normal S with this mean and coefficient of variation. */
export function lognormalResidual(mean: number, cv: number, elapsed: number): number {
  if (elapsed <= 0) return mean;
  if (cv <= 0) return Math.max(0, mean - elapsed);
  const s2 = Math.log(1 + cv * cv);
  const sigma = Math.sqrt(s2);
  const mu = Math.log(mean) - s2 / 2;
  const z = (Math.log(elapsed) - mu) / sigma;
  const tail = 1 - normalCdf(z);
  if (tail < 1e-9) return Math.max(elapsed * 0.2, mean * 0.2);
  // E[S·1{S>e}] = mean · Φ(σ − z)
  return Math.max(0, (mean * normalCdf(sigma - z)) / tail - elapsed);
}

/**
 * Recent arrivals per field and class (priority or not): the issues of the last
 * `windowMin` minutes. The wait estimate uses them to foresee who will arrive later and
 * be called first (priority visitors; fresh visitors ahead of those already late).
 */
export class ArrivalRates {
  private readonly recent = new Map<string, number[]>();

  constructor(private readonly windowMin = 30) {}

  /** Records one issued ticket. */
  add(serviceId: string, priority: boolean, at: number): void {
    const k = key(serviceId, priority);
    let xs = this.recent.get(k);
    if (!xs) {
      xs = [];
      this.recent.set(k, xs);
    }
    xs.push(at);
    const from = at - this.windowMin * MIN;
    let i = 0;
    while (i < xs.length && xs[i]! < from) i++;
    if (i > 0) xs.splice(0, i);
  }

  /** Arrivals per minute of a field and class over the window ending at `now`. */
  perMin(serviceId: string, priority: boolean, now: number): number {
    const xs = this.recent.get(key(serviceId, priority));
    if (!xs) return 0;
    const from = now - this.windowMin * MIN;
    let n = 0;
    for (let i = xs.length - 1; i >= 0 && xs[i]! >= from; i--) if (xs[i]! <= now) n++;
    return n / this.windowMin;
  }
}

const key = (serviceId: string, priority: boolean) => `${priority ? "p" : "o"}:${serviceId}`;
