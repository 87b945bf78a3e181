/**
 * A Lit controller that follows the print job of the ticket on screen
 * (server/contract/print.ts): it polls `GET /api/print-jobs/{jobId}` quickly while the
 * job is `sent` (the server turns it into `failed` when no ack comes in a few seconds),
 * slowly after a failure (to learn when the printer is back, so the kiosk can offer a
 * reprint), and stops once it is `printed` or the host leaves the ticket screen.
 * If the server has no print-job endpoints (404), it keeps the first state it was given
 * and stops: the kiosk works without them.
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { PrintJob } from "../../server/contract/index.ts";
import { ApiFailure } from "../../ui/api.ts";
import { fetchPrintJob, reprintJob } from "./data.ts";

const FAST_MS = 500;
const SLOW_MS = 2000;
/** After this long in `sent`, poll slowly (the server's ack timeout is a few seconds). */
const FAST_FOR_MS = 15_000;

export class PrintTracker implements ReactiveController {
  job: PrintJob | null = null;
  /** True when the server cannot be asked about the job (no endpoint, job forgotten). */
  untracked = false;
  /** A reprint request is in flight. */
  busy = false;
  /** Error code of the last failed reprint, for the message table. */
  error: string | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private since = 0;
  /** Bumped on every track/stop so that a late answer of an old poll is dropped. */
  private gen = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** The kiosk whose device token authorises reprints. */
    private readonly kioskId?: string,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.stop();
  }

  /** Follows `job` (the `print` of the issue response); undefined = nothing is printed. */
  track(job: PrintJob | undefined): void {
    this.stop();
    this.job = job ?? null;
    this.untracked = false;
    this.error = null;
    this.busy = false;
    this.since = Date.now();
    this.schedule();
    this.host.requestUpdate();
  }

  /** Stops polling (leaving the ticket screen). */
  stop(): void {
    this.gen += 1;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
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
      this.schedule();
      this.host.requestUpdate();
    }
  }

  private schedule(): void {
    const j = this.job;
    if (!j || this.untracked || j.state === "printed") return;
    const fast = j.state === "sent" && Date.now() - this.since < FAST_FOR_MS;
    const gen = this.gen;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.poll(gen), fast ? FAST_MS : SLOW_MS);
  }

  private async poll(gen: number): Promise<void> {
    const j = this.job;
    if (!j || gen !== this.gen) return;
    try {
      const r = await fetchPrintJob(j.jobId);
      if (gen !== this.gen) return;
      this.job = r.job;
      this.host.requestUpdate();
    } catch (e) {
      if (gen !== this.gen) return;
      if (e instanceof ApiFailure && e.status === 404) {
        this.untracked = true;
        this.host.requestUpdate();
        return;
      }
      // Network trouble: keep the last state and ask again later.
    }
    this.schedule();
  }
}
