/**
 * `<kiosk-confirm>`: a yes/no question over the page (the phone's "Hủy số"). The safe
 * answer ("Không, giữ số") is the big one; the destructive one is red and second.
 *
 * @fires kiosk-yes - the visitor confirmed
 * @fires kiosk-no - the visitor declined (button or backdrop)
 */
import { css, html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";

@customElement("kiosk-confirm")
export class KioskConfirm extends LitElement {
  static override styles = css`
    :host {
      position: fixed;
      inset: 0;
      display: grid;
      place-items: center;
      padding: 1rem;
      background: rgb(0 0 0 / 55%);
      z-index: 10;
    }
    .box {
      width: min(100%, 24rem);
      background: #fff;
      color: #111827;
      border-radius: 1rem;
      padding: 1.2rem;
    }
    p {
      margin: 0 0 1rem;
      font-size: 1.1rem;
      font-weight: 600;
      line-height: 1.4;
    }
    button {
      font: inherit;
      display: block;
      width: 100%;
      min-height: 3.2rem;
      margin-top: 0.6rem;
      border-radius: 0.7rem;
      font-weight: 700;
      font-size: 1.05rem;
      cursor: pointer;
      touch-action: manipulation;
    }
    .no {
      background: #0b3d6e;
      color: #fff;
      border: none;
    }
    .yes {
      background: #fff;
      color: #b3261e;
      border: 2px solid #b3261e;
    }
    button:disabled {
      opacity: 0.6;
    }
  `;

  @property() message = "";
  @property() yesLabel = "";
  @property() noLabel = "";
  @property({ type: Boolean }) busy = false;

  override render() {
    return html`<div class="box" role="alertdialog" aria-modal="true" @click=${(e: Event) => e.stopPropagation()}>
      <p>${this.message}</p>
      <button class="no" ?disabled=${this.busy} @click=${() => this._fire("kiosk-no")}>${this.noLabel}</button>
      <button class="yes" ?disabled=${this.busy} @click=${() => this._fire("kiosk-yes")}>${this.yesLabel}</button>
    </div>`;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener("click", () => !this.busy && this._fire("kiosk-no"));
  }

  private _fire(type: "kiosk-yes" | "kiosk-no"): void {
    this.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "kiosk-confirm": KioskConfirm;
  }
}
