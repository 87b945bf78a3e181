import { css, html, LitElement } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { CounterInfo, ServiceInfo } from "../../../server/contract/domain.ts";
import type { Lang } from "../../../ui/i18n.ts";
import "./counter-dialog.ts";
import { buttons, tokens } from "../staff/styles.ts";
import { t } from "./messages.ts";

/**
 * "Chuyển quầy/lĩnh vực": sends the current visitor back in line for a field, and
 * optionally for one counter that serves it. The visitor keeps their issue time.
 *
 * @fires submit-dialog - `CustomEvent<{ action: "transfer"; serviceId: string; counter?: number }>`.
 * @fires cancel
 */
@customElement("counter-transfer-dialog")
export class CounterTransferDialog extends LitElement {
  static override styles = [
    tokens,
    buttons,
    css`
      form {
        display: grid;
        gap: 12px;
      }
      .fields {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 8px;
      }
      .fields button {
        text-align: left;
      }
      .fields button[aria-pressed="true"] {
        background: var(--qms-primary);
        border-color: var(--qms-primary);
        color: #fff;
      }
      .note {
        margin: 0;
        font-size: 0.9rem;
        color: var(--qms-muted);
      }
      .row {
        display: flex;
        justify-content: flex-end;
        gap: 8px;
      }
    `,
  ];

  @property() locale: Lang = "vi";
  /** Visible number of the visitor being transferred. */
  @property() number = "";
  /** The field the visitor is in now. */
  @property() serviceId = "";
  @property({ attribute: false }) services: ServiceInfo[] = [];
  @property({ attribute: false }) counters: CounterInfo[] = [];

  @state() private _serviceId = "";
  @state() private _counter = "";

  override willUpdate(): void {
    if (!this._serviceId && this.services.length > 0)
      this._serviceId = (this.services.find((s) => s.id !== this.serviceId) ?? this.services[0]!).id;
  }

  override render() {
    const l = this.locale;
    const options = this.counters.filter((c) => c.serviceIds.includes(this._serviceId));
    return html`<counter-dialog heading=${t("transferTitle", l, { number: this.number })}>
      <form @submit=${this._submit}>
        <div class="fields" role="radiogroup" aria-label=${t("transferField", l)}>
          ${this.services.map(
            (s) => html`<button
              type="button"
              role="radio"
              data-service=${s.id}
              aria-checked=${this._serviceId === s.id ? "true" : "false"}
              aria-pressed=${this._serviceId === s.id ? "true" : "false"}
              @click=${() => {
                this._serviceId = s.id;
                this._counter = "";
              }}
            >
              ${s.prefix} · ${s.name[l]}
            </button>`,
          )}
        </div>
        <label
          >${t("transferCounter", l)}
          <select name="counter" @change=${(e: Event) => (this._counter = (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${this._counter === ""}>${t("anyCounter", l)}</option>
            ${options.map(
              (c) =>
                html`<option value=${String(c.number)} ?selected=${this._counter === String(c.number)}>
                  ${c.name?.[l] ?? t("counterN", l, { n: c.number })}${c.open ? "" : ` (${t("closedShort", l)})`}
                </option>`,
            )}
          </select>
        </label>
        <p class="note">${t("transferNote", l)}</p>
        <div class="row">
          <button type="button" @click=${this._cancel}>${t("cancel", l)}</button>
          <button class="primary" type="submit" autofocus ?disabled=${!this._serviceId}>${t("a.transfer", l)}</button>
        </div>
      </form>
    </counter-dialog>`;
  }

  private _submit(e: Event) {
    e.preventDefault();
    const detail: { action: "transfer"; serviceId: string; counter?: number } = {
      action: "transfer",
      serviceId: this._serviceId,
    };
    if (this._counter) detail.counter = Number(this._counter);
    this.dispatchEvent(new CustomEvent("submit-dialog", { detail, bubbles: true, composed: true }));
  }

  private _cancel() {
    this.dispatchEvent(new CustomEvent("cancel", { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "counter-transfer-dialog": CounterTransferDialog;
  }
}
