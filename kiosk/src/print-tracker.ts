/**
 * A Lit controller that follows the print job of the ticket on screen
 * (server/contract/print.ts) without polling: the kiosk's own live stream
 * (`GET /api/kiosks/{id}/live` with its device token; docs/decisions/0087-pushed-live-state.md)
 * pushes every change of its printer's jobs (`job`) and of the printer itself
 * (`printer`: online, paper), so the screen learns "printed", a failure, or that the
 * printer is back (a reprint makes sense again) as it happens. The stream is open as long
 * as the kiosk page is; on a reconnect it gets the printer and its recent jobs afresh.
 * Without a paired token the kiosk prints nothing anyway: the stream is refused and the
 * job, if any, is `untracked` (its first state stays on screen).
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { JobFrame, PrinterFrame } from "../../server/contract/api/live.ts";
import type { PrinterStatus, PrintJob } from "../../server/contract/index.ts";
import { ApiFailure, apiUrl } from "../../ui/api.ts";
import { deviceHeaders } from "../../ui/device-token.ts";
import { LiveStream } from "../../ui/live.ts";
import { reprintJob } from "./data.ts";

export class PrintTracker implements ReactiveController {
  job: PrintJob | null = null;
  /** True when the server cannot tell us about the job (no stream for this kiosk). */
  untracked = false;
  /** A reprint request is in flight. */
  busy = false;
  /** Error code of the last failed reprint, for the message table. */
  error: string | null = null;
  /** The kiosk's stream (its printer's jobs and status). */
  readonly live: LiveStream | null;
  private refused = false;
  /** Bumped on every track/stop so that a late reprint answer is dropped. */
  private gen = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** The kiosk whose device token authorises the stream and reprints. */
    private readonly kioskId?: string,
  ) {
    host.addController(this);
    const id = kioskId;
    this.live = id
      ? new LiveStream(host, {
          url: () => apiUrl("GET", "/api/kiosks/{kioskId}/live", { params: { kioskId: id } }),
          headers: () => deviceHeaders(id),
          on: {
            job: (f: JobFrame) => this.onJob(f.job),
            printer: (f: PrinterFrame) => this.onPrinter(f.printer),
          },
          onRefused: () => {
            this.refused = true;
            if (this.job) this.untracked = true;
            this.host.requestUpdate();
            return false;
          },
        })
      : null;
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.stop();
  }

  /** Follows `job` (the `print` of the issue response); undefined = nothing is printed. */
  track(job: PrintJob | undefined): void {
    this.stop();
    this.job = job ?? null;
    this.untracked = !!job && (this.refused || !this.live);
    this.error = null;
    this.busy = false;
    this.host.requestUpdate();
  }

  /** Stops following the job (leaving the ticket screen); the stream stays open. */
  stop(): void {
    this.gen += 1;
  }

  /** True when a reprint makes sense: the job failed and the printer looks ready. */
  get canReprint(): boolean {
    const j = this.job;
    if (!j || this.untracked || j.state === "sent" || j.state === "printed") return false;
    return j.printerOnline !== false && j.paper !== "out";
  }

  /** Asks for a new job of the same ticket and follows it. */
  async reprint(): Promise<void> {
    const j = this.job;
    if (!j || this.busy) return;
    this.busy = true;
    this.error = null;
    this.host.requestUpdate();
    const gen = ++this.gen;
    try {
      const r = await reprintJob(j.jobId, this.kioskId);
      if (gen !== this.gen) return;
      this.busy = false;
      this.track(r.job);
    } catch (e) {
      if (gen !== this.gen) return;
      this.busy = false;
      this.error = e instanceof ApiFailure ? e.code : "network-error";
      this.host.requestUpdate();
    }
  }

  /** A job of the kiosk's printer changed: ours is replaced by its newer state. */
  private onJob(job: PrintJob): void {
    if (!this.job || job.jobId !== this.job.jobId) return;
    this.job = job;
    this.host.requestUpdate();
  }

  /** The printer came back, ran out of paper…: what a reprint needs to know. */
  private onPrinter(p: PrinterStatus): void {
    const j = this.job;
    if (!j || j.printer !== p.id) return;
    this.job = { ...j, printerOnline: p.online, paper: p.paper };
    this.host.requestUpdate();
  }
}
