/**
 * `<kiosk-priority-picker>`: "Bạn có thuộc diện ưu tiên không?". The big yellow
 * "Không ưu tiên" comes first (most visitors), then the five categories of
 * shared/DOMAIN.md ("Priority visitors") with a pictogram and their plain names.
 *
 * @fires kiosk-priority - detail `{ priority }`: the visitor answered
 * @fires kiosk-back - the visitor wants another field
 */
import { css, html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import {
  PRIORITIES,
  PRIORITY_LABELS,
  type Priority,
  type ServiceInfo,
} from "../../server/contract/domain.ts";
import type { Lang } from "../../ui/i18n.ts";
import { icons, priorityIcon } from "./icons.ts";
import { kioskText as t } from "./messages.ts";

@customElement("kiosk-priority-picker")
export class KioskPriorityPicker extends LitElement {
  static override styles = css`
    :host {
      display: flex;
      flex-direction: column;
      gap: 0.6em;
      min-height: 0;
    }
    .field {
      font-size: 0.8em;
      opacity: 0.95;
    }
    .field b {
      color: #ffd34d;
    }
    h2 {
      margin: 0;
      font-size: 1.3em;
      line-height: 1.2;
    }
    .hint {
      margin: 0;
      font-size: 0.7em;
      line-height: 1.35;
    }
    button {
      font: inherit;
      display: flex;
      align-items: center;
      gap: 0.5em;
      border-radius: 0.45em;
      border: 4px solid transparent;
      cursor: pointer;
      touch-action: manipulation;
      text-align: left;
      box-shadow: 0 0.12em 0 rgb(0 0 0 / 35%);
    }
    button:disabled {
      opacity: 0.55;
    }
    button:active:not(:disabled) {
      transform: translateY(0.08em);
      box-shadow: none;
    }
    button:focus-visible {
      outline: 5px solid #fff;
      outline-offset: 3px;
    }
    .none {
      background: #ffd34d;
      color: #111;
      min-height: 3.6em;
      padding: 0.3em 0.8em;
      font-size: 1.35em;
      font-weight: 800;
    }
    .none svg {
      font-size: 2.2em;
      flex: none;
    }
    .none small {
      display: block;
      font-size: 0.55em;
      font-weight: 600;
    }
    .or {
      margin: 0.3em 0 0;
      font-size: 0.8em;
      font-weight: 700;
    }
    .grid {
      display: grid;
      gap: 0.45em;
      grid-template-columns: 1fr;
    }
    @media (orientation: landscape) {
      .grid {
        grid-template-columns: 1fr 1fr;
      }
    }
    /* Portrait screens have height to spare: taller, larger targets. */
    @media (orientation: portrait) {
      .none {
        min-height: 5em;
      }
      .grid {
        flex: 1 1 auto;
        grid-auto-rows: minmax(3.4em, 1fr);
        max-height: 24em;
      }
      .cat {
        font-size: 1.15em;
      }
      .cat svg {
        font-size: 2.2em;
      }
    }
    .cat {
      background: #fff;
      color: #0b2545;
      min-height: 2.5em;
      padding: 0.25em 0.6em;
      font-weight: 700;
      line-height: 1.2;
    }
    .cat svg {
      font-size: 1.7em;
      flex: none;
      color: #0b3d6e;
    }
    .cat:active:not(:disabled) {
      background: #d7e9ff;
    }
    .back {
      align-self: flex-start;
      background: transparent;
      color: #fff;
      border-color: #fff;
      padding: 0.25em 0.8em 0.25em 0.4em;
      min-height: 2.2em;
      font-weight: 700;
      font-size: 0.85em;
      box-shadow: none;
    }
    .back svg {
      font-size: 1.2em;
    }
  `;

  @property() locale: Lang = "vi";
  @property({ attribute: false }) service: ServiceInfo | null = null;
  /** A request is in flight: every button is disabled (no second ticket by a double tap). */
  @property({ type: Boolean }) busy = false;

  override render() {
    const l = this.locale;
    return html`
      <div class="field">${this.service?.prefix} · <b>${this.service?.name[l]}</b></div>
      <h2>${t("priorityQuestion", l)}</h2>
      <button class="none" data-priority="none" ?disabled=${this.busy} @click=${() => this._answer("none")}>
        ${priorityIcon("none")}
        <span>${t(this.busy ? "issuing" : "priorityNone", l)}<small>${t("priorityNoneHint", l)}</small></span>
      </button>
      <p class="or">${t("priorityOr", l)}</p>
      <div class="grid">
        ${PRIORITIES.filter((p) => p !== "none").map(
          (
            p,
          ) => html`<button class="cat" data-priority=${p} ?disabled=${this.busy} @click=${() => this._answer(p)}>
            ${priorityIcon(p)}<span>${PRIORITY_LABELS[p][l]}</span>
          </button>`,
        )}
      </div>
      <p class="hint">${t("priorityHint", l)}</p>
      <button class="back" ?disabled=${this.busy} @click=${this._back}>${icons.back}${t("back", l)}</button>
    `;
  }

  private _answer(priority: Priority): void {
    if (this.busy) return;
    this.dispatchEvent(
      new CustomEvent("kiosk-priority", { detail: { priority }, bubbles: true, composed: true }),
    );
  }

  private _back(): void {
    this.dispatchEvent(new CustomEvent("kiosk-back", { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "kiosk-priority-picker": KioskPriorityPicker;
  }
}
