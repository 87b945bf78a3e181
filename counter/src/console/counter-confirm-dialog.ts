import { css, html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { Lang } from "../../../ui/i18n.ts";
import "./counter-dialog.ts";
import { buttons, tokens } from "../staff/styles.ts";
import { t } from "./messages.ts";

/**
 * A yes/no question before an action that is hard to undo (closing a counter).
 *
 * @fires confirm
 * @fires cancel
 */
@customElement("counter-confirm-dialog")
export class CounterConfirmDialog extends LitElement {
  static override styles = [
    tokens,
    buttons,
    css`
      p {
        margin: 0 0 16px;
      }
      .row {
        display: flex;
        justify-content: flex-end;
        gap: 8px;
      }
    `,
  ];

  @property() locale: Lang = "vi";
  @property() heading = "";
  @property() body = "";
  @property() confirmLabel = "";

  override render() {
    const l = this.locale;
    return html`<counter-dialog heading=${this.heading}>
      <p>${this.body}</p>
      <div class="row">
        <button type="button" autofocus @click=${() => this._fire("cancel")}>${t("cancel", l)}</button>
        <button type="button" class="primary" @click=${() => this._fire("confirm")}>
          ${this.confirmLabel || t("confirm", l)}
        </button>
      </div>
    </counter-dialog>`;
  }

  private _fire(type: "confirm" | "cancel") {
    this.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "counter-confirm-dialog": CounterConfirmDialog;
  }
}
