/** A binary min-heap of items by a numeric key (ties: insertion order). */
export class MinHeap<T> {
  private keys: number[] = [];
  private seqs: number[] = [];
  private items: T[] = [];
  private seq = 0;

  /** A heap holding `items` whose `keys` are already in ascending order (a sorted array is a heap): O(n). */
  static fromSorted<T>(keys: readonly number[], items: readonly T[]): MinHeap<T> {
    const h = new MinHeap<T>();
    h.keys = keys.slice();
    h.items = items.slice();
    h.seqs = iota(keys.length);
    h.seq = keys.length;
    return h;
  }

  get size(): number {
    return this.items.length;
  }

  /** The smallest item, or undefined. */
  peek(): T | undefined {
    return this.items[0];
  }

  /** Key of the smallest item, or Infinity. */
  peekKey(): number {
    return this.keys[0] ?? Number.POSITIVE_INFINITY;
  }

  push(key: number, item: T): void {
    this.keys.push(key);
    this.seqs.push(this.seq++);
    this.items.push(item);
    let i = this.items.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  /** Removes and returns the smallest item. */
  pop(): T | undefined {
    const n = this.items.length;
    if (n === 0) return undefined;
    const top = this.items[0];
    this.swap(0, n - 1);
    this.keys.pop();
    this.seqs.pop();
    this.items.pop();
    let i = 0;
    const m = n - 1;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let s = i;
      if (l < m && this.less(l, s)) s = l;
      if (r < m && this.less(r, s)) s = r;
      if (s === i) break;
      this.swap(i, s);
      i = s;
    }
    return top;
  }

  private less(a: number, b: number): boolean {
    return this.keys[a]! < this.keys[b]! || (this.keys[a] === this.keys[b] && this.seqs[a]! < this.seqs[b]!);
  }

  private swap(a: number, b: number): void {
    const k = this.keys[a]!;
    this.keys[a] = this.keys[b]!;
    this.keys[b] = k;
    const s = this.seqs[a]!;
    this.seqs[a] = this.seqs[b]!;
    this.seqs[b] = s;
    const x = this.items[a]!;
    this.items[a] = this.items[b]!;
    this.items[b] = x;
  }
}

/** 0, 1, …, n-1 (copied from one shared array: heaps are rebuilt many times per estimate). */
let IOTA: number[] = [];
function iota(n: number): number[] {
  if (IOTA.length < n) IOTA = Array.from({ length: Math.max(n, 2 * IOTA.length) }, (_, i) => i);
  return IOTA.slice(0, n);
}
