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
 * up and nothing ever went out.
 *
 * @fires outbox-retry - `CustomEvent<{ id: number }>`: send this failed message again.
 */
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
    const l = this.locale;
    const s = this.status;
    if (!s?.channels.some((c) => c.configured || c.pending || c.failed || c.delivered24h)) return null;
    const failed = s.messages.filter((m) => m.state === "failed");
    return html`<section class="card" aria-label=${mt("outboxTitle", l)} data-outbox>
      <h2>${mt("outboxTitle", l)}</h2>
      <ul>
        ${s.channels.map(
          (c) => html`<li data-channel=${c.channel} data-failed=${c.failed} data-pending=${c.pending}>
            <span>${c.channel === "webhook" ? mt("outboxWebhook", l) : c.channel}</span>
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
                      e: c.lastError.status ? `HTTP ${c.lastError.status}` : c.lastError.error,
                    })}
                  </div>`
                : null
            }
          </li>`,
        )}
        ${failed.map(
          (m) => html`<li data-message=${m.id}>
            <span>${m.number ?? "—"} · ${m.topic} <span class="sub err">${m.lastError ?? ""}</span></span>
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
