/**
 * `<kiosk-header>`: the kiosk's top bar: the hall's name, the clock (Asia/Ho_Chi_Minh)
 * and the language switch, which is always in the same corner and always labelled in
 * the other language ("English" / "Tiếng Việt"), so a visitor finds it in either.
 *
 * @fires kiosk-lang - the visitor touched the language switch
 */
import { css, html, LitElement } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { hhmm, type Lang } from "../../ui/i18n.ts";
import { serverNow } from "../../ui/server-clock.ts";
import { icons } from "./icons.ts";
import { kioskText as t } from "./messages.ts";

@customElement("kiosk-header")
export class KioskHeader extends LitElement {
  static override styles = css`
    :host {
      display: flex;
      align-items: center;
      gap: 0.8em;
      padding: 0.5em 0.9em;
      background: var(--k-bar, #06294b);
      color: #fff;
      font-size: 0.8em;
    }
    .hall {
      flex: 1;
      font-weight: 700;
      line-height: 1.2;
      min-width: 0;
    }
    .clock {
      font-variant-numeric: tabular-nums;
      font-weight: 700;
      font-size: 1.2em;
    }
    button {
      font: inherit;
      font-weight: 700;
      display: inline-flex;
      align-items: center;
      gap: 0.4em;
      min-height: 2.4em;
      padding: 0.3em 0.9em;
      border-radius: 0.5em;
      border: 3px solid #fff;
      background: transparent;
      color: #fff;
      cursor: pointer;
      touch-action: manipulation;
    }
    button:active {
      background: #fff;
      color: var(--k-bar, #06294b);
    }
    button svg {
      font-size: 1.3em;
    }
  `;

  @property() locale: Lang = "vi";
  @property() hallName = "";
  /** The server's time (ui/server-clock.ts): a kiosk PC without NTP may be minutes off. */
  @state() private _now = new Date(serverNow()).toISOString();
  private _timer: ReturnType<typeof setInterval> | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this._timer = setInterval(() => {
      this._now = new Date(serverNow()).toISOString();
    }, 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this._timer) clearInterval(this._timer);
  }

  override render() {
    return html`<div class="hall">${this.hallName}</div>
      <div class="clock">${hhmm(this._now)}</div>
      <button
        lang=${this.locale === "vi" ? "en" : "vi"}
        aria-label=${t("langSwitchLabel", this.locale)}
        @click=${() => this.dispatchEvent(new CustomEvent("kiosk-lang", { bubbles: true, composed: true }))}
      >
        ${icons.globe}${t("langSwitch", this.locale)}
      </button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "kiosk-header": KioskHeader;
  }
}
