/**
 * `<kiosk-booking-entry>`: a booked visitor checks in (issue 14): the booking's QR is
 * scanned (the app takes the scan) or its 8-character code typed on this keypad, whose
 * keys are the booking-code alphabet only (no 0/O, 1/I/L to confuse).
 *
 * @fires kiosk-booking-edit - detail `{ code }`: the typed code changed
 * @fires kiosk-booking - detail `{ code }`: check in with this code
 * @fires kiosk-back - back to the fields
 */
import { css, html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import { BOOKING_CODE_ALPHABET, BOOKING_CODE_LENGTH } from "../../server/contract/appointments.ts";
import type { Lang } from "../../ui/i18n.ts";
import { icons } from "./icons.ts";
import { keypadStyles } from "./keypad-styles.ts";
import { kioskText as t } from "./messages.ts";

const KEYS = [...BOOKING_CODE_ALPHABET.slice(23), ...BOOKING_CODE_ALPHABET.slice(0, 23)];

@customElement("kiosk-booking-entry")
export class KioskBookingEntry extends LitElement {
  static override styles = [
    keypadStyles,
    css`
      output {
        min-height: 1.4em;
        font: 800 1.5em/1.3 ui-monospace, "DejaVu Sans Mono", monospace;
        letter-spacing: 0.15em;
        text-align: center;
      }
      .keys {
        grid-template-columns: repeat(8, 1fr);
      }
      .go {
        min-height: 2.6em;
      }
    `,
  ];

  @property() locale: Lang = "vi";
  @property() code = "";
  @property({ type: Boolean }) busy = false;

  override render() {
    const l = this.locale;
    const shown = this.code.length > 4 ? `${this.code.slice(0, 4)} ${this.code.slice(4)}` : this.code;
    return html`
      <h2>${t("bookingTitle", l)}</h2>
      <p>${t("bookingHint", l)}</p>
      <output data-booking-code aria-live="polite">${shown}</output>
      <div class="keys" role="group" aria-label=${t("bookingTitle", l)}>
        ${KEYS.map(
          (k) =>
            html`<button data-key=${k} ?disabled=${this.busy || this.code.length >= BOOKING_CODE_LENGTH} @click=${() => this._edit(this.code + k)}>${k}</button>`,
        )}
        <button class="edit" data-key="delete" ?disabled=${this.busy} @click=${() => this._edit(this.code.slice(0, -1))}>
          ${t("dossierDelete", l)}
        </button>
      </div>
      <button class="go" data-action="check-in" ?disabled=${this.busy || this.code.length !== BOOKING_CODE_LENGTH}
        @click=${this._done}>${t(this.busy ? "issuing" : "bookingGo", l)}</button>
      <button class="back" ?disabled=${this.busy} @click=${this._back}>${icons.back}${t("back", l)}</button>
    `;
  }

  private _edit(code: string): void {
    if (this.busy) return;
    this.dispatchEvent(
      new CustomEvent("kiosk-booking-edit", {
        detail: { code: code.slice(0, BOOKING_CODE_LENGTH) },
        bubbles: true,
        composed: true,
      }),
    );
  }

  private _done(): void {
    if (this.busy) return;
    this.dispatchEvent(
      new CustomEvent("kiosk-booking", { detail: { code: this.code }, bubbles: true, composed: true }),
    );
  }

  private _back(): void {
    this.dispatchEvent(new CustomEvent("kiosk-back", { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "kiosk-booking-entry": KioskBookingEntry;
  }
}
