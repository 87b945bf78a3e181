/**
 * `<manager-app>`, the manager's dashboard at /manager (issue 6), for managers and
 * admins (officers get a "no access" page, anonymous visitors the staff login). Two views:
 *   live     the hall now (manager-live.ts), pushed by the staff stream
 *            (docs/decisions/0087-pushed-live-state.md): `hall-state`, `counters`, `today` (the
 *            waits report of today, rebuilt by the server at most every 20 s), `printers`
 *            and `devices` arrive at once on every (re)connect and again when they change;
 *            committed events (`event`) feed the live arrival count and raise a notice
 *            for a rating "Không hài lòng" (score 1). Nothing is refetched per event: the
 *            only requests are the fields (once), last weeks' service times (once an
 *            hour), the messages to outside systems (the outbox card, every 15 s), the
 *            staffing advice (simulated by the server once per state and minute: every
 *            minute) and the manager's own actions.
 *   reports  the report pages (manager-reports.ts), which load their own data.
 * Like the officer console (../console/counter-app.ts), the server is the only state:
 * nothing is computed here that the next frame would not overwrite, except the notices
 * of past events and the issue times seen live (for the staffing hint's arrival rate).
 * Session, language, live stream, tick and toast are the staff shell's (../staff/shell.ts).
 */
import { css, html, LitElement } from "lit";
import { customElement, state } from "lit/decorators.js";
import type { StaffFrame } from "../../../server/contract/api/live.ts";
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
/** The messages to outside systems (the outbox card; no frame carries them). */
const OUTBOX_EVERY_MS = 15_000;
/** Today's appointments (no frame carries them: they hold visitors' bookings, issue 14). */
const APPOINTMENTS_EVERY_MS = 30_000;
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
  @state() private _appointments: data.AppointmentsToday | null = null;
  @state() private _todayService: WaitReport | null = null;
  @state() private _todayHour: WaitReport | null = null;
  @state() private _pastService = new Map<string, number>();
  @state() private _ratings: UnhappyRating[] = [];
  @state() private _busy = false;

  private readonly _shell = new StaffShell(this, {
    title: (l) => mt("appTitle", l),
    sessionExpired: (l) => mt("sessionExpired", l),
    views: ["hall", "counters", "events", "today", "printers", "devices"],
    onEnter: (user) => this._enter(user),
    onFrame: (f) => this._onFrame(f),
    onTick: (now) => this._onTick(now),
    // Events were missed and cannot be replayed: the live arrival count starts over.
    onResync: () => {
      this._watchedSince = serverNow();
    },
  });
  private readonly _seen = new Map<string, number[]>();
  private _watchedSince: number | null = null;
  private _outboxAt = 0;
  private _appointmentsAt = 0;
  private _adviceAt = 0;
  private _pastAt = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener("hashchange", this._onHash);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener("hashchange", this._onHash);
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
          .appointments=${this._appointments}
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
    void this._loadServices();
  }

  private _go(to: ManagerView) {
    this._phase = to;
    const hash = to === "reports" ? "#reports" : "";
    if (location.hash !== hash) history.replaceState(null, "", `${location.pathname}${hash}`);
  }

  private readonly _onHash = () => {
    if (this._shown === "live" || this._shown === "reports")
      this._go(location.hash === "#reports" ? "reports" : "live");
  };

  // ---------------------------------------------------------------- live data

  /** Applies one frame of the staff stream. */
  private _onFrame(f: StaffFrame) {
    switch (f.name) {
      case "hall-state":
        // Arrivals are counted from the first frame on; the stream replays what it misses
        // while reconnecting, or says `resync` (then the count starts over).
        this._watchedSince ??= serverNow();
        this._hall = f.data;
        // `now` moves with the snapshot: the first answers may have just corrected the
        // clock offset (server-clock.ts), and a stale `now` would age the snapshot by it.
        this._hallAt = serverNow();
        this._shell.now = this._hallAt;
        return;
      case "counters":
        this._counters = f.data.counters;
        return;
      case "today":
        this._todayService = f.data.byService;
        this._todayHour = f.data.byHour;
        if (serverNow() - this._pastAt >= PAST_EVERY_MS) void this._loadPast(f.data.byService.range.to);
        return;
      case "printers":
        this._printers = f.data.printers;
        return;
      case "devices":
        this._devices = f.data.devices;
        return;
      case "event":
        this._onEvent(f.data);
        return;
    }
  }

  /** A committed event: arrivals for the staffing hint, unhappy ratings as notices. */
  private _onEvent(e: HallEvent) {
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

  /** The fields (names, prefixes): once per session. */
  private async _loadServices(): Promise<void> {
    for (let attempt = 0; this._services.length === 0 && this._shell.auth === "in"; attempt++) {
      try {
        this._services = await data.services(this._shell.lang);
      } catch (e) {
        this._failQuietly(e);
        await new Promise((r) => setTimeout(r, Math.min(2000 * 2 ** attempt, 30_000)));
      }
    }
  }

  /** Every second: what no frame carries is asked for on its own clock, while the live view is shown. */
  private _onTick(now: number) {
    if (this._shown !== "live") return;
    if (now - this._outboxAt >= OUTBOX_EVERY_MS) void this._loadOutbox();
    if (now - this._appointmentsAt >= APPOINTMENTS_EVERY_MS) void this._loadAppointments();
    if (now - this._adviceAt >= ADVICE_EVERY_MS) void this._loadAdvice();
  }

  /** The messages to outside systems (waiting, failed), for the outbox card and its notices. */
  private async _loadOutbox() {
    this._outboxAt = serverNow();
    try {
      this._outbox = await data.outbox(this._shell.lang);
    } catch (e) {
      // An older server, or a role without it: no card.
      this._outbox = null;
      this._failQuietly(e);
    }
  }

  /** Today's bookings, check-ins and no-shows (issue 14). */
  private async _loadAppointments() {
    this._appointmentsAt = serverNow();
    try {
      this._appointments = await data.appointmentsToday(this._shell.lang);
    } catch (e) {
      this._appointments = null;
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

  /** Mean service time per field over the last 28 days: the hint's fallback early in a day. */
  private async _loadPast(today: string) {
    this._pastAt = serverNow();
    const from = vnDay(Date.parse(`${today}T12:00:00+07:00`) - 27 * 86_400_000);
    try {
      const r = await data.waits({ from, to: today }, "service", this._shell.lang);
      this._pastService = new Map(
        r.rows.filter((x) => x.served >= 5 && x.meanServiceSec).map((x) => [x.key, x.meanServiceSec!]),
      );
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
      void this._loadOutbox();
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
