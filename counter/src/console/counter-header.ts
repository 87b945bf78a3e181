import { css, html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { UserInfo } from "../../../server/contract/domain.ts";
import type { Lang } from "../../../ui/i18n.ts";
import { buttons, staffBar, tokens } from "../staff/styles.ts";
import { roleLabel, t } from "./messages.ts";

/**
 * The console's top bar: hall, counter, who is logged in, the live indicator, the
 * language switch, the accounts screen (admins) and logout.
 *
 * @fires toggle-lang
 * @fires logout
 * @fires navigate - `CustomEvent<{ to: "accounts" | "console" }>`.
 */
@customElement("counter-header")
export class CounterHeader extends LitElement {
  static override styles = [
    tokens,
    buttons,
    staffBar,
    css`
      .counter {
        font-size: 1.3rem;
        font-weight: 800;
        background: #fff;
        color: #0b3d6e;
        padding: 2px 12px;
        border-radius: 6px;
        white-space: nowrap;
      }
      button {
        background: transparent;
        color: #fff;
        border-color: rgba(255, 255, 255, 0.5);
        min-height: 36px;
        padding: 4px 12px;
        white-space: nowrap;
      }
      button:hover:not(:disabled) {
        border-color: #fff;
      }
    `,
  ];

  @property() locale: Lang = "vi";
  @property() hallName = "";
  @property({ attribute: false }) user: UserInfo | null = null;
  @property({ type: Number }) counter: number | null = null;
  @property({ type: Boolean }) connected = false;
  @property() view: "console" | "accounts" | "pick" = "pick";

  override render() {
    const l = this.locale;
    const u = this.user;
    return html`${this.counter ? html`<span class="counter">${t("counterN", l, { n: this.counter })}</span>` : null}
      <span class="hall">${this.hallName || t("appTitle", l)}</span>
      <span class="live ${this.connected ? "" : "off"}" role="status"
        ><span class="dot"></span>${this.connected ? t("live", l) : t("connecting", l)}</span
      >
      ${u ? html`<span class="user">${u.name} <small>· ${roleLabel(u.role, l)}</small></span>` : null}
      ${
        u?.role === "admin"
          ? this.view === "accounts"
            ? html`<button @click=${() => this._nav("console")}>${t("backToConsole", l)}</button>`
            : html`<button @click=${() => this._nav("accounts")}>${t("accounts", l)}</button>`
          : null
      }
      <button lang=${l === "vi" ? "en" : "vi"} @click=${() => this._fire("toggle-lang")}>${t("otherLang", l)}</button>
      ${u ? html`<button @click=${() => this._fire("logout")}>${t("logout", l)}</button>` : null}`;
  }

  private _nav(to: "accounts" | "console") {
    this.dispatchEvent(new CustomEvent("navigate", { detail: { to }, bubbles: true, composed: true }));
  }

  private _fire(type: "toggle-lang" | "logout") {
    this.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "counter-header": CounterHeader;
  }
}
