import { css, html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import { PRIORITY_LABELS, type ServiceInfo } from "../../../server/contract/domain.ts";
import { hhmm, type Lang } from "../../../ui/i18n.ts";
import { clockDuration, secondsBetween, waitLevel } from "../../../ui/wait.ts";
import { card, tokens } from "../staff/styles.ts";
import { t } from "./messages.ts";
import type { HeldCounter } from "./state.ts";

/**
 * The visitor at the desk: the number, its field and priority, how long they waited
 * (issue → call, amber near and red past the 15-minute target) and how long they have
 * been at the counter, and the dossier code linked to the visit (with a button to add or
 * edit it, `open-dossier`); or the idle and paused states. Shows only what the ticket
 * carries: no personal data exists to show.
 */
@customElement("counter-current")
export class CounterCurrent extends LitElement {
  static override styles = [
    tokens,
    card,
    css`
      :host {
        display: block;
      }
      .card {
        /* One height for every state, so the buttons below never move under the mouse. */
        height: 252px;
        overflow: hidden;
        box-sizing: border-box;
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 4px 24px;
        align-content: center;
        position: relative;
      }
      .number {
        font-size: 96px;
        line-height: 1;
        font-weight: 800;
        letter-spacing: 0.02em;
        font-variant-numeric: tabular-nums;
      }
      .pill {
        display: inline-block;
        font-size: 0.95rem;
        font-weight: 700;
        padding: 4px 12px;
        border-radius: 999px;
        margin-bottom: 8px;
      }
      .pill.called {
        background: #e6eefc;
        color: var(--qms-primary-dark);
      }
      .pill.serving {
        background: #e3f4ea;
        color: var(--qms-ok);
      }
      .field {
        font-size: 1.3rem;
        font-weight: 600;
        margin-top: 6px;
      }
      .prio {
        display: inline-block;
        margin-top: 6px;
        padding: 2px 10px;
        border-radius: 6px;
        background: #fff0c2;
        color: #6b4500;
        font-weight: 600;
      }
      .prio.booked {
        background: #dbeafe;
        color: #0b2545;
      }
      .meta {
        color: var(--qms-muted);
        margin-top: 8px;
      }
      .times {
        display: grid;
        gap: 10px;
        align-content: center;
        text-align: right;
      }
      .time {
        border-radius: 8px;
        padding: 6px 12px;
      }
      .time .k {
        font-size: 0.85rem;
        color: var(--qms-muted);
      }
      .time .v {
        font-size: 2rem;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
      .wait-near .k,
      .wait-over .k {
        color: inherit;
      }
      .idle {
        grid-column: 1 / -1;
        text-align: center;
        color: var(--qms-muted);
      }
      .idle .big {
        font-size: 2rem;
        font-weight: 700;
        color: var(--qms-text);
        margin-bottom: 8px;
      }
      .paused {
        border-color: var(--qms-paused);
        background: #f3effa;
      }
      .paused .big {
        color: var(--qms-paused);
      }
      .stale {
        opacity: 0.45;
      }
      .dossier {
        display: flex;
        align-items: center;
        gap: 8px;
        margin-top: 6px;
        font-size: 0.95rem;
      }
      .dossier code {
        font-weight: 700;
      }
      .dossier button {
        font: inherit;
        font-size: 0.85rem;
        padding: 2px 10px;
        border-radius: 6px;
        border: 1px solid var(--qms-primary);
        background: #fff;
        color: var(--qms-primary-dark);
        cursor: pointer;
      }
      .stale-note {
        position: absolute;
        top: 10px;
        right: 14px;
        font-size: 0.85rem;
        color: var(--qms-near);
      }
    `,
  ];

  @property() locale: Lang = "vi";
  @property({ attribute: false }) counter: HeldCounter | null = null;
  @property({ attribute: false }) services: ServiceInfo[] = [];
  /** The server's current time in epoch ms (ticks every second). */
  @property({ type: Number }) now = Date.now();
  /** True while the live stream is down: what is shown may be out of date. */
  @property({ type: Boolean }) stale = false;

  override render() {
    const l = this.locale;
    const c = this.counter;
    const staleNote = this.stale ? html`<span class="stale-note">${t("stale", l)}</span>` : null;
    if (c?.paused)
      return html`<section class="card paused" aria-live="polite">
        ${staleNote}
        <div class="idle">
          <div class="big">${t("pausedTitle", l)}</div>
          ${c.pauseReason ? html`<div>${t("pauseReasonIs", l, { r: c.pauseReason })}</div>` : null}
          <div>${t("pausedHint", l)}</div>
        </div>
      </section>`;
    const tk = c?.currentTicket;
    if (!tk)
      return html`<section class="card" aria-live="polite">
        ${staleNote}
        <div class="idle ${this.stale ? "stale" : ""}">
          <div class="big">${t("noCurrent", l)}</div>
          <div>${t("noCurrentHint", l)}</div>
        </div>
      </section>`;
    const waited = secondsBetween(tk.issuedAt, tk.calledAt ?? this.now);
    const atCounter = secondsBetween(tk.calledAt, this.now);
    const field = this.services.find((s) => s.id === tk.serviceId)?.name[l] ?? tk.serviceId;
    return html`<section class="card" aria-live="polite" data-number=${tk.number}>
      ${staleNote}
      <div class=${this.stale ? "stale" : ""}>
        <span class="pill ${tk.status}">${t(tk.status === "serving" ? "statusServing" : "statusCalled", l)}</span>
        <div class="number">${tk.number}</div>
        <div class="field">${field}</div>
        ${tk.priority !== "none" ? html`<div class="prio">${PRIORITY_LABELS[tk.priority][l]}</div>` : null}
        ${tk.dueAt ? html`<div class="prio booked" data-booked>${t("bookedAt", l, { time: hhmm(tk.dueAt) })}</div>` : null}
        <div class="dossier" data-dossier=${c?.currentDossier?.dossierCode ?? ""}>
          ${
            c?.currentDossier
              ? html`<span>${t("dossierIs", l, { code: "" })}<code>${c.currentDossier.dossierCode}</code>${
                  c.currentDossier.procedureCode
                    ? html` · <code>${c.currentDossier.procedureCode}</code>`
                    : null
                }</span>`
              : null
          }
          <button type="button" data-action="dossier" @click=${this._openDossier}>
            ${t(c?.currentDossier ? "dossierEdit" : "dossierAdd", l)}
          </button>
        </div>
        <div class="meta">
          ${t("issuedAt", l, { t: hhmm(tk.issuedAt) })}${
            (tk.callCount ?? 1) > 1 ? html` · ${t("calledTimes", l, { n: tk.callCount ?? 1 })}` : null
          }
        </div>
      </div>
      <div class="times ${this.stale ? "stale" : ""}">
        <div class="time wait-${waitLevel(waited)}" data-wait-level=${waitLevel(waited)}>
          <div class="k">${t("waited", l)}</div>
          <div class="v">${clockDuration(waited)}</div>
        </div>
        <div class="time">
          <div class="k">${t("atCounter", l)}</div>
          <div class="v">${clockDuration(atCounter)}</div>
        </div>
      </div>
    </section>`;
  }

  private _openDossier() {
    this.dispatchEvent(new CustomEvent("open-dossier", { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "counter-current": CounterCurrent;
  }
}
