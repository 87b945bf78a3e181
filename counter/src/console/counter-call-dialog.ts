import { css, html, LitElement } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { Lang } from "../../../ui/i18n.ts";
import "./counter-dialog.ts";
import { buttons, tokens } from "../staff/styles.ts";
import { t } from "./messages.ts";

/**
 * "Gọi số cụ thể": calls one number out of order, e.g. a visitor who missed their call
 * and comes to the desk with the ticket. The reason is required and the server writes
 * it, with the number the policy would have picked, to the audit log (issue 4).
 *
 * @fires submit-dialog - `CustomEvent<{ action: "call"; number: string; reason: string }>`.
 * @fires cancel
 */
@customElement("counter-call-dialog")
export class CounterCallDialog extends LitElement {
  static override styles = [
    tokens,
    buttons,
    css`
      form {
        display: grid;
        gap: 12px;
      }
      input[name="number"] {
        font-size: 1.6rem;
        font-weight: 700;
        text-transform: uppercase;
        width: 10ch;
      }
      .row {
        display: flex;
        justify-content: flex-end;
        gap: 8px;
      }
    `,
  ];

  @property() locale: Lang = "vi";
  @state() private _number = "";
  @state() private _reason = "";

  override render() {
    const l = this.locale;
    const ok = /^[A-Za-z][0-9]{1,4}$/.test(this._number.trim()) && this._reason.trim().length >= 3;
    return html`<counter-dialog heading=${t("callTitle", l)}>
      <form @submit=${this._submit}>
        <label
          >${t("callNumber", l)}
          <input
            name="number"
            maxlength="6"
            autocomplete="off"
            autofocus
            .value=${this._number}
            @input=${(e: Event) => (this._number = (e.target as HTMLInputElement).value)}
        /></label>
        <label
          >${t("callReason", l)}
          <input
            name="reason"
            maxlength="300"
            .value=${this._reason}
            @input=${(e: Event) => (this._reason = (e.target as HTMLInputElement).value)}
        /></label>
        <div class="row">
          <button type="button" @click=${this._cancel}>${t("cancel", l)}</button>
          <button class="primary" type="submit" ?disabled=${!ok}>${t("a.call", l)}</button>
        </div>
      </form>
    </counter-dialog>`;
  }

  private _submit(e: Event) {
    e.preventDefault();
    const detail = { action: "call", number: this._number.trim().toUpperCase(), reason: this._reason.trim() };
    this.dispatchEvent(new CustomEvent("submit-dialog", { detail, bubbles: true, composed: true }));
  }

  private _cancel() {
    this.dispatchEvent(new CustomEvent("cancel", { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "counter-call-dialog": CounterCallDialog;
  }
}
