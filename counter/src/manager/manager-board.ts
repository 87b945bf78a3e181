import { css, html, LitElement } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { Text } from "../../../server/contract/domain.ts";
import type { Lang } from "../../../ui/i18n.ts";
import { buttons, card, tokens } from "../staff/styles.ts";
import { mt } from "./messages.ts";

/**
 * The display board's scrolling notice (`PUT /api/hall/notice`): shows the current text
 * and lets a manager edit it in both languages or clear it. The boards show it within a
 * second of saving (the hall republishes `hall/state`).
 *
 * @fires save-notice - `CustomEvent<{ notice: Text | null }>`.
 */
@customElement("manager-board")
export class ManagerBoard extends LitElement {
  static override styles = [
    tokens,
    buttons,
    card,
    css`
      :host {
        display: block;
      }
      .show {
        display: flex;
        gap: 16px;
        align-items: center;
      }
      .text {
        font-size: 0.9rem;
        margin: 0;
        flex: 1;
      }
      .text .en {
        color: var(--qms-muted);
      }
      form {
        display: grid;
        gap: 8px;
      }
      textarea {
        font: inherit;
        padding: 6px 8px;
        border: 1px solid var(--qms-border);
        border-radius: 8px;
        resize: vertical;
        min-height: 2.6em;
      }
      .buttons {
        display: flex;
        gap: 8px;
        flex-wrap: wrap;
      }
      button {
        min-height: 34px;
        padding: 4px 12px;
      }
      .sub {
        color: var(--qms-muted);
        font-size: 0.9rem;
      }
    `,
  ];

  @property() locale: Lang = "vi";
  @property({ attribute: false }) notice: Text | null = null;
  @property({ type: Boolean }) busy = false;
  @state() private _editing = false;

  override render() {
    const l = this.locale;
    const n = this.notice;
    return html`<section class="card" aria-label=${mt("boardTitle", l)}>
      <h2>${mt("boardTitle", l)}</h2>
      ${
        this._editing
          ? this._form()
          : html`${
              n
                ? html`<p class="text" data-board-notice>${n.vi}<br /><span class="en">${n.en}</span></p>`
                : html`<p class="text sub">${mt("boardNone", l)}</p>`
            }
          <div class="buttons">
            <button @click=${() => (this._editing = true)}>${mt("boardEdit", l)}</button>
          </div>`
      }
    </section>`;
  }

  private _form() {
    const l = this.locale;
    const n = this.notice;
    return html`<form @submit=${this._submit}>
      <label>${mt("boardVi", l)} <textarea name="vi" maxlength="500" .value=${n?.vi ?? ""}></textarea></label>
      <label>${mt("boardEn", l)} <textarea name="en" maxlength="500" .value=${n?.en ?? ""}></textarea></label>
      <div class="buttons">
        <button class="primary" type="submit" ?disabled=${this.busy}>${mt("boardSave", l)}</button>
        <button type="button" class="danger" ?disabled=${this.busy || !n} @click=${() => this._send(null)}>
          ${mt("boardClear", l)}
        </button>
        <button type="button" @click=${() => (this._editing = false)}>${mt("boardCancel", l)}</button>
      </div>
    </form>`;
  }

  private _submit(e: Event) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const vi = String(f.get("vi") ?? "").trim();
    const en = String(f.get("en") ?? "").trim();
    this._send(vi || en ? { vi, en } : null);
  }

  private _send(notice: Text | null) {
    this._editing = false;
    this.dispatchEvent(new CustomEvent("save-notice", { detail: { notice }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "manager-board": ManagerBoard;
  }
}
