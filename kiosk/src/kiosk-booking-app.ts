/**
 * `<kiosk-booking-app>`: the public booking page ("Đặt lịch hẹn", issue 14), phone first,
 * Vietnamese first. `/hen`: choose a field, a day, a time, optionally a phone number for a
 * reminder, and book; the answer is the booking's own page `/hen/{code}` with its code in
 * big letters and its QR (scanned at the kiosk to check in), the check-in window, and
 * "Hủy lịch hẹn". Reached from the hall's poster QR (`/hen/poster`) and the phone status page.
 * The page keeps nothing itself: the booking lives on the server, its URL is the secret.
 */
import { css, html, LitElement, nothing } from "lit";
import { customElement, state } from "lit/decorators.js";
import type {
  Appointment,
  BookableField,
  BookingDay,
  SlotList,
} from "../../server/contract/api/appointments.ts";
import { ApiFailure } from "../../ui/api.ts";
import { hhmm, type Lang, storedLang, storeLang } from "../../ui/i18n.ts";
import "../../ui/qms-qr.ts";
import { dayLabel, bookingText as t } from "./booking-messages.ts";
import {
  bookAppointment,
  cancelAppointment,
  fetchAppointment,
  fetchBookableFields,
  fetchBookingDays,
  fetchSlots,
} from "./data.ts";
import { icons } from "./icons.ts";
import { phoneStyles } from "./phone-styles.ts";
import "./kiosk-confirm.ts";

const LANG_KEY = "qms.phone.lang";

@customElement("kiosk-booking-app")
export class KioskBookingApp extends LitElement {
  static override styles = [
    phoneStyles,
    css`
      h2 {
        font-size: 1.1rem;
        margin: 0.4rem 0;
      }
      .choices {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(8.5rem, 1fr));
        gap: 0.5rem;
      }
      .choices.slots {
        grid-template-columns: repeat(auto-fill, minmax(5.2rem, 1fr));
      }
      .choice {
        min-height: 3.2rem;
        padding: 0.4rem;
        border: 2px solid #0b3d6e;
        border-radius: 0.7rem;
        background: #fff;
        color: #0b2545;
        font-weight: 700;
        display: flex;
        flex-direction: column;
        align-items: center;
        justify-content: center;
      }
      .choice small {
        font-weight: 500;
        color: #374151;
      }
      .choice[disabled] {
        border-color: #d1d5db;
        color: #6b7280;
        background: #f3f4f6;
      }
      .choice.picked {
        background: #0b3d6e;
        color: #fff;
      }
      .choice.picked small {
        color: #e5e7eb;
      }
      .back {
        align-self: flex-start;
        border: none;
        background: none;
        color: #0b3d6e;
        font-weight: 700;
        padding: 0.3rem 0;
      }
      label {
        display: block;
        font-weight: 700;
        margin-bottom: 0.3rem;
      }
      input {
        font: inherit;
        font-size: 1.2rem;
        width: 100%;
        box-sizing: border-box;
        padding: 0.6rem;
        border: 2px solid #9ca3af;
        border-radius: 0.6rem;
      }
      .primary {
        min-height: 3.2rem;
        border: none;
        border-radius: 0.8rem;
        background: #0b3d6e;
        color: #fff;
        font-weight: 800;
        font-size: 1.15rem;
      }
      .secondary {
        min-height: 2.8rem;
        border: 2px solid #b91c1c;
        border-radius: 0.8rem;
        background: #fff;
        color: #b91c1c;
        font-weight: 700;
      }
      .code {
        font-size: 2.6rem;
        font-weight: 900;
        letter-spacing: 0.12em;
        font-variant-numeric: tabular-nums;
        color: #0b2545;
      }
      qms-qr {
        width: 13rem;
        height: 13rem;
        margin: 0.4rem auto;
      }
      .error {
        color: #991b1b;
        font-weight: 700;
      }
      .hint {
        color: #374151;
        font-size: 0.92rem;
      }
      .badge {
        display: inline-block;
        padding: 0.2rem 0.7rem;
        border-radius: 1rem;
        background: #e0ecfa;
        color: #0b2545;
        font-weight: 700;
      }
    `,
  ];

  @state() private _lang: Lang = storedLang(LANG_KEY);
  @state() private _fields: BookableField[] | null = null;
  @state() private _field: BookableField | null = null;
  @state() private _days: BookingDay[] | null = null;
  @state() private _day: string | null = null;
  @state() private _slots: SlotList | null = null;
  @state() private _slot: string | null = null;
  @state() private _phone = "";
  /** The hall sends booking confirmations/reminders (Zalo or SMS): only then is a number asked for. */
  @state() private _reminders = false;
  /** The hall's name for the header (from the fields answer). */
  @state() private _hall: { vi: string; en: string } | null = null;
  @state() private _booking: Appointment | null = null;
  @state() private _notFound = false;
  @state() private _error: string | null = null;
  @state() private _busy = false;
  @state() private _confirm = false;

  override connectedCallback(): void {
    super.connectedCallback();
    const code = location.pathname.split("/").filter(Boolean)[1];
    if (code) void this._load(decodeURIComponent(code));
    else void this._loadFields();
  }

  override willUpdate(): void {
    document.documentElement.lang = this._lang;
    document.title = t("title", this._lang);
  }

  private async _run<T>(f: () => Promise<T>): Promise<T | undefined> {
    this._busy = true;
    this._error = null;
    try {
      return await f();
    } catch (e) {
      const failure = e instanceof ApiFailure ? e : null;
      // The server's message is in the page's language (Accept-Language): show it as is.
      this._error =
        failure?.code === "network-error"
          ? t("err-network-error", this._lang)
          : (failure?.message ?? t("err-generic", this._lang));
      return undefined;
    } finally {
      this._busy = false;
    }
  }

  private async _load(code: string) {
    try {
      this._booking = (await fetchAppointment(code, this._lang)).appointment;
      if (!this._fields) {
        const r = await fetchBookableFields(this._lang);
        this._fields = r.fields;
        this._hall = r.hallName;
      }
    } catch (e) {
      if (e instanceof ApiFailure && e.status === 404) this._notFound = true;
      else this._error = t("err-generic", this._lang);
    }
  }

  private async _loadFields() {
    const r = await this._run(() => fetchBookableFields(this._lang));
    if (r) {
      this._fields = r.fields;
      this._reminders = r.reminders;
      this._hall = r.hallName;
    }
  }

  private async _pickField(f: BookableField) {
    this._field = f;
    this._day = null;
    this._slots = null;
    this._slot = null;
    this._days = null;
    const r = await this._run(() => fetchBookingDays(f.id, this._lang));
    if (r) this._days = r.days;
  }

  private async _pickDay(date: string) {
    this._day = date;
    this._slot = null;
    this._slots = null;
    const r = await this._run(() => fetchSlots(this._field!.id, date, this._lang));
    if (r) this._slots = r;
  }

  private async _book() {
    const body = {
      serviceId: this._field!.id,
      date: this._day!,
      slot: this._slot!,
      lang: this._lang,
      ...(this._reminders && this._phone.trim() ? { phone: this._phone.trim() } : {}),
    };
    const r = await this._run(() => bookAppointment(body));
    if (!r) {
      // A full or past slot: show the fresh slots of the day.
      if (this._day)
        void fetchSlots(this._field!.id, this._day, this._lang)
          .then((s) => (this._slots = s))
          .catch(() => {});
      return;
    }
    this._booking = r.appointment;
    history.replaceState(null, "", `/hen/${r.appointment.code}`);
  }

  private async _cancel() {
    this._confirm = false;
    const b = this._booking!;
    const r = await this._run(() => cancelAppointment(b.code, this._lang));
    if (r) this._booking = r.appointment;
  }

  private _toggleLang = () => {
    this._lang = this._lang === "vi" ? "en" : "vi";
    storeLang(LANG_KEY, this._lang);
  };

  private _name(f: { name: { vi: string; en: string } }) {
    return this._lang === "en" ? f.name.en : f.name.vi;
  }

  override render() {
    const l = this._lang;
    return html`<header>
        <span class="title"
          >${t("title", l)}${this._hall ? html`<small class="hall" data-hall>${this._name({ name: this._hall })}</small>` : nothing}</span
        >
        <button class="lang" @click=${this._toggleLang}>${icons.globe}${t("langSwitch", l)}</button>
      </header>
      <main>
        ${this._error ? html`<p class="error" role="alert" data-error>${this._error}</p>` : nothing}
        ${this._body()}
        ${this._reminders || this._booking?.reminder ? html`<p class="hint">${t("privacy", l)}</p>` : nothing}
      </main>
      ${
        this._confirm && this._booking
          ? html`<kiosk-confirm
            .message=${t("cancelConfirm", l, { slot: `${this._booking.slot} ${dayLabel(this._booking.date, l)}` })}
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
    if (this._notFound)
      return html`<section class="card" data-phase="not-found"><p>${t("notFound", l)}</p></section>`;
    if (this._booking) return this._bookingView(this._booking);
    if (!this._fields) return html`<p class="center">${t("loading", l)}</p>`;
    if (this._fields.length === 0) return html`<section class="card"><p>${t("noFields", l)}</p></section>`;
    if (!this._field)
      return html`<h2>${t("step1", l)}</h2>
        <div class="choices" data-step="field">
          ${this._fields.map((f) => html`<button class="choice" data-field=${f.id} @click=${() => this._pickField(f)}>${this._name(f)}</button>`)}
        </div>`;
    const back = (f: () => void) => html`<button class="back" @click=${f}>${t("back", l)}</button>`;
    if (!this._day)
      return html`${back(() => {
        this._field = null;
      })}
        <h2>${t("step2", l)} · ${this._name(this._field)}</h2>
        <div class="choices" data-step="day">
          ${(this._days ?? []).map(
            (
              d,
              i,
            ) => html`<button class="choice" data-day=${d.date} ?disabled=${!d.open || d.free === 0} @click=${() => this._pickDay(d.date)}>
              ${i === 0 ? t("today", l) : dayLabel(d.date, l)}
              <small>${!d.open ? t("closedDay", l) : d.free === 0 ? t("full", l) : t("freeN", l, { n: d.free })}</small>
            </button>`,
          )}
        </div>`;
    const open = (this._slots?.slots ?? []).filter((s) => !s.past);
    if (!this._slot)
      return html`${back(() => {
        this._day = null;
      })}
        <h2>${t("step3", l)} · ${dayLabel(this._day, l)}</h2>
        ${
          this._slots && open.every((s) => s.free === 0)
            ? html`<p>${t("noSlots", l)}</p>`
            : html`<div class="choices slots" data-step="slot">
              ${open.map(
                (s) =>
                  html`<button class="choice" data-slot=${s.slot} ?disabled=${s.free === 0} @click=${() => {
                    this._slot = s.slot;
                  }}>${s.slot}<small>${s.free === 0 ? t("full", l) : t("freeN", l, { n: s.free })}</small></button>`,
              )}
            </div>`
        }`;
    return html`${back(() => {
      this._slot = null;
    })}
      <h2>${t("step4", l)}</h2>
      <section class="card" data-step="confirm">
        <p><b>${t("summary", l, { field: this._name(this._field), day: dayLabel(this._day, l), slot: this._slot })}</b></p>
        ${
          this._reminders
            ? html`<label for="phone">${t("phoneLabel", l)}</label>
        <input id="phone" name="phone" type="tel" inputmode="tel" autocomplete="tel" placeholder="0912 345 678"
          .value=${this._phone} @input=${(e: Event) => {
            this._phone = (e.target as HTMLInputElement).value;
          }} />
        <p class="hint">${t("phoneHint", l)}</p>`
            : nothing
        }
        <button class="primary" data-book ?disabled=${this._busy} @click=${this._book}>${t("confirm", l)}</button>
      </section>`;
  }

  private _bookingView(b: Appointment) {
    const l = this._lang;
    const field = this._fields?.find((f) => f.id === b.serviceId);
    const status =
      b.status === "checked-in"
        ? t("status-checked-in", l, { number: b.ticket?.number ?? "" })
        : t(`status-${b.status}`, l);
    return html`<section class="card" data-phase="booking" data-status=${b.status}>
        <p class="label">${t("yourCode", l)}</p>
        <div class="code" data-code>${b.code.slice(0, 4)} ${b.code.slice(4)}</div>
        ${b.status === "booked" ? html`<qms-qr .value=${b.url} label=${b.code}></qms-qr>` : nothing}
        <p><b>${field ? this._name(field) : b.serviceId}</b><br />${dayLabel(b.date, l)} · <b>${b.slot}</b></p>
        <p><span class="badge">${status}</span></p>
        ${
          b.status === "booked"
            ? html`<p>${t("window", l, { from: hhmm(b.checkInFrom), until: hhmm(b.checkInUntil) })}</p>
              <p class="hint">${t("keepCode", l)} ${t("lateHint", l)}</p>
              ${b.reminder ? html`<p class="hint">${t("reminderOn", l)}</p>` : nothing}
              ${b.reminderAt ? html`<p class="hint" data-reminder-at>${t("reminderAt", l, { time: `${hhmm(b.reminderAt)} ${dayLabel(b.reminderAt.slice(0, 10), l)}` })}</p>` : nothing}`
            : nothing
        }
        ${b.ticket ? html`<p><a href=${b.ticket.statusUrl}>${t("followTicket", l)} ${b.ticket.number}</a></p>` : nothing}
      </section>
      ${
        b.status === "booked"
          ? html`<button class="secondary" data-cancel @click=${() => {
              this._confirm = true;
            }}>${t("cancel", l)}</button>`
          : nothing
      }
      <a class="back" href="/hen">${t("another", l)}</a>`;
  }
}
