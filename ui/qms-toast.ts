/**
 * `<qms-toast>`: one short status line at the bottom of a staff screen ("Đã mời số A012",
 * or an error in red). `show()` replaces what is shown; it hides itself after 3 s
 * (errors after 6 s) and on `hide()`.
 *
 * @csspart toast - the message box
 */
import { css, html, LitElement, nothing } from "lit";
import { customElement, state } from "lit/decorators.js";

@customElement("qms-toast")
export class QmsToast extends LitElement {
  static override styles = css`
    .toast {
      position: fixed;
      left: 50%;
      bottom: 20px;
      transform: translateX(-50%);
      background: #17202b;
      color: #fff;
      padding: 12px 20px;
      border-radius: 10px;
      font-size: 1.05rem;
      box-shadow: 0 6px 24px rgba(0, 0, 0, 0.25);
      z-index: 20;
      max-width: 80vw;
    }
    .toast.err {
      background: var(--qms-over, #b3261e);
    }
  `;

  @state() private _text = "";
  @state() private _err = false;
  private _timer: ReturnType<typeof setTimeout> | null = null;

  /** Shows `text` (in red when `err`), replacing any message shown. */
  show(text: string, err = false): void {
    this._text = text;
    this._err = err;
    if (this._timer) clearTimeout(this._timer);
    this._timer = setTimeout(() => this.hide(), err ? 6000 : 3000);
  }

  /** Hides the message now. */
  hide(): void {
    this._text = "";
    if (this._timer) clearTimeout(this._timer);
    this._timer = null;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.hide();
  }

  override render() {
    return this._text
      ? html`<div class="toast ${this._err ? "err" : ""}" part="toast" role="status">${this._text}</div>`
      : nothing;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "qms-toast": QmsToast;
  }
}
