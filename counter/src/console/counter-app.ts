/**
 * `<counter-app>`, the officer console at /counter (issue 4). It owns the data and the
 * flow; the pieces below it only render and send events up:
 *   login → pick a counter → console (call, recall, no-show, start, finish, transfer,
 *   call a number, pause/resume, close) · admins also get the accounts screen.
 * Truth is the server: after every action, every live event and every reconnect the
 * console refetches `/api/auth/me` (user + held counter + current ticket), `/api/hall`
 * (waiting lines) and today's figures, so it never shows a stale current ticket. The
 * token lives in sessionStorage, so a reload or a server restart lands back on the same
 * counter; a 401 shows the login again while the server keeps the counter held.
 */
import { css, html, LitElement } from "lit";
import { customElement, query, state } from "lit/decorators.js";
import type { HallSnapshot, ServiceInfo, UserInfo } from "../../../server/contract/domain.ts";
import type { HallEvent } from "../../../server/contract/events.ts";
import { ApiFailure, setToken } from "../../../ui/api.ts";
import { type Lang, storedLang, storeLang } from "../../../ui/i18n.ts";
import { LiveController } from "../../../ui/live.ts";
import "../../../ui/qms-toast.ts";
import type { QmsToast } from "../../../ui/qms-toast.ts";
import { serverNow } from "../../../ui/server-clock.ts";
import "./counter-accounts.ts";
import "./counter-actions.ts";
import "./counter-call-dialog.ts";
import "./counter-confirm-dialog.ts";
import "./counter-current.ts";
import * as data from "./data.ts";
import "./counter-header.ts";
import "../staff/staff-login.ts";
import type { LoginDetail } from "../staff/staff-login.ts";
import { errorText, t } from "./messages.ts";
import "./counter-pause-dialog.ts";
import "./counter-picker.ts";
import "./counter-queue.ts";
import { tokens } from "../staff/styles.ts";
import { type Action, actionForKey, availableActions, type HeldCounter } from "./state.ts";
import "./counter-transfer-dialog.ts";

type Phase = "boot" | "login" | "pick" | "console" | "accounts";
type Dialog = null | "pause" | "transfer" | "call" | "close" | { force: number; officer: string };
const LANG_KEY = "qms.lang";

@customElement("counter-app")
export class CounterApp extends LitElement {
  static override styles = [
    tokens,
    css`
      :host {
        display: grid;
        grid-template-rows: auto auto 1fr;
        height: 100vh;
        background: var(--qms-bg);
        overflow: hidden;
      }
      main {
        overflow: auto;
        min-height: 0;
      }
      .console {
        display: grid;
        grid-template-columns: minmax(0, 1.65fr) minmax(320px, 1fr);
        gap: 16px;
        padding: 16px 20px;
        align-content: start;
      }
      .left {
        display: grid;
        gap: 14px;
        align-content: start;
      }
      .banner {
        background: var(--qms-over);
        color: #fff;
        padding: 6px 20px;
        font-weight: 600;
      }
      .boot {
        display: grid;
        place-items: center;
        height: 100%;
        color: var(--qms-muted);
        font-size: 1.2rem;
      }
    `,
  ];

  @state() private _lang: Lang = storedLang(LANG_KEY);
  @state() private _phase: Phase = "boot";
  @state() private _user: UserInfo | null = null;
  @state() private _counter: HeldCounter | null = null;
  @state() private _services: ServiceInfo[] = [];
  @state() private _hall: HallSnapshot | null = null;
  @state() private _hallAt = 0;
  @state() private _counters: data.CounterRow[] = [];
  @state() private _today: data.Today | null = null;
  @state() private _now = serverNow();
  @state() private _busy = false;
  @state() private _dialog: Dialog = null;
  @state() private _login = { notice: "", error: "", username: "" };
  @query("qms-toast") private _toastEl!: QmsToast | null;

  private readonly _live = new LiveController(this, (e) => this._onLive(e));
  private _tick: ReturnType<typeof setInterval> | null = null;
  private _inflight: Promise<void> | null = null;
  private _dirty = false;
  /** Bumped by every action: a refresh that started before it is discarded. */
  private _epoch = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    document.documentElement.lang = this._lang;
    window.addEventListener("keydown", this._onKey);
    this._tick = setInterval(() => {
      this._now = serverNow();
      // Safety net: waits grow without events, and a missed frame heals within 30 s.
      if (this._phase !== "login" && Math.floor(this._now / 1000) % 30 === 0) this._refresh();
    }, 1000);
    this._refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener("keydown", this._onKey);
    if (this._tick) clearInterval(this._tick);
  }

  override render() {
    const l = this._lang;
    const connected = this._live.connected;
    return html`<counter-header
        .locale=${l}
        .hallName=${this._hall ? (l === "en" && this._hall.hall.nameEn) || this._hall.hall.name : ""}
        .user=${this._phase === "login" ? null : this._user}
        .counter=${this._phase === "console" ? (this._counter?.number ?? null) : null}
        .connected=${connected}
        .view=${this._phase === "accounts" ? "accounts" : this._phase === "console" ? "console" : "pick"}
        @toggle-lang=${this._toggleLang}
        @logout=${this._logout}
        @navigate=${(e: CustomEvent<{ to: "accounts" | "console" }>) => this._navigate(e.detail.to)}
      ></counter-header>
      ${!connected && this._phase !== "boot" ? html`<div class="banner" role="alert">${t("offline", l)}</div>` : html`<div></div>`}
      <main>${this._main()}</main>
      ${this._dialogView()}
      <qms-toast></qms-toast>`;
  }

  private _main() {
    const l = this._lang;
    switch (this._phase) {
      case "boot":
        return html`<div class="boot">${t("connecting", l)}</div>`;
      case "login":
        return html`<staff-login
          .locale=${l}
          .username=${this._login.username}
          .notice=${this._login.notice}
          .error=${this._login.error}
          .busy=${this._busy}
          @login=${this._onLogin}
        ></staff-login>`;
      case "pick":
        return html`<counter-picker
          .locale=${l}
          .counters=${this._counters}
          .services=${this._services}
          .userRole=${this._user?.role ?? "officer"}
          .busy=${this._busy}
          @open-counter=${(e: CustomEvent<{ n: number }>) => this._openCounter(e.detail.n)}
          @force-close=${(e: CustomEvent<{ n: number; officer: string }>) =>
            (this._dialog = { force: e.detail.n, officer: e.detail.officer })}
        ></counter-picker>`;
      case "accounts":
        return html`<counter-accounts
          .locale=${l}
          .selfId=${this._user?.id ?? 0}
          @unauthorized=${(e: CustomEvent<{ code: string }>) => this._sessionLost(e.detail.code)}
        ></counter-accounts>`;
      case "console": {
        const c = this._counter;
        const mine = new Set(c?.serviceIds ?? []);
        const lines = (this._hall?.waiting ?? []).filter((x) => mine.has(x.serviceId));
        return html`<div class="console">
          <div class="left">
            <counter-current
              .locale=${l}
              .counter=${c}
              .services=${this._services}
              .now=${this._now}
              .stale=${!this._live.connected}
            ></counter-current>
            <counter-actions
              .locale=${l}
              .allowed=${availableActions(c)}
              .paused=${!!c?.paused}
              .busy=${this._busy}
              @action=${(e: CustomEvent<{ action: Action }>) => this._onAction(e.detail.action)}
            ></counter-actions>
          </div>
          <counter-queue
            .locale=${l}
            .lines=${lines}
            .services=${this._services}
            .fetchedAt=${this._hallAt}
            .now=${this._now}
            .today=${this._today}
          ></counter-queue>
        </div>`;
      }
    }
  }

  private _dialogView() {
    const l = this._lang;
    const d = this._dialog;
    const c = this._counter;
    const cancel = () => (this._dialog = null);
    const submit = (e: CustomEvent<data.ActionBody>) => {
      this._dialog = null;
      void this._run(e.detail);
    };
    if (d === null) return null;
    if (typeof d === "object")
      return html`<counter-confirm-dialog
        .locale=${l}
        .heading=${t("forceCloseTitle", l, { n: d.force })}
        .body=${t("forceCloseBody", l, { name: d.officer })}
        .confirmLabel=${t("forceClose", l)}
        @cancel=${cancel}
        @confirm=${() => {
          this._dialog = null;
          void this._forceClose(d.force);
        }}
      ></counter-confirm-dialog>`;
    if (d === "pause")
      return html`<counter-pause-dialog .locale=${l} @cancel=${cancel} @submit-dialog=${submit}></counter-pause-dialog>`;
    if (d === "call")
      return html`<counter-call-dialog .locale=${l} @cancel=${cancel} @submit-dialog=${submit}></counter-call-dialog>`;
    if (d === "transfer")
      return html`<counter-transfer-dialog
        .locale=${l}
        .number=${c?.currentTicket?.number ?? ""}
        .serviceId=${c?.currentTicket?.serviceId ?? ""}
        .services=${this._services}
        .counters=${this._hall?.counters ?? []}
        @cancel=${cancel}
        @submit-dialog=${submit}
      ></counter-transfer-dialog>`;
    return html`<counter-confirm-dialog
      .locale=${l}
      .heading=${t("closeTitle", l, { n: c?.number ?? "" })}
      .body=${t("closeBody", l)}
      .confirmLabel=${t("a.close", l)}
      @cancel=${cancel}
      @confirm=${() => {
        this._dialog = null;
        void this._run({ action: "close" });
      }}
    ></counter-confirm-dialog>`;
  }

  // ---------------------------------------------------------------- keyboard

  private readonly _onKey = (e: KeyboardEvent) => {
    if (this._phase !== "console" || this._dialog !== null || this._busy) return;
    const target = e.composedPath()[0] as HTMLElement | undefined;
    const tag = target?.tagName ?? "";
    const typing = tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || !!target?.isContentEditable;
    const onButton = (tag === "BUTTON" || tag === "A") && (e.key === "Enter" || e.key === " ");
    const a = actionForKey(
      {
        key: e.key,
        repeat: e.repeat,
        ctrlKey: e.ctrlKey,
        altKey: e.altKey,
        metaKey: e.metaKey,
        inControl: typing || onButton,
      },
      availableActions(this._counter),
    );
    if (!a) return;
    e.preventDefault();
    this._onAction(a);
  };

  // ---------------------------------------------------------------- actions

  private _onAction(a: Action) {
    if (!availableActions(this._counter).has(a) || this._busy) return;
    if (a === "pause" || a === "transfer" || a === "call" || a === "close") {
      this._dialog = a;
      return;
    }
    void this._run({ action: a } as data.ActionBody);
  }

  private async _run(body: data.ActionBody) {
    const c = this._counter;
    if (!c) return;
    this._busy = true;
    this._epoch++;
    this._toastEl?.hide(); // an old "Đã mời số …" must not linger over the next state
    try {
      const ticket = await data.act(c.number, body, this._lang);
      if (body.action === "close") {
        this._counter = null;
        this._phase = "pick";
      } else if (body.action === "next" && !ticket) {
        this._notify(t("nobodyWaiting", this._lang));
      } else if (ticket) {
        const here =
          ticket.counter === c.number && (ticket.status === "called" || ticket.status === "serving");
        this._counter = { ...c, currentTicket: here ? ticket : null };
        if (body.action === "next" || body.action === "call")
          this._notify(t("called", this._lang, { number: ticket.number }));
      }
    } catch (e) {
      this._fail(e);
    } finally {
      this._busy = false;
      this._refresh();
    }
  }

  private async _openCounter(n: number) {
    await this._guard(async () => {
      await data.openCounter(n, this._lang);
    });
  }

  private async _forceClose(n: number) {
    await this._guard(async () => {
      await data.forceClose(n, this._lang);
      this._notify(t("counterClosed", this._lang, { n }));
    });
  }

  private async _guard(f: () => Promise<void>) {
    this._busy = true;
    this._epoch++;
    try {
      await f();
    } catch (e) {
      this._fail(e);
    } finally {
      this._busy = false;
      this._refresh();
    }
  }

  // ---------------------------------------------------------------- session

  private async _onLogin(e: CustomEvent<LoginDetail>) {
    this._busy = true;
    try {
      this._user = await data.login(e.detail.username, e.detail.password, this._lang);
      this._login = { notice: "", error: "", username: "" };
      this._phase = "boot";
      this._refresh();
    } catch (err) {
      const code = err instanceof ApiFailure ? err.code : "internal-error";
      this._login = { ...this._login, username: e.detail.username, error: errorText(code, this._lang) };
    } finally {
      this._busy = false;
    }
  }

  private async _logout() {
    await data.logout(this._lang).catch(() => {});
    this._user = null;
    this._counter = null;
    this._dialog = null;
    this._login = { notice: "", error: "", username: "" };
    this._phase = "login";
  }

  /**
   * The server refused the session (expired, revoked, disabled account). The counter
   * stays held on the server; logging in again brings the console back where it was.
   */
  private _sessionLost(code: string) {
    setToken(null);
    const hadSession = this._user !== null;
    this._dialog = null;
    this._login = {
      username: this._user?.username ?? this._login.username,
      notice: hadSession && code !== "account-disabled" ? t("sessionExpired", this._lang) : "",
      error: code === "account-disabled" ? errorText(code, this._lang) : "",
    };
    this._phase = "login";
  }

  private _navigate(to: "accounts" | "console") {
    this._phase = to === "accounts" ? "accounts" : this._counter ? "console" : "pick";
    this._refresh();
  }

  private _toggleLang() {
    this._lang = this._lang === "vi" ? "en" : "vi";
    this._toastEl?.hide();
    document.documentElement.lang = this._lang;
    storeLang(LANG_KEY, this._lang);
  }

  // ---------------------------------------------------------------- data

  private _onLive(_e: HallEvent | null) {
    if (this._phase !== "login") this._refresh();
  }

  /** Refetches everything; calls are serialized and coalesced (one in flight, one queued). */
  private _refresh() {
    if (this._inflight) {
      this._dirty = true;
      return;
    }
    this._inflight = this._load().finally(() => {
      this._inflight = null;
      if (this._dirty) {
        this._dirty = false;
        this._refresh();
      }
    });
  }

  private async _load(): Promise<void> {
    const l = this._lang;
    const epoch = this._epoch;
    try {
      if (this._services.length === 0) this._services = await data.services(l);
      const m = await data.me(l);
      const [h, today, list] = await Promise.all([
        data.hall(l),
        m.counter ? data.today(m.counter.number, l) : Promise.resolve(null),
        m.counter ? Promise.resolve(null) : data.counters(l),
      ]);
      if (epoch !== this._epoch) {
        this._dirty = true;
        return;
      }
      // Logged out (or the session was lost) while this was in flight: show nothing of it.
      if (this._phase === "login") return;
      const held = this._phase === "console" ? (this._counter?.number ?? null) : null;
      this._user = m.user;
      this._counter = m.counter;
      this._hall = h;
      this._hallAt = serverNow();
      this._today = today;
      if (list) this._counters = list;
      if (this._phase !== "accounts") this._phase = m.counter ? "console" : "pick";
      // Closed by someone else (a manager's force-close): say so on the picker.
      if (held !== null && !m.counter && !this._busy) this._notify(t("counterClosed", l, { n: held }));
    } catch (e) {
      if (e instanceof ApiFailure && (e.status === 401 || e.code === "account-disabled")) {
        if (this._phase === "boot" && this._user === null) {
          this._login = { notice: "", error: "", username: "" };
          this._phase = "login";
        } else this._sessionLost(e.code);
        return;
      }
      // Server unreachable: keep what is shown (marked stale by the live banner) and
      // try again; the live stream also triggers a refresh when it reconnects.
      if (this._phase === "boot") setTimeout(() => this._refresh(), 2000);
    }
  }

  private _fail(e: unknown) {
    if (e instanceof ApiFailure && (e.status === 401 || e.code === "account-disabled"))
      return this._sessionLost(e.code);
    const code = e instanceof ApiFailure ? e.code : "internal-error";
    this._notify(errorText(code, this._lang), true);
  }

  private _notify(text: string, err = false) {
    this._toastEl?.show(text, err);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "counter-app": CounterApp;
  }
}
