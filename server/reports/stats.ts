/**
 * Exact statistics of the reports. Percentiles are nearest-rank (docs/decisions/
 * 0030-report-definitions.md): the p-th percentile of n sorted values is the value at
 * 1-based rank ⌈p·n/100⌉, i.e. the smallest observed wait such that at least p % of
 * visitors waited no longer. It is always a real wait of a real visitor (never an
 * interpolation or an average of averages), so "90 % waited at most p90" holds exactly.
 */

/**
 * Nearest-rank percentile of ascending `sorted` for an integer percent 1 … 100, or null
 * when there are no values. Integer arithmetic for the rank: `0.9 * n` in floating point
 * can land just above an integer ((7 / 100) × 100 = 7.000000000000001) and pick the next rank.
 */
export function nearestRank(sorted: ArrayLike<number>, percent: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  return sorted[rankOf(n, percent) - 1]!;
}

/** The 1-based nearest rank ⌈p·n/100⌉ (at least 1) of n values, in integer arithmetic. */
export function rankOf(n: number, percent: number): number {
  return Math.max(1, Math.ceil((percent * n) / 100));
}

/** Milliseconds → seconds, exact to the millisecond (waits are stored in ms). */
export function sec(ms: number | null): number | null {
  return ms === null ? null : ms / 1000;
}

/** Mean of a sum over n values in ms, as seconds rounded to 0.1 s; null when n = 0. */
export function meanSec(sumMs: number, n: number): number | null {
  return n === 0 ? null : Math.round(sumMs / n / 100) / 10;
}

/** part / whole as a percentage rounded to 0.1; null when whole = 0. */
export function pct(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((1000 * part) / whole) / 10;
}

/**
 * A growable array of waits (ms) that sorts numerically in place. Float64Array#sort is a
 * numeric sort (no string comparison trap of Array#sort) and several times faster.
 */
export class Samples {
  private buf: Float64Array;
  length = 0;

  /** `capacity`: how many values to make room for at once (when known, no regrowth). */
  constructor(capacity = 64) {
    this.buf = new Float64Array(Math.max(1, capacity));
  }

  push(x: number): void {
    if (this.length === this.buf.length) {
      const next = new Float64Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = x;
  }

  /** Appends many values at once (the province merges whole groups of waits). */
  pushAll(xs: ArrayLike<number>): void {
    if (this.length + xs.length > this.buf.length) {
      let size = this.buf.length;
      while (size < this.length + xs.length) size *= 2;
      const next = new Float64Array(size);
      next.set(this.buf.subarray(0, this.length));
      this.buf = next;
    }
    this.buf.set(xs, this.length);
    this.length += xs.length;
  }

  /**
   * The nearest-rank percentile of the values (as `nearestRank` of them sorted), by selection
   * instead of a sort: O(n), which matters for millions of waits (a province's year; a
   * Float64Array sort of 3.7 million takes about a second). Reorders the values.
   */
  nearestRank(percent: number): number | null {
    if (this.length === 0) return null;
    const k = rankOf(this.length, percent) - 1;
    if (this.length >= BUCKET_MIN) return bucketSelect(this.buf, this.length, k);
    return select(this.buf, 0, this.length - 1, k);
  }

  /** The values in ascending order (a view; valid until the next push). */
  sorted(): Float64Array {
    const v = this.buf.subarray(0, this.length);
    v.sort();
    return v;
  }
}

/** From this many values on, selection goes through buckets (a province's year: millions). */
const BUCKET_MIN = 100_000;
const BUCKETS = 65_536;

/**
 * The k-th smallest (0-based) of a[0..n-1], exactly, in three plain passes: count the values
 * per bucket of equal width between the smallest and the largest, find the bucket that holds
 * rank k, then sort only that bucket's values (a few dozen of millions). Each value's bucket
 * is computed the same way in both passes, so the buckets only decide which values are
 * sorted, never the result. Several times faster than quickselect on millions of waits
 * (no swaps, no data-dependent branches), and it leaves the values in place.
 */
function bucketSelect(a: Float64Array, n: number, k: number): number {
  let min = a[0]!;
  let max = a[0]!;
  for (let i = 1; i < n; i++) {
    const v = a[i]!;
    if (v < min) min = v;
    else if (v > max) max = v;
  }
  if (min === max) return min;
  const scale = BUCKETS / (max - min);
  const at = (v: number) => Math.min(BUCKETS - 1, Math.floor((v - min) * scale));
  const counts = new Uint32Array(BUCKETS);
  for (let i = 0; i < n; i++) counts[at(a[i]!)]!++;
  let b = 0;
  let before = 0;
  while (before + counts[b]! <= k) before += counts[b++]!;
  const inBucket = new Float64Array(counts[b]!);
  let j = 0;
  for (let i = 0; i < n; i++) if (at(a[i]!) === b) inBucket[j++] = a[i]!;
  inBucket.sort();
  return inBucket[k - before]!;
}

/**
 * The k-th smallest (0-based) of a[lo..hi], moving it to a[k] (Hoare's quickselect with a
 * median-of-three pivot; iterative). Values are numbers compared numerically.
 */
function select(a: Float64Array, lo: number, hi: number, k: number): number {
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // Median of three as the pivot keeps sorted or constant runs from going quadratic.
    const x = a[lo]!;
    const y = a[mid]!;
    const z = a[hi]!;
    const pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}
