/**
 * Admission of ingest batches to the database: at most `concurrency` transactions at a time
 * (PGlite runs one at a time anyway; a server pool has a few connections), and small batches
 * — a hall's live events, a few per call — go before the big batches of halls catching up
 * after an outage, so that the wall stays live while a hundred halls replay a month. The
 * waiting line of big batches is bounded: beyond it a hall is told to come back in a second
 * rather than holding a request open until its timeout.
 */
export class IngestQueue {
  private running = 0;
  private readonly live: (() => void)[] = [];
  private readonly bulk: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    /** Batches of at most this many events count as live. */
    readonly liveMax = 50,
    /** Big batches allowed to wait; beyond, `full` is true and the route answers 429 (the hall retries shortly). */
    readonly maxBulkWaiting = 64,
  ) {}

  /** True when a big batch should be turned away for now (live batches are always admitted). */
  full(events: number): boolean {
    return events > this.liveMax && this.bulk.length >= this.maxBulkWaiting;
  }

  /** Runs `fn` when a slot is free, live batches first. */
  async run<T>(events: number, fn: () => Promise<T>): Promise<T> {
    // A waiting batch is handed the slot of the one that ends (it does not count itself in).
    if (this.running >= this.concurrency)
      await new Promise<void>((r) => (events <= this.liveMax ? this.live : this.bulk).push(r));
    else this.running++;
    try {
      return await fn();
    } finally {
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
