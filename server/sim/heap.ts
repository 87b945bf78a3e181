/** A binary min-heap of timed callbacks; ties run in the order they were scheduled. */
export class EventHeap {
  private xs: { t: number; s: number; f: () => void }[] = [];
  private seq = 0;

  /** Number of events pending. */
  get size(): number {
    return this.xs.length;
  }

  /** Time of the next event, or Infinity. */
  peekTime(): number {
    return this.xs[0]?.t ?? Number.POSITIVE_INFINITY;
  }

  /** Schedules `f` at time `t`. */
  push(t: number, f: () => void): void {
    const xs = this.xs;
    xs.push({ t, s: this.seq++, f });
    let i = xs.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (less(xs[p]!, xs[i]!)) break;
      [xs[p], xs[i]] = [xs[i]!, xs[p]!];
      i = p;
    }
  }

  /** Removes and returns the earliest event. */
  pop(): { t: number; f: () => void } | undefined {
    const xs = this.xs;
    const top = xs[0];
    const last = xs.pop();
    if (top && last && xs.length > 0) {
      xs[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < xs.length && less(xs[l]!, xs[m]!)) m = l;
        if (r < xs.length && less(xs[r]!, xs[m]!)) m = r;
        if (m === i) break;
        [xs[m], xs[i]] = [xs[i]!, xs[m]!];
        i = m;
      }
    }
    return top;
  }
}

function less(a: { t: number; s: number }, b: { t: number; s: number }): boolean {
  return a.t < b.t || (a.t === b.t && a.s < b.s);
}
