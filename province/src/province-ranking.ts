import { css, html, LitElement, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { Ranking } from "../../server/contract/province.ts";
import type { ReportPreset } from "../../server/contract/reports.ts";
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
];

/**
 * The ranking of the halls (Decision 766/QĐ-TTg spirit): score, share within the wait
 * target, satisfaction, and whether each meets the wait and the year's satisfaction target.
 *
 * @fires unauthorized - `CustomEvent<{ code: string }>` when the session is gone.
 */
@customElement("province-ranking")
export class ProvinceRanking extends LitElement {
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
      .head {
        display: flex;
        gap: 10px;
        align-items: end;
        flex-wrap: wrap;
        margin-bottom: 10px;
      }
      .head h2 {
        margin: 0;
        flex: 1;
        font-size: 1.1rem;
      }
      td.rank {
        font-weight: 700;
        font-size: 1.05rem;
      }
      .score {
        font-weight: 700;
      }
    `,
  ];

  @property() locale: Lang = "vi";
  @state() private _preset: ReportPreset = "quarter";
  @state() private _r: Ranking | null = null;
  @state() private _error = "";

  override connectedCallback(): void {
    super.connectedCallback();
    void this._load();
  }

  override render() {
    const l = this.locale;
    const r = this._r;
    const url = (fmt: string) => data.rankingUrl({ preset: this._preset }, l, fmt);
    const yn = (x: boolean | null) =>
      x === null
        ? html`<span class="muted">—</span>`
        : html`<span class="badge ${x ? "ok" : "over"}">${x ? pt("yes", l) : pt("no", l)}</span>`;
    return html`<section class="card">
      <div class="head">
        <h2>${pt("rankTitle", l)}</h2>
        <label>${pt("period", l)}
          <select data-preset @change=${(e: Event) => {
            this._preset = (e.target as HTMLSelectElement).value as ReportPreset;
            void this._load();
          }}>
            ${PRESETS.map((p) => html`<option value=${p} ?selected=${this._preset === p}>${pt(`p_${p}` as "p_month", l)}</option>`)}
          </select>
        </label>
        <a class="export" href=${url("csv")} @click=${(e: Event) => this._download(e, url("csv"))}>${pt("exportCsv", l)}</a>
        <a class="export" href=${url("xlsx")} @click=${(e: Event) => this._download(e, url("xlsx"))}>${pt("exportXlsx", l)}</a>
      </div>
      ${this._error ? html`<p class="over" role="alert">${this._error}</p>` : nothing}
      ${
        r
          ? html`<table data-ranking>
                <thead>
                  <tr>
                    <th>${pt("colRank", l)}</th><th>${pt("colHall", l)}</th><th>${pt("colArea", l)}</th>
                    <th class="n">${pt("colScore", l)}</th><th class="n">${pt("rWithin", l)}</th><th class="n">${pt("rSatisfied", l)}</th>
                    <th class="n">${pt("rMean", l)}</th><th class="n">${pt("rTickets", l)}</th><th class="n">${pt("rBreaches", l)}</th>
                    <th>${pt("meetsWait", l, { min: r.targetMin })}</th><th>${pt("meetsSat", l)} (≥ ${r.satisfactionTargetPct} %)</th>
                  </tr>
                </thead>
                <tbody>
                  ${r.rows.map(
                    (x) => html`<tr data-hall=${x.hallId}>
                      <td class="rank">${x.score === null ? "—" : x.rank}</td>
                      <td>${x.name}</td>
                      <td>${x.area ?? "—"}</td>
                      <td class="n score">${x.score === null ? pt("noScore", l) : x.score.toLocaleString(l === "vi" ? "vi-VN" : "en-GB")}</td>
                      <td class="n">${pctText(x.withinTargetPct, l)}</td>
                      <td class="n">${pctText(x.satisfiedPct, l)}</td>
                      <td class="n ${waitClass(x.meanWaitSec, r.targetMin)}">${dur(x.meanWaitSec)}</td>
                      <td class="n">${int(x.tickets, l)}</td>
                      <td class="n">${int(x.breaches, l)}</td>
                      <td>${yn(x.meetsWait)}</td>
                      <td>${yn(x.meetsSatisfaction)}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
              <p class="note">${pt("rankNote", l, { min: r.targetMin, year: r.range.to.slice(0, 4), sat: r.satisfactionTargetPct })}</p>`
          : nothing
      }
    </section>`;
  }

  private async _load() {
    try {
      this._r = await data.ranking({ preset: this._preset }, this.locale);
      this._error = "";
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
    "province-ranking": ProvinceRanking;
  }
}
