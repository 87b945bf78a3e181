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
import { kioskText as t } from "./messages.ts";

const KEYS = [..."1234567890", ..."QWERTYUIOP", ..."ASDFGHJKL.", ..."ZXCVBNM-"];
const MAX = 40;

@customElement("kiosk-dossier-entry")
export class KioskDossierEntry extends LitElement {
  static override styles = css`
    :host {
      display: flex;
      flex-direction: column;
      gap: 0.5em;
      min-height: 0;
    }
    .field {
      font-size: 0.8em;
    }
    .field b {
      color: #ffd34d;
    }
    h2 {
      margin: 0;
      font-size: 1.3em;
    }
    p {
      margin: 0;
      font-size: 0.75em;
      line-height: 1.35;
    }
    output {
      display: block;
      min-height: 1.6em;
      padding: 0.2em 0.5em;
      border-radius: 0.35em;
      background: #fff;
      color: #0b2545;
      font: 800 1.25em/1.3 ui-monospace, "DejaVu Sans Mono", monospace;
      letter-spacing: 0.04em;
      word-break: break-all;
    }
    .keys {
      display: grid;
      grid-template-columns: repeat(10, 1fr);
      gap: 0.25em;
    }
    button {
      font: inherit;
      font-weight: 800;
      min-height: 2.1em;
      border-radius: 0.35em;
      border: none;
      background: #fff;
      color: #0b2545;
      cursor: pointer;
      touch-action: manipulation;
      box-shadow: 0 0.1em 0 rgb(0 0 0 / 35%);
    }
    button:active:not(:disabled) {
      background: #ffd34d;
      transform: translateY(0.06em);
      box-shadow: none;
    }
    button:disabled {
      opacity: 0.5;
    }
    .edit {
      background: #d7e9ff;
      font-size: 0.8em;
    }
    .row {
      display: flex;
      gap: 0.5em;
    }
    .row button {
      flex: 1;
      min-height: 2.6em;
    }
    .go {
      background: #ffd34d;
      color: #111;
      font-size: 1.1em;
    }
    .skip {
      background: transparent;
      color: #fff;
      border: 3px solid #fff;
      box-shadow: none;
    }
    .back {
      align-self: flex-start;
      background: transparent;
      color: #fff;
      border: 3px solid #fff;
      padding: 0.2em 0.8em 0.2em 0.4em;
      font-size: 0.85em;
      box-shadow: none;
      display: flex;
      align-items: center;
      gap: 0.3em;
    }
  `;

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
