/**
 * `<kiosk-service-grid>`: the start screen's fields ("lĩnh vực"), one big button each
 * with its letter prefix. Closed fields stay in the list, greyed and marked "Tạm ngừng
 * tiếp nhận" (the issue: shown as closed, not hidden); touching one says why instead of
 * doing nothing.
 *
 * @fires kiosk-pick - detail `{ service }`: an open field was touched
 * @fires kiosk-closed - detail `{ service }`: a closed field was touched
 */
import { css, html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { ServiceInfo } from "../../server/contract/index.ts";
import type { Lang } from "../../ui/i18n.ts";
import { kioskText as t } from "./messages.ts";

@customElement("kiosk-service-grid")
export class KioskServiceGrid extends LitElement {
  static override styles = css`
    :host {
      display: grid;
      gap: 0.55em;
      grid-template-columns: 1fr;
      grid-auto-rows: minmax(2.6em, 1fr);
    }
    :host([many]) {
      grid-template-columns: 1fr 1fr;
    }
    @media (orientation: landscape) {
      :host {
        grid-template-columns: 1fr 1fr;
      }
      :host([many]) {
        grid-template-columns: 1fr 1fr 1fr;
      }
    }
    button {
      font: inherit;
      display: flex;
      align-items: center;
      gap: 0.6em;
      padding: 0.3em 0.6em;
      text-align: left;
      border: 4px solid transparent;
      border-radius: 0.45em;
      background: #fff;
      color: #0b2545;
      cursor: pointer;
      touch-action: manipulation;
      box-shadow: 0 0.12em 0 rgb(0 0 0 / 35%);
      min-width: 0;
    }
    button:active:not([aria-disabled="true"]) {
      background: #ffd34d;
      transform: translateY(0.08em);
      box-shadow: none;
    }
    button:focus-visible {
      outline: 5px solid #ffd34d;
      outline-offset: 3px;
    }
    .prefix {
      flex: none;
      display: grid;
      place-items: center;
      width: 1.9em;
      height: 1.9em;
      border-radius: 50%;
      background: #0b3d6e;
      color: #fff;
      font-weight: 800;
      font-size: 1.05em;
    }
    .text {
      display: flex;
      flex-direction: column;
      min-width: 0;
    }
    .name {
      font-weight: 700;
      font-size: 1.25em;
      line-height: 1.25;
    }
    .state {
      font-size: 0.72em;
      font-weight: 600;
      color: #1d6b2f;
    }
    button[aria-disabled="true"] {
      background: #c9d1da;
      color: #33404d;
      box-shadow: none;
      border-style: dashed;
      border-color: #7a8796;
    }
    button[aria-disabled="true"] .prefix {
      background: #6b7785;
    }
    button[aria-disabled="true"] .state {
      color: #8a1c1c;
    }
  `;

  @property({ attribute: false }) services: ServiceInfo[] = [];
  @property() locale: Lang = "vi";
  /** A request is in flight: touches are ignored. */
  @property({ type: Boolean }) busy = false;

  override willUpdate(): void {
    this.toggleAttribute("many", this.services.length > 8);
  }

  override render() {
    return this.services.map(
      (s) => html`<button
        data-service=${s.id}
        aria-disabled=${s.open ? "false" : "true"}
        ?disabled=${this.busy}
        @click=${() => this._pick(s)}
      >
        <span class="prefix" aria-hidden="true">${s.prefix}</span>
        <span class="text">
          <span class="name" lang=${this.locale}>${s.name[this.locale]}</span>
          <span class="state">${t(s.open ? "fieldOpen" : "fieldClosed", this.locale)}</span>
        </span>
      </button>`,
    );
  }

  private _pick(s: ServiceInfo): void {
    if (this.busy) return;
    const type = s.open ? "kiosk-pick" : "kiosk-closed";
    this.dispatchEvent(new CustomEvent(type, { detail: { service: s }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "kiosk-service-grid": KioskServiceGrid;
  }
}
