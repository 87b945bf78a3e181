/**
 * Earlier calls, still readable from 10 m (7 vmin, see display/README.md): a visitor who
 * came back from the restroom finds their number and counter here.
 */
import { css, html, LitElement, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { PublicCall } from "../../server/contract/domain.ts";
import { isPriorityCall } from "./display-calls.ts";
import { FitController } from "./fit.ts";
import { t } from "./messages.ts";

@customElement("display-recent")
export class DisplayRecent extends LitElement {
  static override styles = css`
    :host {
      display: flex;
      flex-direction: column;
      gap: calc(var(--u) * 1);
      min-height: 0;
      overflow: hidden;
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
    ol {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      grid-template-columns: repeat(var(--recent-columns, 1), 1fr);
      gap: calc(var(--u) * 0.8) calc(var(--u) * 2);
    }
    li {
      display: grid;
      grid-template-columns: 1fr auto;
      align-items: center;
      padding: calc(var(--u) * 0.4) calc(var(--u) * 2);
      background: var(--panel);
      border-radius: calc(var(--u) * 0.8);
      border-left: calc(var(--u) * 0.8) solid transparent;
      font-size: calc(var(--u) * 7);
      line-height: 1.15;
      white-space: nowrap;
    }
    li.priority {
      border-left-color: var(--priority);
    }
    .num {
      font-weight: 800;
      font-variant-numeric: tabular-nums;
      color: var(--accent);
    }
    .star {
      color: var(--priority);
      font-size: 0.5em;
      vertical-align: super;
    }
    .counter {
      font-weight: 600;
      font-size: 0.8em;
    }
  `;

  /** Older calls, newest first. */
  @property({ attribute: false }) calls: PublicCall[] = [];

  constructor() {
    super();
    new FitController(this, () => this.renderRoot.querySelectorAll<HTMLElement>("li"));
  }

  override render() {
    if (this.calls.length === 0) return nothing;
    return html`<h2>${t("recent", "vi")}<small>${t("recent", "en")}</small></h2>
      <ol>
        ${this.calls.map(
          (c) =>
            html`<li
              class=${isPriorityCall(c) ? "priority" : ""}
              data-testid="recent"
              data-number=${c.number}
              data-counter=${c.counter}
            >
              <span class="num"
                >${c.number}${isPriorityCall(c) ? html`<span class="star">★</span>` : nothing}</span
              >
              <span class="counter">${t("counterN", "vi", { n: c.counter })}</span>
            </li>`,
        )}
      </ol>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "display-recent": DisplayRecent;
  }
}
