/**
 * `<manager-app>`, the manager's dashboard at /manager (issue 6), for managers and
 * admins (officers get a "no access" page, anonymous visitors the staff login). Two views:
 *   live     the hall now (manager-live.ts), kept current by the event stream: every
 *            event and every (re)connect refetches the hall and the counters; today's
 *            report figures are refetched at most every 20 s; printers and devices, which
 *            have no events, every 15 s; the staffing advice every minute; a rating
 *            "Không hài lòng" (score 1) raises a notice.
 *   reports  the report pages (manager-reports.ts), which load their own data.
 * Like the officer console (../console/counter-app.ts), the server is the only state: nothing is
 * computed here that the next refetch would not overwrite, except the notices of past
 * events and the issue times seen live (for the staffing hint's arrival rate). Session,
 * language, live stream, tick and toast are the staff shell's (../staff/shell.ts).
 */
import { css, html, LitElement } from "lit";
import { customElement, state } from "lit/decorators.js";
import type { OutboxStatus } from "../../../server/contract/api/outbox.ts";
import type { StaffingAdvice } from "../../../server/contract/api/staffing.ts";
import type { DeviceStatus } from "../../../server/contract/config.ts";
import type { HallSnapshot, ServiceInfo, Text, UserInfo } from "../../../server/contract/domain.ts";
import type { HallEvent } from "../../../server/contract/events.ts";
import type { PrinterStatus } from "../../../server/contract/print.ts";
import type { WaitReport } from "../../../server/contract/reports.ts";
import { ApiFailure } from "../../../ui/api.ts";
import { serverNow } from "../../../ui/server-clock.ts";
import { WAIT_TARGET_MIN } from "../../../ui/wait.ts";
import { StaffShell } from "../staff/shell.ts";
import { buttons, card, shellStyles, tokens } from "../staff/styles.ts";
import * as data from "./data.ts";
import { vnDay } from "./format.ts";
import { counterCards, fieldRows, hallHint, notices, type UnhappyRating } from "./live-model.ts";
import "./manager-header.ts";
import type { ManagerView } from "./manager-header.ts";
import "./manager-live.ts";
import "./manager-reports.ts";
import { mt } from "./messages.ts";

/** The screen once a user is in. */
type Phase = "denied" | ManagerView;
const TODAY_EVERY_MS = 20_000;
const DEVICES_EVERY_MS = 15_000;
/** The staffing advice (a simulation of the rest of the day, cached by the server per minute). */
const ADVICE_EVERY_MS = 60_000;
const PAST_EVERY_MS = 3_600_000;
const SEEN_KEEP_MS = 2 * 3_600_000;

@customElement("manager-app")
export class ManagerApp extends LitElement {
  static override styles = [
    tokens,
    buttons,
    card,
    shellStyles,
    css`
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

  /** Meaningful only while a user is in: read `_shown`. */
  @state() private _phase: Phase = "live";
  @state() private _services: ServiceInfo[] = [];
  @state() private _hall: HallSnapshot | null = null;
  @state() private _hallAt = 0;
  @state() private _counters: data.ManagedCounter[] = [];
  @state() private _printers: PrinterStatus[] = [];
  @state() private _devices: DeviceStatus[] = [];
  @state() private _advice: StaffingAdvice | null = null;
  @state() private _outbox: OutboxStatus | null = null;
  @state() private _todayService: WaitReport | null = null;
  @state() private _todayHour: WaitReport | null = null;
  @state() private _pastService = new Map<string, number>();
  @state() private _ratings: UnhappyRating[] = [];
  @state() private _busy = false;

  private readonly _shell = new StaffShell(this, {
    title: (l) => mt("appTitle", l),
    sessionExpired: (l) => mt("sessionExpired", l),
    onEnter: (user) => this._enter(user),
    onLive: (e) => this._onLive(e),
    onTick: () => this._onTick(),
    onLang: () => {
      if (this._shown === "live") this._refreshAll();
    },
  });
  private readonly _seen = new Map<string, number[]>();
  private _watchedSince: number | null = null;
  private _inflight: Promise<void> | null = null;
  private _dirty = false;
  private _todayAt = 0;
  private _todayTimer: ReturnType<typeof setTimeout> | null = null;
  private _devicesAt = 0;
  private _adviceAt = 0;
  private _pastAt = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener("hashchange", this._onHash);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener("hashchange", this._onHash);
    if (this._todayTimer) clearTimeout(this._todayTimer);
  }

  override render() {
    const shell = this._shell;
    const l = shell.lang;
    const phase = this._shown ?? (shell.auth === "login" ? "login" : "boot");
    const view = phase === "live" || phase === "reports" ? phase : null;
    const model = view ? this._model() : null;
    return html`<manager-header
        .locale=${l}
        .hallName=${this._hall ? (l === "en" && this._hall.hall.nameEn) || this._hall.hall.name : ""}
        .user=${shell.auth === "in" ? shell.user : null}
        .connected=${shell.connected}
        .view=${view}
        .alerts=${model?.notices.length ?? 0}
        @navigate=${(e: CustomEvent<{ to: ManagerView }>) => this._go(e.detail.to)}
        @toggle-lang=${() => shell.toggleLang()}
        @logout=${() => void shell.logout()}
      ></manager-header>
      ${shell.renderBanner(!shell.connected && phase === "live")}
      <main>${this._main(phase, model)}</main>
      <qms-toast></qms-toast>`;
  }

  private _main(phase: Phase | "boot" | "login", model: ReturnType<ManagerApp["_model"]> | null) {
    const l = this._shell.lang;
    switch (phase) {
      case "boot":
        return html`<div class="boot">${mt("loading", l)}</div>`;
      case "login":
        return this._shell.renderLogin();
      case "denied":
        return html`<section class="card denied" role="alert" data-denied>
          <h1>${mt("noAccessTitle", l)}</h1>
          <p>${mt("noAccessBody", l, { name: this._shell.user?.name ?? "" })}</p>
          <div class="actions">
            <button class="primary" @click=${() => void this._shell.logout()}>${mt("switchUser", l)}</button>
            <a href="/counter">${mt("toCounter", l)}</a>
          </div>
        </section>`;
      case "reports":
        return html`<manager-reports
          .locale=${l}
          @unauthorized=${(e: CustomEvent<{ code: string }>) => this._shell.sessionLost(e.detail.code)}
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
          .advice=${this._advice}
          .outbox=${this._outbox}
          .boardNotice=${this._hall?.notice ?? null}
          .busy=${this._busy}
          @dismiss=${(e: CustomEvent<{ key: string }>) => this._dismiss(e.detail.key)}
          @save-notice=${(e: CustomEvent<{ notice: Text | null }>) => this._saveNotice(e.detail.notice)}
          @outbox-retry=${(e: CustomEvent<{ id: number }>) => this._retryOutbox(e.detail.id)}
        ></manager-live>`;
    }
  }

  /** What the live view shows, derived from the last answers of the server. */
  private _model() {
    const l = this._shell.lang;
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
      now: this._shell.now,
      targetMin,
      lang: l,
    });
    return {
      fields,
      cards: counterCards(this._counters, this._shell.now, targetMin, l),
      notices: notices(
        {
          ratings: this._ratings,
          printers: this._printers,
          devices: this._devices,
          fields,
          hall: hallHint(fields, this._counters, targetMin),
          targetMin,
          outbox: this._outbox?.channels,
        },
        l,
      ),
    };
  }

  // ---------------------------------------------------------------- views

  /** The screen shown, or null while nobody is in (booting, login). */
  private get _shown(): Phase | null {
    return this._shell.auth === "in" ? this._phase : null;
  }

  private _enter(user: UserInfo) {
    if (user.role !== "manager" && user.role !== "admin") {
      this._phase = "denied";
      return;
    }
    this._phase = location.hash === "#reports" ? "reports" : "live";
    if (this._phase === "live") this._refreshAll();
    else this._refresh(); // the hall's name for the header
  }

  private _go(to: ManagerView) {
    this._phase = to;
    const hash = to === "reports" ? "#reports" : "";
    if (location.hash !== hash) history.replaceState(null, "", `${location.pathname}${hash}`);
    if (to === "live") this._refreshAll();
  }

  private readonly _onHash = () => {
    if (this._shown === "live" || this._shown === "reports")
      this._go(location.hash === "#reports" ? "reports" : "live");
  };

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
    if (this._shown !== "live") return;
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
    if (!this._shell.connected) this._watchedSince = null;
    if (this._shown !== "live") return;
    const now = this._shell.now;
    const sec = Math.floor(now / 1000);
    // Safety net: waits grow without events, and a missed frame heals within 30 s.
    if (sec % 30 === 0) this._refresh();
    if (now - this._devicesAt >= DEVICES_EVERY_MS) void this._loadDevices();
    if (now - this._adviceAt >= ADVICE_EVERY_MS) void this._loadAdvice();
    if (now - this._todayAt >= 60_000) this._refreshToday(true);
  }

  private _refreshAll() {
    if (this._shown !== "live") return;
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
    const l = this._shell.lang;
    try {
      if (this._services.length === 0) this._services = await data.services(l);
      const [h, c] = await Promise.all([data.hall(l), data.counters(l)]);
      this._hall = h;
      // `now` moves with the snapshot: the first answers may have just corrected the
      // clock offset (server-clock.ts), and a stale `now` would age the snapshot by it.
      this._hallAt = serverNow();
      this._shell.now = this._hallAt;
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
    const l = this._shell.lang;
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
    const r = await data.waits({ from, to: today }, "service", this._shell.lang);
    this._pastService = new Map(
      r.rows.filter((x) => x.served >= 5 && x.meanServiceSec).map((x) => [x.key, x.meanServiceSec!]),
    );
  }

  private async _loadDevices() {
    this._devicesAt = serverNow();
    const l = this._shell.lang;
    try {
      const [p, d, o] = await Promise.all([
        data.printers(l),
        data.devices(l),
        data.outbox(l).catch(() => null), // an older server, or a role without it: no card
      ]);
      this._printers = p;
      this._devices = d;
      this._outbox = o;
    } catch (e) {
      this._failQuietly(e);
    }
  }

  /** The staffing advice: the server simulates at most once per hall state and minute. */
  private async _loadAdvice() {
    this._adviceAt = serverNow();
    try {
      this._advice = await data.staffingAdvice(this._shell.lang);
    } catch (e) {
      this._failQuietly(e);
    }
  }

  /** A failed background load keeps what is shown (the live banner says it may be stale); a 401 asks to log in. */
  private _failQuietly(e: unknown) {
    if (this._shell.isSessionError(e)) {
      if (this._shown === "live" || this._shown === "reports") this._shell.sessionLost(e.code);
      return;
    }
    if (e instanceof ApiFailure && e.status === 403 && this._shown) {
      this._phase = "denied";
    }
  }

  // ---------------------------------------------------------------- actions

  private _dismiss(key: string) {
    this._ratings = this._ratings.filter((r) => `rated-${r.eventId}` !== key);
  }

  private async _retryOutbox(id: number) {
    this._busy = true;
    try {
      await data.retryOutbox(id, this._shell.lang);
      this._shell.notify(mt("outboxRequeued", this._shell.lang));
      void this._loadDevices();
    } catch (e) {
      this._shell.fail(e);
    } finally {
      this._busy = false;
    }
  }

  private async _saveNotice(notice: Text | null) {
    this._busy = true;
    try {
      await data.setNotice(notice, this._shell.lang);
      this._shell.notify(mt("boardSaved", this._shell.lang));
      this._refresh();
    } catch (e) {
      this._shell.fail(e);
    } finally {
      this._busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "manager-app": ManagerApp;
  }
}
