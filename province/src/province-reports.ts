import { css, html, LitElement, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { ProvinceGroup, ProvinceHall, ProvinceWaitReport } from "../../server/contract/province.ts";
import type { BreachList, ReportPreset, WaitReport, WaitReportRow } from "../../server/contract/reports.ts";
import type { Lang } from "../../ui/i18n.ts";
import * as data from "./province-data.ts";
import { failureText } from "./province-failure.ts";
import { dur, int, pctText, waitClass } from "./province-format.ts";
import { pt } from "./province-messages.ts";
import { controls, tables, tokens } from "./province-styles.ts";

const PRESETS: ReportPreset[] = [
  "month",
  "quarter",
  "half",
  "year",
  "last-month",
  "last-quarter",
  "last-half",
  "last-year",
  "today",
];
const GROUPS: ProvinceGroup[] = [
  "hall",
  "area",
  "service",
  "month",
  "quarter",
  "half",
  "year",
  "day",
  "hour",
];

/**
 * Reports across halls (the province's `/api/reports/waits`): a period (quarter, six months,
 * year… or dates), a grouping (hall, area, field, month, quarter, half-year, year, day, hour),
 * an area filter, the table with the hall reports' figures and the province total, CSV and
 * Excel exports; a hall's row opens its details (its own report by field and its breaches).
 *
 * @fires unauthorized - `CustomEvent<{ code: string }>` when the session is gone.
 */
@customElement("province-reports")
export class ProvinceReports extends LitElement {
  static override styles = [
    tokens,
    controls,
    tables,
    css`
      :host {
        display: grid;
        gap: 14px;
        padding: 16px 20px;
      }
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 12px;
        align-items: end;
      }
      .head {
        display: flex;
        gap: 10px;
        align-items: baseline;
        margin-bottom: 8px;
      }
      .head h2 {
        margin: 0;
        flex: 1;
        font-size: 1.1rem;
      }
      .err {
        color: var(--p-over);
      }
      .rowlink {
        all: unset;
        cursor: pointer;
        color: var(--p-primary);
        font-weight: 600;
      }
      .detail h3 {
        margin: 14px 0 6px;
        font-size: 1rem;
      }
    `,
  ];

  @property() locale: Lang = "vi";
  @property({ attribute: false }) halls: ProvinceHall[] = [];
  /** A hall to open at once (from the wall). */
  @property() openHall = "";
  @state() private _preset: ReportPreset | "custom" = "quarter";
  @state() private _from = "";
  @state() private _to = "";
  @state() private _group: ProvinceGroup = "hall";
  @state() private _area = "";
  @state() private _report: ProvinceWaitReport | null = null;
  @state() private _error = "";
  @state() private _busy = false;
  @state() private _detail: { id: string; byField: WaitReport; breaches: BreachList } | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this._load();
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has("openHall") && this.openHall) void this._openDetail(this.openHall);
  }

  private _range(): data.Range {
    return this._preset === "custom" ? { from: this._from, to: this._to } : { preset: this._preset };
  }

  override render() {
    const l = this.locale;
    const areas = [...new Set(this.halls.map((h) => h.area).filter((a): a is string => !!a))].sort();
    return html`<section class="card">
        <form @submit=${this._submit}>
          <label>${pt("period", l)}
            <select data-preset @change=${(e: Event) => (this._preset = (e.target as HTMLSelectElement).value as ReportPreset)}>
              ${PRESETS.map((p) => html`<option value=${p} ?selected=${this._preset === p}>${pt(`p_${p}` as "p_month", l)}</option>`)}
              <option value="custom" ?selected=${this._preset === "custom"}>${pt("p_custom", l)}</option>
            </select>
          </label>
          ${
            this._preset === "custom"
              ? html`<label>${pt("from", l)} <input type="date" .value=${this._from} @change=${(e: Event) => (this._from = (e.target as HTMLInputElement).value)} /></label>
                  <label>${pt("to", l)} <input type="date" .value=${this._to} @change=${(e: Event) => (this._to = (e.target as HTMLInputElement).value)} /></label>`
              : nothing
          }
          <label>${pt("groupBy", l)}
            <select data-group @change=${(e: Event) => (this._group = (e.target as HTMLSelectElement).value as ProvinceGroup)}>
              ${GROUPS.map((g) => html`<option value=${g} ?selected=${this._group === g}>${pt(`g_${g}` as "g_hall", l)}</option>`)}
            </select>
          </label>
          <label>${pt("area", l)}
            <select @change=${(e: Event) => (this._area = (e.target as HTMLSelectElement).value)}>
              <option value="">${pt("allAreas", l)}</option>
              ${areas.map((a) => html`<option value=${a} ?selected=${this._area === a}>${a}</option>`)}
            </select>
          </label>
          <button class="primary" type="submit" ?disabled=${this._busy}>${pt("show", l)}</button>
        </form>
        ${this._error ? html`<p class="err" role="alert">${this._error}</p>` : nothing}
      </section>
      ${this._report ? this._table(this._report) : nothing} ${this._detail ? this._detailView() : nothing}`;
  }

  private _table(r: ProvinceWaitReport) {
    const l = this.locale;
    const url = (fmt: string) => data.acrossUrl(this._range(), r.groupBy, this._area, l, fmt);
    return html`<section class="card">
      <div class="head">
        <h2>${pt(`g_${r.groupBy}` as "g_hall", l)} · ${r.range.from} – ${r.range.to} · ${pt("halls", l, { n: r.halls })}</h2>
        <a class="export" data-export="csv" href=${url("csv")} @click=${(e: Event) => this._download(e, url("csv"))}>${pt("exportCsv", l)}</a>
        <a class="export" data-export="xlsx" href=${url("xlsx")} @click=${(e: Event) => this._download(e, url("xlsx"))}>${pt("exportXlsx", l)}</a>
      </div>
      ${this._figures(r.rows, r.total, r.targetMin, r.groupBy === "hall")}
      <p class="note">${pt("reportNote", l, { min: r.targetMin })}</p>
    </section>`;
  }

  private _figures(rows: WaitReportRow[], total: WaitReportRow, targetMin: number, hallLinks: boolean) {
    const l = this.locale;
    const row = (x: WaitReportRow, cls = "") => html`<tr class=${cls} data-row=${x.key}>
      <td>${hallLinks && cls !== "total" ? html`<button class="rowlink" @click=${() => this._openDetail(x.key)}>${x.label}</button>` : x.label}</td>
      <td class="n">${int(x.tickets, l)}</td>
      <td class="n">${int(x.served, l)}</td>
      <td class="n ${waitClass(x.meanWaitSec, targetMin)}">${dur(x.meanWaitSec)}</td>
      <td class="n">${dur(x.medianWaitSec)}</td>
      <td class="n ${waitClass(x.p90WaitSec, targetMin)}">${dur(x.p90WaitSec)}</td>
      <td class="n">${dur(x.maxWaitSec)}</td>
      <td class="n ${x.breaches > 0 ? "near" : ""}">${int(x.breaches, l)}</td>
      <td class="n">${pctText(x.withinTargetPct, l)}</td>
      <td class="n">${int(x.ratings, l)}</td>
      <td class="n">${pctText(x.satisfiedPct, l)}</td>
    </tr>`;
    return html`<table data-report>
      <thead>
        <tr>
          <th></th>
          <th class="n">${pt("rTickets", l)}</th><th class="n">${pt("rServed", l)}</th><th class="n">${pt("rMean", l)}</th>
          <th class="n">${pt("rMedian", l)}</th><th class="n">${pt("rP90", l)}</th><th class="n">${pt("rMax", l)}</th>
          <th class="n">${pt("rBreaches", l)}</th><th class="n">${pt("rWithin", l)}</th><th class="n">${pt("rRatings", l)}</th>
          <th class="n">${pt("rSatisfied", l)}</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map((x) => row(x))} ${row(total, "total")}
      </tbody>
    </table>`;
  }

  private _detailView() {
    const l = this.locale;
    const d = this._detail!;
    const name = this.halls.find((h) => h.id === d.id)?.name[l] ?? d.id;
    return html`<section class="card detail" data-detail=${d.id}>
      <div class="head"><h2>${pt("hallDetail", l, { name })}</h2><button @click=${() => (this._detail = null)}>${pt("close", l)}</button></div>
      <h3>${pt("byField", l)}</h3>
      ${this._figures(
        d.byField.rows.filter((r) => r.tickets > 0),
        d.byField.total,
        d.byField.targetMin,
        false,
      )}
      <h3>${pt("breachList", l, { n: d.breaches.count })}</h3>
      <table>
        <thead><tr><th>${pt("number", l)}</th><th>${pt("g_service", l)}</th><th>${pt("issuedAt", l)}</th><th class="n">${pt("wait", l)}</th><th class="n">${pt("counter", l)}</th><th>${pt("officer", l)}</th></tr></thead>
        <tbody>
          ${d.breaches.rows.map(
            (b) =>
              html`<tr><td>${b.number}</td><td>${b.serviceName}</td><td>${b.serviceDay} ${b.issuedAt.slice(11, 16)}</td><td class="n over">${dur(b.waitSec)}</td><td class="n">${b.counter ?? "—"}</td><td>${b.officer ?? "—"}</td></tr>`,
          )}
        </tbody>
      </table>
    </section>`;
  }

  private _submit(e: Event) {
    e.preventDefault();
    void this._load();
  }

  private async _load() {
    const l = this.locale;
    this._busy = true;
    this._error = "";
    try {
      this._report = await data.across(this._range(), this._group, this._area, l);
    } catch (e) {
      this._fail(e);
    } finally {
      this._busy = false;
    }
  }

  private async _openDetail(id: string) {
    const l = this.locale;
    try {
      const [byField, breaches] = await Promise.all([
        data.hallWaits(id, this._range(), "service", l),
        data.hallBreaches(id, this._range(), l),
      ]);
      this._detail = { id, byField, breaches };
      await this.updateComplete;
      this.renderRoot.querySelector("[data-detail]")?.scrollIntoView({ block: "start" });
    } catch (e) {
      this._fail(e);
    }
  }

  private async _download(e: Event, url: string) {
    e.preventDefault();
    await data.download(url, this.locale).catch((err) => this._fail(err));
  }

  private _fail(e: unknown) {
    const text = failureText(this, e, this.locale);
    if (text !== null) this._error = text;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "province-reports": ProvinceReports;
  }
}
