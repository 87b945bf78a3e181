import { css, html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { Lang } from "../../../ui/i18n.ts";
import { clockDuration, waitLevel } from "../../../ui/wait.ts";
import { card, tokens } from "../staff/styles.ts";
import { fmtDec, fmtInt, fmtMin, fmtPct } from "./format.ts";
import type { FieldRow } from "./live-model.ts";
import { mt } from "./messages.ts";
import { managerStyles } from "./styles.ts";

/**
 * The waiting line of every field: how many wait (priority visitors apart), the longest
 * wait (amber from 10 minutes, red past the 15-minute target), today's mean wait and share
 * within the target, recent arrivals per hour, counters open for it, and the staffing
 * hint (staffing.ts) with its reasoning in the tooltip.
 */
@customElement("manager-fields")
export class ManagerFields extends LitElement {
  static override styles = [
    tokens,
    card,
    managerStyles,
    css`
      :host {
        display: block;
      }
      td.count {
        font-size: 1.1rem;
        font-weight: 700;
      }
      td {
        padding-top: 4px;
        padding-bottom: 4px;
      }
      td.name {
        font-weight: 600;
      }
      tr[data-level="over"] td.name {
        color: var(--qms-over);
      }
      .hint {
        font-weight: 700;
        white-space: nowrap;
      }
      .hint.more {
        color: #fff;
        background: var(--qms-primary);
        padding: 2px 8px;
        border-radius: 6px;
      }
      .hint.ok {
        color: var(--qms-ok);
        font-weight: 600;
      }
      .est {
        color: var(--qms-muted);
      }
    `,
  ];

  @property() locale: Lang = "vi";
  @property({ attribute: false }) rows: FieldRow[] = [];
  @property({ type: Number }) targetMin = 15;

  override render() {
    const l = this.locale;
    const rows = this.rows;
    const total = rows.reduce((s, r) => s + r.waiting, 0);
    const worst = rows.reduce((m, r) => Math.max(m, r.longestSec), 0);
    return html`<section class="card" aria-label=${mt("fieldsTitle", l)}>
      <h2>${mt("fieldsTitle", l)}</h2>
      <table>
        <thead>
          <tr>
            <th>${mt("field", l)}</th>
            <th class="n">${mt("waiting", l)}</th>
            <th class="n">${mt("longest", l)}</th>
            <th class="n">${mt("todayMean", l)}</th>
            <th class="n">${mt("kWithin", l)}</th>
            <th class="n">${mt("perHour", l)}</th>
            <th class="n">${mt("countersCol", l)}</th>
            <th>${mt("hintCol", l)}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map((r) => this._row(r))}
          <tr class="total">
            <td>${mt("total", l)}</td>
            <td class="n count" data-total>${fmtInt(total, l)}</td>
            <td class="n">${this._wait(worst, total)}</td>
            <td colspan="5"></td>
          </tr>
        </tbody>
      </table>
      <p class="note">${mt("hintNote", l)}</p>
    </section>`;
  }

  private _row(r: FieldRow) {
    const l = this.locale;
    const t = r.today;
    const meanLvl = t?.meanWaitSec == null ? "" : waitLevel(t.meanWaitSec, this.targetMin);
    return html`<tr data-service=${r.serviceId} data-level=${r.level}>
      <td class="name">
        ${r.name}
        ${r.priorityCount > 0 ? html`<div class="sub">${mt("priorityN", l, { n: r.priorityCount })}</div>` : null}
      </td>
      <td class="n count" data-waiting>${fmtInt(r.waiting, l)}</td>
      <td class="n">${this._wait(r.longestSec, r.waiting)}</td>
      <td class="n ${meanLvl === "ok" ? "" : meanLvl}" data-mean-today=${t?.meanWaitSec ?? ""}>
        ${t?.meanWaitSec == null ? "—" : mt("minutes", l, { n: fmtMin(t.meanWaitSec, l) })}
      </td>
      <td class="n">${fmtPct(t?.withinTargetPct, l)}</td>
      <td
        class="n ${r.rateSource === "report" ? "est" : ""}"
        title=${mt(r.rateSource === "live" ? "perHourLive" : "perHourReport", l)}
      >
        ${r.rateSource === "report" && r.perHour > 0 ? "≈" : ""}${fmtDec(r.perHour, l)}
      </td>
      <td class="n" data-open=${r.countersOpen}>${r.countersOpen}/${r.countersAll}</td>
      <td>${this._hint(r)}</td>
    </tr>`;
  }

  private _wait(sec: number, count: number) {
    if (count === 0) return html`<span class="sub">—</span>`;
    const lvl = waitLevel(sec, this.targetMin);
    return html`<span class="badge ${lvl}" data-wait-level=${lvl}>${clockDuration(sec)}</span>`;
  }

  private _hint(r: FieldRow) {
    const l = this.locale;
    const h = r.hint;
    if (h.reason === "none" && r.waiting === 0 && r.perHour === 0)
      return html`<span class="sub">${mt("hintIdle", l)}</span>`;
    const wait = (s: number) =>
      Number.isFinite(s) ? mt("minutes", l, { n: fmtDec(s / 60, l) }) : mt("unbounded", l);
    const p = r.pool;
    const why =
      h.reason === "backlog"
        ? mt("hintWhyBacklog", l, {
            work: fmtDec(p.backlogSec / 60, l),
            c: p.servers,
            wait: wait(h.joinWaitSec),
            need: h.needed,
            t: this.targetMin,
          })
        : mt("hintWhySteady", l, {
            rate: fmtDec(p.perHour, l),
            c: p.servers,
            svc: fmtDec(p.perHour > 0 ? (p.load * 60) / p.perHour : r.serviceSec / 60, l),
            wait: wait(h.expectedWaitSec),
            need: h.needed,
            t: this.targetMin,
          });
    if (h.more === 0) return html`<span class="hint ok" title=${why} data-more="0">${mt("hintOk", l)}</span>`;
    const text = r.countersOpen === 0 ? mt("hintOpen", l, { n: h.more }) : mt("hintMore", l, { n: h.more });
    return html`<span class="hint more" title=${why} data-more=${h.more}>${text}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "manager-fields": ManagerFields;
  }
}
