/**
 * Where reports run. A year of a busy hall takes a few hundred milliseconds of SQLite and
 * JavaScript; on the hall's own thread that would freeze calls, boards and MQTT meanwhile
 * (bun:sqlite is synchronous). So the server runs them in one worker thread with its own
 * read-only connection — WAL mode lets it read while the hall writes
 * (docs/decisions/0031-report-engine.md). Requests queue in the worker; beyond `maxQueue`
 * waiting requests the answer is 429 too-many-requests, never a frozen server.
 * `inlineRunner` runs in the caller's thread, for tests and `:memory:` databases.
 */
import type { HallConfig } from "../contract/config.ts";
import type { ErrorCode } from "../contract/errors.ts";
import { DomainError } from "../queue/types.ts";
import type { ReportStore } from "../store/reports.ts";
import { type ReportKind, type ReportRequest, type ReportResult, runReport } from "./service.ts";

export interface ReportRunner {
  run<K extends ReportKind>(req: ReportRequest<K>): Promise<ReportResult<K>>;
  close(): void;
}

/** Messages to and from the worker (worker.ts). */
export type ToWorker =
  | { type: "init"; dbPath: string }
  | { type: "run"; id: number; req: ReportRequest; config: HallConfig };
export type FromWorker =
  | { id: number; result: ReportResult }
  | { id: number; error: { code: ErrorCode; details?: unknown } }
  | { id: number; crash: string };

/** Runs reports in the calling thread (tests, in-memory databases). */
export function inlineRunner(reports: ReportStore, config: () => HallConfig): ReportRunner {
  return {
    run: (req) => runReport({ reports, config: config(), now: () => req.now }, req),
    close: () => {},
  };
}

/** Runs reports in a worker thread on a read-only connection to the hall's database file. */
export class WorkerReportRunner implements ReportRunner {
  private worker: Worker | null = null;
  private seq = 0;
  private readonly pending = new Map<
    number,
    { resolve: (r: ReportResult) => void; reject: (e: Error) => void }
  >();

  constructor(private readonly o: { dbPath: string; config: () => HallConfig; maxQueue?: number }) {}

  run<K extends ReportKind>(req: ReportRequest<K>): Promise<ReportResult<K>> {
    if (this.pending.size >= (this.o.maxQueue ?? 8))
      return Promise.reject(
        new DomainError("too-many-requests", { retryAfterSec: 5, reason: "reports busy" }),
      );
    const w = this.start();
    const id = ++this.seq;
    return new Promise<ReportResult<K>>((resolve, reject) => {
      // The worker runs the same runReport(): its answer for kind K is a ReportResult<K>.
      this.pending.set(id, { resolve: (r) => resolve(r as ReportResult<K>), reject });
      w.postMessage({ type: "run", id, req, config: this.o.config() } satisfies ToWorker);
    });
  }

  /** Stops the worker; pending requests fail. */
  close(): void {
    this.worker?.terminate();
    this.worker = null;
    this.failAll(new Error("report worker stopped"));
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL("./worker.ts", import.meta.url).href);
    // The hall must be able to exit while the worker idles.
    (w as Worker & { unref?: () => void }).unref?.();
    w.onmessage = (ev: MessageEvent<FromWorker>) => {
      const m = ev.data;
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if ("result" in m) p.resolve(m.result);
      else if ("error" in m) p.reject(new DomainError(m.error.code, m.error.details));
      else p.reject(new Error(`report worker: ${m.crash}`));
    };
    w.onerror = (ev) => {
      // A crashed worker is replaced on the next request.
      this.worker = null;
      this.failAll(new Error(`report worker failed: ${ev.message}`));
    };
    w.postMessage({ type: "init", dbPath: this.o.dbPath } satisfies ToWorker);
    this.worker = w;
    return w;
  }

  private failAll(e: Error): void {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }
}
