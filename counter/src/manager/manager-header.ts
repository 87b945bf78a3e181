import { css, html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { UserInfo } from "../../../server/contract/domain.ts";
import type { Lang } from "../../../ui/i18n.ts";
import { roleLabel, st } from "../staff/messages.ts";
import { buttons, staffBar, tokens } from "../staff/styles.ts";
import { mt } from "./messages.ts";

export type ManagerView = "live" | "reports";

/**
 * The dashboard's top bar: hall name, the two views (live hall, reports) as tabs, the
 * live indicator, who is logged in, the language switch and logout. Styled like the
 * officer console's bar (../console/counter-header.ts) so staff recognise it.
 *
 * @fires navigate - `CustomEvent<{ to: ManagerView }>`.
 * @fires toggle-lang
 * @fires logout
 */
@customElement("manager-header")
export class ManagerHeader extends LitElement {
  static override styles = [
    tokens,
    buttons,
    staffBar,
    css`
      nav {
        display: flex;
        gap: 4px;
      }
      nav button {
        background: transparent;
        color: #fff;
        border: 1px solid transparent;
        font-weight: 600;
        min-height: 36px;
      }
      nav button[aria-current="page"] {
        background: #fff;
        color: #0b3d6e;
      }
      nav button:hover:not([aria-current="page"]) {
        border-color: rgba(255, 255, 255, 0.6);
      }
      .count {
        display: inline-block;
        min-width: 1.3em;
        margin-left: 6px;
        padding: 0 5px;
        border-radius: 9px;
        background: #ff6b5e;
        color: #fff;
        font-size: 0.78rem;
        line-height: 1.4;
      }
      .tools button {
        background: transparent;
        color: #fff;
        border-color: rgba(255, 255, 255, 0.5);
        min-height: 34px;
        padding: 4px 12px;
        white-space: nowrap;
      }
    `,
  ];

  @property() locale: Lang = "vi";
  @property() hallName = "";
  @property({ attribute: false }) user: UserInfo | null = null;
  @property({ type: Boolean }) connected = false;
  /** The current view, or null outside the dashboard (login, no access). */
  @property() view: ManagerView | null = null;
  /** How many notices wait on the live view (shown on its tab). */
  @property({ type: Number }) alerts = 0;

  override render() {
    const l = this.locale;
    const u = this.user;
    const tab = (v: ManagerView, label: string, extra: unknown = null) =>
      html`<button data-view=${v} aria-current=${this.view === v ? "page" : "false"} @click=${() => this._nav(v)}>
        ${label}${extra}
      </button>`;
    return html`<span class="hall">${this.hallName || mt("appTitle", l)}</span>
      ${
        this.view
          ? html`<nav>
              ${tab("live", mt("tabLive", l), this.alerts > 0 ? html`<span class="count" data-alerts>${this.alerts}</span>` : null)}
              ${tab("reports", mt("tabReports", l))}
            </nav>`
          : null
      }
      <span class="live ${this.connected ? "" : "off"}" role="status"
        ><span class="dot"></span>${this.connected ? st("live", l) : st("connecting", l)}</span
      >
      ${u ? html`<span class="user">${u.name} <small>· ${roleLabel(u.role, l)}</small></span>` : null}
      <span class="tools">
        <button lang=${l === "vi" ? "en" : "vi"} @click=${() => this._fire("toggle-lang")}>${st("otherLang", l)}</button>
        ${u ? html`<button @click=${() => this._fire("logout")}>${st("logout", l)}</button>` : null}
      </span>`;
  }

  private _nav(to: ManagerView) {
    this.dispatchEvent(new CustomEvent("navigate", { detail: { to }, bubbles: true, composed: true }));
  }

  private _fire(type: "toggle-lang" | "logout") {
    this.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "manager-header": ManagerHeader;
  }
}
