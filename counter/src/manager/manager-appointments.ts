import { css, html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { ServiceInfo } from "../../../server/contract/domain.ts";
import type { Lang } from "../../../ui/i18n.ts";
import { card, tokens } from "../staff/styles.ts";
import type { AppointmentsToday } from "./data.ts";
import { mt } from "./messages.ts";
import { managerStyles } from "./styles.ts";

/**
 * Today's appointments (issue 14): booked, checked in, no-shows and cancelled, in total and
 * per field, and the next bookings still to come (slot, field, status; never a phone
 * number). Hidden while no field takes bookings and nobody booked today.
 */
@customElement("manager-appointments")
export class ManagerAppointments extends LitElement {
  static override styles = [
    tokens,
    card,
    managerStyles,
    css`
      :host {
        display: block;
      }
      .totals {
        display: grid;
        grid-template-columns: repeat(4, 1fr);
        gap: 6px;
        text-align: center;
      }
      .totals b {
        display: block;
        font-size: 1.5rem;
      }
      table {
        width: 100%;
        border-collapse: collapse;
        font-size: 0.88rem;
        margin-top: 8px;
      }
      td,
      th {
        padding: 2px 4px;
        text-align: right;
      }
      td:first-child,
      th:first-child {
        text-align: left;
      }
    `,
  ];

  @property() locale: Lang = "vi";
  @property({ attribute: false }) today: AppointmentsToday | null = null;
  @property({ attribute: false }) services: ServiceInfo[] = [];

  override render() {
    const l = this.locale;
    const d = this.today;
    if (!d || d.list.length === 0) return null;
    const name = (id: string) => this.services.find((s) => s.id === id)?.name[l] ?? id;
    const figure = (k: "booked" | "checkedIn" | "noShow" | "cancelled") =>
      html`<div data-total=${k}><b>${d.totals[k]}</b>${mt(`appt.${k}`, l)}</div>`;
    return html`<section class="card" aria-label=${mt("appt.title", l)} data-appointments>
      <h2>${mt("appt.title", l)}</h2>
      <div class="totals">${figure("booked")}${figure("checkedIn")}${figure("noShow")}${figure("cancelled")}</div>
      <table>
        <thead>
          <tr><th>${mt("appt.field", l)}</th><th>${mt("appt.booked", l)}</th><th>${mt("appt.checkedIn", l)}</th><th>${mt("appt.noShow", l)}</th></tr>
        </thead>
        <tbody>
          ${d.fields.map(
            (f) => html`<tr data-field=${f.serviceId}>
              <td>${name(f.serviceId)}</td><td>${f.booked}</td><td>${f.checkedIn}</td><td>${f.noShow}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "manager-appointments": ManagerAppointments;
  }
}
