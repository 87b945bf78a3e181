import { css, html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import { buttons, card, tokens } from "../staff/styles.ts";

/**
 * A modal frame: a dimmed backdrop, a titled panel, the slotted form, Escape to cancel.
 * The console's global shortcuts are off while a dialog is open (counter-app.ts), so typing
 * a reason cannot call a number.
 *
 * @slot - the dialog's content (a form).
 * @fires cancel - on Escape or a click on the backdrop.
 */
@customElement("counter-dialog")
export class CounterDialog extends LitElement {
  static override styles = [
    tokens,
    buttons,
    card,
    css`
      .backdrop {
        position: fixed;
        inset: 0;
        background: rgba(10, 20, 35, 0.45);
        display: grid;
        place-items: center;
        z-index: 10;
      }
      .card {
        width: min(560px, calc(100vw - 32px));
        max-height: calc(100vh - 48px);
        overflow: auto;
        box-shadow: 0 12px 40px rgba(0, 0, 0, 0.25);
      }
      h3 {
        margin: 0 0 14px;
        font-size: 1.3rem;
      }
    `,
  ];

  @property() heading = "";

  override render() {
    return html`<div class="backdrop" @click=${this._backdrop} @keydown=${this._key}>
      <div class="card" role="dialog" aria-modal="true" aria-label=${this.heading}>
        <h3>${this.heading}</h3>
        <slot></slot>
      </div>
    </div>`;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Focus the first field once the slotted form is rendered.
    requestAnimationFrame(() => {
      const root = this.getRootNode() as ParentNode;
      const first =
        root.querySelector<HTMLElement>("[autofocus]") ??
        root.querySelector<HTMLElement>("input, select, textarea, button");
      first?.focus();
    });
  }

  private _backdrop(e: Event) {
    if (e.target === e.currentTarget) this._cancel();
  }

  private _key(e: KeyboardEvent) {
    if (e.key === "Escape") {
      e.stopPropagation();
      this._cancel();
    }
  }

  private _cancel() {
    this.dispatchEvent(new CustomEvent("cancel", { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "counter-dialog": CounterDialog;
  }
}
