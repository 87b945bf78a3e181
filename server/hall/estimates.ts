/**
 * The wait estimates, each computed once and shared (docs/decisions/0104-estimates-once-per-change.md).
 *
 * - `of(id)`: the figure an issue request prints. Issue requests do not each run the
 *   estimate: they wait for the next run (`setImmediate`, after the requests already read
 *   have committed), which estimates all of them at once (`estimateSome`: the hall re-run
 *   from now until every one of them is called, decision 0004), so a burst of fifty issues
 *   costs about one estimate. A ticket issued alone gets exactly the one-ticket estimate
 *   the simulator measures (`npm run simulate`).
 * - `all()`: every waiting ticket at once (`estimateAll`), for the phone streams
 *   (views.ts) and ticket lookups; a run is reused while the hall's version has not moved
 *   and for `maxAgeMs` (time alone moves the estimates little; the live views rebuild
 *   every 15 s anyway).
 */
import type { Estimate } from "../queue/eta.ts";

export interface WaitEstimatesDeps {
  /** Every waiting ticket's estimate at `now` (the queue core's `estimateAll`). */
  estimateAll: (now: number) => Map<number, Estimate>;
  /** Some waiting tickets' estimates at `now` (the queue core's `estimateSome`). */
  estimateSome: (ids: Iterable<number>, now: number) => Map<number, Estimate>;
  /** The hall's version: moved by every commit (hall.ts). */
  version: () => number;
  now: () => number;
  /** How long a run is reused while nothing changed (default 1 s). */
  maxAgeMs?: number;
}

export class WaitEstimates {
  private last: { version: number; at: number; map: Map<number, Estimate> } | null = null;
  private waiters: { id: number; resolve: (e: Estimate | null) => void; reject: (e: unknown) => void }[] = [];
  private scheduled = false;
  /** Runs of the estimate so far (the benches print it). */
  runs = 0;

  constructor(private readonly d: WaitEstimatesDeps) {}

  /** Every waiting ticket's estimate now: the last run while still good, else a new one. */
  all(now = this.d.now()): ReadonlyMap<number, Estimate> {
    const version = this.d.version();
    const l = this.last;
    if (l && l.version === version && now >= l.at && now - l.at < (this.d.maxAgeMs ?? 1_000)) return l.map;
    const map = this.d.estimateAll(now);
    this.runs++;
    this.last = { version, at: now, map };
    return map;
  }

  /** A waiting ticket's estimate from the next run, shared with those asked meanwhile (null when it no longer waits). */
  of(id: number): Promise<Estimate | null> {
    return new Promise((resolve, reject) => {
      this.waiters.push({ id, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    this.scheduled = false;
    const waiters = this.waiters;
    this.waiters = [];
    try {
      const map = this.d.estimateSome(new Set(waiters.map((w) => w.id)), this.d.now());
      this.runs++;
      for (const w of waiters) w.resolve(map.get(w.id) ?? null);
    } catch (e) {
      for (const w of waiters) w.reject(e);
    }
  }
}
