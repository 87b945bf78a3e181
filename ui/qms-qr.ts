/**
 * `<qms-qr>`: a QR code drawn in the browser as one SVG path (no canvas, no network), so
 * it stays sharp at any size and prints/screenshots crisply. Uses the `qrcode` package's
 * encoder only (`create()`); the modules are turned into one `M x y h1 v1 h-1 z` run per
 * dark module row segment.
 *
 * Error correction "M" (15 %): the status URL is short (≈ 45 characters → version 4,
 * 33×33 modules), big enough modules for an old phone camera at arm's length.
 * The quiet zone is 4 modules wide, as ISO/IEC 18004 §7.3.7 requires.
 *
 * @csspart svg - the drawn code
 */
import { css, html, LitElement, nothing, svg } from "lit";
import { customElement, property } from "lit/decorators.js";
import { create } from "qrcode";

const QUIET = 4;

/** SVG path data of the dark modules of `text`, and the side of the symbol with its quiet zone. */
export function qrPath(text: string, level: "L" | "M" | "Q" | "H" = "M"): { d: string; side: number } {
  const { modules } = create(text, { errorCorrectionLevel: level });
  const n = modules.size;
  let d = "";
  for (let y = 0; y < n; y++) {
    let x = 0;
    while (x < n) {
      if (!modules.data[y * n + x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < n && modules.data[y * n + x]) x++;
      d += `M${start + QUIET} ${y + QUIET}h${x - start}v1h${start - x}z`;
    }
  }
  return { d, side: n + 2 * QUIET };
}

@customElement("qms-qr")
export class QmsQr extends LitElement {
  static override styles = css`
    :host {
      display: inline-block;
      line-height: 0;
      background: #fff;
    }
    svg {
      width: 100%;
      height: 100%;
      shape-rendering: crispEdges;
    }
  `;

  /** The text to encode (the ticket's status URL). */
  @property() value = "";
  /** Accessible name of the image. */
  @property() label = "QR";

  private _cache: { value: string; d: string; side: number } | null = null;

  override render() {
    if (!this.value) return nothing;
    if (this._cache?.value !== this.value) this._cache = { value: this.value, ...qrPath(this.value) };
    const { d, side } = this._cache;
    return html`<svg part="svg" viewBox="0 0 ${side} ${side}" role="img" aria-label=${this.label}>
      ${svg`<rect width=${side} height=${side} fill="#fff"></rect><path d=${d} fill="#000"></path>`}
    </svg>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "qms-qr": QmsQr;
  }
}
