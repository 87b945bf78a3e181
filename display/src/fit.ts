/**
 * Hides list items that do not fit entirely in their box: a number cut in half is worse
 * than no number (a visitor may misread "B003" as "B008"). The board's row counts are
 * tuned so nothing is cut at 1920×1080, 1280×720 and portrait (docs/screenshots/); this is
 * the safety net for halls with many fields or unusual screens.
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";

/** Sets `visibility: hidden` on the items whose bottom lies below `box`'s; returns how many. */
export function hideOverflowing(box: Element, items: Iterable<HTMLElement>): number {
  const limit = box.getBoundingClientRect().bottom + 0.5;
  let hidden = 0;
  for (const el of items) {
    const out = el.getBoundingClientRect().bottom > limit;
    el.style.visibility = out ? "hidden" : "";
    if (out) hidden++;
  }
  return hidden;
}

/** Re-checks after every render and whenever the host is resized. */
export class FitController implements ReactiveController {
  private observer: ResizeObserver | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly items: () => Iterable<HTMLElement>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.observer = new ResizeObserver(() => this.fit());
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = null;
  }

  hostUpdated(): void {
    this.fit();
  }

  private fit(): void {
    this.host.dataset.hidden = String(hideOverflowing(this.host, this.items()));
  }
}
