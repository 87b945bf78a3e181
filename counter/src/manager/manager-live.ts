import { css, html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { OutboxStatus } from "../../../server/contract/api/outbox.ts";
import type { StaffingAdvice } from "../../../server/contract/api/staffing.ts";
import type { DeviceStatus } from "../../../server/contract/config.ts";
import type { ServiceInfo, Text } from "../../../server/contract/domain.ts";
import type { PrinterStatus } from "../../../server/contract/print.ts";
import type { WaitReportRow } from "../../../server/contract/reports.ts";
import type { Lang } from "../../../ui/i18n.ts";
import { clockDuration, waitLevel } from "../../../ui/wait.ts";
import { card, tokens } from "../staff/styles.ts";
import type { AppointmentsToday } from "./data.ts";
import "./manager-board.ts";
import "./manager-counters.ts";
import "./manager-devices.ts";
import "./manager-fields.ts";
import { fmtInt, fmtMin, fmtPct } from "./format.ts";
import type { CounterCard, FieldRow, Notice } from "./live-model.ts";
import { mt } from "./messages.ts";
import "./manager-notices.ts";
import "./manager-staffing.ts";
import "./manager-appointments.ts";
import "./manager-outbox.ts";
import { managerStyles } from "./styles.ts";

/**
 * The live hall view, most urgent first so that 1366×768 shows it without scrolling:
 * today's figures against the target, the waiting line per field with the staffing hint,
 * what needs attention, the staffing advice by simulation, every counter; then printers and devices (their problems are in
 * the notices too) and the display board's notice. Renders what manager-app.ts gives it;
 * events bubble up.
 */
@customElement("manager-live")
export class ManagerLive extends LitElement {
  static override styles = [
    tokens,
    card,
    managerStyles,
    css`
      :host {
        display: grid;
        gap: 12px;
        padding: 12px 20px 20px;
        align-content: start;
      }
      .main {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(300px, 0.4fr);
        gap: 12px;
        align-items: stretch;
      }
      .bottom {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 1.4fr);
        gap: 12px;
        align-items: start;
      }
      .tiles .tile .v {
        font-size: 1.35rem;
      }
      h2 {
        margin: 0 0 6px;
        font-size: 0.9rem;
      }
      @media (max-width: 1100px) {
        .main,
        .bottom {
          grid-template-columns: minmax(0, 1fr);
        }
      }
    `,
  ];

  @property() locale: Lang = "vi";
  @property({ type: Number }) targetMin = 15;
  @property({ attribute: false }) today: WaitReportRow | null = null;
  @property({ attribute: false }) fields: FieldRow[] = [];
  @property({ attribute: false }) cards: CounterCard[] = [];
  @property({ attribute: false }) services: ServiceInfo[] = [];
  @property({ attribute: false }) notices: Notice[] = [];
  @property({ attribute: false }) printers: PrinterStatus[] = [];
  @property({ attribute: false }) devices: DeviceStatus[] = [];
  @property({ attribute: false }) outbox: OutboxStatus | null = null;
  @property({ attribute: false }) appointments: AppointmentsToday | null = null;
  @property({ attribute: false }) boardNotice: Text | null = null;
  /** The staffing advice by simulation (manager-staffing.ts); null hides the panel. */
  @property({ attribute: false }) advice: StaffingAdvice | null = null;
  @property({ type: Boolean }) busy = false;

  override render() {
    const l = this.locale;
    return html`${this._tiles()}
      <div class="main">
        <manager-fields .locale=${l} .rows=${this.fields} .targetMin=${this.targetMin}></manager-fields>
        <manager-notices .locale=${l} .notices=${this.notices}></manager-notices>
      </div>
      <manager-staffing .locale=${l} .advice=${this.advice} .services=${this.services}></manager-staffing>
      <manager-counters .locale=${l} .cards=${this.cards} .services=${this.services}></manager-counters>
      <div class="bottom">
        <manager-devices .locale=${l} .printers=${this.printers} .devices=${this.devices}></manager-devices>
        <manager-appointments .locale=${l} .today=${this.appointments} .services=${this.services}></manager-appointments>
        <manager-outbox .locale=${l} .status=${this.outbox} .busy=${this.busy}></manager-outbox>
        <manager-board .locale=${l} .notice=${this.boardNotice} .busy=${this.busy}></manager-board>
      </div>`;
  }

  private _tiles() {
    const l = this.locale;
    const t = this.today;
    const target = this.targetMin;
    const waiting = this.fields.reduce((s, f) => s + f.waiting, 0);
    const longest = this.fields.reduce((m, f) => Math.max(m, f.longestSec), 0);
    const meanLvl = t?.meanWaitSec == null ? "" : waitLevel(t.meanWaitSec, target);
    const longLvl = waiting > 0 ? waitLevel(longest, target) : "";
    const min = (sec: number | null | undefined) =>
      html`${fmtMin(sec ?? null, l)} <small>${l === "vi" ? "phút" : "min"}</small>`;
    const tile = (key: string, k: string, v: unknown, cls = "") =>
      html`<div class="tile ${cls === "ok" ? "" : cls}" data-figure=${key}><div class="v">${v}</div><div class="k">${k}</div></div>`;
    return html`<section aria-label=${mt("todayTitle", l, { n: target })}>
      <h2>${mt("todayTitle", l, { n: target })}</h2>
      <div class="tiles">
      ${tile("tickets", mt("kTickets", l), fmtInt(t?.tickets, l))}
      ${tile("served", mt("kServed", l), fmtInt(t?.served, l))}
      ${tile(
        "waiting",
        mt("kWaitingNow", l),
        html`${fmtInt(waiting, l)}
        ${waiting > 0 ? html`<small title=${mt("longest", l)}>· ${clockDuration(longest)}</small>` : null}`,
        longLvl,
      )}
      ${tile("mean", mt("kMeanWait", l), min(t?.meanWaitSec), meanLvl)}
      ${tile("p90", mt("kP90", l), min(t?.p90WaitSec))}
      ${tile("within", mt("kWithin", l), fmtPct(t?.withinTargetPct, l))}
      ${tile("breaches", mt("kBreaches", l, { n: target }), fmtInt(t?.breaches, l), (t?.breaches ?? 0) > 0 ? "near" : "")}
      ${tile("satisfied", mt("kSatisfiedN", l, { n: fmtInt(t?.ratings ?? 0, l) }), fmtPct(t?.satisfiedPct, l))}
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "manager-live": ManagerLive;
  }
}
