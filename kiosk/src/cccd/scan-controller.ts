/**
 * A Lit controller that listens to the keyboard the way a USB 2D scanner in keyboard mode
 * types (./wedge.ts) and hands each complete scan to the kiosk app. The kiosk has no text
 * field (codes are typed on its own on-screen keypad), so every physical keystroke is
 * taken here and kept from the page: a scanner typing "into the wrong screen" cannot type
 * into anything, and the app decides what a scan means on the screen it arrives at.
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { WEDGE_DEFAULTS, WedgeBuffer } from "./wedge.ts";

export class ScanController implements ReactiveController {
  private readonly buf = new WedgeBuffer();
  private flushTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    host: ReactiveControllerHost,
    private readonly onScan: (text: string) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener("keydown", this.onKey, { capture: true });
  }

  hostDisconnected(): void {
    window.removeEventListener("keydown", this.onKey, { capture: true });
    if (this.flushTimer) clearTimeout(this.flushTimer);
  }

  private readonly onKey = (e: KeyboardEvent): void => {
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    const printable = [...e.key].length === 1;
    if (printable || e.key === "Enter" || e.key === "Tab") e.preventDefault();
    const burst = this.buf.key(e.key, e.timeStamp);
    if (burst?.kind === "scan") this.onScan(burst.text);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.buf.busy)
      this.flushTimer = setTimeout(() => {
        const b = this.buf.flush(performance.now());
        if (b?.kind === "scan") this.onScan(b.text);
      }, WEDGE_DEFAULTS.idleMs + 20);
  };
}
