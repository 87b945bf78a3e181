/**
 * The board's top bar: the hall's name (Vietnamese, English under it) and the clock.
 *
 * @slot - status shown on the header's lower edge (display-status)
 */
import { css, html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import "./display-clock.ts";

@customElement("display-header")
export class DisplayHeader extends LitElement {
  static override styles = css`
    :host {
      position: relative;
      display: flex;
      align-items: center;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: calc(var(--u) * 0.5) calc(var(--u) * 3);
      padding: calc(var(--u) * 1.4) calc(var(--u) * 3);
      background: var(--panel);
      border-bottom: calc(var(--u) * 0.5) solid var(--accent);
    }
    .name {
      flex: 1 1 calc(var(--u) * 90);
      min-width: 0;
      display: flex;
      flex-direction: column;
    }
    .vi {
      font-size: calc(var(--u) * 3.8);
      font-weight: 700;
      line-height: 1.15;
      text-transform: uppercase;
      overflow: hidden;
      text-overflow: ellipsis;
      display: -webkit-box;
      -webkit-line-clamp: 2;
      -webkit-box-orient: vertical;
    }
    .en {
      font-size: calc(var(--u) * 2.2);
      color: var(--muted);
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
  `;

  @property() name = "";
  @property() nameEn = "";

  override render() {
    return html`<div class="name">
        <span class="vi" data-testid="hall-name">${this.name}</span>
        ${this.nameEn ? html`<span class="en">${this.nameEn}</span>` : null}
      </div>
      <display-clock></display-clock>
      <slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "display-header": DisplayHeader;
  }
}
