/**
 * The staff app shell: one Lit reactive controller for what the officer console
 * (`<counter-app>`) and the manager's dashboard (`<manager-app>`) both do around their
 * own screens, written once instead of twice:
 *   session   boot from the stored token (`GET /api/auth/me`), the login form, logout, a
 *             session the server ended (401, or a disabled account) → the login again
 *             with the user name filled in and a notice;
 *   language  the stored choice (`qms.lang`, shared with the other apps), the switch, the
 *             page's `lang` and title;
 *   live      the staff stream (`GET /api/live/staff`, ui/live.ts) once a user is in:
 *             the views the app asks for (`views`), frame by frame to `onFrame`; a
 *             session the server ended on the stream → the login again;
 *   tick      `now` from the server-corrected clock every second (waits grow without
 *             events);
 *   toast     one `<qms-toast>` in the host's template for notices and errors.
 * The app keeps its own data and screens, and is told through hooks when a user is in
 * (`onEnter`), when the session ended (`onLeave`), of every frame of its views (`onFrame`:
 * it applies them, it never refetches them), tick and language change. Rendering stays the app's: the shell gives it the login form and the
 * offline banner, and `shellStyles` (styles.ts) the page grid.
 */
import { html, type LitElement, type ReactiveController } from "lit";
import type { EndFrame, StaffFrame, StaffView } from "../../../server/contract/api/live.ts";
import type { UserInfo } from "../../../server/contract/domain.ts";
import { ApiFailure, apiUrl, getToken, setToken } from "../../../ui/api.ts";
import { type Lang, storedLang, storeLang } from "../../../ui/i18n.ts";
import { LiveStream } from "../../../ui/live.ts";
import "../../../ui/qms-toast.ts";
import { serverNow } from "../../../ui/server-clock.ts";
import * as data from "./data.ts";
import { errorText, st } from "./messages.ts";
import "./staff-login.ts";
import type { LoginDetail } from "./staff-login.ts";

/**
 * The frame names of the staff stream the shell hands on (a type-checked copy of the
 * contract's list: the contract's module holds zod, which stays out of the bundles).
 */
const STAFF_FRAME_NAMES = [
  "hall-state",
  "counters",
  "mine",
  "event",
  "notice",
  "today",
  "printers",
  "devices",
] as const satisfies readonly StaffFrame["name"][];

/** Where the session stands: restoring it, asking to log in, or a user is in. */
export type Auth = "boot" | "login" | "in";

/** What the app does at each moment the shell handles. */
export interface StaffShellHooks {
  /** The page title in a language (set on start and on every switch). */
  title?: (lang: Lang) => string;
  /** The notice over the login form after the server ended the session. */
  sessionExpired: (lang: Lang) => string;
  /** A user is in: the stored session was restored, or someone logged in. */
  onEnter: (user: UserInfo) => void;
  /** The session ended (logout, or lost): forget what belonged to it (dialogs, the counter). */
  onLeave?: () => void;
  /** The views of the staff stream the app shows (server/contract/api/live.ts). */
  views: readonly StaffView[];
  /** Every frame of those views: at once on each (re)connect, then as they change. */
  onFrame: (f: StaffFrame) => void;
  /** The stream could not replay the events missed while it was down (`resync`). */
  onResync?: () => void;
  /** Every (re)connection of the stream, once its `hello` arrived. */
  onOpen?: () => void;
  /** Every second, after `now` moved. */
  onTick?: (now: number) => void;
  /** After the language changed. */
  onLang?: (lang: Lang) => void;
}

const LANG_KEY = "qms.lang";
const BOOT_RETRY_MS = 2000;

export class StaffShell implements ReactiveController {
  lang: Lang = storedLang(LANG_KEY);
  auth: Auth = "boot";
  /** Who is logged in (kept after a lost session, so the login can offer the same name). */
  user: UserInfo | null = null;
  /** The login form's state. */
  login = { notice: "", error: "", username: "" };
  /** A login request is in flight. */
  loggingIn = false;
  /** The server-corrected time, moved every second (an app may move it with a fresh snapshot). */
  now = serverNow();
  readonly live: LiveStream;
  private tick: ReturnType<typeof setInterval> | null = null;
  private bootRetry: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly host: LitElement,
    private readonly hooks: StaffShellHooks,
  ) {
    host.addController(this);
    const on: Record<string, (data: never) => void> = {};
    for (const name of STAFF_FRAME_NAMES) on[name] = (data) => hooks.onFrame({ name, data } as StaffFrame);
    on.resync = () => hooks.onResync?.();
    on.end = (data: EndFrame) => this.sessionLost(data.reason);
    this.live = new LiveStream(host, {
      auto: false,
      url: () => `${apiUrl("GET", "/api/live/staff", {})}?views=${hooks.views.join(",")}`,
      headers: (): Record<string, string> => {
        const t = getToken();
        return t ? { authorization: `Bearer ${t}` } : {};
      },
      on,
      onOpen: () => hooks.onOpen?.(),
      onRefused: (status, code) => {
        if (status === 401 || code === "account-disabled") this.sessionLost(code);
        return false;
      },
    });
  }

  /** True while the event stream is open (what is shown is current). */
  get connected(): boolean {
    return this.live.connected;
  }

  hostConnected(): void {
    this.applyLang();
    this.tick = setInterval(() => {
      this.now = serverNow();
      this.host.requestUpdate();
      this.hooks.onTick?.(this.now);
    }, 1000);
    void this.boot();
  }

  hostDisconnected(): void {
    if (this.tick) clearInterval(this.tick);
    if (this.bootRetry) clearTimeout(this.bootRetry);
    this.tick = this.bootRetry = null;
  }

  /** `<staff-login>` wired to the shell. */
  renderLogin() {
    return html`<staff-login
      .locale=${this.lang}
      .username=${this.login.username}
      .notice=${this.login.notice}
      .error=${this.login.error}
      .busy=${this.loggingIn}
      @login=${(e: CustomEvent<LoginDetail>) => void this.logIn(e.detail)}
    ></staff-login>`;
  }

  /**
   * The "lost the connection" banner under the top bar when `show`, else an empty row
   * (the page grid keeps its three rows).
   */
  renderBanner(show: boolean) {
    return show
      ? html`<div class="banner" role="alert">${st("offline", this.lang)}</div>`
      : html`<div></div>`;
  }

  /** Switches Vietnamese ↔ English and remembers the choice on this device. */
  toggleLang(): void {
    this.lang = this.lang === "vi" ? "en" : "vi";
    this.hideToast(); // a message in the old language must not linger
    this.applyLang();
    storeLang(LANG_KEY, this.lang);
    this.host.requestUpdate();
    this.hooks.onLang?.(this.lang);
  }

  /** Logs in with the form's answer; a refusal is shown on the form. */
  async logIn(d: LoginDetail): Promise<void> {
    this.loggingIn = true;
    this.host.requestUpdate();
    try {
      const user = await data.login(d.username, d.password, this.lang);
      this.login = { notice: "", error: "", username: "" };
      this.enter(user);
    } catch (err) {
      const code = err instanceof ApiFailure ? err.code : "internal-error";
      this.login = { ...this.login, username: d.username, error: errorText(code, this.lang) };
    } finally {
      this.loggingIn = false;
      this.host.requestUpdate();
    }
  }

  /** Ends the session on the server (best effort) and shows the login. */
  async logout(): Promise<void> {
    await data.logout(this.lang).catch(() => {});
    this.user = null;
    this.login = { notice: "", error: "", username: "" };
    this.leave();
  }

  /**
   * The server refused the session (expired, revoked, disabled account). What it holds
   * (an officer's counter) stays held; logging in again brings the app back where it was.
   */
  sessionLost(code: string): void {
    setToken(null);
    const hadSession = this.user !== null;
    this.login = {
      username: this.user?.username ?? this.login.username,
      notice: hadSession && code !== "account-disabled" ? this.hooks.sessionExpired(this.lang) : "",
      error: code === "account-disabled" ? errorText(code, this.lang) : "",
    };
    this.leave();
  }

  /** Whether `e` says the session is gone (401, or the account was disabled). */
  isSessionError(e: unknown): e is ApiFailure {
    return e instanceof ApiFailure && (e.status === 401 || e.code === "account-disabled");
  }

  /** A failed action: a lost session asks to log in again; anything else is a red toast. */
  fail(e: unknown): void {
    if (this.isSessionError(e)) this.sessionLost(e.code);
    else this.notify(errorText(e instanceof ApiFailure ? e.code : "internal-error", this.lang), true);
  }

  /** Shows a short message in the host's `<qms-toast>` (red when `err`). */
  notify(text: string, err = false): void {
    this.toast()?.show(text, err);
  }

  hideToast(): void {
    this.toast()?.hide();
  }

  private toast() {
    return this.host.renderRoot?.querySelector("qms-toast") ?? null;
  }

  private applyLang(): void {
    document.documentElement.lang = this.lang;
    if (this.hooks.title) document.title = this.hooks.title(this.lang);
  }

  /** Restores the stored session; without a server it tries again every 2 s. */
  private async boot(): Promise<void> {
    this.bootRetry = null;
    if (!getToken()) return this.leave();
    try {
      const m = await data.me(this.lang);
      this.enter(m.user);
    } catch (e) {
      if (this.isSessionError(e)) {
        setToken(null);
        return this.leave();
      }
      this.bootRetry = setTimeout(() => void this.boot(), BOOT_RETRY_MS);
    }
  }

  private enter(user: UserInfo): void {
    this.user = user;
    this.auth = "in";
    this.host.requestUpdate();
    this.hooks.onEnter(user);
    // A new session: the stream starts afresh (no resume point of another user).
    this.live.reset();
    this.live.start();
  }

  private leave(): void {
    this.live.stop();
    this.auth = "login";
    this.host.requestUpdate();
    this.hooks.onLeave?.();
  }
}
