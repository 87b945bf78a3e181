/**
 * `<kiosk-booking-poster>`: the hall's printable A4 poster for appointments (`/hen/poster`,
 * issue 14): the hall's name, a big QR to the booking page (`{origin}/hen`), the fields that
 * take bookings and how check-in works, Vietnamese first. Printed from the browser (the
 * admin screen links to it); the print stylesheet drops the button.
 */
import { css, html, LitElement, nothing } from "lit";
import { customElement, state } from "lit/decorators.js";
import type { BookableField } from "../../server/contract/api/appointments.ts";
import "../../ui/qms-qr.ts";
import { bookingText as t } from "./booking-messages.ts";
import { fetchBookableFields, fetchHall } from "./data.ts";

@customElement("kiosk-booking-poster")
export class KioskBookingPoster extends LitElement {
  static override styles = css`
    :host {
      display: block;
      max-width: 190mm;
      margin: 0 auto;
      padding: 10mm;
      color: #0b2545;
      text-align: center;
      font-size: 14pt;
    }
    .hall {
      font-size: 15pt;
      font-weight: 700;
      text-transform: uppercase;
    }
    h1 {
      font-size: 30pt;
      margin: 4mm 0 1mm;
    }
    h2 {
      font-size: 17pt;
      margin: 0 0 5mm;
      color: #374151;
      font-weight: 600;
    }
    qms-qr {
      width: 95mm;
      height: 95mm;
    }
    .url {
      font-family: monospace;
      font-size: 13pt;
    }
    .vi {
      font-weight: 600;
    }
    .en {
      color: #374151;
      font-size: 12pt;
    }
    ul {
      list-style: none;
      padding: 0;
      font-weight: 700;
    }
    button {
      font: inherit;
      padding: 0.5rem 1.2rem;
      margin-top: 6mm;
    }
    @media print {
      button {
        display: none;
      }
    }
  `;

  @state() private _hall = "";
  @state() private _fields: BookableField[] = [];
  /** The booking page at the hall's public URL (QMS_PUBLIC_URL), not wherever the admin opened this. */
  @state() private _url = "";

  override connectedCallback(): void {
    super.connectedCallback();
    void fetchHall()
      .then((h) => {
        this._hall = h.hall.name;
      })
      .catch(() => {});
    void fetchBookableFields("vi")
      .then((r) => {
        this._fields = r.fields;
        this._url = r.bookingUrl;
      })
      .catch(() => {});
  }

  override render() {
    const url = this._url;
    const f = this._fields[0];
    const early = f?.checkInEarlyMin ?? 15;
    const late = f?.checkInLateMin ?? 10;
    return html`<div class="hall">${this._hall}</div>
      <h1>${t("posterTitle", "vi")}</h1>
      <h2>${t("posterTitle", "en")}</h2>
      ${url ? html`<qms-qr .value=${url} label=${url}></qms-qr>` : nothing}
      <div class="url">${url}</div>
      <p class="vi">${t("posterScan", "vi")}</p>
      <p class="en">${t("posterScan", "en")}</p>
      ${
        this._fields.length
          ? html`<p class="vi">${t("posterFields", "vi")}</p>
            <ul>${this._fields.map((x) => html`<li>${x.name.vi} <span class="en">· ${x.name.en}</span></li>`)}</ul>`
          : nothing
      }
      <p class="vi">${t("posterArrive", "vi", { early, late })}</p>
      <p class="en">${t("posterArrive", "en", { early, late })}</p>
      <button @click=${() => window.print()}>${t("print", "vi")} / ${t("print", "en")}</button>`;
  }
}
