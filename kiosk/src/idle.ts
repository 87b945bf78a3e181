/**
 * A Lit controller that counts a kiosk screen's idle seconds down and calls `onExpire`
 * at zero: the kiosk goes back to its start screen by itself, so the next visitor never
 * finds the previous visitor's half-finished choice or ticket. Any touch restarts the
 * count (the host calls `touch()` on pointerdown).
 * The count is read from a deadline, not from the number of ticks: timers of a busy or
 * throttled page fire late, and the screen must still leave on time.
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";

export class IdleController implements ReactiveController {
  /** Seconds left, or null when no countdown runs (the start screen). */
  left: number | null = null;
  /** Length of the running countdown, for a progress bar. */
  total = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private deadline = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onExpire: () => void,
  ) {
    host.addController(this);
  }

  /** Starts (or restarts) a countdown of `seconds`; null stops it. */
  start(seconds: number | null): void {
    this.stopTimer();
    this.left = seconds;
    this.total = seconds ?? 0;
    this.deadline = Date.now() + (seconds ?? 0) * 1000;
    if (seconds !== null) this.timer = setInterval(() => this.tick(), 1000);
    this.host.requestUpdate();
  }

  /** A touch: the visitor is still there, count from the top again. */
  touch(): void {
    if (this.left === null) return;
    this.deadline = Date.now() + this.total * 1000;
    if (this.left === this.total) return;
    this.left = this.total;
    this.host.requestUpdate();
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.stopTimer();
  }

  private tick(): void {
    if (this.left === null) return;
    this.left = Math.max(0, Math.ceil((this.deadline - Date.now()) / 1000));
    this.host.requestUpdate();
    if (this.left <= 0) {
      this.start(null);
      this.onExpire();
    }
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
