import { css, html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { Lang } from "../../../ui/i18n.ts";
import { buttons, tokens } from "../staff/styles.ts";
import { actionLabel } from "./messages.ts";
import { type Action, shortcutLabel } from "./state.ts";

const SECONDARY: Action[] = ["recall", "no-show", "start", "finish", "transfer", "call"];

/**
 * The officer's buttons: one large "Gọi số tiếp theo" ("Tiếp tục" in its place while
 * paused), the visit actions, and the counter actions (pause, close). Each button prints its shortcut key and is
 * enabled only when the server would accept it (state.ts).
 *
 * @fires action - `CustomEvent<{ action: Action }>` when a button is pressed.
 */
@customElement("counter-actions")
export class CounterActions extends LitElement {
  static override styles = [
    tokens,
    buttons,
    css`
      :host {
        display: grid;
        gap: 10px;
      }
      button {
        display: flex;
        align-items: center;
        justify-content: space-between;
        font-size: 1.05rem;
        font-weight: 600;
        min-height: 52px;
      }
      button.big {
        min-height: 76px;
        font-size: 1.6rem;
        justify-content: center;
        gap: 12px;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(3, 1fr);
        gap: 10px;
      }
      .counter {
        display: grid;
        grid-template-columns: 2fr 1fr;
        gap: 10px;
      }
      button.pause {
        color: var(--qms-paused);
        border-color: var(--qms-paused);
      }
      button.resume {
        background: var(--qms-paused);
        border-color: var(--qms-paused);
        color: #fff;
      }
      button.finish:not(:disabled) {
        border-color: var(--qms-ok);
        color: var(--qms-ok);
      }
    `,
  ];

  @property() locale: Lang = "vi";
  @property({ attribute: false }) allowed: Set<Action> = new Set();
  @property({ type: Boolean }) paused = false;
  @property({ type: Boolean }) busy = false;

  override render() {
    // While paused, "Tiếp tục" takes the big button's place, so nothing else moves.
    return html`${this.paused ? this._button("resume", "big resume") : this._button("next", "primary big next")}
      <div class="grid">${SECONDARY.map((a) => this._button(a, a))}</div>
      <div class="counter">${this._button("pause", "pause")} ${this._button("close", "danger close")}</div>`;
  }

  private _button(a: Action, cls: string) {
    const on = this.allowed.has(a) && !this.busy;
    return html`<button
      class=${cls}
      data-action=${a}
      ?disabled=${!on}
      aria-keyshortcuts=${shortcutLabel(a)}
      @click=${() => this._fire(a)}
    >
      <span>${actionLabel(a, this.locale)}</span><kbd>${shortcutLabel(a)}</kbd>
    </button>`;
  }

  private _fire(action: Action) {
    this.dispatchEvent(new CustomEvent("action", { detail: { action }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "counter-actions": CounterActions;
  }
}
