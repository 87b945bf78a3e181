import { css, html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { Lang } from "../../ui/i18n.ts";
import { pt } from "./province-messages.ts";
import { controls, tokens } from "./province-styles.ts";

/**
 * The province staff login.
 *
 * @fires login - `CustomEvent<{ username: string; password: string }>`.
 */
@customElement("province-login")
export class ProvinceLogin extends LitElement {
  static override styles = [
    tokens,
    controls,
    css`
      :host {
        display: grid;
        place-items: center;
        min-height: 100%;
        padding: 24px;
        box-sizing: border-box;
      }
      form {
        width: min(400px, 100%);
        display: grid;
        gap: 14px;
        background: var(--p-card);
        border: 1px solid var(--p-border);
        border-radius: var(--p-radius);
        padding: 22px;
      }
      h1 {
        margin: 0;
        font-size: 1.45rem;
      }
      p {
        margin: 0;
        color: var(--p-muted);
      }
      .msg {
        padding: 10px 12px;
        border-radius: 8px;
      }
      .error {
        color: var(--p-over);
        background: var(--p-over-bg);
      }
      .notice {
        color: var(--p-near);
        background: var(--p-near-bg);
      }
      input {
        width: 100%;
      }
      button {
        min-height: 46px;
      }
    `,
  ];

  @property() locale: Lang = "vi";
  @property() error = "";
  @property() notice = "";
  @property({ type: Boolean }) busy = false;

  override render() {
    const l = this.locale;
    return html`<form @submit=${this._submit}>
      <h1>${pt("loginTitle", l)}</h1>
      <p>${pt("loginHint", l)}</p>
      ${this.notice ? html`<div class="msg notice" role="status">${this.notice}</div>` : null}
      ${this.error ? html`<div class="msg error" role="alert">${this.error}</div>` : null}
      <label>${pt("username", l)} <input name="username" autocomplete="username" required /></label>
      <label>${pt("password", l)} <input name="password" type="password" autocomplete="current-password" required /></label>
      <button class="primary" type="submit" ?disabled=${this.busy}>${pt("loginButton", l)}</button>
    </form>`;
  }

  override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLInputElement>("input")?.focus();
  }

  private _submit(e: Event) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const detail = {
      username: String(data.get("username") ?? "")
        .trim()
        .toLowerCase(),
      password: String(data.get("password") ?? ""),
    };
    (this.renderRoot.querySelector("input[name=password]") as HTMLInputElement).value = "";
    this.dispatchEvent(new CustomEvent("login", { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "province-login": ProvinceLogin;
  }
}
