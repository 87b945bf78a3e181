/**
 * How many people wait in each field, in the hall's field order, with the field's
 * ticket letter so a visitor holding "C027" finds the land line at a glance. Priority
 * visitors among them are counted separately.
 */
import { css, html, LitElement, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { ServiceInfo, WaitingLine } from "../../server/contract/domain.ts";
import { t } from "./messages.ts";

@customElement("display-waiting")
export class DisplayWaiting extends LitElement {
  static override styles = css`
    :host {
      display: flex;
      flex-direction: column;
      gap: calc(var(--u) * 1);
    }
    h2 {
      margin: 0;
      line-height: 1.15;
      font-size: calc(var(--u) * 3.2);
      text-transform: uppercase;
      letter-spacing: 0.04em;
    }
    h2 small {
      color: var(--muted);
      font-weight: 400;
      font-size: calc(var(--u) * 2.2);
      text-transform: none;
      letter-spacing: 0;
      margin-left: calc(var(--u) * 1);
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      grid-template-columns: repeat(var(--waiting-columns, auto-fit), minmax(calc(var(--u) * 20), 1fr));
      gap: calc(var(--u) * 1);
    }
    li {
      display: grid;
      grid-template-columns: auto 1fr;
      grid-template-areas: "prefix count" "name name";
      align-items: center;
      align-content: start;
      gap: calc(var(--u) * 0.4) calc(var(--u) * 1);
      padding: calc(var(--u) * 0.7) calc(var(--u) * 1.2);
      background: var(--panel);
      border-radius: calc(var(--u) * 0.8);
      min-width: 0;
    }
    .prefix {
      grid-area: prefix;
      align-self: start;
      line-height: 1;
      display: grid;
      place-items: center;
      width: calc(var(--u) * 6);
      height: calc(var(--u) * 6);
      border-radius: calc(var(--u) * 0.8);
      background: var(--accent);
      color: var(--bg);
      font-size: calc(var(--u) * 5.2);
      font-weight: 800;
    }
    .name {
      grid-area: name;
      min-width: 0;
      font-size: calc(var(--u) * 2.5);
      line-height: 1.2;
    }
    .name .vi {
      overflow: hidden;
      display: -webkit-box;
      -webkit-line-clamp: 2;
      -webkit-box-orient: vertical;
    }
    .name small {
      display: block;
      color: var(--muted);
      font-size: 0.8em;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .count {
      grid-area: count;
      display: flex;
      flex-direction: column;
      align-items: flex-end;
      font-size: calc(var(--u) * 7);
      font-weight: 800;
      font-variant-numeric: tabular-nums;
      line-height: 1;
    }
    .count.zero {
      color: var(--muted);
    }
    .prio {
      font-size: calc(var(--u) * 2.2);
      font-weight: 700;
      color: var(--priority);
      white-space: nowrap;
    }
  `;

  @property({ attribute: false }) services: ServiceInfo[] = [];
  @property({ attribute: false }) waiting: WaitingLine[] = [];

  override render() {
    const byId = new Map(this.waiting.map((w) => [w.serviceId, w]));
    // Fields known from the waiting lines but not (yet) from /api/services still show.
    const ids = [
      ...this.services.map((s) => s.id),
      ...this.waiting.map((w) => w.serviceId).filter((id) => !this.services.some((s) => s.id === id)),
    ];
    if (ids.length === 0) return nothing;
    return html`<h2>${t("waiting", "vi")}<small>${t("waiting", "en")}</small></h2>
      <ul>
        ${ids.map((id) => {
          const s = this.services.find((x) => x.id === id);
          const w = byId.get(id);
          const count = w?.count ?? 0;
          return html`<li data-testid="waiting" data-service=${id} data-count=${count}>
            <span class="prefix">${s?.prefix ?? "?"}</span>
            <span class="name"
              ><span class="vi">${s?.name.vi ?? id}</span><small>${s?.name.en ?? ""}</small></span
            >
            <span class="count ${count === 0 ? "zero" : ""}"
              >${count}${
                w?.priorityCount
                  ? html`<span class="prio">★ ${w.priorityCount} ${t("priority", "vi").toLowerCase()}</span>`
                  : nothing
              }</span
            >
          </li>`;
        })}
      </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "display-waiting": DisplayWaiting;
  }
}
