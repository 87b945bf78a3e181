/**
 * `<kiosk-notice>`: a message over the screen (an error of the API translated by its
 * code, or why a closed field cannot be chosen) with one big "Đồng ý" button.
 *
 * @fires kiosk-dismiss - the visitor touched the button or the backdrop
 */
import { css, html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { Lang } from "../../ui/i18n.ts";
import { icons } from "./icons.ts";
import { kioskText as t } from "./messages.ts";

@customElement("kiosk-notice")
export class KioskNotice extends LitElement {
  static override styles = css`
    :host {
      position: fixed;
      inset: 0;
      display: grid;
      place-items: center;
      background: rgb(0 0 0 / 60%);
      z-index: 10;
    }
    .box {
      width: min(85vw, 26em);
      background: #fff;
      color: #0b2545;
      border-radius: 0.5em;
      padding: 0.9em 1em 1em;
      text-align: center;
      border-top: 0.35em solid #b91c1c;
    }
    svg {
      font-size: 2.6em;
      color: #b91c1c;
    }
    p {
      margin: 0.3em 0 0.9em;
      font-size: 1em;
      font-weight: 700;
      line-height: 1.35;
    }
    button {
      font: inherit;
      font-weight: 800;
      min-width: 6em;
      min-height: 2.4em;
      border-radius: 0.45em;
      border: none;
      background: #0b3d6e;
      color: #fff;
      cursor: pointer;
      touch-action: manipulation;
    }
  `;

  @property() locale: Lang = "vi";
  @property() message = "";

  override render() {
    return html`<div class="box" role="alertdialog" aria-live="assertive" @click=${(e: Event) => e.stopPropagation()}>
      ${icons.warning}
      <p>${this.message}</p>
      <button @click=${this._dismiss}>${t("ok", this.locale)}</button>
    </div>`;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener("click", this._dismiss);
  }

  private _dismiss = (): void => {
    this.dispatchEvent(new CustomEvent("kiosk-dismiss", { bubbles: true, composed: true }));
  };
}

declare global {
  interface HTMLElementTagNameMap {
    "kiosk-notice": KioskNotice;
  }
}
