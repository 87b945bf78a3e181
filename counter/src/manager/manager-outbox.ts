import { css, html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { OutboxStatus } from "../../../server/contract/api/outbox.ts";
import { hhmm, type Lang } from "../../../ui/i18n.ts";
import { buttons, card, tokens } from "../staff/styles.ts";
import { mt } from "./messages.ts";
import { managerStyles } from "./styles.ts";

/**
 * Messages to outside systems (issue 15, decision 0043): for each channel (the one-stop
 * system's webhook) whether it is set up, how many wait, retry or failed, and the last
 * error; the failed messages with "Gửi lại" (send again). Hidden while no channel is set
 * up and nothing ever went out. The visitors' notices (Web Push, Zalo ZNS, SMS; issue 14)
 * have a card of their own with the same figures.
 *
 * @fires outbox-retry - `CustomEvent<{ id: number }>`: send this failed message again.
 */
const NOTICE_CHANNELS: readonly string[] = ["push", "zalo", "sms"];
const CHANNEL_LABEL = {
  webhook: "outboxWebhook",
  push: "channelPush",
  zalo: "channelZalo",
  sms: "channelSms",
} as const satisfies Record<string, Parameters<typeof mt>[0]>;
const TOPIC_LABEL = {
  "notice.near": "noticeNear",
  "notice.called": "noticeCalled",
  "notice.finished": "noticeFinished",
  "notice.booked": "noticeBooked",
  "notice.reminder": "noticeReminder",
} as const satisfies Record<string, Parameters<typeof mt>[0]>;

/** The last error in words: the receiver's own words, with its HTTP status when they lack it. */
function lastError(e: { status: number | null; error: string }): string {
  if (e.status === null || e.error.startsWith("HTTP") || (e.status >= 200 && e.status < 300)) return e.error;
  return `HTTP ${e.status} · ${e.error}`;
}

@customElement("manager-outbox")
export class ManagerOutbox extends LitElement {
  static override styles = [
    tokens,
    buttons,
    card,
    managerStyles,
    css`
      :host {
        display: block;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 4px;
        font-size: 0.88rem;
      }
      li {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: 8px;
        flex-wrap: wrap;
      }
      .err {
        color: var(--qms-over);
      }
      button {
        padding: 2px 10px;
        font-size: 0.85rem;
      }
    `,
  ];

  @property() locale: Lang = "vi";
  @property({ attribute: false }) status: OutboxStatus | null = null;
  @property({ type: Boolean }) busy = false;

  override render() {
    const s = this.status;
    if (!s) return null;
    const isNotice = (ch: string) => NOTICE_CHANNELS.includes(ch);
    return html`${this._section("outbox", mt("outboxTitle", this.locale), (c) => !isNotice(c))}
    ${this._section("notices", mt("visitorNoticesTitle", this.locale), isNotice)}`;
  }

  /**
   * One card: the one-stop system's webhook, or the visitors' notices (issue 14): per
   * channel whether it is set up, sent and waiting, failed, the last error; then the
   * failed messages with "Gửi lại". Hidden while none is set up and nothing went out.
   */
  private _section(id: string, title: string, mine: (channel: string) => boolean) {
    const l = this.locale;
    const s = this.status!;
    const channels = s.channels.filter((c) => mine(c.channel));
    if (!channels.some((c) => c.configured || c.pending || c.failed || c.delivered24h)) return null;
    const failed = s.messages.filter((m) => m.state === "failed" && mine(m.channel));
    const name = (ch: string) =>
      Object.hasOwn(CHANNEL_LABEL, ch) ? mt(CHANNEL_LABEL[ch as keyof typeof CHANNEL_LABEL], l) : ch;
    const topic = (t: string) =>
      Object.hasOwn(TOPIC_LABEL, t) ? mt(TOPIC_LABEL[t as keyof typeof TOPIC_LABEL], l) : t;
    return html`<section class="card" aria-label=${title} data-outbox=${id}>
      <h2>${title}</h2>
      <ul>
        ${channels.map(
          (c) => html`<li data-channel=${c.channel} data-failed=${c.failed} data-pending=${c.pending}>
            <span>${name(c.channel)}</span>
            <span>
              ${c.configured ? null : html`<span class="badge near">${mt("outboxNotSet", l)}</span>`}
              ${mt("outboxFigures", l, { sent: c.delivered24h, pending: c.pending })}
              ${c.failed ? html` · <span class="badge over">${mt("outboxFailed", l, { n: c.failed })}</span>` : null}
            </span>
            ${
              c.lastError
                ? html`<div class="sub err" data-last-error>
                    ${mt("outboxLastError", l, {
                      t: hhmm(c.lastError.at),
                      e: lastError(c.lastError),
                    })}
                  </div>`
                : null
            }
          </li>`,
        )}
        ${failed.slice(0, 8).map(
          (m) => html`<li data-message=${m.id}>
            <span>${m.number ?? "—"} · ${topic(m.topic)} <span class="sub err">${m.lastError ?? ""}</span></span>
            <button ?disabled=${this.busy} @click=${() => this._retry(m.id)}>${mt("outboxRetry", l)}</button>
          </li>`,
        )}
      </ul>
    </section>`;
  }

  private _retry(id: number) {
    this.dispatchEvent(new CustomEvent("outbox-retry", { detail: { id }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "manager-outbox": ManagerOutbox;
  }
}
