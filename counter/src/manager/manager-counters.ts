import { css, html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { ServiceInfo } from "../../../server/contract/domain.ts";
import type { Lang } from "../../../ui/i18n.ts";
import { clockDuration } from "../../../ui/wait.ts";
import { card, tokens } from "../staff/styles.ts";
import type { CounterCard, CounterState } from "./live-model.ts";
import { type ManagerKey, mt } from "./messages.ts";
import { managerStyles } from "./styles.ts";

const STATE_KEY: Record<CounterState, ManagerKey> = {
  closed: "stClosed",
  paused: "stPaused",
  idle: "stIdle",
  called: "stCalled",
  serving: "stServing",
};

/**
 * One card per counter: open / paused / closed, who holds it, the fields it serves (by
 * their ticket prefix, names in the tooltip), and the visitor at the desk with how long
 * they waited before the call (amber from 10 minutes, red past 15) and how long they
 * have been at the desk.
 */
@customElement("manager-counters")
export class ManagerCounters extends LitElement {
  static override styles = [
    tokens,
    card,
    managerStyles,
    css`
      :host {
        display: block;
      }
      .summary {
        font-size: 0.85rem;
        color: var(--qms-muted);
        font-weight: 400;
        text-transform: none;
        letter-spacing: 0;
        margin-left: 8px;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(168px, 1fr));
        gap: 8px;
      }
      li {
        border: 1px solid var(--qms-border);
        border-left: 5px solid var(--qms-ok);
        border-radius: 8px;
        padding: 5px 10px 6px;
        display: grid;
        gap: 2px;
        min-width: 0;
        background: #fff;
      }
      li.closed {
        border-left-color: #9aa5b1;
        background: #f7f8fa;
        color: var(--qms-muted);
      }
      li.paused {
        border-left-color: var(--qms-paused);
      }
      li.called,
      li.serving {
        border-left-color: var(--qms-primary);
      }
      .top {
        display: flex;
        align-items: baseline;
        gap: 6px;
        min-width: 0;
      }
      .no {
        font-weight: 800;
        font-size: 1.05rem;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
        min-width: 0;
      }
      .state {
        margin-left: auto;
        font-size: 0.78rem;
        font-weight: 700;
        white-space: nowrap;
      }
      li.paused .state {
        color: var(--qms-paused);
      }
      li.called .state,
      li.serving .state {
        color: var(--qms-primary);
      }
      .mid {
        display: flex;
        align-items: center;
        gap: 6px;
        min-width: 0;
      }
      .who {
        font-size: 0.88rem;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
        flex: 1;
        min-width: 0;
      }
      .chips {
        display: flex;
        gap: 3px;
        flex-shrink: 0;
      }
      .chip {
        font-size: 0.72rem;
        font-weight: 700;
        border: 1px solid var(--qms-border);
        border-radius: 4px;
        padding: 0 5px;
        color: var(--qms-muted);
      }
      .chip.prio {
        border-color: var(--qms-primary);
        color: var(--qms-primary);
      }
      .cur {
        display: flex;
        align-items: baseline;
        gap: 6px;
        flex-wrap: wrap;
        min-height: 1.6em;
      }
      .cur .ticket {
        font-size: 1.2rem;
        font-weight: 800;
        font-variant-numeric: tabular-nums;
      }
      .cur .reason {
        font-size: 0.85rem;
        color: var(--qms-paused);
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
        max-width: 100%;
      }
      .cur .desk {
        font-size: 0.78rem;
        color: var(--qms-muted);
      }
    `,
  ];

  @property() locale: Lang = "vi";
  @property({ attribute: false }) cards: CounterCard[] = [];
  @property({ attribute: false }) services: ServiceInfo[] = [];

  override render() {
    const l = this.locale;
    const c = this.cards;
    const open = c.filter((x) => x.state !== "closed" && x.state !== "paused").length;
    const paused = c.filter((x) => x.state === "paused").length;
    const closed = c.filter((x) => x.state === "closed").length;
    return html`<section class="card" aria-label=${mt("countersTitle", l)}>
      <h2>
        ${mt("countersTitle", l)}
        <span class="summary" data-summary=${`${open}/${paused}/${closed}`}
          >${mt("sOpen", l, { n: open })} · ${mt("sPaused", l, { n: paused })} · ${mt("sClosed", l, { n: closed })}</span
        >
      </h2>
      <ul>
        ${c.map((x) => this._card(x))}
      </ul>
    </section>`;
  }

  private _card(c: CounterCard) {
    const l = this.locale;
    const svc = (id: string) => this.services.find((s) => s.id === id);
    const names = c.serviceIds.map((id) => svc(id)?.name[l] ?? id).join(", ");
    const all = this.services.length > 0 && c.serviceIds.length >= this.services.length;
    const cur = c.current;
    return html`<li class=${c.state} data-counter=${c.number} data-state=${c.state}>
      <div class="top">
        <span class="no">${c.name}</span>
        <span class="state">${mt(STATE_KEY[c.state], l)}</span>
      </div>
      <div class="mid">
        <span class="who" title=${c.officer ?? ""}>
          ${c.officer ?? (c.state === "closed" ? "" : html`<span class="sub">${mt("nobody", l)}</span>`)}
        </span>
        <span class="chips" title=${names}>
          ${
            all
              ? html`<span class="chip ${c.priorityCounter ? "prio" : ""}">${mt(c.priorityCounter ? "priorityCounter" : "allFields", l)}</span>`
              : html`${c.priorityCounter ? html`<span class="chip prio">${mt("priorityCounter", l)}</span>` : null}
                ${c.serviceIds.map((id) => html`<span class="chip">${svc(id)?.prefix ?? id}</span>`)}`
          }
        </span>
      </div>
      <div class="cur">
        ${
          cur
            ? html`<span class="ticket" data-current>${cur.number}</span>
                <span class="badge ${cur.level}" data-wait-level=${cur.level} title=${mt("waitedAt", l, { t: clockDuration(cur.waitedSec) })}
                  >${clockDuration(cur.waitedSec)}</span
                >
                <span class="desk">${mt("atDesk", l, { t: clockDuration(cur.atDeskSec) })}</span>`
            : c.pauseReason
              ? html`<span class="reason" data-reason title=${c.pauseReason}>${c.pauseReason}</span>`
              : null
        }
      </div>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "manager-counters": ManagerCounters;
  }
}
