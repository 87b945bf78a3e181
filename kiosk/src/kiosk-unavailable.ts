/**
 * `<kiosk-unavailable>`: the whole-screen "Tạm thời không phục vụ" shown while the kiosk
 * cannot reach the server. Always in both languages (a visitor cannot switch language on a
 * dead kiosk); the app leaves it by itself when the server answers again.
 */
import { css, html, LitElement } from "lit";
import { customElement } from "lit/decorators.js";
import { icons } from "./icons.ts";
import { kioskText as t } from "./messages.ts";

@customElement("kiosk-unavailable")
export class KioskUnavailable extends LitElement {
  static override styles = css`
    :host {
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      gap: 0.5em;
      padding: 1em;
      text-align: center;
      background: #3b0d0d;
      color: #fff;
      height: 100%;
      box-sizing: border-box;
    }
    svg {
      font-size: 5em;
      color: #ffd34d;
    }
    h1 {
      margin: 0;
      font-size: 1.9em;
      line-height: 1.2;
    }
    h2 {
      margin: 0 0 0.6em;
      font-size: 1.3em;
      font-weight: 600;
      opacity: 0.9;
    }
    p {
      margin: 0;
      max-width: 26em;
      font-size: 0.9em;
      line-height: 1.4;
    }
    p[lang="en"] {
      opacity: 0.85;
      font-size: 0.8em;
    }
    .retry {
      margin-top: 1.2em;
      font-size: 0.75em;
      opacity: 0.85;
    }
  `;

  override render() {
    return html`${icons.offline}
      <h1 lang="vi">${t("unavailableTitle", "vi")}</h1>
      <h2 lang="en">${t("unavailableTitle", "en")}</h2>
      <p lang="vi">${t("unavailableBody", "vi")}</p>
      <p lang="en">${t("unavailableBody", "en")}</p>
      <p class="retry" role="status">${t("unavailableRetry", "vi")} · ${t("unavailableRetry", "en")}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "kiosk-unavailable": KioskUnavailable;
  }
}
