/**
 * Telling a USB 2D scanner in keyboard mode ("keyboard wedge") from a person typing. A
 * scanner types a whole code in a burst, a few milliseconds per character, usually ending
 * with Enter (some end with Tab, some with nothing); a person types 80 ms or more per key (even a fast typist, on a code of digits and "|").
 * A burst counts as a scan when it is at least `minLength` characters long and its median
 * time between keys is at most `maxMedianMs`; a pause longer than `resetGapMs` starts a new
 * burst; a scanner without a suffix is caught by `flush()` after `idleMs` of silence.
 * Pure (times come in), so it is tested without a browser.
 */

export interface WedgeOptions {
  minLength: number;
  maxMedianMs: number;
  resetGapMs: number;
  idleMs: number;
}

export const WEDGE_DEFAULTS: WedgeOptions = { minLength: 6, maxMedianMs: 50, resetGapMs: 500, idleMs: 300 };

/** What a burst turned out to be. */
export type Burst = { kind: "scan"; text: string } | { kind: "typed"; length: number };

export class WedgeBuffer {
  private chars: string[] = [];
  private times: number[] = [];

  constructor(private readonly o: WedgeOptions = WEDGE_DEFAULTS) {}

  /** True while a burst is being collected. */
  get busy(): boolean {
    return this.chars.length > 0;
  }

  /**
   * One key (`KeyboardEvent.key`) at time `t` (ms). Returns the burst it ended (Enter or
   * Tab), else null. Keys that are not characters (Shift, arrows…) are ignored.
   */
  key(key: string, t: number): Burst | null {
    if (key === "Enter" || key === "Tab") return this.end();
    if ([...key].length !== 1) return null;
    const last = this.times.at(-1);
    if (last !== undefined && t - last > this.o.resetGapMs) this.reset();
    this.chars.push(key);
    this.times.push(t);
    return null;
  }

  /** Called after `idleMs` of silence: a scanner without a suffix ends its code like this. */
  flush(t: number): Burst | null {
    const last = this.times.at(-1);
    if (last === undefined || t - last < this.o.idleMs) return null;
    const b = this.end();
    // A person pausing between keys is not a burst worth reporting.
    return b?.kind === "scan" ? b : null;
  }

  private end(): Burst | null {
    if (this.chars.length === 0) return null;
    const text = this.chars.join("");
    const gaps = this.times.slice(1).map((x, i) => x - this.times[i]!);
    this.reset();
    if (text.length < this.o.minLength) return { kind: "typed", length: text.length };
    return median(gaps) <= this.o.maxMedianMs
      ? { kind: "scan", text }
      : { kind: "typed", length: text.length };
  }

  private reset(): void {
    this.chars = [];
    this.times = [];
  }
}

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
