/**
 * Admission of ingest batches to the database: at most `concurrency` transactions at a time
 * (PGlite runs one at a time anyway; a server pool has a few connections), and small batches
 * — a hall's live events, a few per call — go before the big batches of halls catching up
 * after an outage, so that the wall stays live while a hundred halls replay a month.
 */
export class IngestQueue {
  private running = 0;
  private readonly live: (() => void)[] = [];
  private readonly bulk: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    /** Batches of at most this many events count as live. */
    readonly liveMax = 50,
  ) {}

  /** Runs `fn` when a slot is free, live batches first. */
  async run<T>(events: number, fn: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency)
      await new Promise<void>((r) => (events <= this.liveMax ? this.live : this.bulk).push(r));
    this.running++;
    try {
      return await fn();
    } finally {
      this.running--;
      const next = this.live.shift() ?? this.bulk.shift();
      next?.();
    }
  }

  /** Batches waiting for a slot. */
  get waiting(): number {
    return this.live.length + this.bulk.length;
  }
}
