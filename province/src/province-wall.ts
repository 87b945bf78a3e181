import { css, html, LitElement, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { ProvinceHall } from "../../server/contract/province.ts";
import type { Lang } from "../../ui/i18n.ts";
import { dur, int, pctText, since, waitClass } from "./province-format.ts";
import { pt } from "./province-messages.ts";
import { controls, tables, tokens } from "./province-styles.ts";

type SortKey =
  | "name"
  | "area"
  | "waiting"
  | "longest"
  | "counters"
  | "today"
  | "within"
  | "meanWait"
  | "satisfied"
  | "last"
  | "status";

const num = (x: number | null | undefined) => (x === null || x === undefined ? -1 : x);

/**
 * The live wall: one row per hall (waiting now, longest wait, counters open, visits and share
 * within the target today, mean wait, satisfaction, link status, last event), sortable by any
 * column, halls past the target flagged red and listed first by default, halls offline greyed.
 * Tiles on top sum the province. Properties down only; the app pushes new halls in.
 *
 * @fires open-hall - `CustomEvent<{ id: string }>` when a hall's name is clicked (its reports).
 */
@customElement("province-wall")
export class ProvinceWall extends LitElement {
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
      .tiles {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(170px, 1fr));
        gap: 10px;
      }
      .tile {
        background: var(--p-card);
        border: 1px solid var(--p-border);
        border-radius: var(--p-radius);
        padding: 8px 14px;
      }
      .tile .v {
        font-size: 1.7rem;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
      .tile .k {
        font-size: 0.8rem;
        color: var(--p-muted);
      }
      .tile.over {
        border-color: var(--p-over);
        background: var(--p-over-bg);
      }
      th button {
        all: unset;
        cursor: pointer;
        font: inherit;
      }
      th button[aria-pressed="true"] {
        color: var(--p-text);
        text-decoration: underline;
      }
      tr.flag td {
        background: var(--p-over-bg);
      }
      tr.flag td:first-child {
        box-shadow: inset 4px 0 0 var(--p-over);
      }
      tr.off td {
        color: var(--p-muted);
      }
      .name button {
        all: unset;
        cursor: pointer;
        font-weight: 600;
        color: var(--p-primary);
      }
      .name small {
        display: block;
        color: var(--p-muted);
        font-weight: 400;
      }
    `,
  ];

  @property() locale: Lang = "vi";
  @property({ attribute: false }) halls: ProvinceHall[] = [];
  @property({ type: Number }) targetMin = 15;
  @property({ type: Number }) now = Date.now();
  @state() private _sort: { key: SortKey; dir: 1 | -1 } | null = null;

  override render() {
    const l = this.locale;
    const t = this.targetMin;
    const hs = this.halls;
    const online = hs.filter((h) => h.online).length;
    const waiting = hs.reduce((s, h) => s + (h.online ? (h.live?.waitingTotal ?? 0) : 0), 0);
    const visits = hs.reduce((s, h) => s + h.today.tickets, 0);
    const flagged = hs.filter((h) => h.overTarget).length;
    const rows = this._sorted();
    const col = (
      key: SortKey,
      label: string,
      n = false,
    ) => html`<th class=${n ? "n" : ""} aria-sort=${this._sort?.key === key ? (this._sort.dir === 1 ? "ascending" : "descending") : "none"}>
      <button aria-pressed=${this._sort?.key === key ? "true" : "false"} title=${pt("sortBy", l, { col: label })} data-sort=${key} @click=${() => this._sortBy(key)}>
        ${label}${this._sort?.key === key ? (this._sort.dir === 1 ? " ▲" : " ▼") : ""}
      </button>
    </th>`;
    return html`<div class="tiles">
        <div class="tile"><div class="v" data-tile="online">${online}/${hs.length}</div><div class="k">${pt("hallsOnline", l)}</div></div>
        <div class="tile"><div class="v" data-tile="waiting">${int(waiting, l)}</div><div class="k">${pt("waitingNow", l)}</div></div>
        <div class="tile"><div class="v" data-tile="visits">${int(visits, l)}</div><div class="k">${pt("visitsToday", l)}</div></div>
        <div class="tile ${flagged > 0 ? "over" : ""}"><div class="v" data-tile="flagged">${flagged}</div><div class="k">${pt("flagged", l)}</div></div>
      </div>
      <section class="card">
        ${
          hs.length === 0
            ? html`<p class="muted">${pt("noHalls", l)}</p>`
            : html`<table data-wall>
                <thead>
                  <tr>
                    ${col("name", pt("colHall", l))} ${col("area", pt("colArea", l))} ${col("waiting", pt("colWaiting", l), true)}
                    ${col("longest", pt("colLongest", l), true)} ${col("counters", pt("colCounters", l), true)}
                    ${col("today", pt("colToday", l), true)} ${col("within", pt("colWithin", l, { min: t }), true)}
                    ${col("meanWait", pt("colMeanWait", l), true)} ${col("satisfied", pt("colSatisfied", l), true)}
                    ${col("status", pt("colStatus", l))} ${col("last", pt("colLastEvent", l))}
                  </tr>
                </thead>
                <tbody>
                  ${rows.map((h) => this._row(h))}
                </tbody>
              </table>`
        }
      </section>`;
  }

  private _row(h: ProvinceHall) {
    const l = this.locale;
    const t = this.targetMin;
    const live = h.online ? h.live : null;
    const longest = live?.longestWaitSec ?? null;
    return html`<tr class="${h.overTarget ? "flag" : ""} ${h.online ? "" : "off"}" data-hall=${h.id}>
      <td class="name">
        <button @click=${() => this.dispatchEvent(new CustomEvent("open-hall", { detail: { id: h.id }, bubbles: true, composed: true }))}>${h.name[l]}</button>
        ${h.overTarget ? html`<span class="badge over" data-flag>⚠ ${pt("overTarget", l, { min: t })}</span>` : nothing}
      </td>
      <td>${h.area ?? "—"}</td>
      <td class="n">${live ? int(live.waitingTotal, l) : "—"}</td>
      <td class="n ${waitClass(longest, t)}">${live && live.waitingTotal > 0 ? dur(longest) : "—"}</td>
      <td class="n">${live ? `${live.countersOpen}/${live.countersTotal}` : "—"}</td>
      <td class="n">${int(h.today.tickets, l)}</td>
      <td class="n ${h.today.withinTargetPct !== null && h.today.withinTargetPct < 90 ? "over" : ""}">${pctText(h.today.withinTargetPct, l)}</td>
      <td class="n ${waitClass(h.today.meanWaitSec, t)}">${dur(h.today.meanWaitSec)}</td>
      <td class="n">${pctText(h.today.satisfiedPct, l)}</td>
      <td>
        <span class="badge ${h.online ? "ok" : "off"}">${h.online ? pt("online", l) : pt("offline", l)}</span>
        ${h.eventVersion !== null && h.eventVersion < 2 ? html`<small class="muted">${pt("olderSchema", l, { v: h.eventVersion })}</small>` : nothing}
      </td>
      <td class="muted">${since(h.lastEventAt, this.now, l)}</td>
    </tr>`;
  }

  private _sortBy(key: SortKey) {
    this._sort =
      this._sort?.key === key
        ? { key, dir: this._sort.dir === 1 ? -1 : 1 }
        : { key, dir: key === "name" || key === "area" ? 1 : -1 };
  }

  /** Default order: flagged first, then offline, then by name; a clicked column otherwise. */
  private _sorted(): ProvinceHall[] {
    const l = this.locale;
    const s = this._sort;
    const v = (h: ProvinceHall): number | string => {
      switch (s!.key) {
        case "name":
          return h.name[l];
        case "area":
          return h.area ?? "";
        case "waiting":
          return num(h.online ? h.live?.waitingTotal : null);
        case "longest":
          return num(h.online ? h.live?.longestWaitSec : null);
        case "counters":
          return num(h.online ? h.live?.countersOpen : null);
        case "today":
          return h.today.tickets;
        case "within":
          return num(h.today.withinTargetPct);
        case "meanWait":
          return num(h.today.meanWaitSec);
        case "satisfied":
          return num(h.today.satisfiedPct);
        case "status":
          return h.online ? 1 : 0;
        case "last":
          return h.lastEventAt ? Date.parse(h.lastEventAt) : 0;
      }
    };
    return [...this.halls].sort((a, b) => {
      if (!s)
        return (
          Number(b.overTarget) - Number(a.overTarget) ||
          Number(b.online) - Number(a.online) ||
          a.name[l].localeCompare(b.name[l], "vi")
        );
      const x = v(a);
      const y = v(b);
      const c = typeof x === "string" ? x.localeCompare(y as string, "vi") : x - (y as number);
      return c * s.dir || a.name[l].localeCompare(b.name[l], "vi");
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "province-wall": ProvinceWall;
  }
}
