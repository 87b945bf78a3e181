import { css, html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { ServiceInfo, WaitingLine } from "../../../server/contract/domain.ts";
import type { Lang } from "../../../ui/i18n.ts";
import { clockDuration, waitLevel } from "../../../ui/wait.ts";
import { card, tokens } from "../staff/styles.ts";
import type { Today } from "./data.ts";
import { t } from "./messages.ts";

/**
 * The waiting line of the counter's fields (count and longest wait per field, from
 * `GET /api/hall`) and the officer's own figures today. Deliberately no numbers and no
 * visitors: officers see how long the line is, not whom to pick (issue 4).
 */
@customElement("counter-queue")
export class CounterQueue extends LitElement {
  static override styles = [
    tokens,
    card,
    css`
      :host {
        display: grid;
        gap: 12px;
        align-content: start;
      }
      table {
        width: 100%;
        border-collapse: collapse;
      }
      th {
        font-size: 0.8rem;
        font-weight: 600;
        color: var(--qms-muted);
        text-align: left;
        padding: 0 4px 4px;
      }
      th.n,
      th.w {
        text-align: right;
      }
      td {
        padding: 8px 4px;
        border-top: 1px solid var(--qms-border);
        vertical-align: middle;
      }
      td.n {
        text-align: right;
        font-size: 1.4rem;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
      }
      td.w {
        text-align: right;
        width: 92px;
      }
      .w span {
        display: inline-block;
        padding: 2px 8px;
        border-radius: 6px;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
      .sub {
        font-size: 0.8rem;
        color: var(--qms-muted);
      }
      tr.total td {
        border-top: 2px solid var(--qms-border);
        font-weight: 700;
      }
      .note {
        font-size: 0.8rem;
        color: var(--qms-muted);
        margin: 8px 0 0;
      }
      .figures {
        display: grid;
        grid-template-columns: repeat(3, 1fr);
        gap: 8px;
        text-align: center;
      }
      .figures .v {
        font-size: 1.6rem;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
      .figures .k {
        font-size: 0.85rem;
        color: var(--qms-muted);
      }
    `,
  ];

  @property() locale: Lang = "vi";
  /** The lines of this counter's fields. */
  @property({ attribute: false }) lines: WaitingLine[] = [];
  @property({ attribute: false }) services: ServiceInfo[] = [];
  /** Server time (ms) when `lines` was computed: waits keep growing between snapshots. */
  @property({ type: Number }) fetchedAt = 0;
  @property({ type: Number }) now = Date.now();
  @property({ attribute: false }) today: Today | null = null;

  override render() {
    const l = this.locale;
    const grow = Math.max(0, Math.floor((this.now - this.fetchedAt) / 1000));
    const longest = (x: WaitingLine) => (x.count > 0 ? x.longestWaitSec + grow : 0);
    const total = this.lines.reduce((s, x) => s + x.count, 0);
    const worst = this.lines.reduce((m, x) => Math.max(m, longest(x)), 0);
    const name = (id: string) => this.services.find((s) => s.id === id)?.name[l] ?? id;
    const wait = (sec: number, count: number) =>
      count > 0
        ? html`<span class="wait-${waitLevel(sec)}" data-wait-level=${waitLevel(sec)}>${clockDuration(sec)}</span>`
        : html`<span>—</span>`;
    const td = this.today;
    return html`<section class="card" aria-label=${t("queueTitle", l)}>
        <h2>${t("queueTitle", l)}</h2>
        <table>
          <thead>
            <tr>
              <th>${t("fields", l)}</th>
              <th class="n">${t("waitingHead", l)}</th>
              <th class="w">${t("longest", l)}</th>
            </tr>
          </thead>
          <tbody>
            ${this.lines.map(
              (x) => html`<tr data-service=${x.serviceId}>
                <td>
                  ${name(x.serviceId)}
                  ${x.priorityCount ? html`<div class="sub">${t("priorityN", l, { n: x.priorityCount })}</div>` : null}
                  ${x.bookedCount ? html`<div class="sub" data-booked>${t("bookedN", l, { n: x.bookedCount })}</div>` : null}
                </td>
                <td class="n" title=${t("waitingN", l, { n: x.count })}>${x.count}</td>
                <td class="w" title=${t("longest", l)}>${wait(longest(x), x.count)}</td>
              </tr>`,
            )}
            <tr class="total">
              <td>${t("total", l)}</td>
              <td class="n" data-total>${total}</td>
              <td class="w">${wait(worst, total)}</td>
            </tr>
          </tbody>
        </table>
        <p class="note">${t("queueNote", l)}</p>
      </section>
      <section class="card" aria-label=${t("todayTitle", l)}>
        <h2>${t("todayTitle", l)}</h2>
        <div class="figures">
          <div>
            <div class="v" data-served>${td?.served ?? "—"}</div>
            <div class="k">${t("served", l)}</div>
          </div>
          <div>
            <div class="v">${td?.meanServiceSec == null ? "—" : clockDuration(td.meanServiceSec)}</div>
            <div class="k">${t("meanService", l)}</div>
          </div>
          <div>
            <div class="v">${td?.noShows ?? "—"}</div>
            <div class="k">${t("noShows", l)}</div>
          </div>
        </div>
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "counter-queue": CounterQueue;
  }
}
