/**
 * Where the staffing advice runs, and how often. Simulating the rest of the day for every
 * option takes a few hundred milliseconds in a big hall: on the hall's thread that would
 * freeze calls and boards meanwhile, so the server runs it in a worker thread
 * (`WorkerStaffingRunner`; `inlineStaffing` runs in the caller's thread, for tests). The
 * advice of a state is kept until the hall changes (its last event) or a minute passes,
 * and concurrent requests share one computation.
 */
import { adviseStaffing, type StaffingAdvice, type StaffingInput } from "./staffing.ts";

export interface StaffingRunner {
  advise(input: StaffingInput, runs: number): Promise<StaffingAdvice>;
  close(): void;
}

/** Messages to and from the worker (staffing-worker.ts). */
export type StaffingToWorker = { id: number; input: StaffingInput; runs: number };
export type StaffingFromWorker = { id: number; advice: StaffingAdvice } | { id: number; crash: string };

/** Runs the advice in the calling thread (tests). */
export const inlineStaffing: StaffingRunner = {
  advise: async (input, runs) => adviseStaffing(input, runs),
  close: () => {},
};

/** Runs the advice in a worker thread. */
export class WorkerStaffingRunner implements StaffingRunner {
  private worker: Worker | null = null;
  private seq = 0;
  private readonly pending = new Map<
    number,
    { resolve: (a: StaffingAdvice) => void; reject: (e: Error) => void }
  >();

  advise(input: StaffingInput, runs: number): Promise<StaffingAdvice> {
    const w = this.start();
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      w.postMessage({ id, input, runs } satisfies StaffingToWorker);
    });
  }

  close(): void {
    this.worker?.terminate();
    this.worker = null;
    for (const p of this.pending.values()) p.reject(new Error("staffing worker stopped"));
    this.pending.clear();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL("./staffing-worker.ts", import.meta.url).href);
    (w as Worker & { unref?: () => void }).unref?.();
    w.onmessage = (ev: MessageEvent<StaffingFromWorker>) => {
      const m = ev.data;
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if ("advice" in m) p.resolve(m.advice);
      else p.reject(new Error(`staffing worker: ${m.crash}`));
    };
    w.onerror = (ev) => {
      this.worker = null;
      for (const p of this.pending.values()) p.reject(new Error(`staffing worker failed: ${ev.message}`));
      this.pending.clear();
    };
    this.worker = w;
    return w;
  }
}

/** The advice for the hall's current state, cached per (last event, minute), one computation at a time. */
export class StaffingAdvisor {
  private cached: { key: string; advice: Promise<StaffingAdvice> } | null = null;

  constructor(
    private readonly runner: StaffingRunner,
    private readonly snapshot: (now: number) => StaffingInput,
    private readonly version: () => number,
    private readonly runs = 8,
  ) {}

  /** The advice at `now` (from the cache when nothing changed within the minute). */
  advice(now: number): Promise<StaffingAdvice> {
    const key = `${this.version()}@${Math.floor(now / 60_000)}`;
    if (this.cached?.key === key) return this.cached.advice;
    const advice = this.runner.advise(this.snapshot(now), this.runs);
    this.cached = { key, advice };
    advice.catch(() => {
      if (this.cached?.advice === advice) this.cached = null;
    });
    return advice;
  }
}
