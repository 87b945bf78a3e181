/**
 * `<kiosk-app>`: the touch kiosk (`/kiosk?kiosk=<kioskId>`). Screens: fields → priority
 * question → the ticket on screen while it prints; "Tạm thời không phục vụ" while the
 * server is unreachable. The app owns all state and talks to the API through ./data.ts;
 * the screens are leaf components (properties down, events up).
 *
 * Traps handled here:
 * - Double tap: every ticket attempt carries a random `requestId` (the server issues once
 *   per kioskId+requestId, so a retry after a lost answer is safe too) and every button is
 *   disabled while the request is in flight.
 * - "Ghost" taps: the second tap of a double tap lands on the next screen, whose buttons
 *   sit where the last ones were; taps within GUARD_MS of a screen change are ignored.
 * - Idle: the kiosk returns to the start (and to Vietnamese) by itself, with a visible
 *   countdown, so the next visitor never inherits a choice, a scanned card or a ticket.
 * - Scans (a USB 2D scanner typing as a keyboard, ./cccd/scan-controller.ts) act only on
 *   the screen they belong to: the citizen ID card on the field screen (decision 0042),
 *   the dossier code on the dossier screen; elsewhere they are refused with a message.
 *   A booking's QR (issue 14) checks in from the field screen or the booking screen.
 */
import { html, LitElement, nothing } from "lit";
import { customElement, state } from "lit/decorators.js";
import type { Priority, ServiceInfo, Ticket } from "../../server/contract/index.ts";
import { ApiFailure } from "../../ui/api.ts";
import { deviceToken } from "../../ui/device-token.ts";
import type { Lang } from "../../ui/i18n.ts";
import { CardHolder } from "./cccd/card-holder.ts";
import { ScanController } from "./cccd/scan-controller.ts";
import { type ClosedStatus, closedMessage, hallToday } from "./closed.ts";
import {
  checkHealth,
  checkInAppointment,
  fetchHall,
  fetchServices,
  issueTicket,
  newRequestId,
} from "./data.ts";
import { IdleController } from "./idle.ts";
import { kioskAppStyles } from "./kiosk-app-styles.ts";
import { kioskError, kioskText as t } from "./messages.ts";
import { PrintTracker } from "./print-tracker.ts";
import { cardRefusal, routeScan, type Screen } from "./scan-routing.ts";
import { ServerWatch } from "./server-watch.ts";
import "./kiosk-booking-entry.ts";
import "./kiosk-cccd-banner.ts";
import "./kiosk-dossier-entry.ts";
import "./kiosk-header.ts";
import "./kiosk-notice.ts";
import "./kiosk-print-status.ts";
import "./kiosk-priority-picker.ts";
import "./kiosk-service-grid.ts";
import "./kiosk-ticket.ts";
import "./kiosk-unavailable.ts";

/** Idle seconds before going back to the start (decision 0040). */
export const IDLE_SEC = {
  priority: 60,
  dossier: 90,
  booking: 90,
  card: 60,
  ticket: 25,
  ticketNoPaper: 45,
  startEnglish: 60,
  notice: 20,
} as const;
const GUARD_MS = 400;
const SERVICES_REFRESH_MS = 30_000;
const LOAD_RETRY_MS = 3000;

@customElement("kiosk-app")
export class KioskApp extends LitElement {
  static override styles = kioskAppStyles;

  @state() private _screen: Screen = "loading";
  @state() private _lang: Lang = "vi";
  @state() private _services: ServiceInfo[] = [];
  /** Whether the hall issues now and why not (the one schedule rule, from GET /api/services). */
  @state() private _status: ClosedStatus | null = null;
  /** The public event stream: a settings change reloads the fields at once. */
  private _events: EventSource | null = null;
  @state() private _hallName: { vi: string; en: string } | null = null;
  @state() private _service: ServiceInfo | null = null;
  @state() private _ticket: Ticket | null = null;
  @state() private _busy = false;
  @state() private _notice: string | null = null;
  @state() private _loadFailed = false;
  @state() private _dossierCode = "";
  @state() private _bookingCode = "";

  private readonly _kioskId = new URLSearchParams(location.search).get("kiosk")?.trim() || undefined;
  private _requestId = newRequestId();
  private _guardUntil = 0;
  private _noticeHome = false;
  private _noticeDossier = false;
  private _refresh: ReturnType<typeof setInterval> | null = null;
  private _retry: ReturnType<typeof setInterval> | null = null;

  private readonly cards = new CardHolder(this._kioskId);
  private readonly idle = new IdleController(this, () => this._home());
  private readonly print = new PrintTracker(this, this._kioskId);
  private readonly watch = new ServerWatch(this, {
    check: () => checkHealth(),
    onDown: () => {
      this._notice = null;
      this.requestUpdate();
    },
    onUp: () => {
      if (this._screen !== "ticket") this._home();
    },
  });

  constructor() {
    super();
    // A Lit controller: it listens while the app is connected (no field keeps it).
    new ScanController(this, (text) => this._onScan(text));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Pairing: the token in `#pair=…` of the kiosk's start URL is kept (kiosk/README.md).
    if (this._kioskId) deviceToken(this._kioskId);
    this.addEventListener("pointerdown", this._onTouch, { capture: true });
    this.addEventListener("contextmenu", (e) => e.preventDefault());
    this._refresh = setInterval(() => {
      if (this._screen === "start" && !this._busy) void this._load();
    }, SERVICES_REFRESH_MS);
    this._retry = setInterval(() => {
      if (this._screen === "loading") void this._load();
    }, LOAD_RETRY_MS);
    void this._load();
    // Settings changed by the admin (a field added, closed, a holiday): the live channel says
    // so and the start screen follows within a second, not at the next 30 s refresh.
    if (typeof EventSource !== "undefined") {
      this._events = new EventSource("/api/events");
      this._events.addEventListener("settings-changed", () => {
        // Elsewhere the visitor finishes first: going home reloads the fields.
        if (this._screen === "start" || this._screen === "loading") void this._load();
      });
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._events?.close();
    this.removeEventListener("pointerdown", this._onTouch, { capture: true });
    if (this._refresh) clearInterval(this._refresh);
    if (this._retry) clearInterval(this._retry);
  }

  override willUpdate(): void {
    // A print failure (or no printer) keeps the ticket on screen longer: the visitor
    // must note the number or photograph the QR.
    if (this._screen === "ticket" && this.idle.left !== null) {
      const want = this._ticketIdle();
      if (want !== this.idle.total) this.idle.start(want);
    }
    document.documentElement.lang = this._lang;
  }

  override render() {
    const l = this._lang;
    const unavailable = this.watch.down || (this._screen === "loading" && this._loadFailed);
    if (unavailable && this._screen !== "ticket") return html`<kiosk-unavailable></kiosk-unavailable>`;
    return html`
      <kiosk-header
        .locale=${l}
        .hallName=${this._hallName?.[l] ?? ""}
        @kiosk-lang=${this._toggleLang}
      ></kiosk-header>
      <main>${this._screenView()}</main>
      ${this.idle.left !== null && (this._screen !== "start" || this.cards.card) ? this._countdown() : nothing}
      ${
        this._notice
          ? html`<kiosk-notice .locale=${l} .message=${this._notice} @kiosk-dismiss=${this._dismiss}></kiosk-notice>`
          : nothing
      }
    `;
  }

  private _screenView() {
    const l = this._lang;
    switch (this._screen) {
      case "loading":
        return html`<div class="loading">${t("loading", l)}</div>`;
      case "start": {
        const anyOpen = this._services.some((s) => s.open);
        return html`<h1>${t("chooseField", l)}</h1>
          <p class="hint">${t("chooseFieldHint", l)}</p>
          ${!anyOpen ? html`<div class="closed-banner">${this._closedText(l)}</div>` : nothing}
          ${
            this.cards.enabled
              ? html`<kiosk-cccd-banner .locale=${l} .card=${this.cards.card} @kiosk-cccd-forget=${this._forgetCard}></kiosk-cccd-banner>`
              : nothing
          }
          <kiosk-service-grid
            .services=${this._services}
            .locale=${l}
            ?busy=${this._busy}
            @kiosk-pick=${this._pick}
            @kiosk-closed=${this._pickClosed}
          ></kiosk-service-grid>
          <button class="booking" data-action="booking" ?disabled=${this._busy} @click=${this._openBooking}>
            ${t("bookingButton", l)}
          </button>`;
      }
      case "booking":
        return html`<kiosk-booking-entry
          .locale=${l}
          .code=${this._bookingCode}
          ?busy=${this._busy}
          @kiosk-booking-edit=${(e: CustomEvent<{ code: string }>) => {
            this._bookingCode = e.detail.code;
          }}
          @kiosk-booking=${(e: CustomEvent<{ code: string }>) => void this._checkIn(e.detail.code)}
          @kiosk-back=${this._back}
        ></kiosk-booking-entry>`;
      case "dossier":
        return html`<kiosk-dossier-entry
          .locale=${l}
          .service=${this._service}
          .code=${this._dossierCode}
          ?busy=${this._busy}
          @kiosk-dossier-edit=${this._dossierEdit}
          @kiosk-dossier=${this._dossierDone}
          @kiosk-back=${this._back}
        ></kiosk-dossier-entry>`;
      case "priority":
        return html`<kiosk-priority-picker
          .locale=${l}
          .service=${this._service}
          ?busy=${this._busy}
          @kiosk-priority=${this._answer}
          @kiosk-back=${this._back}
        ></kiosk-priority-picker>`;
      case "ticket":
        return html`<kiosk-ticket .locale=${l} .ticket=${this._ticket} .service=${this._service} @kiosk-done=${this._done}>
          <kiosk-print-status
            slot="print"
            .locale=${l}
            .job=${this.print.job}
            ?untracked=${this.print.untracked}
            ?canReprint=${this.print.canReprint}
            ?busy=${this.print.busy}
            .error=${this.print.error}
            @kiosk-reprint=${this._reprint}
          ></kiosk-print-status>
        </kiosk-ticket>`;
    }
  }

  private _countdown() {
    const left = this.idle.left ?? 0;
    const pct = this.idle.total ? (100 * left) / this.idle.total : 0;
    return html`<footer role="timer" aria-live="off">
      <span data-countdown=${left}>${t("backIn", this._lang, { n: left })}</span>
      <div class="bar"><div style="width:${pct}%"></div></div>
    </footer>`;
  }

  /** The banner when no field issues: the schedule's reason (holiday, lunch…) and when it reopens. */
  private _closedText(l: Lang): string {
    if (!this._services.length) return t("noFields", l);
    return (this._status && closedMessage(this._status, hallToday(), l)) ?? t("allClosed", l);
  }

  private _ticketIdle(): number {
    const j = this.print.job;
    const bad = !j || (j.state !== "sent" && j.state !== "printed");
    return bad ? IDLE_SEC.ticketNoPaper : IDLE_SEC.ticket;
  }

  // ------------------------------------------------------------ data

  private async _load(): Promise<void> {
    try {
      const [s, hall] = await Promise.all([
        fetchServices(),
        this._hallName ? null : fetchHall().catch(() => null),
      ]);
      this._services = s.services;
      this._status = s.status ?? null;
      if (hall) this._hallName = { vi: hall.hall.name, en: hall.hall.nameEn ?? hall.hall.name };
      this._loadFailed = false;
      if (this._screen === "loading") this._go("start", false);
      await this.cards.refreshKey();
      this.requestUpdate();
    } catch (e) {
      if (this._screen === "loading") this._loadFailed = true;
      if (!(e instanceof ApiFailure) || e.status === 0 || e.status >= 500) this.watch.fail();
    }
  }

  private async _issue(priority: Priority): Promise<void> {
    const service = this._service;
    if (this._busy || !service) return;
    this._busy = true;
    const dossierCode = service.askDossier && this._dossierCode ? this._dossierCode : undefined;
    const body = () => ({
      serviceId: service.id,
      priority,
      kioskId: this._kioskId,
      lang: this._lang,
      requestId: this._requestId,
      cccd: this.cards.payload(),
      dossierCode,
    });
    try {
      let r: Awaited<ReturnType<typeof issueTicket>>;
      try {
        r = await issueTicket(body());
      } catch (e) {
        if (e instanceof ApiFailure && e.code === "cccd-key-expired") {
          // A new service day began while the kiosk held yesterday's key: hash again.
          await this.cards.refreshKey(true);
        } else if (!(e instanceof ApiFailure) || !(e.status === 0 || e.status >= 500)) throw e;
        // The answer was lost or the server hiccuped: the same requestId makes a retry safe.
        else await new Promise((res) => setTimeout(res, 800));
        r = await issueTicket(body());
      }
      this._ticket = r.ticket;
      this.cards.forget(); // the ticket is issued: the card is of no more use
      this.print.track(r.print);
      this._go("ticket");
    } catch (e) {
      const code = e instanceof ApiFailure ? e.code : "internal-error";
      if (e instanceof ApiFailure && (e.status === 0 || e.status >= 500)) this.watch.fail();
      else this._requestId = newRequestId(); // a definite refusal: the next try is a new attempt
      // The field list changed under the visitor (or this card took its number already):
      // refresh it and start over after the message.
      this._noticeHome =
        code === "service-not-found" ||
        code === "service-closed" ||
        code === "hall-closed" ||
        code === "cccd-already-issued";
      this._noticeDossier = code === "invalid-dossier-code" || code === "dossier-code-taken";
      if (this._noticeHome) void this._load();
      this._notice = kioskError(code, this._lang);
    } finally {
      this._busy = false;
    }
  }

  /**
   * A booked visitor checks in: the booking becomes a ticket due at its slot, printed here
   * (a second scan reprints it). Outside the window the server's message says what to do
   * (come back at HH:MM, or take a normal ticket), in the kiosk's language.
   */
  private async _checkIn(code: string): Promise<void> {
    if (this._busy) return;
    if (!this._kioskId) {
      this._notice = t("bookingNoKiosk", this._lang);
      return;
    }
    this._busy = true;
    try {
      const r = await checkInAppointment(code, this._kioskId, this._lang);
      this._ticket = r.ticket;
      this._service = this._services.find((s) => s.id === r.ticket.serviceId) ?? null;
      this._bookingCode = "";
      this.print.track(r.print);
      this._go("ticket");
    } catch (e) {
      if (e instanceof ApiFailure && (e.status === 0 || e.status >= 500)) this.watch.fail();
      this._notice =
        e instanceof ApiFailure && e.status < 500 && e.status !== 0
          ? e.message
          : kioskError("generic", this._lang);
      this.idle.start(IDLE_SEC.notice);
    } finally {
      this._busy = false;
    }
  }

  private _openBooking = (): void => {
    if (this._guarded()) return;
    this._bookingCode = "";
    this._go("booking");
  };

  // ------------------------------------------------------------ navigation

  /** Shows `screen`; `byTap` arms the ghost-tap guard (the second tap of a double tap). */
  private _go(screen: Screen, byTap = true): void {
    this._screen = screen;
    this._guardUntil = byTap ? Date.now() + GUARD_MS : 0;
    if (screen !== "ticket") this.print.stop();
    if (screen === "priority") this.idle.start(IDLE_SEC.priority);
    else if (screen === "dossier") this.idle.start(IDLE_SEC.dossier);
    else if (screen === "booking") this.idle.start(IDLE_SEC.booking);
    else if (screen === "ticket") this.idle.start(this._ticketIdle());
    else this._startIdle();
  }

  /** The start screen's idle: a held card or English go back by themselves, plain Vietnamese stays. */
  private _startIdle(): void {
    this.idle.start(this.cards.card ? IDLE_SEC.card : this._lang === "en" ? IDLE_SEC.startEnglish : null);
  }

  /** Back to the start screen in Vietnamese, forgetting the visitor's choice and ticket. */
  private _home(byTap = false): void {
    this._service = null;
    this._ticket = null;
    this._notice = null;
    this._dossierCode = "";
    this._bookingCode = "";
    this.cards.forget();
    this._lang = "vi";
    this._requestId = newRequestId();
    this.print.stop();
    if (this._screen === "loading") {
      void this._load();
      return;
    }
    this._go("start", byTap);
    void this._load();
  }

  private _guarded(): boolean {
    return Date.now() < this._guardUntil || this._busy;
  }

  private _onTouch = (): void => {
    this.idle.touch();
  };

  private _toggleLang = (): void => {
    this._lang = this._lang === "vi" ? "en" : "vi";
    if (this._screen === "start") this._startIdle();
  };

  private _pick = (e: CustomEvent<{ service: ServiceInfo }>): void => {
    if (this._guarded()) return;
    this._service = e.detail.service;
    this._requestId = newRequestId();
    this._dossierCode = "";
    if (this._service.askDossier) this._go("dossier");
    else this._afterField();
  };

  /** The field (and dossier code) chosen: a card of 60+ issues at once, else the priority question. */
  private _afterField(): void {
    if (this.cards.card?.elderly) void this._issue("elderly");
    else this._go("priority");
  }

  private _dossierEdit = (e: CustomEvent<{ code: string }>): void => {
    this._dossierCode = e.detail.code;
  };

  private _dossierDone = (e: CustomEvent<{ code: string | null }>): void => {
    if (this._guarded()) return;
    this._dossierCode = e.detail.code ?? "";
    this._afterField();
  };

  private _forgetCard = (): void => {
    this.cards.forget();
    this._startIdle();
    this.requestUpdate();
  };

  /** A complete scan from the keyboard-wedge scanner, on whatever screen is showing (./scan-routing.ts). */
  private _onScan(text: string): void {
    if (this._busy || this.watch.down) return;
    if (this._notice) return; // a message is up: the visitor reads it first
    const l = this._lang;
    const r = routeScan(text, this._screen, Date.now());
    switch (r.do) {
      case "check-in":
        this._bookingCode = r.code;
        void this._checkIn(r.code);
        return;
      case "read-card": {
        const refusal = cardRefusal(this.cards.read(text));
        if (refusal === null) {
          this._startIdle();
          this.requestUpdate();
          return;
        }
        this._notice = t(refusal, l);
        this.idle.start(IDLE_SEC.notice);
        return;
      }
      case "dossier-code":
        this._dossierCode = r.code;
        this.idle.touch();
        return;
      case "refuse":
        this._notice = t(r.message, l);
        return;
      case "ignore":
        return;
    }
  }

  private _pickClosed = (): void => {
    if (this._guarded()) return;
    const anyOpen = this._services.some((s) => s.open);
    this._notice = kioskError(anyOpen ? "service-closed" : "hall-closed", this._lang);
    this.idle.start(IDLE_SEC.notice); // nobody dismisses it: it must not stay for the next visitor
  };

  private _answer = (e: CustomEvent<{ priority: Priority }>): void => {
    if (this._guarded()) return;
    void this._issue(e.detail.priority);
  };

  private _back = (): void => {
    if (this._guarded()) return;
    this._service = null;
    this._go("start");
  };

  private _done = (): void => {
    if (this._guarded()) return;
    this._home(true);
  };

  private _reprint = (): void => {
    void this.print.reprint();
  };

  private _dismiss = (): void => {
    this._notice = null;
    if (this._noticeHome && (this._screen === "priority" || this._screen === "dossier")) this._go("start");
    else if (this._noticeDossier && this._screen === "priority") this._go("dossier");
    else if (this._screen === "start") this._startIdle();
    this._noticeHome = false;
    this._noticeDossier = false;
  };
}

declare global {
  interface HTMLElementTagNameMap {
    "kiosk-app": KioskApp;
  }
}
