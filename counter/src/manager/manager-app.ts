/**
 * `<manager-app>`, the manager's dashboard at /manager (issue 6), for managers and
 * admins (officers get a "no access" page, anonymous visitors the staff login). Two views:
 *   live     the hall now (manager-live.ts), kept current by the event stream: every
 *            event and every (re)connect refetches the hall and the counters; today's
 *            report figures are refetched at most every 20 s; printers and devices, which
 *            have no events, every 15 s; a rating "Không hài lòng" (score 1) raises a notice.
 *   reports  the report pages (manager-reports.ts), which load their own data.
 * Like the officer console (../console/counter-app.ts), the server is the only state: nothing is
 * computed here that the next refetch would not overwrite, except the notices of past
 * events and the issue times seen live (for the staffing hint's arrival rate).
 */
import { css, html, LitElement } from "lit";
import { customElement, query, state } from "lit/decorators.js";
import type { DeviceStatus } from "../../../server/contract/config.ts";
import type { HallSnapshot, ServiceInfo, Text, UserInfo } from "../../../server/contract/domain.ts";
import type { HallEvent } from "../../../server/contract/events.ts";
import type { PrinterStatus } from "../../../server/contract/print.ts";
import type { WaitReport } from "../../../server/contract/reports.ts";
import { ApiFailure, getToken, setToken } from "../../../ui/api.ts";
import { type Lang, storedLang, storeLang } from "../../../ui/i18n.ts";
import { LiveController } from "../../../ui/live.ts";
import "../../../ui/qms-toast.ts";
import type { QmsToast } from "../../../ui/qms-toast.ts";
import { serverNow } from "../../../ui/server-clock.ts";
import { WAIT_TARGET_MIN } from "../../../ui/wait.ts";
import "../staff/staff-login.ts";
import { errorText, st } from "../staff/messages.ts";
import type { LoginDetail } from "../staff/staff-login.ts";
import { buttons, card, tokens } from "../staff/styles.ts";
import * as data from "./data.ts";
import { vnDay } from "./format.ts";
import "./manager-header.ts";
import type { ManagerView } from "./manager-header.ts";
import "./manager-live.ts";
import { counterCards, fieldRows, hallHint, notices, type UnhappyRating } from "./live-model.ts";
import { mt } from "./messages.ts";
import "./manager-reports.ts";

type Phase = "boot" | "login" | "denied" | ManagerView;
const LANG_KEY = "qms.lang";
const TODAY_EVERY_MS = 20_000;
const DEVICES_EVERY_MS = 15_000;
const PAST_EVERY_MS = 3_600_000;
const SEEN_KEEP_MS = 2 * 3_600_000;

@customElement("manager-app")
export class ManagerApp extends LitElement {
  static override styles = [
    tokens,
    buttons,
    card,
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
      .denied {
        max-width: 560px;
        margin: 64px auto;
        display: grid;
        gap: 14px;
      }
      .denied h1 {
        margin: 0;
        font-size: 1.5rem;
        color: var(--qms-over);
      }
      .denied p {
        margin: 0;
      }
      .denied .actions {
        display: flex;
        gap: 10px;
        flex-wrap: wrap;
      }
      .denied a {
        color: var(--qms-primary);
        font-weight: 600;
        align-self: center;
      }
    `,
  ];

  @state() private _lang: Lang = storedLang(LANG_KEY);
  @state() private _phase: Phase = "boot";
  @state() private _user: UserInfo | null = null;
  @state() private _services: ServiceInfo[] = [];
  @state() private _hall: HallSnapshot | null = null;
  @state() private _hallAt = 0;
  @state() private _counters: data.ManagedCounter[] = [];
  @state() private _printers: PrinterStatus[] = [];
  @state() private _devices: DeviceStatus[] = [];
  @state() private _todayService: WaitReport | null = null;
  @state() private _todayHour: WaitReport | null = null;
  @state() private _pastService = new Map<string, number>();
  @state() private _ratings: UnhappyRating[] = [];
  @state() private _now = serverNow();
  @state() private _busy = false;
  @state() private _login = { notice: "", error: "", username: "" };
  @query("qms-toast") private _toastEl!: QmsToast | null;

  private readonly _live = new LiveController(this, (e) => this._onLive(e));
  private readonly _seen = new Map<string, number[]>();
  private _watchedSince: number | null = null;
  private _tick: ReturnType<typeof setInterval> | null = null;
  private _inflight: Promise<void> | null = null;
  private _dirty = false;
  private _todayAt = 0;
  private _todayTimer: ReturnType<typeof setTimeout> | null = null;
  private _devicesAt = 0;
  private _pastAt = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    document.documentElement.lang = this._lang;
    document.title = mt("appTitle", this._lang);
    window.addEventListener("hashchange", this._onHash);
    this._tick = setInterval(() => this._onTick(), 1000);
    void this._boot();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener("hashchange", this._onHash);
    if (this._tick) clearInterval(this._tick);
    if (this._todayTimer) clearTimeout(this._todayTimer);
  }

  override render() {
    const l = this._lang;
    const view = this._phase === "live" || this._phase === "reports" ? this._phase : null;
    const model = view ? this._model() : null;
    return html`<manager-header
        .locale=${l}
        .hallName=${this._hall ? (l === "en" && this._hall.hall.nameEn) || this._hall.hall.name : ""}
        .user=${this._phase === "login" ? null : this._user}
        .connected=${this._live.connected}
        .view=${view}
        .alerts=${model?.notices.length ?? 0}
        @navigate=${(e: CustomEvent<{ to: ManagerView }>) => this._go(e.detail.to)}
        @toggle-lang=${this._toggleLang}
        @logout=${this._logout}
      ></manager-header>
      ${
        !this._live.connected && this._phase === "live"
          ? html`<div class="banner" role="alert">${st("offline", l)}</div>`
          : html`<div></div>`
      }
      <main>${this._main(model)}</main>
      <qms-toast></qms-toast>`;
  }

  private _main(model: ReturnType<ManagerApp["_model"]> | null) {
    const l = this._lang;
    switch (this._phase) {
      case "boot":
        return html`<div class="boot">${mt("loading", l)}</div>`;
      case "login":
        return html`<staff-login
          .locale=${l}
          .username=${this._login.username}
          .notice=${this._login.notice}
          .error=${this._login.error}
          .busy=${this._busy}
          @login=${this._onLogin}
        ></staff-login>`;
      case "denied":
        return html`<section class="card denied" role="alert" data-denied>
          <h1>${mt("noAccessTitle", l)}</h1>
          <p>${mt("noAccessBody", l, { name: this._user?.name ?? "" })}</p>
          <div class="actions">
            <button class="primary" @click=${this._logout}>${mt("switchUser", l)}</button>
            <a href="/counter">${mt("toCounter", l)}</a>
          </div>
        </section>`;
      case "reports":
        return html`<manager-reports
          .locale=${l}
          @unauthorized=${(e: CustomEvent<{ code: string }>) => this._sessionLost(e.detail.code)}
        ></manager-reports>`;
      case "live":
        return html`<manager-live
          .locale=${l}
          .targetMin=${this._todayService?.targetMin ?? WAIT_TARGET_MIN}
          .today=${this._todayService?.total ?? null}
          .fields=${model!.fields}
          .cards=${model!.cards}
          .services=${this._services}
          .notices=${model!.notices}
          .printers=${this._printers}
          .devices=${this._devices}
          .boardNotice=${this._hall?.notice ?? null}
          .busy=${this._busy}
          @dismiss=${(e: CustomEvent<{ key: string }>) => this._dismiss(e.detail.key)}
          @save-notice=${(e: CustomEvent<{ notice: Text | null }>) => this._saveNotice(e.detail.notice)}
        ></manager-live>`;
    }
  }

  /** What the live view shows, derived from the last answers of the server. */
  private _model() {
    const l = this._lang;
    const targetMin = this._todayService?.targetMin ?? WAIT_TARGET_MIN;
    const fields = fieldRows({
      services: this._services,
      hall: this._hall,
      counters: this._counters,
      todayByService: this._todayService,
      todayByHour: this._todayHour,
      pastServiceSec: this._pastService,
      seen: this._seen,
      watchedSince: this._watchedSince,
      fetchedAt: this._hallAt,
      now: this._now,
      targetMin,
      lang: l,
    });
    return {
      fields,
      cards: counterCards(this._counters, this._now, targetMin, l),
      notices: notices(
        {
          ratings: this._ratings,
          printers: this._printers,
          devices: this._devices,
          fields,
          hall: hallHint(fields, this._counters, targetMin),
          targetMin,
        },
        l,
      ),
    };
  }

  // ---------------------------------------------------------------- session

  private async _boot() {
    if (!getToken()) {
      this._phase = "login";
      return;
    }
    try {
      const m = await data.me(this._lang);
      this._enter(m.user);
    } catch (e) {
      if (e instanceof ApiFailure && (e.status === 401 || e.code === "account-disabled")) {
        setToken(null);
        this._phase = "login";
        return;
      }
      setTimeout(() => void this._boot(), 2000);
    }
  }

  private _enter(user: UserInfo) {
    this._user = user;
    if (user.role !== "manager" && user.role !== "admin") {
      this._phase = "denied";
      return;
    }
    this._phase = location.hash === "#reports" ? "reports" : "live";
    if (this._phase === "live") this._refreshAll();
    else this._refresh(); // the hall's name for the header
  }

  private async _onLogin(e: CustomEvent<LoginDetail>) {
    this._busy = true;
    try {
      const user = await data.login(e.detail.username, e.detail.password, this._lang);
      this._login = { notice: "", error: "", username: "" };
      this._enter(user);
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
    this._login = { notice: "", error: "", username: "" };
    this._phase = "login";
  }

  private _sessionLost(code: string) {
    setToken(null);
    this._login = {
      username: this._user?.username ?? "",
      notice: code === "account-disabled" ? "" : mt("sessionExpired", this._lang),
      error: code === "account-disabled" ? errorText(code, this._lang) : "",
    };
    this._phase = "login";
  }

  private _go(to: ManagerView) {
    this._phase = to;
    const hash = to === "reports" ? "#reports" : "";
    if (location.hash !== hash) history.replaceState(null, "", `${location.pathname}${hash}`);
    if (to === "live") this._refreshAll();
  }

  private readonly _onHash = () => {
    if (this._phase === "live" || this._phase === "reports")
      this._go(location.hash === "#reports" ? "reports" : "live");
  };

  private _toggleLang() {
    this._lang = this._lang === "vi" ? "en" : "vi";
    document.documentElement.lang = this._lang;
    document.title = mt("appTitle", this._lang);
    storeLang(LANG_KEY, this._lang);
    if (this._phase === "live") this._refreshAll();
  }

  // ---------------------------------------------------------------- live data

  private _onLive(e: HallEvent | null) {
    const now = serverNow();
    if (e === null) {
      // (Re)connected or told to resync: events may have been missed, so the live
      // arrival count starts over and everything is refetched.
      this._watchedSince = now;
      this._refreshAll();
      return;
    }
    if (e.type === "issued" && e.ticket) this._note(e.ticket.serviceId, Date.parse(e.at));
    if (e.type === "transferred" && e.ticket && e.data?.fromServiceId)
      this._note(e.ticket.serviceId, Date.parse(e.at));
    if (e.type === "rated" && e.data?.score === 1 && e.ticket)
      this._ratings = [
        ...this._ratings.filter((r) => r.eventId !== e.id),
        {
          eventId: e.id,
          at: Date.parse(e.at),
          counter: e.counter ?? e.ticket.counter ?? null,
          number: e.ticket.number,
        },
      ].slice(-30);
    if (this._phase !== "live") return;
    this._refresh();
    if (e.type !== "recalled") this._refreshToday(false);
  }

  private _note(serviceId: string, at: number) {
    const list = this._seen.get(serviceId) ?? [];
    list.push(at);
    const keep = serverNow() - SEEN_KEEP_MS;
    this._seen.set(
      serviceId,
      list.filter((t) => t >= keep),
    );
  }

  private _onTick() {
    this._now = serverNow();
    if (!this._live.connected) this._watchedSince = null;
    if (this._phase !== "live") return;
    const sec = Math.floor(this._now / 1000);
    // Safety net: waits grow without events, and a missed frame heals within 30 s.
    if (sec % 30 === 0) this._refresh();
    if (this._now - this._devicesAt >= DEVICES_EVERY_MS) void this._loadDevices();
    if (this._now - this._todayAt >= 60_000) this._refreshToday(true);
  }

  private _refreshAll() {
    if (this._phase !== "live") return;
    this._refresh();
    this._refreshToday(true);
    void this._loadDevices();
  }

  /** Refetches the hall and the counters; serialized and coalesced (one in flight, one queued). */
  private _refresh() {
    if (this._inflight) {
      this._dirty = true;
      return;
    }
    this._inflight = this._loadLive().finally(() => {
      this._inflight = null;
      if (this._dirty) {
        this._dirty = false;
        this._refresh();
      }
    });
  }

  private async _loadLive() {
    const l = this._lang;
    try {
      if (this._services.length === 0) this._services = await data.services(l);
      const [h, c] = await Promise.all([data.hall(l), data.counters(l)]);
      this._hall = h;
      // `now` moves with the snapshot: the first answers may have just corrected the
      // clock offset (server-clock.ts), and a stale `now` would age the snapshot by it.
      this._hallAt = serverNow();
      this._now = this._hallAt;
      this._counters = c;
    } catch (e) {
      this._failQuietly(e);
    }
  }

  /**
   * Today's report figures; `force` bypasses the 20 s spacing (reconnect, timer). When an
   * event arrives inside the spacing, one trailing refetch is scheduled at its end.
   */
  private _refreshToday(force: boolean) {
    const wait = this._todayAt + TODAY_EVERY_MS - serverNow();
    if (!force && wait > 0) {
      this._todayTimer ??= setTimeout(() => {
        this._todayTimer = null;
        this._refreshToday(true);
      }, wait);
      return;
    }
    this._todayAt = serverNow();
    void this._loadToday();
  }

  private async _loadToday() {
    const l = this._lang;
    try {
      const [s, h] = await Promise.all([
        data.waits({ preset: "today" }, "service", l),
        data.waits({ preset: "today" }, "hour", l),
      ]);
      this._todayService = s;
      this._todayHour = h;
      if (serverNow() - this._pastAt >= PAST_EVERY_MS) await this._loadPast(s.range.to);
    } catch (e) {
      this._failQuietly(e);
    }
  }

  /** Mean service time per field over the last 28 days: the hint's fallback early in a day. */
  private async _loadPast(today: string) {
    this._pastAt = serverNow();
    const from = vnDay(Date.parse(`${today}T12:00:00+07:00`) - 27 * 86_400_000);
    const r = await data.waits({ from, to: today }, "service", this._lang);
    this._pastService = new Map(
      r.rows.filter((x) => x.served >= 5 && x.meanServiceSec).map((x) => [x.key, x.meanServiceSec!]),
    );
  }

  private async _loadDevices() {
    this._devicesAt = serverNow();
    const l = this._lang;
    try {
      const [p, d] = await Promise.all([data.printers(l), data.devices(l)]);
      this._printers = p;
      this._devices = d;
    } catch (e) {
      this._failQuietly(e);
    }
  }

  /** A failed background load keeps what is shown (the live banner says it may be stale); a 401 asks to log in. */
  private _failQuietly(e: unknown) {
    if (e instanceof ApiFailure && (e.status === 401 || e.code === "account-disabled")) {
      if (this._phase === "live" || this._phase === "reports") this._sessionLost(e.code);
      return;
    }
    if (e instanceof ApiFailure && e.status === 403) {
      this._phase = "denied";
    }
  }

  // ---------------------------------------------------------------- actions

  private _dismiss(key: string) {
    this._ratings = this._ratings.filter((r) => `rated-${r.eventId}` !== key);
  }

  private async _saveNotice(notice: Text | null) {
    this._busy = true;
    try {
      await data.setNotice(notice, this._lang);
      this._notify(mt("boardSaved", this._lang));
      this._refresh();
    } catch (e) {
      if (e instanceof ApiFailure && (e.status === 401 || e.code === "account-disabled"))
        return this._sessionLost(e.code);
      this._notify(errorText(e instanceof ApiFailure ? e.code : "internal-error", this._lang), true);
    } finally {
      this._busy = false;
    }
  }

  private _notify(text: string, err = false) {
    this._toastEl?.show(text, err);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "manager-app": ManagerApp;
  }
}
