/**
 * `<kiosk-print-status>`: what happened to the paper ticket, in one coloured box:
 * printing (blue), printed (green), or a failure (red: failed, printer offline, out of
 * paper) with the instruction to keep the number from the screen and, once the printer
 * is back, a "In lại vé" button. A kiosk without a printer says so (no paper will come).
 *
 * @fires kiosk-reprint - the visitor asked for a reprint
 */
import { css, html, LitElement, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { PrintJob } from "../../server/contract/index.ts";
import type { Lang } from "../../ui/i18n.ts";
import { icons } from "./icons.ts";
import { type KioskKey, kioskError, kioskText as t } from "./messages.ts";

const STATE_TEXT: Record<PrintJob["state"], KioskKey> = {
  sent: "printSending",
  printed: "printPrinted",
  failed: "printFailed",
  offline: "printOffline",
  "no-paper": "printNoPaper",
};

@customElement("kiosk-print-status")
export class KioskPrintStatus extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    .box {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.35em 0.6em;
      padding: 0.45em 0.7em;
      border-radius: 0.45em;
      font-size: 0.8em;
      font-weight: 700;
      line-height: 1.3;
      border: 3px solid;
    }
    .box > svg {
      font-size: 1.8em;
      flex: none;
    }
    .msg {
      flex: 1 1 12em;
    }
    .msg small {
      display: block;
      font-weight: 600;
      font-size: 0.85em;
      margin-top: 0.2em;
    }
    .sent {
      background: #e3efff;
      color: #0b3d6e;
      border-color: #0b3d6e;
    }
    .printed {
      background: #e4f6e8;
      color: #14532d;
      border-color: #1d6b2f;
    }
    .bad {
      background: #fff1f1;
      color: #8a1111;
      border-color: #b91c1c;
    }
    .none {
      background: #fff8db;
      color: #5a4100;
      border-color: #b58900;
    }
    .sent > svg {
      animation: pulse 1s ease-in-out infinite alternate;
    }
    @keyframes pulse {
      to {
        opacity: 0.3;
      }
    }
    button {
      flex: 1 1 100%;
      font: inherit;
      font-weight: 800;
      min-height: 2.4em;
      padding: 0.2em 0.9em;
      border-radius: 0.45em;
      border: none;
      background: #b91c1c;
      color: #fff;
      cursor: pointer;
      touch-action: manipulation;
    }
    button:disabled {
      background: #9aa3ad;
    }
  `;

  @property() locale: Lang = "vi";
  /** The job, or null when this kiosk prints nothing (no kiosk id, no printer). */
  @property({ attribute: false }) job: PrintJob | null = null;
  @property({ type: Boolean }) untracked = false;
  @property({ type: Boolean }) canReprint = false;
  @property({ type: Boolean }) busy = false;
  /** Error code of the last reprint attempt. */
  @property() error: string | null = null;

  override render() {
    const l = this.locale;
    const j = this.job;
    if (!j)
      return html`<div class="box none" data-state="none">${icons.warning}<span class="msg">${t("printNone", l)}</span></div>`;
    if (this.untracked && j.state === "sent")
      return html`<div class="box sent" data-state="untracked">${icons.printer}<span class="msg">${t("printUnknown", l)}</span></div>`;
    const bad = j.state !== "sent" && j.state !== "printed";
    const cls = bad ? "bad" : j.state;
    return html`<div class="box ${cls}" data-state=${j.state} role="status" aria-live="polite">
      ${bad ? icons.warning : j.state === "printed" ? icons.check : icons.printer}
      <span class="msg"
        >${t(STATE_TEXT[j.state], l)}
        ${bad ? html`<small>${t("printKeepScreen", l)}</small>` : nothing}
        ${this.error ? html`<small>${kioskError(this.error, l, "err-reprint")}</small>` : nothing}</span
      >
      ${
        bad
          ? html`<button
            class="reprint"
            ?disabled=${!this.canReprint || this.busy}
            @click=${() => this.dispatchEvent(new CustomEvent("kiosk-reprint", { bubbles: true, composed: true }))}
          >
            ${t(this.canReprint ? "reprint" : "reprintWaiting", l)}
          </button>`
          : nothing
      }
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "kiosk-print-status": KioskPrintStatus;
  }
}
