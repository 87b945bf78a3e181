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
    private defaultsMs: ReadonlyMap<string, number>,
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

  /** New typical times per field (the settings changed); recorded samples are kept. */
  setDefaults(defaultsMs: ReadonlyMap<string, number>): void {
    this.defaultsMs = defaultsMs;
    this.cache.clear();
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

/** Minutes of one slot of the arrival profile. */
export const SLOT_MIN = 30;
const SLOTS = (24 * 60) / SLOT_MIN;
const VN_OFFSET_MS = 7 * 3600_000;

/** Minute of the day in Asia/Ho_Chi_Minh, and the service day's number (days since 1970). */
function vnMinute(ms: number): { day: number; minute: number } {
  const local = ms + VN_OFFSET_MS;
  const day = Math.floor(local / 86_400_000);
  return { day, minute: (local - day * 86_400_000) / MIN };
}

/**
 * Arrivals per field and class (priority or not): the hall's own profile over the day
 * (per 30-minute slot, an exponentially weighted average over past service days) scaled
 * by how busy today is so far (the last hour against what the profile expected), or,
 * before a first full day is known, the rate of the last 30 minutes. The wait estimate
 * uses it to foresee who will arrive later and be called first (priority visitors; fresh
 * visitors ahead of those already late); the staffing advice to simulate the rest of the day.
 */
export class ArrivalRates {
  private readonly profile = new Map<string, Float64Array>();
  private readonly today = new Map<string, Float64Array>();
  private day = -1;
  private days = 0;
  /** Sums of the profile, recomputed when a day is folded in. */
  private sums = { perSlot: new Float64Array(SLOTS), perKey: new Map<string, number>(), total: 0 };
  private issuesToday = 0;
  private levelAt = Number.NaN;
  private levelFor = -1;
  private levelValue = 1;
  /** Per key, the issue instants of the last `windowMin` (before a first day is learned). */
  private readonly recent = new Map<string, number[]>();

  constructor(
    private readonly windowMin = 30,
    /** Weight of the newest day in the profile. */
    private readonly dayWeight = 0.2,
  ) {}

  /** Records one issued ticket. */
  add(serviceId: string, priority: boolean, at: number): void {
    const { day, minute } = vnMinute(at);
    if (day !== this.day) this.rollTo(day);
    const k = key(serviceId, priority);
    let t = this.today.get(k);
    if (!t) {
      t = new Float64Array(SLOTS);
      this.today.set(k, t);
    }
    t[Math.min(SLOTS - 1, Math.floor(minute / SLOT_MIN))]!++;
    this.issuesToday++;
    let xs = this.recent.get(k);
    if (!xs) {
      xs = [];
      this.recent.set(k, xs);
    }
    xs.push(at);
    while (xs.length > 0 && xs[0]! < at - this.windowMin * MIN) xs.shift();
  }

  /** Seeds the profile with past service days' issues (oldest first), e.g. from the store at start. */
  seed(issues: Iterable<{ serviceId: string; priority: boolean; at: number }>): void {
    for (const x of issues) this.add(x.serviceId, x.priority, x.at);
  }

  /** Full service days the profile has learned from. */
  get learnedDays(): number {
    return this.days;
  }

  /** Expected arrivals per minute of a field and class at instant `at`, as foreseen at `now`. */
  perMin(serviceId: string, priority: boolean, at: number, now = at): number {
    const k = key(serviceId, priority);
    const prof = this.profile.get(k);
    if (this.days === 0 || !prof) {
      if (this.days > 0) return 0; // never seen on a learned day
      const xs = this.recent.get(k);
      if (!xs) return 0;
      let n = 0;
      for (let i = xs.length - 1; i >= 0 && xs[i]! >= now - this.windowMin * MIN; i--) if (xs[i]! <= now) n++;
      return n / this.windowMin;
    }
    // The hall's total over the day (stable) times the key's share of the day (stable), times today's level.
    const slot = Math.min(SLOTS - 1, Math.floor(vnMinute(at).minute / SLOT_MIN));
    const total = this.sums.total;
    if (total === 0) return 0;
    const mine = this.sums.perKey.get(k) ?? 0;
    return ((this.sums.perSlot[slot]! * (mine / total)) / SLOT_MIN) * this.level(now);
  }

  /**
   * How busy today is against the profile: today's issues so far over what the profile
   * expected by now, shrunk towards 1 by 30 visitors' worth (a quiet first hour does not
   * halve the forecast; a Monday 20 % busier than usual shows by mid-morning).
   */
  level(now: number): number {
    if (this.days === 0) return 1;
    if (this.levelAt === now && this.levelFor === this.issuesToday) return this.levelValue;
    const { day, minute } = vnMinute(now);
    const seen = day === this.day ? this.issuesToday : 0;
    let expected = 0;
    const cur = Math.min(SLOTS - 1, Math.floor(minute / SLOT_MIN));
    for (const prof of this.profile.values()) {
      for (let i = 0; i < cur; i++) expected += prof[i]!;
      expected += (prof[cur]! * (minute - cur * SLOT_MIN)) / SLOT_MIN;
    }
    const prior = 30;
    this.levelAt = now;
    this.levelFor = this.issuesToday;
    this.levelValue = (seen + prior) / (expected + prior);
    return this.levelValue;
  }

  /** Folds the finished day into the profile and starts `day`. */
  private rollTo(day: number): void {
    if (this.today.size > 0) {
      const w = this.days === 0 ? 1 : this.dayWeight;
      for (const [k, prof] of this.profile) {
        const t = this.today.get(k);
        for (let i = 0; i < SLOTS; i++) prof[i] = (1 - w) * prof[i]! + w * (t?.[i] ?? 0);
      }
      for (const [k, t] of this.today)
        if (!this.profile.has(k))
          this.profile.set(
            k,
            Float64Array.from(t, (x) => x * w),
          );
      this.days++;
      const perSlot = new Float64Array(SLOTS);
      const perKey = new Map<string, number>();
      let total = 0;
      for (const [k, prof] of this.profile) {
        let sum = 0;
        for (let i = 0; i < SLOTS; i++) {
          perSlot[i]! += prof[i]!;
          sum += prof[i]!;
        }
        perKey.set(k, sum);
        total += sum;
      }
      this.sums = { perSlot, perKey, total };
    }
    this.issuesToday = 0;
    this.today.clear();
    this.day = day;
  }
}

const key = (serviceId: string, priority: boolean) => `${priority ? "p" : "o"}:${serviceId}`;

/**
 * Booked visitors' behaviour (issue 14), learned by the hall: how early they check in
 * against their ticket's due time (mean of check-in − due) and what share of the bookings
 * that could have come did (check-ins over check-ins plus misses). Both start from a prior
 * worth `PRIOR` bookings (five minutes early, nine in ten come) and move with what is seen.
 */
export class BookingStats {
  static readonly PRIOR = 20;
  private n = 0;
  private offsetSum = 0;
  private offsetSq = 0;
  private misses = 0;

  /** A booking checked in `offsetMs` after its due time (negative: early). */
  checkedIn(offsetMs: number): void {
    this.n++;
    this.offsetSum += offsetMs;
    this.offsetSq += offsetMs * offsetMs;
  }

  /** A booking's check-in window closed without it. */
  missed(): void {
    this.misses++;
  }

  /** Expected check-in − due time, ms. */
  offsetMs(): number {
    return (this.offsetSum + BookingStats.PRIOR * -5 * MIN) / (this.n + BookingStats.PRIOR);
  }

  /** Standard deviation of check-in − due, ms (prior: 5 minutes). */
  sdMs(): number {
    const w = this.n + BookingStats.PRIOR;
    const m = this.offsetMs();
    const sq = this.offsetSq + BookingStats.PRIOR * (25 + 25) * MIN * MIN; // prior: mean −5, sd 5
    return Math.sqrt(Math.max((MIN / 2) ** 2, sq / w - m * m));
  }

  /** Share of bookings that check in. */
  showRate(): number {
    return (this.n + 0.9 * BookingStats.PRIOR) / (this.n + this.misses + BookingStats.PRIOR);
  }

  /**
   * A booking due at `dueAt` that has not checked in by `now`: the chance it still comes and
   * when it is expected (check-in − due taken as normal with the learned mean and spread,
   * given that it is past `now`). Null when it is all but certain not to come.
   */
  expect(dueAt: number, now: number): { p: number; at: number } | null {
    const mean = this.offsetMs();
    const sd = this.sdMs();
    const z = (now - dueAt - mean) / sd;
    const surv = 0.5 * erfc(z / Math.SQRT2);
    if (surv < 1e-6) return null;
    const show = this.showRate();
    const p = (show * surv) / (show * surv + 1 - show);
    const pdf = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    return { p, at: Math.max(now, dueAt + mean + (sd * pdf) / surv) };
  }
}

/** The complementary error function (Abramowitz & Stegun 7.1.26, error below 1.5e-7). */
function erfc(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const r = y * Math.exp(-x * x);
  return x >= 0 ? r : 2 - r;
}
