import { css, html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { Lang } from "../../../ui/i18n.ts";
import { buttons, card, tokens } from "../staff/styles.ts";
import { fmtTime } from "./format.ts";
import type { Notice } from "./live-model.ts";
import { mt } from "./messages.ts";
import { managerStyles } from "./styles.ts";

/**
 * What needs a manager's eye now (live-model.ts `notices`): unhappy ratings, which
 * are dismissed by hand, then conditions that go away when fixed (paper, lost hardware,
 * waits past the target, counters short). The card takes the height of the row it sits
 * in and scrolls, so a burst of notices never pushes the counters off the screen.
 *
 * @fires dismiss - `CustomEvent<{ key: string }>` when a rating notice is marked seen.
 */
@customElement("manager-notices")
export class ManagerNotices extends LitElement {
  static override styles = [
    tokens,
    buttons,
    card,
    managerStyles,
    css`
      :host {
        display: block;
        min-height: 0;
      }
      section {
        height: 100%;
        box-sizing: border-box;
        display: flex;
        flex-direction: column;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0 2px 0 0;
        display: grid;
        gap: 6px;
        align-content: start;
        flex: 1 1 0;
        min-height: 120px;
        overflow: auto;
      }
      li {
        display: flex;
        gap: 8px;
        align-items: center;
        padding: 6px 8px;
        border-radius: 8px;
        border-left: 4px solid var(--qms-primary);
        background: #eef4fb;
        font-size: 0.92rem;
      }
      li.over {
        border-left-color: var(--qms-over);
        background: var(--qms-over-bg);
      }
      li.near {
        border-left-color: var(--qms-near-fill);
        background: var(--qms-near-bg);
      }
      .text {
        flex: 1;
        min-width: 0;
      }
      time {
        font-size: 0.8rem;
        color: var(--qms-muted);
        font-variant-numeric: tabular-nums;
      }
      button {
        min-height: 28px;
        padding: 0 8px;
        font-size: 0.8rem;
      }
      .ok-line {
        color: var(--qms-ok);
        font-size: 0.92rem;
      }
    `,
  ];

  @property() locale: Lang = "vi";
  @property({ attribute: false }) notices: Notice[] = [];

  override render() {
    const l = this.locale;
    return html`<section class="card" aria-label=${mt("noticesTitle", l)}>
      <h2>${mt("noticesTitle", l)}</h2>
      ${
        this.notices.length === 0
          ? html`<div class="ok-line">${mt("noNotices", l)}</div>`
          : html`<ul role="log" aria-live="polite">
              ${this.notices.map(
                (n) => html`<li class=${n.level} data-notice=${n.key}>
                  <span class="text">${n.text}</span>
                  ${n.at ? html`<time>${fmtTime(n.at)}</time>` : null}
                  ${n.dismissable ? html`<button @click=${() => this._dismiss(n.key)}>${mt("dismiss", l)}</button>` : null}
                </li>`,
              )}
            </ul>`
      }
    </section>`;
  }

  private _dismiss(key: string) {
    this.dispatchEvent(new CustomEvent("dismiss", { detail: { key }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "manager-notices": ManagerNotices;
  }
}
