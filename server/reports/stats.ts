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
 *
 * Whole arrays given to `pushAll` as a Float64Array are kept as they are (a view, not a copy:
 * the province merges millions of waits it already holds, and copying them into every group
 * and into the total took longer than selecting among them). They must not change afterwards;
 * they are never reordered: from BUCKET_MIN values on, selection reads them in place, and
 * below it, or for `sorted()`, they are first copied into the buffer.
 */
export class Samples {
  private buf: Float64Array;
  /** Values in `buf`. */
  private used = 0;
  /** Arrays kept by reference (pushAll of a Float64Array). */
  private parts: Float64Array[] = [];
  /** The buckets counted by the last selection, while no value was added since. */
  private buckets: Buckets | null = null;
  length = 0;

  /** `capacity`: how many values to make room for at once (when known, no regrowth). */
  constructor(capacity = 64) {
    this.buf = new Float64Array(Math.max(1, Math.min(capacity, 1 << 16)));
  }

  push(x: number): void {
    this.room(1);
    this.buf[this.used++] = x;
    this.length++;
    this.buckets = null;
  }

  /** Appends many values at once (the province merges whole groups of waits; see the class note). */
  pushAll(xs: ArrayLike<number>): void {
    if (xs.length === 0) return;
    this.buckets = null;
    this.length += xs.length;
    if (xs instanceof Float64Array && xs.length >= 64) {
      this.parts.push(xs);
      return;
    }
    this.room(xs.length);
    this.buf.set(xs, this.used);
    this.used += xs.length;
  }

  /**
   * Appends src[start, end) (the province's cells of a month held in memory): a long range is
   * kept as a view (see the class note), a short one copied without making a view.
   */
  pushRange(src: Float64Array, start: number, end: number): void {
    const n = end - start;
    if (n <= 0) return;
    if (n >= 64) {
      this.pushAll(src.subarray(start, end));
      return;
    }
    this.buckets = null;
    this.length += n;
    this.room(n);
    const buf = this.buf;
    let j = this.used;
    for (let i = start; i < end; i++) buf[j++] = src[i]!;
    this.used = j;
  }

  private room(n: number): void {
    if (this.used + n <= this.buf.length) return;
    let size = this.buf.length;
    while (size < this.used + n) size *= 2;
    const next = new Float64Array(size);
    next.set(this.buf.subarray(0, this.used));
    this.buf = next;
  }

  /** Every value in `buf` (the kept arrays copied in). */
  private flat(): Float64Array {
    if (this.parts.length > 0) {
      const parts = this.parts;
      this.parts = [];
      for (const p of parts) {
        this.room(p.length);
        this.buf.set(p, this.used);
        this.used += p.length;
      }
    }
    return this.buf;
  }

  /**
   * The nearest-rank percentile of the values (as `nearestRank` of them sorted), by selection
   * instead of a sort: O(n), which matters for millions of waits (a province's year; a
   * Float64Array sort of 3.7 million takes about a second). May reorder the values in the buffer.
   */
  nearestRank(percent: number): number | null {
    if (this.length === 0) return null;
    const k = rankOf(this.length, percent) - 1;
    if (this.length >= BUCKET_MIN) {
      const arrays = [this.buf.subarray(0, this.used), ...this.parts];
      this.buckets ??= countBuckets(arrays);
      return bucketSelect(arrays, this.buckets, k);
    }
    return select(this.flat(), 0, this.length - 1, k);
  }

  /** The values in ascending order (a view; valid until the next push). */
  sorted(): Float64Array {
    const v = this.flat().subarray(0, this.length);
    v.sort();
    return v;
  }
}

/** From this many values on, selection goes through buckets (a province's year: millions; a hall's year: tens of thousands). */
const BUCKET_MIN = 20_000;
const BUCKETS = 65_536;

/** How many values fall in each of (at most BUCKETS) equal-width buckets between the smallest and the largest. */
interface Buckets {
  min: number;
  max: number;
  counts: Uint32Array;
}

function countBuckets(arrays: readonly Float64Array[]): Buckets {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const a of arrays)
    for (let i = 0; i < a.length; i++) {
      const v = a[i]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  // About eight values a bucket, at most BUCKETS (the count decides only how few values are sorted).
  let n = 0;
  for (const a of arrays) n += a.length;
  const size = Math.min(BUCKETS, 2 ** Math.max(10, Math.ceil(Math.log2(n / 8))));
  const counts = new Uint32Array(size);
  if (min < max) {
    const scale = size / (max - min);
    for (const a of arrays)
      for (let i = 0; i < a.length; i++) counts[Math.min(size - 1, Math.floor((a[i]! - min) * scale))]!++;
  }
  return { min, max, counts };
}

/**
 * The k-th smallest (0-based) of the values of `arrays`, exactly: find the bucket (counted by
 * `countBuckets`) that holds rank k, then sort only that bucket's values (a few dozen of
 * millions). Each value's bucket is computed the same way in both passes, so the buckets only
 * decide which values are sorted, never the result. Several times faster than quickselect on
 * millions of waits (no swaps, no data-dependent branches), and it leaves the values in place;
 * the counts serve every percentile of the same values (median and p90: one count).
 */
function bucketSelect(arrays: readonly Float64Array[], bk: Buckets, k: number): number {
  const { min, max, counts } = bk;
  if (min === max) return min;
  const size = counts.length;
  const scale = size / (max - min);
  let b = 0;
  let before = 0;
  while (before + counts[b]! <= k) before += counts[b++]!;
  const inBucket = new Float64Array(counts[b]!);
  let j = 0;
  for (const a of arrays)
    for (let i = 0; i < a.length; i++) {
      const v = a[i]!;
      if (Math.min(size - 1, Math.floor((v - min) * scale)) === b) inBucket[j++] = v;
    }
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
