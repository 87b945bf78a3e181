/**
 * `<kiosk-phone-app>`: the visitor's status page behind the ticket's QR (`/t/{code}`).
 * Number, field, status, people ahead and a live estimated wait with its upper figure; the counter, with a
 * chime and a vibration, when the ticket is called; "Hủy số" while it waits; the
 * satisfaction rating after service. No personal data: the page knows only the code.
 *
 * Freshness: the ticket's own private stream (`GET /api/tickets/{code}/live`, ui/live.ts;
 * docs/decisions/0087-pushed-live-state.md) pushes its `ticket` frame at once, on each change of
 * its own (the call reaches the phone in milliseconds) and when its position or estimate
 * moves. The page applies frames and makes no request of its own; the stream carries
 * nothing about other visitors. A stream cut by a mobile network reconnects by itself
 * (and at once when the page becomes visible again) and gets the ticket afresh. Once the
 * ticket is over (done, no-show, cancelled) the server ends the stream.
 */
import { html, LitElement, nothing } from "lit";
import { customElement, state } from "lit/decorators.js";
import type { TicketFrame } from "../../server/contract/api/live.ts";
import type { NoticeState } from "../../server/contract/api/notices.ts";
import { PRIORITY_LABELS, type ServiceInfo, type Ticket } from "../../server/contract/domain.ts";
import { ApiFailure, apiUrl } from "../../ui/api.ts";
import { hhmm, type Lang, storedLang, storeLang } from "../../ui/i18n.ts";
import { LiveStream } from "../../ui/live.ts";
import { CallAlert } from "./alert.ts";
import {
  cancelTicket,
  fetchNotices,
  fetchServices,
  fetchTicket,
  rateTicket,
  stopNotices,
  subscribeNotices,
} from "./data.ts";
import { icons } from "./icons.ts";
import { phoneError, phoneText as t } from "./phone-messages.ts";
import { phoneStyles } from "./phone-styles.ts";
import { waitPhrases, waitWords } from "./wait-text.ts";
import "./kiosk-confirm.ts";
import "./kiosk-rating.ts";
import type { NotifyRequest, PhoneNotify } from "./phone-notify.ts";
import "./phone-notify.ts";
import { pushSupported, subscribePush } from "./push-subscribe.ts";

const FINAL = new Set(["done", "no-show", "cancelled"]);
const LANG_KEY = "qms.phone.lang";

@customElement("kiosk-phone-app")
export class KioskPhoneApp extends LitElement {
  static override styles = phoneStyles;

  @state() private _ticket: Ticket | null = null;
  @state() private _phase: "loading" | "ok" | "not-found" | "error" = "loading";
  @state() private _lang: Lang = storedLang(LANG_KEY);
  @state() private _services = new Map<string, ServiceInfo>();
  @state() private _confirm = false;
  @state() private _busy = false;
  @state() private _message: string | null = null;
  @state() private _updatedAt: string | null = null;
  @state() private _soundReady = false;
  /** Notices before one's turn (issue 14): what the hall offers and what this ticket asked for. */
  @state() private _notices: NoticeState | null = null;
  @state() private _noticeError: string | null = null;
  private _noticesAsked = false;

  private readonly _code = decodeURIComponent(location.pathname.split("/").filter(Boolean).pop() ?? "");
  private readonly _alert = new CallAlert();
  private readonly _live = new LiveStream(this, {
    url: () => apiUrl("GET", "/api/tickets/{code}/live", { params: { code: this._code } }),
    on: { ticket: (f: TicketFrame) => this._apply(f.ticket) },
    onRefused: (status) => {
      if (status === 404) this._phase = "not-found";
      else if (!this._ticket) this._phase = "error";
      return false;
    },
    onError: () => {
      if (!this._ticket) this._phase = "error";
    },
  });

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener("visibilitychange", this._onVisible);
    // Any tap unlocks the chime (autoplay policy), not only the sound button.
    this.addEventListener("pointerdown", this._unlock, { once: true });
    void fetchServices(this._lang)
      .then((r) => {
        this._services = new Map(r.services.map((s) => [s.id, s]));
      })
      .catch(() => {});
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener("visibilitychange", this._onVisible);
  }

  override willUpdate(): void {
    document.documentElement.lang = this._lang;
    const tk = this._ticket;
    document.title =
      tk?.status === "called" && tk.counter
        ? `🔔 ${tk.number} → ${t("counter", this._lang, { n: tk.counter })}`
        : tk
          ? `${tk.number} · ${t("title", this._lang)}`
          : t("title", this._lang);
  }

  override render() {
    const l = this._lang;
    return html`<header>
        <span class="title">${t("title", l)}</span>
        <button class="lang" @click=${this._toggleLang}>${icons.globe}${t("langSwitch", l)}</button>
      </header>
      <main>${this._body()}</main>
      ${
        this._confirm && this._ticket
          ? html`<kiosk-confirm
            .message=${t("cancelConfirm", l, { number: this._ticket.number })}
            .yesLabel=${t("cancelYes", l)}
            .noLabel=${t("cancelNo", l)}
            ?busy=${this._busy}
            @kiosk-yes=${this._cancel}
            @kiosk-no=${() => {
              this._confirm = false;
            }}
          ></kiosk-confirm>`
          : nothing
      }`;
  }

  private _body() {
    const l = this._lang;
    if (this._phase === "loading") return html`<p class="center">${t("loading", l)}</p>`;
    if (this._phase === "not-found")
      return html`<section class="panel gone" data-phase="not-found">
        ${icons.warning}
        <h1>${t("notFoundTitle", l)}</h1>
        <p>${t("notFoundBody", l)}</p>
      </section>`;
    const tk = this._ticket;
    if (!tk) return html`<p class="center" role="status">${t("loadError", l)}</p>`;
    const service = this._services.get(tk.serviceId);
    return html`
      <section class="card">
        <div class="label">${t("yourNumber", l)}</div>
        <div class="number" data-number>${tk.number}</div>
        <div class="field">${service?.name[l] ?? ""}</div>
        ${
          tk.priority !== "none"
            ? html`<div class="badge">${t("priority", l, { label: PRIORITY_LABELS[tk.priority][l] })}</div>`
            : nothing
        }
      </section>
      ${this._statusPanel(tk)}
      ${
        tk.status === "waiting"
          ? html`<phone-notify
              .locale=${l}
              .state=${this._notices}
              ?busy=${this._busy}
              .pushSupported=${pushSupported()}
              .error=${this._noticeError}
              @notify-subscribe=${this._subscribe}
              @notify-stop=${this._stopNotices}
            ></phone-notify>`
          : nothing
      }
      ${this._message ? html`<p class="message" role="alert">${this._message}</p>` : nothing}
      ${
        tk.status === "waiting"
          ? html`<button class="cancel" ?disabled=${this._busy} @click=${() => {
              this._confirm = true;
            }}>${t("cancel", l)}</button>`
          : nothing
      }
      <footer>
        ${
          FINAL.has(tk.status)
            ? nothing
            : html`<span data-live=${this._live.connected ? "on" : "off"}
              >${
                this._live.connected || !this._updatedAt
                  ? t("updatedAt", l, { t: this._updatedAt ?? "" })
                  : t("reconnecting", l)
              }</span
            >`
        }
        <span>${t(this._notices?.subscriptions.some((x) => x.phone) ? "notifyPrivacy" : "privacy", l)}</span>
        <a href="/hen" data-booking-link>${t("bookNext", l)}</a>
      </footer>
    `;
  }

  private _statusPanel(tk: Ticket) {
    const l = this._lang;
    const status = html`<div class="status" data-status=${tk.status}>${t(`status-${tk.status}`, l)}</div>`;
    switch (tk.status) {
      case "waiting":
        return html`<section class="panel waiting">
          ${status}
          <dl>
            <div><dt>${t("peopleAhead", l)}</dt><dd data-ahead>${tk.position ?? 0}</dd></div>
            <div><dt>${t("estimatedWait", l)}</dt><dd data-wait>${waitPhrases(waitText(tk.estimatedWaitMin, tk.estimatedWaitMaxMin, l))}</dd></div>
            <div><dt>${t("issuedAt", l)}</dt><dd>${hhmm(tk.issuedAt)}</dd></div>
          </dl>
          <p class="note">${t("stayNear", l)}</p>
          <button class="sound" ?disabled=${this._soundReady} @click=${this._unlock}>
            ${icons.bell}${t(this._soundReady ? "soundReady" : "soundOn", l)}
          </button>
        </section>`;
      case "called":
        return html`<section class="panel called" role="alert">
          ${status}
          <div class="go">${t("goToCounter", l)}</div>
          <div class="counter" data-counter>${t("counter", l, { n: tk.counter ?? "?" })}</div>
          ${tk.calledAt ? html`<div class="small">${t("calledAt", l)} ${hhmm(tk.calledAt)}</div>` : nothing}
        </section>`;
      case "serving":
        return html`<section class="panel serving">
          ${status}
          <p>${t("servingAt", l, { n: tk.counter ?? "?" })}</p>
        </section>`;
      case "done":
        return html`<section class="panel done">
          ${status}
          <kiosk-rating .locale=${l} .rated=${tk.rating ?? null} ?busy=${this._busy} @kiosk-rate=${this._rate}></kiosk-rating>
        </section>`;
      default:
        return html`<section class="panel gone">
          ${status}
          <p>${t(tk.status === "no-show" ? "noShowBody" : "cancelledBody", l)}</p>
        </section>`;
    }
  }

  // ------------------------------------------------------------ data

  /** Reads the ticket once (after a refusal that says another device acted on it). */
  private async _fetch(): Promise<void> {
    try {
      this._apply((await fetchTicket(this._code, this._lang)).ticket);
    } catch {
      /* the stream still brings the next state */
    }
  }

  private _apply(next: Ticket): void {
    const prev = this._ticket;
    const newlyCalled =
      prev !== null &&
      next.status === "called" &&
      (prev.status !== "called" || (next.callCount ?? 0) > (prev.callCount ?? 0));
    this._ticket = next;
    this._phase = "ok";
    this._updatedAt = new Date().toLocaleTimeString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh" });
    if (newlyCalled) this._alert.ring();
    if (next.status === "waiting" && !this._noticesAsked) {
      this._noticesAsked = true;
      void this._loadNotices();
    } else if (
      next.status === "waiting" &&
      prev?.position !== next.position &&
      this._notices?.subscriptions.some((x) => !x.nearSent)
    ) {
      // The line moved: the "turn is near" notice may go out now (the server checks the
      // thresholds just after the change), so look a moment later.
      setTimeout(() => void this._loadNotices(), 700);
    }
    // Over: nothing can change it any more (the server ends the stream too).
    if (FINAL.has(next.status)) this._live.stop();
  }

  // ------------------------------------------------------------ notices (issue 14)

  private async _loadNotices(): Promise<void> {
    try {
      this._notices = await fetchNotices(this._code, this._lang);
    } catch {
      /* no notices offered now; the page works without them */
    }
  }

  private _subscribe = async (e: CustomEvent<NotifyRequest>): Promise<void> => {
    if (this._busy || !this._notices) return;
    // Read now: a composed event's target is cleared once its dispatch is over.
    const form = e.target as PhoneNotify;
    this._busy = true;
    this._noticeError = null;
    try {
      const r = e.detail;
      const subscription =
        r.channel === "push" && this._notices.vapidPublicKey
          ? await subscribePush(this._notices.vapidPublicKey)
          : undefined;
      await subscribeNotices(this._code, {
        channel: r.channel,
        phone: r.phone,
        subscription,
        ahead: r.ahead,
        minutes: r.minutes,
        lang: this._lang,
      });
      form.done();
      await this._loadNotices();
    } catch (err) {
      this._noticeError =
        (err as Error)?.message === "push-denied"
          ? t("pushDenied", this._lang)
          : phoneError(err instanceof ApiFailure ? err.code : "internal-error", this._lang);
    } finally {
      this._busy = false;
    }
  };

  private _stopNotices = async (e: CustomEvent<{ channel: "push" | "zalo" | "sms" }>): Promise<void> => {
    if (this._busy) return;
    this._busy = true;
    try {
      await stopNotices(this._code, this._lang, e.detail.channel);
      await this._loadNotices();
    } catch (err) {
      this._noticeError = phoneError(err instanceof ApiFailure ? err.code : "internal-error", this._lang);
    } finally {
      this._busy = false;
    }
  };

  // ------------------------------------------------------------ actions

  private _cancel = async (): Promise<void> => {
    if (this._busy) return;
    this._busy = true;
    try {
      const { ticket } = await cancelTicket(this._code, this._lang);
      this._apply(ticket);
      this._message = null;
    } catch (e) {
      this._message = phoneError(e instanceof ApiFailure ? e.code : "internal-error", this._lang);
      void this._fetch();
    } finally {
      this._busy = false;
      this._confirm = false;
    }
  };

  private _rate = async (e: CustomEvent<{ score: 1 | 2 | 3 | 4 }>): Promise<void> => {
    if (this._busy) return;
    this._busy = true;
    try {
      const { ticket } = await rateTicket(this._code, e.detail.score, this._lang);
      this._apply(ticket);
      this._message = null;
    } catch (err) {
      const code = err instanceof ApiFailure ? err.code : "internal-error";
      // Already rated (another tab, the counter's pad): show the thanks, not an error.
      if (code === "already-rated") await this._fetch();
      else this._message = phoneError(code, this._lang);
    } finally {
      this._busy = false;
    }
  };

  private _unlock = async (): Promise<void> => {
    this._soundReady = await this._alert.unlock();
  };

  private _toggleLang = (): void => {
    this._lang = this._lang === "vi" ? "en" : "vi";
    this._message = null;
    storeLang(LANG_KEY, this._lang);
  };

  /** Back from the background: a stream the phone's OS cut reconnects now. */
  private _onVisible = (): void => {
    if (document.visibilityState === "visible") this._live.nudge();
  };
}

/** The estimated wait as words. */
function waitText(min: number | undefined, max: number | undefined, lang: Lang): string {
  return waitWords(t, min, max, lang);
}

declare global {
  interface HTMLElementTagNameMap {
    "kiosk-phone-app": KioskPhoneApp;
  }
}
