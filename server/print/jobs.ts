/**
 * Print jobs and printer status, without any transport: the server injects
 * `publish` (MQTT QoS 1, not retained) and the clock and timer functions, and
 * feeds every message of the printer topics to `handleMessage`.
 *
 * Rules (issue 3, "Printer protocol"):
 * - a job is published on `{b}/{h}/printer/{id}/job/{jobId}` and waits for
 *   `{jobId}` or `{jobId} error <reason>` on `…/ack`; no ack within `ackTimeoutMs`
 *   → failed ("timeout");
 * - a job to a printer whose bridge is offline (or was never seen) or whose paper
 *   is `out` is not published and is reported `offline` / `no-paper` at once;
 * - a reprint re-sends the same bytes as a new job (the ticket is never re-issued);
 * - garbage (unknown printer, unparsable ack, unknown job) is logged and ignored;
 * - each job has its own timer, so a printer that never answers blocks nobody.
 */
import {
  ID_PATTERN,
  type PaperState,
  type ParsedTopic,
  type PrinterStatus,
  type PrintJob,
  type PrintJobState,
  parseAck,
  parsePaper,
  parseTopic,
  topics,
} from "../contract/index.ts";
import { isoVn } from "../queue/time.ts";
import { systemClock } from "../system-clock.ts";

export interface PrintTrackerOptions {
  base: string;
  hall: string;
  /** Printer ids of the hall config; messages about other printers are ignored. */
  printers: string[];
  /** Publishes one job (QoS 1, not retained); a rejection fails the job. */
  publish: (topic: string, payload: Uint8Array) => void | Promise<void>;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** How long a bridge has to acknowledge a job (default 5 s). */
  ackTimeoutMs?: number;
  /** New job id: lowercase ASCII, unique (default: 16 random base-36 characters). */
  newJobId?: () => string;
  /** How many jobs (with their bytes, up to ~80 KB for a raster ticket) are kept for queries and reprints (default 200). */
  maxJobs?: number;
  log?: (message: string) => void;
}

/** A change the tracker reports to its listeners. */
export type PrintChange = { type: "job"; job: PrintJob } | { type: "printer"; printer: PrinterStatus };

/** Why a reprint was refused (the HTTP layer maps these to 404 / 409). */
export type ReprintRefusal =
  | "print-job-not-found"
  | "printer-offline"
  | "printer-no-paper"
  | "print-in-progress"
  | "reprint-limit";

/** Reprints of one ticket (paper and thermal heads are not free; the screen shows the ticket). */
export const MAX_REPRINTS = 3;

interface JobRecord {
  job: PrintJob;
  /** The ticket's bytes, rendered on first need: a job to an offline printer is never rendered. */
  bytes: () => Uint8Array;
  timer: unknown;
}

/** Wraps bytes or a renderer so that rendering happens at most once, and only when needed. */
function lazy(b: Uint8Array | (() => Uint8Array)): () => Uint8Array {
  if (b instanceof Uint8Array) return () => b;
  let memo: Uint8Array | null = null;
  return () => {
    memo ??= b();
    return memo;
  };
}

interface PrinterRecord {
  online: boolean;
  paper: PaperState | null;
  lastSeen: number | null;
}

/** How many of a printer's latest jobs `recentFailures` looks at. */
const RECENT_JOBS = 10;

const ID_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/** A random lowercase job id (crypto-random, 16 characters: collisions are not a concern). */
export function randomJobId(): string {
  const r = crypto.getRandomValues(new Uint8Array(16));
  let s = "";
  for (const b of r) s += ID_ALPHABET[b % 36];
  return s;
}

/** Tracks print jobs and printer status of one hall (see the file comment). */
export class PrintJobTracker {
  private readonly t;
  private readonly jobs = new Map<string, JobRecord>();
  private readonly printerState = new Map<string, PrinterRecord>();
  private readonly listeners = new Set<(c: PrintChange) => void>();
  private readonly now: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;
  private readonly ackTimeoutMs: number;
  private readonly newJobId: () => string;
  private readonly maxJobs: number;
  private readonly log: (message: string) => void;

  constructor(private readonly opts: PrintTrackerOptions) {
    this.t = topics(opts.base, opts.hall);
    this.now = opts.now ?? systemClock.now;
    this.setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = opts.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
    this.ackTimeoutMs = opts.ackTimeoutMs ?? 5000;
    this.newJobId = opts.newJobId ?? randomJobId;
    this.maxJobs = opts.maxJobs ?? 200;
    this.log = opts.log ?? ((m) => console.warn(`[print] ${m}`));
    for (const id of opts.printers) this.printerState.set(id, { online: false, paper: null, lastSeen: null });
  }

  /**
   * The hall's printers changed (settings): a new printer is tracked from now on, its
   * availability taken from `seen` (the device statuses the gateway has heard) until its
   * bridge says otherwise; a removed printer is no longer listed, and its jobs stay
   * readable (and their acks heard) until they age out.
   */
  setPrinters(ids: readonly string[], seen: (id: string) => boolean | undefined = () => undefined): void {
    for (const id of ids)
      if (!this.printerState.has(id)) {
        const online = seen(id);
        this.printerState.set(id, {
          online: online ?? false,
          paper: null,
          lastSeen: online ? this.now() : null,
        });
      }
    this.opts.printers = [...ids];
  }

  /** Topic filters the server must subscribe to so that acks and status reach `handleMessage`. */
  subscriptions(): string[] {
    return [
      this.t.printerAck("+"),
      this.t.printerPaper("+"),
      ...this.opts.printers.map((p) => this.t.deviceStatus(p)),
    ];
  }

  /**
   * Sends a ticket's bytes to a printer as a new job; returns the job as it stands.
   * `bytes` may be a renderer, called only when the job is really sent.
   */
  submit(
    printer: string,
    ticketCode: string,
    bytes: Uint8Array | (() => Uint8Array),
    reprintOf?: string,
  ): PrintJob {
    const p = this.printerState.get(printer);
    if (!p) throw new Error(`unknown printer ${printer}`);
    const at = isoVn(this.now());
    const job: PrintJob = {
      jobId: this.uniqueJobId(),
      printer,
      ticketCode,
      state: "sent",
      createdAt: at,
      updatedAt: at,
    };
    if (reprintOf) job.reprintOf = reprintOf;
    const rec: JobRecord = { job, bytes: lazy(bytes), timer: null };
    this.jobs.set(job.jobId, rec);
    this.prune();
    if (!p.online) return this.settle(rec, "offline");
    if (p.paper === "out") return this.settle(rec, "no-paper");
    rec.timer = this.setTimer(() => {
      rec.timer = null;
      if (rec.job.state === "sent") this.settle(rec, "failed", "timeout");
    }, this.ackTimeoutMs);
    this.emit({ type: "job", job: this.view(rec) });
    try {
      const r = this.opts.publish(this.t.printerJob(printer, job.jobId), rec.bytes());
      if (r instanceof Promise) r.catch((e) => this.publishFailed(rec, e));
    } catch (e) {
      this.publishFailed(rec, e);
    }
    return this.view(rec);
  }

  /** Re-sends the bytes of a job as a new job of the same ticket, or says why not. */
  reprint(jobId: string): PrintJob | { refused: ReprintRefusal } {
    const rec = this.jobs.get(jobId);
    if (!rec) return { refused: "print-job-not-found" };
    if (rec.job.state === "sent") return { refused: "print-in-progress" };
    const p = this.printerState.get(rec.job.printer)!;
    if (!p.online) return { refused: "printer-offline" };
    if (p.paper === "out") return { refused: "printer-no-paper" };
    const code = rec.job.ticketCode;
    const reprints = [...this.jobs.values()].filter(
      (r) => r.job.ticketCode === code && r.job.reprintOf,
    ).length;
    if (reprints >= MAX_REPRINTS) return { refused: "reprint-limit" };
    return this.submit(rec.job.printer, rec.job.ticketCode, rec.bytes, jobId);
  }

  /** A job with the current state of its printer, or undefined when unknown (or pruned). */
  job(jobId: string): PrintJob | undefined {
    const rec = this.jobs.get(jobId);
    return rec ? this.view(rec) : undefined;
  }

  /** The `n` latest jobs of a printer, oldest first (a kiosk's stream sends them on connect). */
  recentJobs(printer: string, n: number): PrintJob[] {
    const out: PrintJob[] = [];
    for (const r of this.jobs.values()) if (r.job.printer === printer) out.push(this.view(r));
    return out.slice(-n);
  }

  /** Jobs of one ticket, oldest first. */
  jobsOfTicket(ticketCode: string): PrintJob[] {
    return [...this.jobs.values()].filter((r) => r.job.ticketCode === ticketCode).map((r) => this.view(r));
  }

  /** The bytes of a job (tests, diagnostics). */
  jobBytes(jobId: string): Uint8Array | undefined {
    return this.jobs.get(jobId)?.bytes();
  }

  /** Status of one printer of the hall. */
  printer(id: string): PrinterStatus | undefined {
    const p = this.printerState.get(id);
    if (!p) return undefined;
    const s: PrinterStatus = { id, online: p.online, paper: p.paper };
    if (p.lastSeen !== null) s.lastSeen = isoVn(p.lastSeen);
    const mine = [...this.jobs.values()].filter((r) => r.job.printer === id).slice(-RECENT_JOBS);
    const last = mine.at(-1);
    if (last)
      s.lastJob = {
        jobId: last.job.jobId,
        state: last.job.state,
        at: last.job.updatedAt ?? last.job.createdAt,
      };
    s.recentFailures = mine.filter((r) => r.job.state !== "sent" && r.job.state !== "printed").length;
    return s;
  }

  /** Status of every printer of the hall, in config order. */
  printers(): PrinterStatus[] {
    return this.opts.printers.map((id) => this.printer(id)!);
  }

  /** Calls `fn` on every job or printer change; returns the unsubscribe function. */
  onChange(fn: (c: PrintChange) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /**
   * Feeds one MQTT message. Returns true when it was a printer message of this
   * hall that changed something; garbage is logged and ignored (never thrown).
   */
  handleMessage(topic: string, payload: Uint8Array | string): boolean {
    const parsed = parseTopic(this.opts.base, this.opts.hall, topic);
    return parsed ? this.handleParsed(parsed, payload) : false;
  }

  /** Same as handleMessage, for a topic already parsed (the MQTT gateway's device handlers). */
  handleParsed(parsed: ParsedTopic, payload: Uint8Array | string): boolean {
    if (payload.length > 512)
      return this.garbage(`oversized message (${payload.length} bytes) on a printer topic`);
    const text = typeof payload === "string" ? payload : new TextDecoder().decode(payload);
    if (parsed.kind === "printer-ack") return this.onAck(parsed.printer, text);
    if (parsed.kind === "printer-paper") return this.onPaper(parsed.printer, text);
    if (parsed.kind === "device-status" && this.printerState.has(parsed.device))
      return this.onStatus(parsed.device, text);
    return false;
  }

  /** Cancels every pending timer (server shutdown). */
  stop(): void {
    for (const r of this.jobs.values()) if (r.timer !== null) this.clearTimer(r.timer);
    this.listeners.clear();
  }

  private onAck(printer: string, text: string): boolean {
    const ack = parseAck(text);
    if (!ack) return this.garbage(`ack from ${printer} is not "{jobId}[ error <reason>]": ${clip(text)}`);
    const rec = this.jobs.get(ack.jobId);
    if (!rec) return this.garbage(`ack from ${printer} for unknown job ${ack.jobId}`);
    if (rec.job.printer !== printer)
      return this.garbage(`ack from ${printer} for job ${ack.jobId} of ${rec.job.printer}`);
    this.seen(printer);
    if (rec.job.state === "printed") return false; // duplicate ack (redelivery)
    if (ack.error === null) {
      this.settle(rec, "printed");
      return true;
    }
    if (rec.job.state !== "sent") return false; // an error after a timeout changes nothing
    this.settle(rec, "failed", ack.error);
    return true;
  }

  private onPaper(printer: string, text: string): boolean {
    const p = this.printerState.get(printer);
    if (!p) return this.garbage(`paper status of unknown printer ${printer}`);
    const paper = parsePaper(text);
    if (!paper) return this.garbage(`paper status of ${printer} is not ok|low|out: ${clip(text)}`);
    p.lastSeen = this.now();
    if (p.paper === paper) return false;
    p.paper = paper;
    this.emit({ type: "printer", printer: this.printer(printer)! });
    return true;
  }

  private onStatus(printer: string, text: string): boolean {
    const p = this.printerState.get(printer)!;
    const s = text.trim();
    if (s !== "online" && s !== "offline")
      return this.garbage(`status of ${printer} is not online|offline: ${clip(text)}`);
    p.lastSeen = this.now();
    const online = s === "online";
    if (p.online === online) return false;
    p.online = online;
    // A bridge that dropped while a job waited for its ack: say so now rather than
    // after the timeout; a late ack (redelivery after reconnect) still marks it printed.
    if (!online)
      for (const r of this.jobs.values())
        if (r.job.printer === printer && r.job.state === "sent") this.settle(r, "offline");
    this.emit({ type: "printer", printer: this.printer(printer)! });
    return true;
  }

  private seen(printer: string): void {
    const p = this.printerState.get(printer);
    if (p) p.lastSeen = this.now();
  }

  private settle(rec: JobRecord, state: PrintJobState, error?: string): PrintJob {
    if (rec.timer !== null) {
      this.clearTimer(rec.timer);
      rec.timer = null;
    }
    rec.job.state = state;
    if (error === undefined) delete rec.job.error;
    else rec.job.error = error;
    rec.job.updatedAt = isoVn(this.now());
    const v = this.view(rec);
    this.emit({ type: "job", job: v });
    return v;
  }

  private publishFailed(rec: JobRecord, e: unknown): void {
    this.log(`publishing job ${rec.job.jobId} failed: ${(e as Error)?.message ?? e}`);
    if (rec.job.state === "sent") this.settle(rec, "failed", "publish-failed");
  }

  private view(rec: JobRecord): PrintJob {
    const p = this.printerState.get(rec.job.printer)!;
    return { ...rec.job, printerOnline: p.online, paper: p.paper };
  }

  private emit(c: PrintChange): void {
    for (const fn of this.listeners) {
      try {
        fn(c);
      } catch (e) {
        this.log(`listener failed: ${(e as Error)?.message ?? e}`);
      }
    }
  }

  private garbage(message: string): false {
    this.log(`ignored: ${message}`);
    return false;
  }

  private uniqueJobId(): string {
    for (;;) {
      const id = this.newJobId();
      if (!ID_PATTERN.test(id)) throw new Error(`job id ${id} is not lowercase ASCII`);
      if (!this.jobs.has(id)) return id;
    }
  }

  /** Drops the oldest finished jobs beyond maxJobs (Map keeps insertion order). */
  private prune(): void {
    if (this.jobs.size <= this.maxJobs) return;
    for (const [id, r] of this.jobs) {
      if (this.jobs.size <= this.maxJobs) break;
      if (r.job.state !== "sent") this.jobs.delete(id);
    }
  }
}

function clip(s: string): string {
  const t = s.replace(/[^\x20-\x7e]/g, "?");
  return t.length > 80 ? `${t.slice(0, 80)}…` : t;
}
