/**
 * `<kiosk-ticket>`: the ticket on screen while it prints, laid out like the paper one:
 * the number very large, the field, the time, the people ahead, the estimated wait with
 * its upper figure ("khoảng 14 phút, chậm nhất 22 phút") and the QR code of the status
 * page (`statusUrl`, the phone page). The print status and the reprint button are
 * slotted in by the app (`<kiosk-print-status>`).
 *
 * @slot print - the print status
 * @fires kiosk-done - the visitor touched "Xong"
 */
import { css, html, LitElement, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import "../../ui/qms-qr.ts";
import { PRIORITY_LABELS, type ServiceInfo, type Ticket } from "../../server/contract/domain.ts";
import { hhmm, type Lang } from "../../ui/i18n.ts";
import { priorityIcon } from "./icons.ts";
import { kioskText as t } from "./messages.ts";
import { waitPhrases, waitWords } from "./wait-text.ts";

/** The estimated wait as words: unknown, "very soon" or "about n min, at most m min". */
export function waitText(min: number | undefined, max: number | undefined, lang: Lang): string {
  return waitWords(t, min, max, lang);
}

@customElement("kiosk-ticket")
export class KioskTicket extends LitElement {
  static override styles = css`
    .phrase {
      white-space: nowrap;
    }
    :host {
      display: grid;
      gap: 0.6em 1.2em;
      grid-template-columns: 1fr;
      grid-template-areas: "card" "side" "done";
      align-content: start;
    }
    @media (orientation: landscape) {
      :host {
        grid-template-columns: 1.25fr 1fr;
        grid-template-areas: "card side" "card done";
        grid-template-rows: 1fr auto;
      }
    }
    .card {
      grid-area: card;
      background: #fff;
      color: #0b2545;
      border-radius: 0.5em;
      padding: 0.6em 0.9em 0.8em;
      text-align: center;
      box-shadow: 0 0.15em 0 rgb(0 0 0 / 35%);
    }
    .label {
      font-size: 0.95em;
      font-weight: 700;
    }
    .number {
      font-size: 6.2em;
      font-weight: 900;
      line-height: 1;
      letter-spacing: 0.02em;
      font-variant-numeric: tabular-nums;
      margin: 0.02em 0 0.06em;
    }
    .field {
      font-size: 1.2em;
      font-weight: 800;
      line-height: 1.2;
    }
    .badge {
      display: inline-flex;
      align-items: center;
      gap: 0.35em;
      margin-top: 0.35em;
      padding: 0.15em 0.6em;
      border-radius: 1em;
      background: #0b3d6e;
      color: #fff;
      font-size: 0.75em;
      font-weight: 700;
    }
    .badge svg {
      font-size: 1.4em;
    }
    dl {
      margin: 0.6em 0 0;
      display: grid;
      gap: 0.25em;
      text-align: left;
    }
    dl > div {
      display: flex;
      justify-content: space-between;
      align-items: baseline;
      gap: 0.6em;
      border-top: 2px solid #d5dde6;
      padding-top: 0.25em;
    }
    dt {
      font-size: 0.75em;
      font-weight: 600;
    }
    dd {
      margin: 0;
      font-size: 0.95em;
      font-weight: 800;
      text-align: right;
      white-space: nowrap;
    }
    .wait {
      margin: 0.4em 0 0;
      font-size: 0.85em;
      font-weight: 800;
      color: #8a1111;
    }
    .side {
      grid-area: side;
      display: flex;
      flex-direction: column;
      gap: 0.5em;
    }
    .qr {
      display: flex;
      align-items: center;
      gap: 0.7em;
      background: #fff;
      color: #0b2545;
      border-radius: 0.5em;
      padding: 0.4em;
    }
    @media (orientation: landscape) {
      .qr {
        flex-direction: column;
        text-align: center;
      }
    }
    qms-qr {
      flex: none;
      width: 7.5em;
      height: 7.5em;
    }
    @media (orientation: portrait) {
      .number {
        font-size: 7.6em;
      }
      qms-qr {
        width: 8em;
        height: 8em;
      }
    }
    .qr span {
      font-size: 0.8em;
      font-weight: 700;
      line-height: 1.3;
    }
    .done {
      grid-area: done;
      align-self: end;
      font: inherit;
      font-weight: 800;
      font-size: 1.1em;
      min-height: 2.6em;
      border-radius: 0.45em;
      border: none;
      background: #ffd34d;
      color: #111;
      cursor: pointer;
      touch-action: manipulation;
      box-shadow: 0 0.12em 0 rgb(0 0 0 / 35%);
    }
    .done:active {
      transform: translateY(0.08em);
      box-shadow: none;
    }
  `;

  @property() locale: Lang = "vi";
  @property({ attribute: false }) ticket: Ticket | null = null;
  @property({ attribute: false }) service: ServiceInfo | null = null;

  override render() {
    const tk = this.ticket;
    if (!tk) return nothing;
    const l = this.locale;
    return html`
      <div class="card" role="region" aria-label=${t("yourNumber", l)}>
        <div class="label">${t("yourNumber", l)}</div>
        <div class="number" data-number>${tk.number}</div>
        <div class="field">${this.service?.name[l] ?? tk.serviceId}</div>
        ${
          tk.priority !== "none"
            ? html`<div class="badge">${priorityIcon(tk.priority)}${t("priorityBadge", l, { label: PRIORITY_LABELS[tk.priority][l] })}</div>`
            : nothing
        }
        ${tk.dueAt ? html`<div class="badge" data-booked>${t("bookedAt", l, { time: hhmm(tk.dueAt) })}</div>` : nothing}
        <dl>
          <div><dt>${t("issuedAt", l)}</dt><dd>${hhmm(tk.issuedAt)}</dd></div>
          <div>
            <dt>${t("peopleAhead", l)}</dt>
            <dd data-ahead>${t("people", l, { n: tk.position ?? 0 })}</dd>
          </div>
          <div><dt>${t("estimatedWait", l)}</dt><dd data-wait>${waitPhrases(waitText(tk.estimatedWaitMin, tk.estimatedWaitMaxMin, l))}</dd></div>
        </dl>
        <p class="wait">${t("pleaseWait", l)}</p>
      </div>
      <div class="side">
        <div class="qr">
          <qms-qr .value=${tk.statusUrl} label=${t("scanQr", l)}></qms-qr>
          <span>${t("scanQr", l)}</span>
        </div>
        <slot name="print"></slot>
      </div>
      <button class="done" @click=${() => this.dispatchEvent(new CustomEvent("kiosk-done", { bubbles: true, composed: true }))}>
        ${t("done", l)}
      </button>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "kiosk-ticket": KioskTicket;
  }
}
