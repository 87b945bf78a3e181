/**
 * A small "mất kết nối" pill while no fresh data arrives, with the time the board went
 * stale, so staff notice a frozen board without alarming visitors. The board keeps
 * showing the last state meanwhile and reconnects by itself. It is slotted into
 * <display-header> and sits on the header's lower edge at the right, over the empty end
 * of the section titles, in every orientation.
 */
import { css, html, LitElement, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { clockTime } from "./display-clock.ts";
import { t } from "./messages.ts";

@customElement("display-status")
export class DisplayStatus extends LitElement {
  static override styles = css`
    :host {
      position: absolute;
      right: calc(var(--u) * 3);
      bottom: calc(var(--u) * -4.2);
      z-index: 5;
      pointer-events: none;
    }
    .pill {
      display: flex;
      align-items: center;
      gap: 0.5em;
      padding: 0.3em 0.9em;
      border-radius: 999px;
      background: rgba(0, 0, 0, 0.65);
      color: #fff;
      font-size: calc(var(--u) * 2.2);
    }
    .dot {
      width: 0.7em;
      height: 0.7em;
      border-radius: 50%;
      background: var(--danger);
      animation: pulse 2s ease-in-out infinite;
    }
    small {
      color: var(--muted);
    }
    @keyframes pulse {
      50% {
        opacity: 0.3;
      }
    }
  `;

  @property({ type: Boolean }) online = true;
  /** When the board lost its feed (epoch ms), or null. */
  @property({ type: Number }) since: number | null = null;
  /** Shown only after a short grace period: a reconnect within 2 s is not worth a blink. */
  @state() private _show = false;
  private timer: ReturnType<typeof setTimeout> | null = null;

  override willUpdate(): void {
    if (this.online) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      this._show = false;
    } else if (!this._show && !this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this._show = !this.online;
      }, 2000);
    }
  }

  override render() {
    if (this.online || !this._show) return nothing;
    const time = this.since ? clockTime(new Date(this.since)) : "";
    return html`<div class="pill" role="status" data-testid="offline">
      <span class="dot"></span>
      <span>${t("offline", "vi")} · ${t("offline", "en")}</span>
      ${time ? html`<small>${t("offlineSince", "vi", { time })}</small>` : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "display-status": DisplayStatus;
  }
}
