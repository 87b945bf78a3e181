import { css, html, LitElement } from "lit";
import { customElement, property, query } from "lit/decorators.js";
import type { Lang } from "../../../ui/i18n.ts";
import { st } from "./messages.ts";
import { buttons, card, tokens } from "./styles.ts";

export interface LoginDetail {
  username: string;
  password: string;
}

/**
 * The staff login form.
 *
 * @fires login - `CustomEvent<LoginDetail>` when the form is submitted.
 */
@customElement("staff-login")
export class StaffLogin extends LitElement {
  static override styles = [
    tokens,
    buttons,
    card,
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
      }
      h1 {
        margin: 0;
        font-size: 1.5rem;
      }
      p {
        margin: 0;
        color: var(--qms-muted);
      }
      .notice {
        color: var(--qms-near);
        background: var(--qms-near-bg);
        padding: 10px 12px;
        border-radius: 8px;
      }
      .error {
        color: var(--qms-over);
        background: var(--qms-over-bg);
        padding: 10px 12px;
        border-radius: 8px;
      }
      button {
        min-height: 48px;
        font-size: 1.05rem;
      }
    `,
  ];

  @property() locale: Lang = "vi";
  /** Prefilled user name (after an expired session). */
  @property() username = "";
  /** A translated message shown above the form (e.g. session expired). */
  @property() notice = "";
  /** A translated error of the last attempt. */
  @property() error = "";
  @property({ type: Boolean }) busy = false;

  @query("input[name=password]") private _password!: HTMLInputElement;

  override render() {
    const l = this.locale;
    return html`<form class="card" @submit=${this._submit}>
      <h1>${st("loginTitle", l)}</h1>
      <p>${st("loginHint", l)}</p>
      ${this.notice ? html`<div class="notice" role="status">${this.notice}</div>` : null}
      ${this.error ? html`<div class="error" role="alert">${this.error}</div>` : null}
      <label
        >${st("username", l)}
        <input name="username" autocomplete="username" required .value=${this.username} ?autofocus=${!this.username}
      /></label>
      <label
        >${st("password", l)}
        <input name="password" type="password" autocomplete="current-password" required ?autofocus=${!!this.username}
      /></label>
      <button class="primary" type="submit" ?disabled=${this.busy}>${st("loginButton", l)}</button>
    </form>`;
  }

  override firstUpdated(): void {
    const first = this.renderRoot.querySelector<HTMLInputElement>(
      this.username ? "input[name=password]" : "input",
    );
    first?.focus();
  }

  private _submit(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const detail: LoginDetail = {
      username: String(data.get("username") ?? "")
        .trim()
        .toLowerCase(),
      password: String(data.get("password") ?? ""),
    };
    this._password.value = "";
    this.dispatchEvent(new CustomEvent<LoginDetail>("login", { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "staff-login": StaffLogin;
  }
}
