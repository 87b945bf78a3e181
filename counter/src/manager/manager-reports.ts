import { css, html, LitElement, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type {
  BreachList,
  OfficerReport,
  ReportPreset,
  WaitReport,
  WaitReportRow,
} from "../../../server/contract/reports.ts";
import { ApiFailure } from "../../../ui/api.ts";
import type { Lang } from "../../../ui/i18n.ts";
import { clockDuration, waitLevel } from "../../../ui/wait.ts";
import { errorText } from "../staff/messages.ts";
import { buttons, card, tokens } from "../staff/styles.ts";
import { dayChart, fieldChart, hourChart } from "./charts.ts";
import * as data from "./data.ts";
import { fmtDay, fmtHours, fmtInt, fmtMin, fmtPct } from "./format.ts";
import { type ManagerKey, mt } from "./messages.ts";
import { chartStyles, managerStyles } from "./styles.ts";

const PRESETS: ReportPreset[] = ["today", "month", "quarter", "half", "year"];
const LAST: ReportPreset[] = ["last-month", "last-quarter", "last-half", "last-year"];
const BREACH_PAGE = 50;

type Export = "hour" | "service" | "day" | "officers" | "breaches";

/**
 * The report pages: a range (server presets or custom dates), the period's summary,
 * charts of waits by hour against the target, % within the target per field and the
 * mean wait per day, per-officer figures (Decision 766/QĐ-TTg) and the breach list, each
 * with CSV and Excel exports of exactly what it shows. Loads its own data through
 * data.ts.
 *
 * @fires unauthorized - `CustomEvent<{ code: string }>` when the session is refused.
 */
@customElement("manager-reports")
export class ManagerReports extends LitElement {
  static override styles = [
    tokens,
    buttons,
    card,
    managerStyles,
    chartStyles,
    css`
      :host {
        display: grid;
        gap: 12px;
        padding: 12px 20px 24px;
        align-content: start;
      }
      .toolbar {
        display: grid;
        gap: 8px;
        padding: 10px 14px;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        align-items: center;
      }
      .row button {
        min-height: 34px;
        padding: 4px 12px;
      }
      .row button[aria-pressed="true"] {
        background: var(--qms-primary);
        border-color: var(--qms-primary);
        color: #fff;
      }
      .sep {
        width: 1px;
        align-self: stretch;
        background: var(--qms-border);
        margin: 0 6px;
      }
      form {
        display: flex;
        gap: 8px;
        align-items: end;
        flex-wrap: wrap;
      }
      form label {
        display: flex;
        align-items: center;
        gap: 6px;
      }
      form input {
        min-height: 34px;
        padding: 4px 8px;
      }
      .range {
        margin-left: auto;
        font-weight: 600;
      }
      .two {
        display: grid;
        grid-template-columns: minmax(0, 1.15fr) minmax(0, 1fr);
        gap: 12px;
        align-items: start;
      }
      .error {
        color: var(--qms-over);
        background: var(--qms-over-bg);
        padding: 10px 12px;
        border-radius: 8px;
      }
      .loading {
        color: var(--qms-muted);
      }
      .pager {
        display: flex;
        gap: 8px;
        align-items: center;
        justify-content: flex-end;
        margin-top: 8px;
      }
      .pager button {
        min-height: 32px;
        padding: 2px 10px;
      }
      td.num {
        font-weight: 700;
      }
      .scroll {
        overflow-x: auto;
      }
      @media (max-width: 1100px) {
        .two {
          grid-template-columns: minmax(0, 1fr);
        }
      }
    `,
  ];

  @property() locale: Lang = "vi";

  @state() private _range: data.Range = { preset: "month" };
  @state() private _from = "";
  @state() private _to = "";
  @state() private _loading = false;
  @state() private _error = "";
  @state() private _hour: WaitReport | null = null;
  @state() private _service: WaitReport | null = null;
  /** Booked and walk-in visits apart (issue 14). */
  @state() private _booking: WaitReport | null = null;
  @state() private _day: WaitReport | null = null;
  @state() private _officers: OfficerReport | null = null;
  @state() private _breaches: BreachList | null = null;
  @state() private _breachOffset = 0;
  private _seq = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    void this._load();
  }

  override updated(changed: Map<string, unknown>): void {
    // Labels (fields, officers, days) come from the server in the request's language.
    if (changed.has("locale") && changed.get("locale") !== undefined) void this._load();
  }

  override render() {
    const l = this.locale;
    const h = this._hour;
    const target = h?.targetMin ?? 15;
    return html`${this._toolbar()}
      ${this._error ? html`<div class="error" role="alert">${this._error}</div>` : nothing}
      ${this._loading && !h ? html`<div class="loading" role="status">${mt("loading", l)}</div>` : nothing}
      ${h ? this._summary(h.total, target) : nothing}
      ${
        h && this._service
          ? html`<div class="two">
              <section class="card" data-section="hour">
                ${this._head("hourTitle", "hour", { n: target })}
                <div class="legend">
                  <span><i></i>${mt("hourLegendMean", l)}</span>
                  <span><i class="p90"></i>${mt("hourLegendP90", l)}</span>
                  <span><i class="target"></i>${mt("targetLine", l, { n: target })}</span>
                </div>
                ${h.total.called > 0 ? hourChart(h.rows, target, l) : html`<div class="empty">${mt("noData", l)}</div>`}
              </section>
              <section class="card" data-section="service">
                ${this._head("fieldTitle", "service", {})}
                ${
                  this._service.total.tickets > 0
                    ? fieldChart(this._service.rows, target, l)
                    : html`<div class="empty">${mt("noData", l)}</div>`
                }
                <p class="note">${mt("fieldNote", l, { n: target })}</p>
              </section>
            </div>`
          : nothing
      }
      ${
        this._day && this._day.range.days > 1 && this._day.total.called > 0
          ? html`<section class="card" data-section="day">
              ${this._head("dayTitle", "day", {})} ${dayChart(this._day.rows, target, l)}
            </section>`
          : nothing
      }
      ${this._booking ? this._bookingTable(this._booking, target) : nothing}
      ${this._officers ? this._officerTable(this._officers, target) : nothing}
      ${this._breaches ? this._breachTable(this._breaches, target) : nothing}`;
  }

  // ---------------------------------------------------------------- pieces

  /** Booked and walk-in visits, each with its count, mean wait and share within the target. */
  private _bookingTable(r: WaitReport, target: number) {
    const l = this.locale;
    const booked = r.rows.find((x) => x.key === "booked");
    if (!booked || booked.tickets === 0) return nothing;
    return html`<section class="card" data-section="booking">
      <h2>${mt("bookingTitle", l)}</h2>
      <table>
        <thead>
          <tr><th></th><th>${mt("kTickets", l)}</th><th>${mt("bookingServed", l)}</th><th>${mt("bookingMean", l)}</th><th>${mt("bookingWithin", l, { n: target })}</th><th>${mt("bookingNoShows", l)}</th></tr>
        </thead>
        <tbody>
          ${r.rows.map(
            (x) => html`<tr data-key=${x.key}>
              <td>${x.label}</td><td>${fmtInt(x.tickets, l)}</td><td>${fmtInt(x.served, l)}</td>
              <td>${fmtMin(x.meanWaitSec, l)}</td><td>${fmtPct(x.withinTargetPct, l)}</td>
              <td>${fmtInt(x.noShows, l)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      <p class="note">${mt("bookingNote", l)}</p>
    </section>`;
  }

  private _toolbar() {
    const l = this.locale;
    const r = this._hour?.range;
    const pressed = (p: ReportPreset) => String("preset" in this._range && this._range.preset === p);
    const button = (p: ReportPreset) =>
      html`<button data-preset=${p} aria-pressed=${pressed(p)} @click=${() => this._pick({ preset: p })}>
        ${mt(`preset.${p}` as ManagerKey, l)}
      </button>`;
    return html`<section class="card toolbar" aria-label=${mt("repTitle", l)}>
      <div class="row">${PRESETS.map(button)}<span class="sep"></span>${LAST.map(button)}</div>
      <div class="row">
        <form @submit=${this._custom}>
          <label>${mt("from", l)} <input type="date" name="from" required .value=${this._from} /></label>
          <label>${mt("to", l)} <input type="date" name="to" required .value=${this._to} /></label>
          <button type="submit" aria-pressed=${String(!("preset" in this._range))}>${mt("show", l)}</button>
        </form>
        ${
          r
            ? html`<span class="range" data-range=${`${r.from}/${r.to}`}
                >${mt("rangeIs", l, { from: fmtDay(r.from), to: fmtDay(r.to), n: fmtInt(r.days, l) })}</span
              >`
            : nothing
        }
      </div>
    </section>`;
  }

  private _summary(t: WaitReportRow, target: number) {
    const l = this.locale;
    const lvl = t.meanWaitSec == null ? "" : waitLevel(t.meanWaitSec, target);
    const tile = (key: string, k: string, v: unknown, cls = "") =>
      html`<div class="tile ${cls}" data-figure=${key}><div class="v">${v}</div><div class="k">${k}</div></div>`;
    const min = (sec: number | null) => html`${fmtMin(sec, l)} <small>${l === "vi" ? "phút" : "min"}</small>`;
    return html`<section class="tiles" aria-label=${mt("summaryTitle", l)}>
      ${tile("tickets", mt("kTickets", l), fmtInt(t.tickets, l))}
      ${tile("served", mt("kServed", l), fmtInt(t.served, l))}
      ${tile("mean", mt("kMeanWait", l), min(t.meanWaitSec), lvl === "ok" ? "" : lvl)}
      ${tile("median", mt("kMedian", l), min(t.medianWaitSec))}
      ${tile("p90", mt("kP90", l), min(t.p90WaitSec))}
      ${tile("within", mt("kWithin", l), fmtPct(t.withinTargetPct, l))}
      ${tile("breaches", mt("kBreaches", l, { n: target }), fmtInt(t.breaches, l), t.breaches > 0 ? "near" : "")}
      ${tile("noShows", mt("kNoShows", l), fmtInt(t.noShows, l))}
      ${tile("service", mt("kMeanService", l), min(t.meanServiceSec))}
      ${tile("satisfied", mt("kSatisfiedN", l, { n: fmtInt(t.ratings, l) }), fmtPct(t.satisfiedPct, l))}
    </section>`;
  }

  private _head(title: ManagerKey, what: Export, vars: Record<string, string | number>) {
    const l = this.locale;
    return html`<div class="head">
      <h2>${mt(title, l, vars)}</h2>
      ${this._export(what, "csv")} ${this._export(what, "xlsx")}
    </div>`;
  }

  private _export(what: Export, fmt: "csv" | "xlsx") {
    const l = this.locale;
    const url = this._exportUrl(what, fmt);
    const label = mt(fmt === "csv" ? "exportCsv" : "exportXlsx", l);
    return html`<a
      class="export"
      href=${url}
      download
      data-export=${`${what}.${fmt}`}
      title=${mt("exportHint", l, { what: mt(`what_${what}` as ManagerKey, l), fmt: label })}
      @click=${(e: Event) => this._download(e, url)}
      >${label}</a
    >`;
  }

  private _exportUrl(what: Export, format: "csv" | "xlsx"): string {
    const lang = this.locale;
    if (what === "officers")
      return data.reportUrl("officers", this._range, { groupBy: "officer", format, lang });
    if (what === "breaches") return data.reportUrl("breaches", this._range, { format, lang });
    return data.reportUrl("waits", this._range, { groupBy: what, format, lang });
  }

  private _officerTable(r: OfficerReport, target: number) {
    const l = this.locale;
    const row = (o: OfficerReport["rows"][number], total = false) =>
      html`<tr class=${total ? "total" : ""} data-officer=${o.key}>
        <td>${o.label}</td>
        <td class="n" data-col="served">${fmtInt(o.served, l)}</td>
        <td class="n">${fmtMin(o.meanServiceSec, l)}</td>
        <td class="n ${o.breaches > 0 ? "near" : ""}" data-col="breaches">${fmtInt(o.breaches, l)}</td>
        <td class="n" data-col="noShows">${fmtInt(o.noShows, l)}</td>
        <td class="n">${fmtInt(o.transfers, l)}</td>
        <td class="n" data-col="satisfied">
          ${fmtPct(o.satisfiedPct, l)} <span class="sub">(${fmtInt(o.ratings, l)})</span>
        </td>
        <td class="n">${fmtHours(o.pausedSec, l)}</td>
        <td class="n">${fmtHours(o.idleSec, l)}</td>
      </tr>`;
    return html`<section class="card" data-section="officers">
      ${this._head("officersTitle", "officers", {})}
      ${
        r.rows.length === 0
          ? html`<div class="empty">${mt("noData", l)}</div>`
          : html`<div class="scroll">
              <table>
                <thead>
                  <tr>
                    <th>${mt("officer", l)}</th>
                    <th class="n">${mt("colServed", l)}</th>
                    <th class="n">${mt("colMeanService", l)} (${mt("axisMin", l)})</th>
                    <th class="n">${mt("colBreaches", l, { n: target })}</th>
                    <th class="n">${mt("colNoShows", l)}</th>
                    <th class="n">${mt("colTransfers", l)}</th>
                    <th class="n">${mt("colSatisfied", l)}</th>
                    <th class="n">${mt("colPaused", l)}</th>
                    <th class="n">${mt("colIdle", l)}</th>
                  </tr>
                </thead>
                <tbody>
                  ${r.rows.filter((o) => o.key !== "not-called" || o.served + o.noShows + o.breaches > 0).map((o) => row(o))}
                  ${row(r.total, true)}
                </tbody>
              </table>
            </div>`
      }
    </section>`;
  }

  private _breachTable(b: BreachList, target: number) {
    const l = this.locale;
    const first = b.count === 0 ? 0 : b.offset + 1;
    const last = b.offset + b.rows.length;
    return html`<section class="card" data-section="breaches">
      <div class="head">
        <h2>${mt("breachTitle", l, { n: target })}</h2>
        <span class="sub" data-count=${b.count}>${mt("breachCount", l, { n: fmtInt(b.count, l) })}</span>
        ${this._export("breaches", "csv")} ${this._export("breaches", "xlsx")}
      </div>
      ${
        b.count === 0
          ? html`<div class="empty">${mt("noData", l)}</div>`
          : html`<div class="scroll">
                <table>
                  <thead>
                    <tr>
                      <th>${mt("colNumber", l)}</th>
                      <th>${mt("colDay", l)}</th>
                      <th>${mt("colHour", l)}</th>
                      <th>${mt("field", l)}</th>
                      <th class="n">${mt("colWait", l)}</th>
                      <th class="n">${mt("colCounter", l)}</th>
                      <th>${mt("officer", l)}</th>
                      <th>${mt("colStatus", l)}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${b.rows.map(
                      (r) => html`<tr data-breach=${r.number}>
                        <td class="num">${r.number}</td>
                        <td>${fmtDay(r.serviceDay)}</td>
                        <td>${r.issuedAt.slice(11, 16)}</td>
                        <td>${r.serviceName}</td>
                        <td class="n"><span class="badge ${waitLevel(r.waitSec, target)}">${clockDuration(r.waitSec)}</span></td>
                        <td class="n">${r.counter ?? "—"}</td>
                        <td>${r.officer ?? html`<span class="sub">${mt("notCalled", l)}</span>`}</td>
                        <td>${mt(`status.${r.status}` as ManagerKey, l)}</td>
                      </tr>`,
                    )}
                  </tbody>
                </table>
              </div>
              <div class="pager">
                <span class="sub">${mt("pageOf", l, { a: fmtInt(first, l), b: fmtInt(last, l), n: fmtInt(b.count, l) })}</span>
                <button ?disabled=${b.offset === 0 || this._loading} @click=${() => this._page(-1)}>${mt("prev", l)}</button>
                <button ?disabled=${last >= b.count || this._loading} @click=${() => this._page(1)}>${mt("next", l)}</button>
              </div>`
      }
    </section>`;
  }

  // ---------------------------------------------------------------- actions

  private _pick(range: data.Range) {
    this._range = range;
    this._breachOffset = 0;
    void this._load();
  }

  private _custom(e: Event) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const from = String(f.get("from") ?? "");
    const to = String(f.get("to") ?? "");
    this._from = from;
    this._to = to;
    this._pick({ from, to });
  }

  private async _page(dir: -1 | 1) {
    const l = this.locale;
    const offset = Math.max(0, this._breachOffset + dir * BREACH_PAGE);
    this._loading = true;
    try {
      this._breaches = await data.breaches(this._range, offset, BREACH_PAGE, l);
      this._breachOffset = offset;
    } catch (e) {
      this._fail(e);
    } finally {
      this._loading = false;
    }
  }

  private async _download(e: Event, url: string) {
    // Modified clicks (new tab, save link as) keep the browser's own handling: the
    // session cookie authorizes those.
    const m = e as MouseEvent;
    if (m.ctrlKey || m.metaKey || m.shiftKey || m.altKey || m.button !== 0) return;
    e.preventDefault();
    try {
      this._error = "";
      await data.download(url, this.locale);
    } catch (err) {
      if (err instanceof ApiFailure && (err.status === 401 || err.code === "account-disabled"))
        return this._unauthorized(err.code);
      const code = err instanceof ApiFailure ? err.code : "internal-error";
      this._error = mt("exportFailed", this.locale, { msg: errorText(code, this.locale) });
    }
  }

  /** Loads every part of the page for the current range; a newer request wins. */
  private async _load() {
    const l = this.locale;
    const range = this._range;
    const seq = ++this._seq;
    this._loading = true;
    this._error = "";
    try {
      const [hour, service, day, booking, officers, breaches] = await Promise.all([
        data.waits(range, "hour", l),
        data.waits(range, "service", l),
        data.waits(range, "day", l),
        data.waits(range, "booking", l),
        data.officers(range, "officer", l),
        data.breaches(range, this._breachOffset, BREACH_PAGE, l),
      ]);
      if (seq !== this._seq) return;
      this._hour = hour;
      this._service = service;
      this._booking = booking;
      this._day = day;
      this._officers = officers;
      this._breaches = breaches;
      // The custom inputs follow the shown range, so "custom" starts from what is on screen.
      this._from = hour.range.from;
      this._to = hour.range.to;
    } catch (e) {
      if (seq === this._seq) this._fail(e);
    } finally {
      if (seq === this._seq) this._loading = false;
    }
  }

  private _fail(e: unknown) {
    if (e instanceof ApiFailure && (e.status === 401 || e.code === "account-disabled"))
      return this._unauthorized(e.code);
    const code = e instanceof ApiFailure ? e.code : "internal-error";
    this._error = mt("loadFailed", this.locale, { msg: errorText(code, this.locale) });
  }

  private _unauthorized(code: string) {
    this.dispatchEvent(new CustomEvent("unauthorized", { detail: { code }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "manager-reports": ManagerReports;
  }
}
