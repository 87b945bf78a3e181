import { css, html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { StaffingAdvice } from "../../../server/contract/api/staffing.ts";
import type { ServiceInfo } from "../../../server/contract/domain.ts";
import type { Lang } from "../../../ui/i18n.ts";
import { card, tokens } from "../staff/styles.ts";
import { fmtPct, fmtTime } from "./format.ts";
import { mt } from "./messages.ts";
import { managerStyles } from "./styles.ts";

/** Options shown: the most useful first, as the server sorts them. */
const SHOWN = 3;
/** An option must save at least this many waiting minutes, summed, to be worth a line. */
const WORTH_MIN = 5;

/**
 * The staffing advice by simulation (issue 9, `GET /api/staffing-advice`): the rest of
 * today simulated from the live state with and without each change, and what the best
 * changes buy for their field ("Mở thêm 1 quầy Đất đai — Đất đai: chờ lâu nhất 38 → 14
 * phút"). Complements the Erlang C hint of the field table, which is steady-state.
 */
@customElement("manager-staffing")
export class ManagerStaffing extends LitElement {
  static override styles = [
    tokens,
    card,
    managerStyles,
    css`
      :host {
        display: block;
      }
      ul {
        list-style: none;
        margin: 6px 0 0;
        padding: 0;
        display: grid;
        gap: 6px;
      }
      li {
        padding: 6px 8px;
        border-radius: 8px;
        border-left: 4px solid var(--qms-primary);
        background: #eef4fb;
      }
      li b {
        display: block;
      }
      .effect,
      .as-is,
      .at {
        font-size: 0.88rem;
      }
      .at {
        color: var(--qms-muted);
        margin-top: 6px;
      }
      .ok-line {
        color: var(--qms-ok);
        font-size: 0.92rem;
      }
    `,
  ];

  @property() locale: Lang = "vi";
  @property({ attribute: false }) advice: StaffingAdvice | null = null;
  @property({ attribute: false }) services: ServiceInfo[] = [];

  override render() {
    const a = this.advice;
    if (!a) return null;
    const l = this.locale;
    const min = (x: number) => Math.round(x).toString();
    const useful = a.options
      .filter((o) => a.baseline.minutesBeyond - o.outcome.minutesBeyond >= WORTH_MIN)
      .slice(0, SHOWN);
    const name = (id: string) => this.services.find((s) => s.id === id)?.name[l] ?? id;
    return html`<section class="card" aria-label=${mt("simTitle", l)}>
      <h2>${mt("simTitle", l)}</h2>
      <div class="as-is" data-baseline>
        ${mt("simAsIs", l, { max: min(a.baseline.longestWaitMin), pct: fmtPct(a.baseline.withinTargetPct, l) })}
      </div>
      ${
        useful.length === 0
          ? html`<div class="ok-line" data-none>${mt("simNone", l)}</div>`
          : html`<ul>
              ${useful.map((o) => {
                const before = a.baseline.fields[o.serviceId];
                const after = o.outcome.fields[o.serviceId];
                return html`<li data-option=${`${o.kind}:${o.serviceId}`}>
                  <b>${o.label[l]}</b>
                  ${
                    before && after
                      ? html`<span class="effect">${mt("simEffect", l, {
                          field: name(o.serviceId),
                          from: min(before.longestWaitMin),
                          to: min(after.longestWaitMin),
                          p1: fmtPct(before.withinTargetPct, l),
                          p2: fmtPct(after.withinTargetPct, l),
                        })}</span>`
                      : null
                  }
                </li>`;
              })}
            </ul>`
      }
      <div class="at">${mt("simAt", l, { t: fmtTime(a.at), n: a.runs })}</div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "manager-staffing": ManagerStaffing;
  }
}
