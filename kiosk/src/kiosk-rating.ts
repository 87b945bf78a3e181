/**
 * `<kiosk-rating>`: the four satisfaction levels of shared/DOMAIN.md as big face
 * buttons, best first: Rất hài lòng (4), Hài lòng (3), Bình thường (2), Không hài lòng (1).
 * After rating it shows the thanks and the level chosen.
 *
 * @fires kiosk-rate - detail `{ score }` (1–4)
 */
import { css, html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { Lang } from "../../ui/i18n.ts";
import { faceIcon, icons } from "./icons.ts";
import { phoneText as t } from "./phone-messages.ts";

const LEVELS = [4, 3, 2, 1] as const;
const COLORS: Record<1 | 2 | 3 | 4, string> = { 4: "#146c2e", 3: "#3f7d20", 2: "#8a5a00", 1: "#b3261e" };

@customElement("kiosk-rating")
export class KioskRating extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    h3 {
      margin: 0 0 0.6rem;
      font-size: 1.15rem;
    }
    .levels {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 0.6rem;
    }
    button {
      font: inherit;
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 0.3rem;
      padding: 0.7rem 0.3rem;
      min-height: 6rem;
      border-radius: 0.8rem;
      border: 3px solid currentColor;
      background: #fff;
      font-weight: 700;
      font-size: 1rem;
      cursor: pointer;
      touch-action: manipulation;
    }
    button svg {
      font-size: 2.8rem;
    }
    button:disabled {
      opacity: 0.6;
    }
    .thanks {
      display: flex;
      align-items: center;
      gap: 0.7rem;
      font-weight: 700;
      font-size: 1.1rem;
      color: #14532d;
    }
    .thanks svg {
      font-size: 2.5rem;
      flex: none;
    }
    .thanks small {
      display: block;
      font-weight: 600;
      font-size: 0.95rem;
      color: #1f2937;
    }
  `;

  @property() locale: Lang = "vi";
  /** The score already given, or null. */
  @property({ type: Number }) rated: number | null = null;
  @property({ type: Boolean }) busy = false;

  override render() {
    const l = this.locale;
    if (this.rated)
      return html`<div class="thanks" role="status">
        ${icons.check}
        <span
          >${t("ratedThanks", l)}<small
            >${t("ratedAs", l, { level: t(`rate-${this.rated as 1 | 2 | 3 | 4}`, l) })}</small
          ></span
        >
      </div>`;
    return html`<h3>${t("rateTitle", l)}</h3>
      <div class="levels">
        ${LEVELS.map(
          (s) => html`<button
            data-score=${s}
            style="color:${COLORS[s]}"
            ?disabled=${this.busy}
            @click=${() => this.dispatchEvent(new CustomEvent("kiosk-rate", { detail: { score: s }, bubbles: true, composed: true }))}
          >
            ${faceIcon(s)}<span>${t(`rate-${s}`, l)}</span>
          </button>`,
        )}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "kiosk-rating": KioskRating;
  }
}
