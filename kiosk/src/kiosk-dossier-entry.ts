/**
 * `<kiosk-dossier-entry>`: a visitor collecting a result gives the dossier code ("mã hồ
 * sơ") on their receipt, scanned (the app fills `code` from a scan) or typed on this
 * on-screen keypad (a kiosk has no keyboard; decision 0042); "Không có mã hồ sơ" goes on
 * without it. The format is the hall's and is checked by the server (422 → a message).
 *
 * @fires kiosk-dossier - detail `{ code: string | null }`: continue with this code, or without
 * @fires kiosk-dossier-edit - detail `{ code }`: the typed code changed
 * @fires kiosk-back - the visitor wants another field
 */
import { css, html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { ServiceInfo } from "../../server/contract/domain.ts";
import type { Lang } from "../../ui/i18n.ts";
import { icons } from "./icons.ts";
import { keypadStyles } from "./keypad-styles.ts";
import { kioskText as t } from "./messages.ts";

const KEYS = [..."1234567890", ..."QWERTYUIOP", ..."ASDFGHJKL.", ..."ZXCVBNM-"];
const MAX = 40;

@customElement("kiosk-dossier-entry")
export class KioskDossierEntry extends LitElement {
  static override styles = [
    keypadStyles,
    css`
      .field {
        font-size: 0.8em;
      }
      .field b {
        color: #ffd34d;
      }
      output {
        min-height: 1.6em;
        font: 800 1.25em/1.3 ui-monospace, "DejaVu Sans Mono", monospace;
        letter-spacing: 0.04em;
        word-break: break-all;
      }
      .keys {
        grid-template-columns: repeat(10, 1fr);
      }
      button:active:not(:disabled) {
        background: #ffd34d;
        transform: translateY(0.06em);
        box-shadow: none;
      }
      .row {
        display: flex;
        gap: 0.5em;
      }
      .row button {
        flex: 1;
        min-height: 2.6em;
      }
      .skip {
        background: transparent;
        color: #fff;
        border: 3px solid #fff;
        box-shadow: none;
      }
    `,
  ];

  @property() locale: Lang = "vi";
  @property({ attribute: false }) service: ServiceInfo | null = null;
  @property() code = "";
  @property({ type: Boolean }) busy = false;

  override render() {
    const l = this.locale;
    const ready = this.code.length >= 5;
    return html`
      <div class="field">${this.service?.prefix} · <b>${this.service?.name[l]}</b></div>
      <h2>${t("dossierTitle", l)}</h2>
      <p>${t("dossierHint", l)}</p>
      <output data-dossier aria-live="polite">${this.code}</output>
      <div class="keys" role="group" aria-label=${t("dossierTitle", l)}>
        ${KEYS.map((k) => html`<button data-key=${k} ?disabled=${this.busy} @click=${() => this._edit(this.code + k)}>${k}</button>`)}
        <button class="edit" data-key="delete" ?disabled=${this.busy} @click=${() => this._edit(this.code.slice(0, -1))}>
          ${t("dossierDelete", l)}
        </button>
        <button class="edit" data-key="clear" ?disabled=${this.busy} @click=${() => this._edit("")}>
          ${t("dossierClear", l)}
        </button>
      </div>
      <div class="row">
        <button class="skip" data-action="skip" ?disabled=${this.busy} @click=${() => this._done(null)}>
          ${t("dossierSkip", l)}
        </button>
        <button class="go" data-action="continue" ?disabled=${this.busy || !ready} @click=${() => this._done(this.code)}>
          ${t(this.busy ? "issuing" : "dossierContinue", l)}
        </button>
      </div>
      <button class="back" ?disabled=${this.busy} @click=${this._back}>${icons.back}${t("back", l)}</button>
    `;
  }

  private _edit(code: string): void {
    if (this.busy) return;
    this.dispatchEvent(
      new CustomEvent("kiosk-dossier-edit", {
        detail: { code: code.slice(0, MAX) },
        bubbles: true,
        composed: true,
      }),
    );
  }

  private _done(code: string | null): void {
    if (this.busy) return;
    this.dispatchEvent(new CustomEvent("kiosk-dossier", { detail: { code }, bubbles: true, composed: true }));
  }

  private _back(): void {
    this.dispatchEvent(new CustomEvent("kiosk-back", { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "kiosk-dossier-entry": KioskDossierEntry;
  }
}
