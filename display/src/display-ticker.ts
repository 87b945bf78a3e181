/**
 * The scrolling notice line set by the admin (`HallState.notice`, `PUT /api/hall/notice`):
 * Vietnamese then English, moving right to left at a constant reading speed whatever its
 * length (the duration is computed from the measured width).
 */
import { css, html, LitElement, nothing, type PropertyValues } from "lit";
import { customElement, property, query } from "lit/decorators.js";
import type { Text } from "../../server/contract/domain.ts";

/** Scroll speed in vmin per second: about 6 characters a second at the ticker's size. */
const SPEED_U = 12;

@customElement("display-ticker")
export class DisplayTicker extends LitElement {
  static override styles = css`
    :host {
      display: block;
      overflow: hidden;
      background: var(--accent);
      color: var(--bg);
      font-size: calc(var(--u) * 4);
      font-weight: 600;
      line-height: 1.5;
      white-space: nowrap;
    }
    .track {
      display: inline-block;
      padding-left: 100%;
      animation: scroll var(--duration, 30s) linear infinite;
    }
    .sep {
      margin: 0 1.5em;
    }
    .en {
      font-weight: 400;
    }
    @keyframes scroll {
      from {
        transform: translateX(0);
      }
      to {
        transform: translateX(-100%);
      }
    }
  `;

  @property({ attribute: false }) notice: Text | null = null;
  @query(".track") private track!: HTMLElement | null;

  override render() {
    const n = this.notice;
    if (!n || (!n.vi.trim() && !n.en.trim())) return nothing;
    return html`<div class="track" data-testid="notice">
      <span>${n.vi}</span>${
        n.en.trim() ? html`<span class="sep">•</span><span class="en">${n.en}</span>` : nothing
      }
    </div>`;
  }

  override updated(changed: PropertyValues<this>): void {
    if (!changed.has("notice") || !this.track) return;
    const u = Math.min(window.innerWidth, window.innerHeight) / 100;
    const seconds = this.track.scrollWidth / (SPEED_U * u);
    this.track.style.setProperty("--duration", `${Math.max(10, Math.round(seconds))}s`);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "display-ticker": DisplayTicker;
  }
}
