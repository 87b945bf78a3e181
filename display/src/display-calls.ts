/**
 * The latest calls, large: the newest as a hero ("A012 → Quầy 3" with the number at
 * about 10 cm on a 55" TV), the next ones as big rows. A call in `fresh` flashes (1 Hz,
 * below the WCAG 2.3.1 limit of three flashes a second); priority calls carry a star
 * badge and an orange edge.
 *
 * @csspart hero - the newest call
 */
import { css, html, LitElement, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import { keyed } from "lit/directives/keyed.js";
import type { CounterInfo, PublicCall } from "../../server/contract/domain.ts";
import { FitController } from "./fit.ts";
import { t } from "./messages.ts";

/** Key of a call on the board (a recall of the same number at the same counter flashes it again). */
export const callKey = (c: Pick<PublicCall, "number" | "counter">) => `${c.number}|${c.counter}`;

export const isPriorityCall = (c: PublicCall) => c.prioritized === true;

@customElement("display-calls")
export class DisplayCalls extends LitElement {
  static override styles = css`
    :host {
      display: flex;
      flex-direction: column;
      gap: calc(var(--u) * 1);
      min-height: 0;
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
    .call {
      display: grid;
      align-items: center;
      border-radius: calc(var(--u) * 1.2);
      background: var(--panel);
      border-left: calc(var(--u) * 1) solid transparent;
      color: var(--text);
    }
    .call.priority {
      border-left-color: var(--priority);
    }
    .num {
      color: var(--accent);
      font-weight: 800;
      font-variant-numeric: tabular-nums;
      line-height: 1;
      letter-spacing: 0.02em;
    }
    .arrow {
      color: var(--muted);
      line-height: 1;
      text-align: center;
    }
    .hero {
      grid-template-columns: 1fr auto auto;
      gap: calc(var(--u) * 2);
      padding: calc(var(--u) * 1) calc(var(--u) * 3);
      background: var(--panel-2);
    }
    .hero .num {
      font-size: calc(var(--u) * 18);
    }
    .hero .arrow {
      font-size: calc(var(--u) * 10);
    }
    .hero .counter {
      display: flex;
      flex-direction: column;
      align-items: center;
      min-width: calc(var(--u) * 22);
    }
    .hero .counter .label {
      font-size: calc(var(--u) * 4);
      font-weight: 700;
      text-transform: uppercase;
      line-height: 1;
    }
    .hero .counter .n {
      font-size: calc(var(--u) * 17);
      font-weight: 800;
      line-height: 1;
    }
    .hero .numcol {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: calc(var(--u) * 0.6);
    }
    .tags {
      display: flex;
      gap: calc(var(--u) * 1);
      min-height: calc(var(--u) * 3.6);
    }
    .tag {
      display: inline-flex;
      align-items: center;
      gap: 0.3em;
      padding: 0.1em 0.6em;
      border-radius: 999px;
      font-size: calc(var(--u) * 2.6);
      font-weight: 700;
      white-space: nowrap;
    }
    .tag.priority {
      background: var(--priority);
      color: #1b1000;
    }
    .tag.recall {
      border: calc(var(--u) * 0.3) solid var(--muted);
      color: var(--text);
    }
    .tag small {
      font-weight: 400;
      font-size: 0.75em;
    }
    .row {
      line-height: 1;
      grid-template-columns: 1fr auto minmax(calc(var(--u) * 34), auto);
      gap: calc(var(--u) * 2);
      padding: calc(var(--u) * 0.8) calc(var(--u) * 3);
    }
    .row .num {
      font-size: calc(var(--u) * 10);
      display: flex;
      align-items: center;
      gap: calc(var(--u) * 1.5);
    }
    .row .arrow {
      font-size: calc(var(--u) * 7);
    }
    .row .counter {
      font-size: calc(var(--u) * 8.5);
      font-weight: 700;
      white-space: nowrap;
    }
    .star {
      color: var(--priority);
      font-size: 0.45em;
    }
    .name {
      font-size: calc(var(--u) * 2.6);
      line-height: 1.1;
      color: var(--muted);
      white-space: nowrap;
    }
    .fresh {
      animation: flash 1s steps(1, end) 6;
    }
    @keyframes flash {
      0% {
        background: var(--flash-bg);
      }
      50% {
        background: var(--panel-2);
      }
    }
    /* Each part returns to its own colour in the second half of every flash. */
    .fresh .num {
      animation: flash-num 1s steps(1, end) 6;
    }
    .fresh .counter,
    .fresh .arrow {
      animation: flash-text 1s steps(1, end) 6;
    }
    .fresh .arrow {
      animation-name: flash-arrow;
    }
    @keyframes flash-num {
      0% {
        color: var(--flash-text);
      }
      50% {
        color: var(--accent);
      }
    }
    @keyframes flash-text {
      0% {
        color: var(--flash-text);
      }
      50% {
        color: var(--text);
      }
    }
    @keyframes flash-arrow {
      0% {
        color: var(--flash-text);
      }
      50% {
        color: var(--muted);
      }
    }
    .empty {
      display: grid;
      place-items: center;
      min-height: calc(var(--u) * 30);
      font-size: calc(var(--u) * 4);
      color: var(--muted);
      text-align: center;
    }
    .empty small {
      display: block;
      font-size: 0.7em;
    }
  `;

  /** Newest first; the first is the hero. */
  @property({ attribute: false }) calls: PublicCall[] = [];
  @property({ attribute: false }) counters: CounterInfo[] = [];
  /** Keys (`callKey`) of calls that flash now. */
  @property({ attribute: false }) fresh: ReadonlySet<string> = new Set();

  constructor() {
    super();
    new FitController(this, () => this.renderRoot.querySelectorAll<HTMLElement>(".row"));
  }

  private counterName(n: number): string | null {
    const c = this.counters.find((x) => x.number === n);
    const name = c?.name?.vi;
    return name && name !== t("counterN", "vi", { n }) ? name : null;
  }

  // keyed(): a new call gets a new element, so its flash animation starts from the top
  // even when the previous call is still flashing.
  private hero(c: PublicCall) {
    const name = this.counterName(c.counter);
    return keyed(
      `${callKey(c)}|${c.calledAt}`,
      html`<div
      part="hero"
      class="call hero ${isPriorityCall(c) ? "priority" : ""} ${this.fresh.has(callKey(c)) ? "fresh" : ""}"
      data-testid="hero"
      data-number=${c.number}
      data-counter=${c.counter}
    >
      <div class="numcol">
        <span class="num">${c.number}</span>
        <span class="tags">
          ${
            isPriorityCall(c)
              ? html`<span class="tag priority" data-testid="priority">★ ${t("priority", "vi")}
                  <small>${t("priority", "en")}</small></span
                >`
              : nothing
          }
          ${
            c.recall
              ? html`<span class="tag recall">${t("recall", "vi")} <small>${t("recall", "en")}</small></span>`
              : nothing
          }
        </span>
      </div>
      <span class="arrow" aria-hidden="true">➜</span>
      <div class="counter">
        <span class="label">${t("counter", "vi")}</span>
        <span class="n">${c.counter}</span>
        ${name ? html`<span class="name">${name}</span>` : nothing}
      </div>
    </div>`,
    );
  }

  private row(c: PublicCall) {
    return keyed(
      `${callKey(c)}|${c.calledAt}`,
      html`<div
      class="call row ${isPriorityCall(c) ? "priority" : ""} ${this.fresh.has(callKey(c)) ? "fresh" : ""}"
      data-testid="call"
      data-number=${c.number}
      data-counter=${c.counter}
    >
      <span class="num"
        >${c.number}${
          isPriorityCall(c)
            ? html`<span class="star" title=${t("priority", "vi")} data-testid="priority">★</span>`
            : nothing
        }</span
      >
      <span class="arrow" aria-hidden="true">➜</span>
      <span class="counter">${t("counterN", "vi", { n: c.counter })}</span>
    </div>`,
    );
  }

  override render() {
    const [first, ...rest] = this.calls;
    return html`<h2>${t("nowCalling", "vi")}<small>${t("nowCalling", "en")}</small></h2>
      ${
        first
          ? html`${this.hero(first)}${rest.map((c) => this.row(c))}`
          : html`<div class="call empty">
            <span>${t("noCalls", "vi")}<small>${t("noCalls", "en")}</small></span>
          </div>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "display-calls": DisplayCalls;
  }
}
