/**
 * Recent service times per field, the input of the wait estimate. A trimmed mean of
 * the last `window` visits resists the odd 40-minute land dossier; until a field has
 * `minSamples` visits, its configured typical time is blended in.
 */
export class ServiceTimes {
  private readonly samples = new Map<string, number[]>();

  constructor(
    private readonly defaultsMs: ReadonlyMap<string, number>,
    private readonly window = 30,
    private readonly minSamples = 5,
  ) {}

  /** Records one service duration (ms) of a field; ignores nonsense values. */
  add(serviceId: string, ms: number): void {
    if (!Number.isFinite(ms) || ms <= 0 || ms > 4 * 3600_000) return;
    let xs = this.samples.get(serviceId);
    if (!xs) {
      xs = [];
      this.samples.set(serviceId, xs);
    }
    xs.push(ms);
    if (xs.length > this.window) xs.shift();
  }

  /** Expected service duration (ms) of the next visit of a field. */
  mean(serviceId: string): number {
    const fallback = this.defaultsMs.get(serviceId) ?? 6 * 60_000;
    const xs = this.samples.get(serviceId);
    if (!xs || xs.length === 0) return fallback;
    const sorted = [...xs].sort((a, b) => a - b);
    const cut = Math.floor(sorted.length * 0.1);
    const kept = sorted.slice(cut, sorted.length - cut);
    const m = kept.reduce((s, x) => s + x, 0) / kept.length;
    if (xs.length >= this.minSamples) return m;
    const w = xs.length / this.minSamples;
    return w * m + (1 - w) * fallback;
  }
}
