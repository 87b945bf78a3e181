import { css, html, LitElement } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { Lang } from "../../../ui/i18n.ts";
import "./counter-dialog.ts";
import { buttons, tokens } from "../staff/styles.ts";
import { t } from "./messages.ts";

/**
 * "Mã hồ sơ": links the one-stop system's dossier code (and procedure code, mã TTHC) to
 * the visit at the desk (issue 15, decision 0043). Prefilled with the link the visit has
 * (from the kiosk or an earlier edit); an empty code removes it. The server checks the
 * hall's format (422) and that no other visit today holds the code (409); its message
 * shows in the console's toast.
 *
 * @fires submit-dossier - `CustomEvent<{ dossierCode: string | null; procedureCode: string | null }>`.
 * @fires cancel
 */
@customElement("counter-dossier-dialog")
export class CounterDossierDialog extends LitElement {
  static override styles = [
    tokens,
    buttons,
    css`
      form {
        display: grid;
        gap: 12px;
      }
      label {
        display: grid;
        gap: 4px;
        font-weight: 600;
      }
      input {
        font: 600 1.1rem/1.3 ui-monospace, "DejaVu Sans Mono", monospace;
        padding: 8px 10px;
        text-transform: uppercase;
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
  /** Visible number of the visit. */
  @property() number = "";
  @property() dossierCode = "";
  @property() procedureCode = "";

  @state() private _code: string | null = null;
  @state() private _proc: string | null = null;

  override render() {
    const l = this.locale;
    const code = this._code ?? this.dossierCode;
    const proc = this._proc ?? this.procedureCode;
    return html`<counter-dialog heading=${t("dossierTitle", l, { number: this.number })}>
      <form @submit=${this._submit}>
        <label
          >${t("dossierCode", l)}
          <input
            name="dossierCode"
            autocomplete="off"
            spellcheck="false"
            maxlength="40"
            autofocus
            placeholder="000.00.19.H26-231109-0003"
            .value=${code}
            @input=${(e: Event) => (this._code = (e.target as HTMLInputElement).value)}
          />
        </label>
        <label
          >${t("procedureCode", l)}
          <input
            name="procedureCode"
            autocomplete="off"
            spellcheck="false"
            maxlength="40"
            placeholder="1.001612"
            .value=${proc}
            @input=${(e: Event) => (this._proc = (e.target as HTMLInputElement).value)}
          />
        </label>
        <p class="note">${t("dossierNote", l)}</p>
        <div class="row">
          <button type="button" @click=${this._cancel}>${t("cancel", l)}</button>
          <button class="primary" type="submit">${t("dossierSave", l)}</button>
        </div>
      </form>
    </counter-dialog>`;
  }

  private _submit(e: Event) {
    e.preventDefault();
    const code = (this._code ?? this.dossierCode).trim();
    const proc = (this._proc ?? this.procedureCode).trim();
    const detail = { dossierCode: code || null, procedureCode: code && proc ? proc : null };
    this.dispatchEvent(new CustomEvent("submit-dossier", { detail, bubbles: true, composed: true }));
  }

  private _cancel() {
    this.dispatchEvent(new CustomEvent("cancel", { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "counter-dossier-dialog": CounterDossierDialog;
  }
}
