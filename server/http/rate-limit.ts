/**
 * A sliding-window counter per key (client address, login name). In memory: one hall is
 * one process (DESIGN.md "Beyond one hall"). `limit <= 0` turns it off.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  /** Counts a hit; returns seconds to wait when over the limit, else 0. */
  hit(key: string): number {
    if (this.limit <= 0) return 0;
    const t = this.now();
    const xs = (this.hits.get(key) ?? []).filter((x) => x > t - this.windowMs);
    if (xs.length >= this.limit) {
      this.hits.set(key, xs);
      return Math.max(1, Math.ceil((xs[0]! + this.windowMs - t) / 1000));
    }
    xs.push(t);
    this.hits.set(key, xs);
    if (this.hits.size > 10_000) this.sweep(t);
    return 0;
  }

  /** Seconds to wait without counting a hit. */
  check(key: string): number {
    if (this.limit <= 0) return 0;
    const t = this.now();
    const xs = (this.hits.get(key) ?? []).filter((x) => x > t - this.windowMs);
    return xs.length >= this.limit ? Math.max(1, Math.ceil((xs[0]! + this.windowMs - t) / 1000)) : 0;
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  private sweep(t: number): void {
    for (const [k, xs] of this.hits) if (!xs.some((x) => x > t - this.windowMs)) this.hits.delete(k);
  }
}
