/**
 * The wait estimates of every waiting ticket, computed once per change and shared by
 * whoever asks (docs/decisions/0104-estimates-once-per-change.md): the ticket an issue
 * request prints, `GET /api/tickets/{code}`, the phone streams (views.ts).
 *
 * One run of the queue core's one-pass estimate (`estimateAll`: the hall re-run from now,
 * decision 0004) gives every waiting ticket its figure. Issue requests do not run it each:
 * `of(id)` waits for the next run, which starts after the requests already read have been
 * committed (`setImmediate`), so a burst of fifty issues costs one run, and every ticket
 * of the burst gets the figure of a run that already counts it and those before it. A
 * run stays good while the hall's version has not moved and for `maxAgeMs` (time alone
 * moves the estimates little; the live views also rebuild every 15 s).
 */
import type { Estimate } from "../queue/eta.ts";

export interface WaitEstimatesDeps {
  /** Every waiting ticket's estimate at `now` (the queue core's `estimateAll`). */
  estimateAll: (now: number) => Map<number, Estimate>;
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

  /** A waiting ticket's estimate from the next run (null when it no longer waits). */
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
      const map = this.all();
      for (const w of waiters) w.resolve(map.get(w.id) ?? null);
    } catch (e) {
      for (const w of waiters) w.reject(e);
    }
  }
}
