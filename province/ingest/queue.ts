/**
 * Admission of ingest batches to the database: at most `concurrency` transactions at a time
 * (PGlite runs one at a time anyway; a server pool has a few connections), and small batches
 * — a hall's live events, a few per call — go before the big batches of halls catching up
 * after an outage, so that the wall stays live while a hundred halls replay a month. The
 * waiting line of big batches is bounded twice: by its length, and by the wait it promises
 * (the line × the recent time of a big batch ÷ the slots): beyond either, a hall is told to
 * come back in a second (429) rather than holding a request open until its own timeout
 * (20 s in server/uplink/shipper.ts) on a slow or busy machine.
 */
/**
 * What a big batch is assumed to take until one has been timed: a hundred halls reconnecting
 * at the same moment would otherwise all be admitted to a line they cannot get through before
 * their request times out.
 */
const PRIOR_BULK_MS = 500;

export class IngestQueue {
  private running = 0;
  private readonly live: (() => void)[] = [];
  private readonly bulk: (() => void)[] = [];
  /** Recent duration of a big batch (ms, moving average); 0 until one has run. */
  private bulkMs = 0;

  constructor(
    private readonly concurrency: number,
    /** Batches of at most this many events count as live. */
    readonly liveMax = 50,
    /** Big batches allowed to wait; beyond, `full` is true and the route answers 429 (the hall retries shortly). */
    readonly maxBulkWaiting = 64,
    /** The longest wait a big batch is admitted to (ms); well under the hall's request timeout. */
    readonly maxWaitMs = 5_000,
    private readonly now: () => number = performance.now.bind(performance),
  ) {}

  /** True when a big batch should be turned away for now (live batches are always admitted). */
  full(events: number): boolean {
    if (events <= this.liveMax) return false;
    if (this.bulk.length >= this.maxBulkWaiting) return true;
    return this.running >= this.concurrency && this.expectedWaitMs() > this.maxWaitMs;
  }

  /** The wait a big batch arriving now would have, from the recent batch time (ms). */
  expectedWaitMs(): number {
    return ((this.bulk.length + 1) * (this.bulkMs || PRIOR_BULK_MS)) / this.concurrency;
  }

  /** Runs `fn` when a slot is free, live batches first. */
  async run<T>(events: number, fn: () => Promise<T>): Promise<T> {
    // A waiting batch is handed the slot of the one that ends (it does not count itself in).
    if (this.running >= this.concurrency)
      await new Promise<void>((r) => (events <= this.liveMax ? this.live : this.bulk).push(r));
    else this.running++;
    const t0 = this.now();
    try {
      return await fn();
    } finally {
      if (events > this.liveMax) {
        const ms = this.now() - t0;
        this.bulkMs = this.bulkMs === 0 ? ms : 0.8 * this.bulkMs + 0.2 * ms;
      }
      const next = this.live.shift() ?? this.bulk.shift();
      // Hand over after letting I/O run (MQTT summaries, SSE, HTTP): PGlite answers in the same
      // thread, so back-to-back transactions would otherwise chain as microtasks and starve the
      // sockets for as long as the queue lasts.
      if (next) setImmediate(next);
      else this.running--;
    }
  }

  /** Batches waiting for a slot. */
  get waiting(): number {
    return this.live.length + this.bulk.length;
  }
}
