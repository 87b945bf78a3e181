/**
 * `<kiosk-cccd-banner>`: the citizen ID card on the field screen (decision 0042). Without
 * a card: how to use it, and what the kiosk does with it (Decree 13/2023), in Vietnamese
 * then English. With a card: why the next touch issues an elderly-lane ticket ("Ưu tiên
 * người cao tuổi theo CCCD"), or that the card was read, and a way to drop it. Nothing of
 * the card itself (name, number, dates) is ever shown.
 *
 * @fires kiosk-cccd-forget - the visitor does not want the card used
 */
import { css, html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { Lang } from "../../ui/i18n.ts";
import { kioskText as t } from "./messages.ts";

@customElement("kiosk-cccd-banner")
export class KioskCccdBanner extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    .held {
      display: flex;
      align-items: center;
      gap: 0.6em;
      padding: 0.45em 0.7em;
      border-radius: 0.45em;
      background: #ffd34d;
      color: #111;
    }
    .held.plain {
      background: #d7e9ff;
      color: #0b2545;
    }
    .held div {
      flex: 1;
    }
    strong {
      display: block;
      font-size: 1.05em;
    }
    .held span {
      font-size: 0.75em;
    }
    button {
      font: inherit;
      font-size: 0.7em;
      font-weight: 700;
      padding: 0.5em 0.8em;
      border-radius: 0.35em;
      border: 2px solid currentColor;
      background: transparent;
      color: inherit;
      cursor: pointer;
      touch-action: manipulation;
    }
    .hint {
      margin: 0;
      font-size: 0.75em;
      font-weight: 700;
    }
    .privacy {
      margin: 0.2em 0 0;
      font-size: 0.6em;
      line-height: 1.3;
      opacity: 0.85;
    }
  `;

  @property() locale: Lang = "vi";
  /** The held card's verdict, or null without a card. */
  @property({ attribute: false }) card: { elderly: boolean } | null = null;

  override render() {
    const l = this.locale;
    if (this.card)
      return html`<div class="held ${this.card.elderly ? "" : "plain"}" data-cccd=${this.card.elderly ? "elderly" : "read"} role="status">
        <div>
          <strong>${t(this.card.elderly ? "cccdElderly" : "cccdRead", l)}</strong>
          <span>${t(this.card.elderly ? "cccdElderlyHint" : "cccdReadHint", l)}</span>
        </div>
        <button data-action="forget-card" @click=${this._forget}>${t("cccdForget", l)}</button>
      </div>`;
    return html`<p class="hint">${t("cccdHint", l)}</p>
      <p class="privacy" data-privacy>
        ${t("cccdPrivacyVi", l)}<br /><span lang="en">${t("cccdPrivacyEn", l)}</span>
      </p>`;
  }

  private _forget(): void {
    this.dispatchEvent(new CustomEvent("kiosk-cccd-forget", { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "kiosk-cccd-banner": KioskCccdBanner;
  }
}
