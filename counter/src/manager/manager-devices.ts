import { css, html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { DeviceKind, DeviceStatus } from "../../../server/contract/config.ts";
import type { PrinterStatus } from "../../../server/contract/print.ts";
import type { Lang } from "../../../ui/i18n.ts";
import { buttons, card, tokens } from "../staff/styles.ts";
import { type ManagerKey, mt } from "./messages.ts";
import { managerStyles } from "./styles.ts";

const KINDS: DeviceKind[] = ["led-board", "keypad", "rating-pad"];

/**
 * Printers (online, paper, recent print failures) and the other MQTT devices per kind
 * (how many are online, which went offline; kinds never seen in one line). Problems also
 * appear in the notices, so this card sits low on the page.
 */
@customElement("manager-devices")
export class ManagerDevices extends LitElement {
  static override styles = [
    tokens,
    buttons,
    card,
    managerStyles,
    css`
      :host {
        display: block;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
      }
      .dev ul {
        gap: 3px;
      }
      .dev li {
        display: flex;
        justify-content: space-between;
        gap: 8px;
        font-size: 0.88rem;
        flex-wrap: wrap;
      }
      .dot {
        display: inline-block;
        width: 9px;
        height: 9px;
        border-radius: 50%;
        margin-right: 6px;
        background: #9aa5b1;
      }
      .dot.on {
        background: #2e8b57;
      }
      .dot.off {
        background: var(--qms-over);
      }
      .state {
        white-space: nowrap;
      }
    `,
  ];

  @property() locale: Lang = "vi";
  @property({ attribute: false }) printers: PrinterStatus[] = [];
  @property({ attribute: false }) devices: DeviceStatus[] = [];

  override render() {
    const l = this.locale;
    return html`<section class="card dev" aria-label=${mt("devicesTitle", l)}>
        <h2>${mt("devicesTitle", l)}</h2>
        <ul>
          ${this.printers.map((p) => this._printer(p))} ${KINDS.map((k) => this._kind(k))}
          ${this._unseen()}
        </ul>
    </section>`;
  }

  private _printer(p: PrinterStatus) {
    const l = this.locale;
    const conn = p.online ? "on" : p.lastSeen ? "off" : "";
    const paper =
      p.paper === "out"
        ? html`<span class="badge over">${mt("paperOut", l)}</span>`
        : p.paper === "low"
          ? html`<span class="badge near">${mt("paperLow", l)}</span>`
          : p.paper === "ok"
            ? mt("paperOk", l)
            : html`<span class="sub">${mt("paperUnknown", l)}</span>`;
    return html`<li data-printer=${p.id}>
      <span><span class="dot ${conn}"></span>${mt("printer", l, { id: p.id })}</span>
      <span class="state"
        >${mt(p.online ? "pOnline" : p.lastSeen ? "pOffline" : "pNever", l)} · ${paper}
        ${p.recentFailures ? html`· <span class="near">${mt("failures", l, { n: p.recentFailures })}</span>` : null}</span
      >
    </li>`;
  }

  private _kind(k: DeviceKind) {
    const l = this.locale;
    const list = this.devices.filter((d) => d.kind === k);
    if (!list.some((d) => d.lastSeen)) return null;
    const on = list.filter((d) => d.online).length;
    const off = list.filter((d) => !d.online && d.lastSeen).map((d) => d.counter ?? d.id);
    return html`<li data-kind=${k}>
      <span><span class="dot ${on === list.length ? "on" : off.length ? "off" : ""}"></span>${mt(`kind.${k}` as ManagerKey, l)}</span>
      <span class="state"
        >${mt("devOnline", l, { on, all: list.length })}
        ${off.length ? html`<div class="sub over">${mt("devOfflineList", l, { list: off.join(", ") })}</div>` : null}</span
      >
    </li>`;
  }

  /** Kinds of device none of which was ever seen: one line (a hall without that hardware). */
  private _unseen() {
    const l = this.locale;
    const kinds = KINDS.filter(
      (k) => this.devices.some((d) => d.kind === k) && !this.devices.some((d) => d.kind === k && d.lastSeen),
    );
    if (kinds.length === 0) return null;
    return html`<li class="sub" data-unseen>
      ${mt("devNone", l, { kinds: kinds.map((k) => mt(`kind.${k}` as ManagerKey, l)).join(", ") })}
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "manager-devices": ManagerDevices;
  }
}
