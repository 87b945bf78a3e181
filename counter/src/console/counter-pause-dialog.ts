import { css, html, LitElement } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { Lang } from "../../../ui/i18n.ts";
import "./counter-dialog.ts";
import { buttons, tokens } from "../staff/styles.ts";
import { type MessageKey, t } from "./messages.ts";

/** Preset reasons; the Vietnamese text is what the audit log keeps, whatever the UI language. */
const PRESETS = ["break", "meeting", "dossier", "fault"] as const;

/**
 * "Tạm nghỉ": pick a reason (or type one) and pause the counter.
 *
 * @fires submit-dialog - `CustomEvent<{ action: "pause"; reason: string }>`.
 * @fires cancel
 */
@customElement("counter-pause-dialog")
export class CounterPauseDialog extends LitElement {
  static override styles = [
    tokens,
    buttons,
    css`
      form {
        display: grid;
        gap: 12px;
      }
      .presets {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 8px;
      }
      .presets button[aria-pressed="true"] {
        background: var(--qms-paused);
        border-color: var(--qms-paused);
        color: #fff;
      }
      .row {
        display: flex;
        justify-content: flex-end;
        gap: 8px;
      }
    `,
  ];

  @property() locale: Lang = "vi";
  @state() private _preset: (typeof PRESETS)[number] | null = "break";
  @state() private _other = "";

  override render() {
    const l = this.locale;
    const reason = this._reason();
    return html`<counter-dialog heading=${t("pauseTitle", l)}>
      <form @submit=${this._submit}>
        <div class="presets" role="group" aria-label=${t("pauseReason", l)}>
          ${PRESETS.map(
            (p) => html`<button
              type="button"
              aria-pressed=${this._preset === p ? "true" : "false"}
              @click=${() => {
                this._preset = p;
                this._other = "";
              }}
            >
              ${t(`reason.${p}` as MessageKey, l)}
            </button>`,
          )}
        </div>
        <label
          >${t("reasonOther", l)}
          <input
            name="other"
            maxlength="200"
            .value=${this._other}
            @input=${(e: Event) => {
              this._other = (e.target as HTMLInputElement).value;
              this._preset = this._other.trim() ? null : this._preset;
            }}
        /></label>
        <div class="row">
          <button type="button" @click=${this._cancel}>${t("cancel", l)}</button>
          <button class="primary" type="submit" autofocus ?disabled=${!reason}>${t("a.pause", l)}</button>
        </div>
      </form>
    </counter-dialog>`;
  }

  private _reason(): string {
    if (this._other.trim()) return this._other.trim();
    return this._preset ? t(`reason.${this._preset}` as MessageKey, "vi") : "";
  }

  private _submit(e: Event) {
    e.preventDefault();
    const reason = this._reason();
    if (!reason) return;
    this.dispatchEvent(
      new CustomEvent("submit-dialog", {
        detail: { action: "pause", reason },
        bubbles: true,
        composed: true,
      }),
    );
  }

  private _cancel() {
    this.dispatchEvent(new CustomEvent("cancel", { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "counter-pause-dialog": CounterPauseDialog;
  }
}
