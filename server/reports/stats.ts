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
  const rank = Math.max(1, Math.ceil((percent * n) / 100));
  return sorted[rank - 1]!;
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
  private buf = new Float64Array(64);
  length = 0;

  push(x: number): void {
    if (this.length === this.buf.length) {
      const next = new Float64Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = x;
  }

  /** The values in ascending order (a view; valid until the next push). */
  sorted(): Float64Array {
    const v = this.buf.subarray(0, this.length);
    v.sort();
    return v;
  }
}
