/**
 * A sliding-window counter per key (client address, login name). In memory: one hall is
 * one process (DESIGN.md "Beyond one hall"). `limit <= 0` turns it off.
 */
import type { MiddlewareHandler } from "hono";
import { ApiError } from "./errors.ts";

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

/**
 * Middleware for lookups by an unguessable code (`/api/tickets/{code}`…): every answer
 * 404 counts against the client's address, and an address over `limiter`'s limit gets
 * 429 on every lookup, found or not, until its window slides — a guessing loop learns
 * nothing more, while a phone that holds its real code never misses (decision 0024).
 */
export function limitMisses(limiter: RateLimiter, clientIp: (req: Request) => string): MiddlewareHandler {
  return async (c, next) => {
    const ip = clientIp(c.req.raw);
    const wait = limiter.check(ip);
    if (wait > 0)
      throw new ApiError("too-many-requests", { retryAfterSec: wait }, { "Retry-After": String(wait) });
    await next();
    if (c.res.status === 404) limiter.hit(ip);
  };
}
