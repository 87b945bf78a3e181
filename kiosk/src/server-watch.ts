/**
 * A Lit controller that watches the server through `GET /api/health`: every `okMs`
 * while it answers, every `downMs` while it does not. After `failuresToDown` misses in a
 * row (one lost packet must not blank a kiosk) it reports the server down; the first
 * answer after that reports it up again, and the kiosk recovers by itself.
 * The host may also call `fail()` when one of its own requests hit a network error, so
 * a visitor's failed tap is noticed at once instead of at the next poll.
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";

export interface ServerWatchOptions {
  check: () => Promise<unknown>;
  onDown: () => void;
  onUp: () => void;
  okMs?: number;
  downMs?: number;
  failuresToDown?: number;
}

export class ServerWatch implements ReactiveController {
  down = false;
  private misses = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly o: ServerWatchOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.running = true;
    this.schedule(this.o.okMs ?? 10_000);
  }

  hostDisconnected(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** A request of the host failed on the network: count a miss and check again soon. */
  fail(): void {
    this.miss();
    this.schedule(this.o.downMs ?? 3000);
  }

  private schedule(ms: number): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.poll(), ms);
  }

  private async poll(): Promise<void> {
    try {
      await this.o.check();
      this.misses = 0;
      if (this.down) {
        this.down = false;
        this.host.requestUpdate();
        this.o.onUp();
      }
    } catch {
      this.miss();
    }
    this.schedule(this.down || this.misses > 0 ? (this.o.downMs ?? 3000) : (this.o.okMs ?? 10_000));
  }

  private miss(): void {
    this.misses += 1;
    if (!this.down && this.misses >= (this.o.failuresToDown ?? 2)) {
      this.down = true;
      this.host.requestUpdate();
      this.o.onDown();
    }
  }
}
