/**
 * `<phone-notify>`: "Báo trước khi đến lượt" on the phone status page (issue 14, decision
 * 0115). The visitor picks when ("còn 5 người" or "trước ~10 phút") and how (a notification
 * on this phone, Zalo, SMS: only the channels the hall configured), types a mobile number
 * for Zalo or SMS, and sees what they signed up for with "Ngừng báo". The page
 * (kiosk-phone-app.ts) does the requests; this element only asks.
 *
 * @fires notify-subscribe - `CustomEvent<NotifyRequest>`
 * @fires notify-stop - `CustomEvent<{ channel: NoticeChannel }>`
 */
import { css, html, LitElement, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { NoticeState } from "../../server/contract/api/notices.ts";
import { type NoticeChannel, normalizeVnMobile } from "../../server/contract/notices.ts";
import type { Lang } from "../../ui/i18n.ts";
import { phoneText as t } from "./phone-messages.ts";

export interface NotifyRequest {
  channel: NoticeChannel;
  phone?: string;
  ahead: number | null;
  minutes: number | null;
}

type When = { ahead: number } | { minutes: number };

@customElement("phone-notify")
export class PhoneNotify extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    section {
      background: #fff;
      border-radius: 14px;
      padding: 14px 16px;
      box-shadow: 0 1px 3px rgba(0, 0, 0, 0.08);
    }
    h2 {
      font-size: 1.05rem;
      margin: 0 0 4px;
      color: #0b3d6e;
    }
    p {
      margin: 6px 0;
      font-size: 0.92rem;
      color: #3a4658;
    }
    .label {
      font-weight: 600;
      margin: 12px 0 6px;
      font-size: 0.95rem;
    }
    .chips {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .chip {
      border: 1.5px solid #b8c4d6;
      background: #fff;
      color: #15243a;
      border-radius: 999px;
      padding: 8px 14px;
      font: inherit;
      font-size: 0.95rem;
      min-height: 44px;
      cursor: pointer;
    }
    .chip[aria-pressed="true"] {
      background: #0b3d6e;
      border-color: #0b3d6e;
      color: #fff;
    }
    .channels {
      display: grid;
      gap: 8px;
    }
    .channels .chip {
      border-radius: 10px;
      text-align: left;
    }
    input {
      font: inherit;
      font-size: 1.2rem;
      letter-spacing: 0.04em;
      width: 100%;
      box-sizing: border-box;
      padding: 10px 12px;
      border: 1.5px solid #b8c4d6;
      border-radius: 10px;
    }
    input[aria-invalid="true"] {
      border-color: #b3261e;
    }
    .row {
      display: flex;
      gap: 10px;
      margin-top: 14px;
    }
    .primary,
    .secondary {
      font: inherit;
      font-weight: 600;
      min-height: 48px;
      border-radius: 10px;
      padding: 0 18px;
      cursor: pointer;
    }
    .primary {
      flex: 1;
      background: #0b3d6e;
      color: #fff;
      border: none;
    }
    .primary:disabled {
      opacity: 0.55;
    }
    .secondary {
      background: #fff;
      border: 1.5px solid #b8c4d6;
      color: #15243a;
    }
    .small {
      font-size: 0.82rem;
      color: #5b6678;
    }
    .on {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 10px;
      padding: 8px 0;
      border-top: 1px solid #e3e8ef;
    }
    .on:first-of-type {
      border-top: none;
    }
    .error {
      color: #b3261e;
      font-weight: 600;
    }
  `;

  @property() locale: Lang = "vi";
  @property({ attribute: false }) state: NoticeState | null = null;
  @property({ type: Boolean }) busy = false;
  @property({ type: Boolean }) pushSupported = false;
  @property() error: string | null = null;

  @state() private _open = false;
  @state() private _when: When | null = null;
  @state() private _channel: NoticeChannel | null = null;
  @state() private _phone = "";
  @state() private _phoneTouched = false;

  /** Channels this browser can use among those the hall offers. */
  private _channels(): NoticeChannel[] {
    return (this.state?.channels ?? []).filter((c) => c !== "push" || this.pushSupported);
  }

  override render() {
    const s = this.state;
    if (!s || s.channels.length === 0) return nothing;
    const l = this.locale;
    return html`<section aria-labelledby="nt" data-notify>
      <h2 id="nt">${t("notifyTitle", l)}</h2>
      ${s.subscriptions.map(
        (x) => html`<div class="on" data-subscribed=${x.channel}>
          <span>
            ${t("notifyOn", l, { how: this._how(x.channel, x.phone), when: this._whenText(x.ahead, x.minutes) })}
            ${x.nearSent ? html`<br /><span class="small">${t("notifySent", l)}</span>` : nothing}
          </span>
          <button class="secondary" ?disabled=${this.busy} @click=${() => this._stop(x.channel)}>
            ${t("notifyStop", l)}
          </button>
        </div>`,
      )}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this._open ? this._form() : this._closed()}
    </section>`;
  }

  private _closed() {
    const l = this.locale;
    if (this.state!.subscriptions.length > 0 && this._channels().every((c) => this._subscribed(c)))
      return nothing;
    const any = this.state!.subscriptions.length > 0;
    return html`${any ? nothing : html`<p>${t("notifyIntro", l)}</p>`}
      <div class="row">
        <button class=${any ? "secondary" : "primary"} data-open @click=${() => {
          this._open = true;
          this._channel ??= this._channels().find((c) => !this._subscribed(c)) ?? null;
        }}>${t(any ? "notifyMore" : "notifyOpen", l)}</button>
      </div>
      ${
        this.state!.channels.includes("push") && !this.pushSupported
          ? html`<p class="small">${t("notifyPushUnsupported", l)}</p>`
          : nothing
      }`;
  }

  private _form() {
    const l = this.locale;
    const s = this.state!;
    const needsPhone = this._channel === "zalo" || this._channel === "sms";
    const phoneOk = normalizeVnMobile(this._phone) !== null;
    const ready = this._when !== null && this._channel !== null && (!needsPhone || phoneOk);
    return html`
      <div class="label" id="when">${t("notifyWhen", l)}</div>
      <div class="chips" role="group" aria-labelledby="when">
        ${s.aheadChoices.map((n) => this._chip({ ahead: n }, t("notifyAhead", l, { n })))}
        ${s.minutesChoices.map((n) => this._chip({ minutes: n }, t("notifyMinutes", l, { n })))}
      </div>
      <div class="label" id="how">${t("notifyHow", l)}</div>
      <div class="channels" role="radiogroup" aria-labelledby="how">
        ${this._channels().map(
          (c) => html`<button
            class="chip"
            role="radio"
            data-channel=${c}
            aria-checked=${this._channel === c}
            aria-pressed=${this._channel === c}
            @click=${() => {
              this._channel = c;
            }}
          >
            ${t(`channel-${c}`, l)}
          </button>`,
        )}
      </div>
      ${
        needsPhone
          ? html`<label class="label" for="phone">${t("notifyPhone", l)}</label>
            <input
              id="phone"
              type="tel"
              inputmode="tel"
              autocomplete="tel"
              maxlength="20"
              placeholder=${t("notifyPhoneHint", l)}
              .value=${this._phone}
              aria-invalid=${this._phoneTouched && !phoneOk}
              @input=${(e: Event) => {
                this._phone = (e.target as HTMLInputElement).value;
              }}
              @blur=${() => {
                this._phoneTouched = true;
              }}
            />
            ${
              this._phoneTouched && this._phone && !phoneOk
                ? html`<p class="error">${t("err-invalid-phone", l)}</p>`
                : nothing
            }
            <p class="small">${t("notifyPrivacy", l)}</p>`
          : nothing
      }
      ${s.onCall || s.onFinish ? html`<p class="small">${t("notifyAlso", l)}</p>` : nothing}
      <div class="row">
        <button class="secondary" @click=${() => {
          this._open = false;
        }}>${t("notifyCancelForm", l)}</button>
        <button class="primary" data-submit ?disabled=${!ready || this.busy} @click=${this._submit}>
          ${t("notifySubmit", l)}
        </button>
      </div>
    `;
  }

  private _chip(w: When, label: string) {
    const on =
      this._when !== null &&
      ("ahead" in w
        ? "ahead" in this._when && this._when.ahead === w.ahead
        : "minutes" in this._when && this._when.minutes === w.minutes);
    return html`<button
      class="chip"
      aria-pressed=${on}
      data-when=${"ahead" in w ? `ahead-${w.ahead}` : `minutes-${w.minutes}`}
      @click=${() => {
        this._when = w;
      }}
    >
      ${label}
    </button>`;
  }

  private _subscribed(c: NoticeChannel): boolean {
    return this.state?.subscriptions.some((x) => x.channel === c) ?? false;
  }

  private _how(c: NoticeChannel, phone: string | null): string {
    const name = t(`channel-${c}`, this.locale);
    return phone ? `${name} ${phone}` : name;
  }

  private _whenText(ahead: number | null, minutes: number | null): string {
    return ahead !== null
      ? t("notifyAhead", this.locale, { n: ahead })
      : t("notifyMinutes", this.locale, { n: minutes ?? 0 });
  }

  private _submit = () => {
    if (!this._when || !this._channel) return;
    const detail: NotifyRequest = {
      channel: this._channel,
      ahead: "ahead" in this._when ? this._when.ahead : null,
      minutes: "minutes" in this._when ? this._when.minutes : null,
      ...(this._channel === "push" ? {} : { phone: this._phone }),
    };
    this.dispatchEvent(new CustomEvent("notify-subscribe", { detail, bubbles: true, composed: true }));
  };

  /** The page calls this after a successful subscribe. */
  done(): void {
    this._open = false;
    this._phone = "";
    this._phoneTouched = false;
  }

  private _stop(channel: NoticeChannel) {
    this.dispatchEvent(
      new CustomEvent("notify-stop", { detail: { channel }, bubbles: true, composed: true }),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "phone-notify": PhoneNotify;
  }
}
