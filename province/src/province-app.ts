/**
 * `<province-app>`, the province dashboard served at `/` by the province server (issue 13):
 * a staff login (province admin or viewer), then three views — the live wall of every hall
 * (pushed over `/api/live`, no polling), reports across halls with the halls' own
 * definitions and exports, and the Decision-766-style ranking. Vietnamese first, English on
 * request (remembered on the device). The server is the only state.
 */
import { css, html, LitElement, nothing } from "lit";
import { customElement, state } from "lit/decorators.js";
import { ApiFailure, getToken, setToken } from "../../ui/api.ts";
import { type Lang, storedLang, storeLang } from "../../ui/i18n.ts";
import * as data from "./province-data.ts";
import { WallController } from "./province-live.ts";
import "./province-login.ts";
import { pt } from "./province-messages.ts";
import "./province-ranking.ts";
import "./province-reports.ts";
import { controls, tokens } from "./province-styles.ts";
import "./province-wall.ts";

type View = "wall" | "reports" | "ranking";
const LANG_KEY = "qms.province.lang";

@customElement("province-app")
export class ProvinceApp extends LitElement {
  static override styles = [
    tokens,
    controls,
    css`
      :host {
        display: grid;
        grid-template-rows: auto auto 1fr;
        height: 100vh;
        background: var(--p-bg);
        overflow: hidden;
      }
      header {
        display: flex;
        align-items: center;
        gap: 14px;
        flex-wrap: wrap;
        background: var(--p-bar);
        color: #fff;
        padding: 8px 20px;
      }
      header .title {
        font-weight: 700;
        font-size: 1.1rem;
      }
      header .title small {
        display: block;
        font-weight: 400;
        font-size: 0.78rem;
        opacity: 0.85;
      }
      nav {
        display: flex;
        gap: 4px;
        flex: 1;
      }
      nav button,
      .tools button {
        background: transparent;
        color: #fff;
        border-color: transparent;
        font-weight: 600;
      }
      nav button[aria-current="page"] {
        background: #fff;
        color: var(--p-bar);
      }
      .tools button {
        border-color: rgba(255, 255, 255, 0.5);
      }
      .live {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        font-size: 0.85rem;
      }
      .dot {
        width: 10px;
        height: 10px;
        border-radius: 50%;
        background: #4cd37e;
      }
      .live.off .dot {
        background: #ff6b5e;
      }
      .banner {
        background: var(--p-over);
        color: #fff;
        padding: 6px 20px;
        font-weight: 600;
      }
      main {
        overflow: auto;
        min-height: 0;
      }
      .boot {
        display: grid;
        place-items: center;
        height: 100%;
        color: var(--p-muted);
      }
    `,
  ];

  @state() private _lang: Lang = storedLang(LANG_KEY);
  @state() private _phase: "boot" | "login" | View = "boot";
  @state() private _user: data.StaffUser | null = null;
  @state() private _login = { error: "", notice: "", busy: false };
  @state() private _now = Date.now();
  @state() private _openHall = "";
  private readonly _wall = new WallController(this, () => this._sessionLost());
  private _tick: ReturnType<typeof setInterval> | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    document.documentElement.lang = this._lang;
    document.title = pt("appTitle", this._lang);
    this._tick = setInterval(() => (this._now = Date.now()), 15_000);
    void this._boot();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this._tick) clearInterval(this._tick);
  }

  override render() {
    const l = this._lang;
    const inside = this._phase === "wall" || this._phase === "reports" || this._phase === "ranking";
    const tab = (v: View, label: string) =>
      html`<button data-view=${v} aria-current=${this._phase === v ? "page" : "false"} @click=${() => this._go(v)}>${label}</button>`;
    return html`<header>
        <span class="title">${pt("appTitle", l)}<small>${pt("appSub", l)}</small></span>
        <nav>${inside ? html`${tab("wall", pt("tabWall", l))} ${tab("reports", pt("tabReports", l))} ${tab("ranking", pt("tabRanking", l))}` : nothing}</nav>
        ${
          inside
            ? html`<span class="live ${this._wall.connected ? "" : "off"}" role="status"><span class="dot"></span>${this._wall.connected ? pt("live", l) : pt("connecting", l)}</span>`
            : nothing
        }
        ${this._user ? html`<span>${this._user.name} · ${this._user.role === "admin" ? pt("roleAdmin", l) : pt("roleViewer", l)}</span>` : nothing}
        <span class="tools">
          <button lang=${l === "vi" ? "en" : "vi"} @click=${this._toggleLang}>${pt("otherLang", l)}</button>
          ${this._user ? html`<button @click=${this._logout}>${pt("logout", l)}</button>` : nothing}
        </span>
      </header>
      ${inside && !this._wall.connected && this._phase === "wall" ? html`<div class="banner" role="alert">${pt("offlineBanner", l)}</div>` : html`<div></div>`}
      <main>${this._main()}</main>`;
  }

  private _main() {
    const l = this._lang;
    switch (this._phase) {
      case "boot":
        return html`<div class="boot">${pt("loading", l)}</div>`;
      case "login":
        return html`<province-login
          .locale=${l}
          .error=${this._login.error}
          .notice=${this._login.notice}
          .busy=${this._login.busy}
          @login=${this._onLogin}
        ></province-login>`;
      case "wall":
        return html`<province-wall
          .locale=${l}
          .halls=${this._wall.halls}
          .now=${this._now}
          @open-hall=${(e: CustomEvent<{ id: string }>) => {
            this._openHall = e.detail.id;
            this._go("reports");
          }}
        ></province-wall>`;
      case "reports":
        return html`<province-reports
          .locale=${l}
          .halls=${this._wall.halls}
          .openHall=${this._openHall}
          @unauthorized=${() => this._sessionLost()}
        ></province-reports>`;
      case "ranking":
        return html`<province-ranking .locale=${l} @unauthorized=${() => this._sessionLost()}></province-ranking>`;
    }
  }

  private async _boot() {
    if (!getToken()) {
      this._phase = "login";
      return;
    }
    try {
      this._enter(await data.me(this._lang));
    } catch (e) {
      if (e instanceof ApiFailure && e.status === 401) {
        setToken(null);
        this._phase = "login";
        return;
      }
      setTimeout(() => void this._boot(), 2000);
    }
  }

  private _enter(u: data.StaffUser) {
    this._user = u;
    this._wall.open();
    const hash = location.hash.slice(1);
    this._phase = hash === "reports" || hash === "ranking" ? hash : "wall";
  }

  private async _onLogin(e: CustomEvent<{ username: string; password: string }>) {
    this._login = { ...this._login, busy: true };
    try {
      const u = await data.login(e.detail.username, e.detail.password, this._lang);
      this._login = { error: "", notice: "", busy: false };
      this._enter(u);
    } catch (err) {
      const msg = err instanceof ApiFailure ? err.message : String(err);
      this._login = { error: msg, notice: "", busy: false };
    }
  }

  private async _logout() {
    this._wall.close();
    await data.logout(this._lang);
    this._user = null;
    this._phase = "login";
  }

  private _sessionLost() {
    this._wall.close();
    setToken(null);
    this._user = null;
    this._login = { error: "", notice: pt("sessionExpired", this._lang), busy: false };
    this._phase = "login";
  }

  private _go(v: View) {
    if (v !== "reports") this._openHall = "";
    this._phase = v;
    const hash = v === "wall" ? "" : `#${v}`;
    if (location.hash !== hash) history.replaceState(null, "", `${location.pathname}${hash}`);
  }

  private _toggleLang() {
    this._lang = this._lang === "vi" ? "en" : "vi";
    document.documentElement.lang = this._lang;
    document.title = pt("appTitle", this._lang);
    storeLang(LANG_KEY, this._lang);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "province-app": ProvinceApp;
  }
}
