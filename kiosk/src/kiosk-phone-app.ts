/**
 * `<kiosk-phone-app>`: the visitor's status page behind the ticket's QR (`/t/{code}`).
 * Number, field, status, people ahead and a live estimated wait with its upper figure; the counter, with a
 * chime and a vibration, when the ticket is called; "Hủy số" while it waits; the
 * satisfaction rating after service. No personal data: the page knows only the code.
 *
 * Freshness: it refetches `GET /api/tickets/{code}` after every event of `/api/events`
 * (ui/live.ts) and every POLL_MS in case the stream is cut by a mobile network. Events of
 * the whole hall arrive, so fetches are coalesced: one in flight at a time, others
 * delayed by a random 0.2–1 s so that a hall full of phones does not hit the server in
 * the same millisecond. Once the ticket is over (done, no-show, cancelled) it stops both.
 */
import { html, LitElement, nothing } from "lit";
import { customElement, state } from "lit/decorators.js";
import { PRIORITY_LABELS, type ServiceInfo, type Ticket } from "../../server/contract/domain.ts";
import { ApiFailure } from "../../ui/api.ts";
import { hhmm, type Lang, storedLang, storeLang } from "../../ui/i18n.ts";
import { LiveController } from "../../ui/live.ts";
import { CallAlert } from "./alert.ts";
import { cancelTicket, fetchServices, fetchTicket, rateTicket } from "./data.ts";
import { icons } from "./icons.ts";
import { phoneError, phoneText as t } from "./phone-messages.ts";
import { phoneStyles } from "./phone-styles.ts";
import { waitPhrases, waitWords } from "./wait-text.ts";
import "./kiosk-confirm.ts";
import "./kiosk-rating.ts";

const POLL_MS = 30_000;
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

  private readonly _code = decodeURIComponent(location.pathname.split("/").filter(Boolean).pop() ?? "");
  private readonly _alert = new CallAlert();
  private readonly _live = new LiveController(this, (e) => this._schedule(e === null ? 0 : undefined));
  private _poll: ReturnType<typeof setInterval> | null = null;
  private _pending: ReturnType<typeof setTimeout> | null = null;
  private _inFlight = false;
  private _again = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this._poll = setInterval(() => this._schedule(0), POLL_MS);
    document.addEventListener("visibilitychange", this._onVisible);
    // Any tap unlocks the chime (autoplay policy), not only the sound button.
    this.addEventListener("pointerdown", this._unlock, { once: true });
    void fetchServices(this._lang)
      .then((r) => {
        this._services = new Map(r.services.map((s) => [s.id, s]));
      })
      .catch(() => {});
    void this._fetch();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._stop();
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
        <span>${t("privacy", l)}</span>
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

  /** Fetches soon: at once for `delay` 0, else after a random 0.2–1 s (many phones, one event). */
  private _schedule(delay = 200 + Math.random() * 800): void {
    if (this._pending) {
      if (delay > 0) return;
      clearTimeout(this._pending);
    }
    this._pending = setTimeout(() => {
      this._pending = null;
      void this._fetch();
    }, delay);
  }

  private async _fetch(): Promise<void> {
    if (this._inFlight) {
      this._again = true;
      return;
    }
    this._inFlight = true;
    try {
      const { ticket } = await fetchTicket(this._code, this._lang);
      this._apply(ticket);
    } catch (e) {
      if (e instanceof ApiFailure && e.status === 404) {
        this._phase = "not-found";
        this._stop();
      } else {
        if (this._phase === "loading") this._phase = "error";
        if (!this._ticket) this._schedule(5000); // first load failed: retry sooner than the poll
      }
    } finally {
      this._inFlight = false;
      if (this._again) {
        this._again = false;
        this._schedule(0);
      }
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
    if (FINAL.has(next.status)) this._stop();
  }

  private _stop(): void {
    this._live.close();
    if (this._poll) clearInterval(this._poll);
    if (this._pending) clearTimeout(this._pending);
    this._poll = null;
    this._pending = null;
  }

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

  private _onVisible = (): void => {
    if (document.visibilityState === "visible" && this._poll) this._schedule(0);
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
