import { css, html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { Role, ServiceInfo } from "../../../server/contract/domain.ts";
import type { Lang } from "../../../ui/i18n.ts";
import { buttons, card, tokens } from "../staff/styles.ts";
import type { CounterRow } from "./data.ts";
import { t } from "./messages.ts";

/**
 * The counter list an officer picks from: each counter with the fields it serves and
 * who holds it. Managers and admins also get "force close" on counters held by others.
 *
 * @fires open-counter - `CustomEvent<{ n: number }>` to take a free counter.
 * @fires force-close - `CustomEvent<{ n: number; officer: string }>` (managers, admins).
 */
@customElement("counter-picker")
export class CounterPicker extends LitElement {
  static override styles = [
    tokens,
    buttons,
    card,
    css`
      :host {
        display: block;
        padding: 20px 24px;
      }
      h1 {
        margin: 0 0 4px;
        font-size: 1.4rem;
      }
      p.hint {
        margin: 0 0 16px;
        color: var(--qms-muted);
      }
      ul {
        list-style: none;
        padding: 0;
        margin: 0;
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(290px, 1fr));
        gap: 12px;
      }
      li {
        display: grid;
        grid-template-rows: auto auto 1fr auto;
        gap: 8px;
      }
      li.taken {
        background: #eef1f5;
      }
      .head {
        display: flex;
        justify-content: space-between;
        align-items: baseline;
        gap: 8px;
      }
      .name {
        font-size: 1.25rem;
        font-weight: 700;
      }
      .badge {
        font-size: 0.8rem;
        padding: 2px 8px;
        border-radius: 999px;
        background: #e6eefc;
        color: var(--qms-primary-dark);
      }
      .status {
        font-size: 0.9rem;
        color: var(--qms-ok);
      }
      li.taken .status {
        color: var(--qms-muted);
      }
      .fields {
        align-content: start;
        display: flex;
        flex-wrap: wrap;
        gap: 4px;
      }
      .field {
        font-size: 0.85rem;
        padding: 2px 8px;
        border: 1px solid var(--qms-border);
        border-radius: 6px;
        background: #fff;
      }
      .row {
        display: flex;
        gap: 8px;
      }
      .row button {
        flex: 1;
      }
    `,
  ];

  @property() locale: Lang = "vi";
  @property({ attribute: false }) counters: CounterRow[] = [];
  @property({ attribute: false }) services: ServiceInfo[] = [];
  @property() userRole: Role = "officer";
  @property({ type: Boolean }) busy = false;

  override render() {
    const l = this.locale;
    const name = (id: string) => this.services.find((s) => s.id === id)?.name[l] ?? id;
    const canForce = this.userRole === "manager" || this.userRole === "admin";
    return html`<h1>${t("pickTitle", l)}</h1>
      <p class="hint">${t("pickHint", l)}</p>
      <ul>
        ${this.counters.map(
          (c) => html`<li class="card ${c.open ? "taken" : ""}" data-counter=${c.number}>
            <div class="head">
              <span class="name">${t("counterN", l, { n: c.number })}</span>
              ${
                c.priorityCounter
                  ? html`<span class="badge">${t("priorityCounter", l)}</span>`
                  : c.name && c.name[l] !== t("counterN", l, { n: c.number })
                    ? html`<span class="badge">${c.name[l]}</span>`
                    : null
              }
            </div>
            <div class="status">
              ${c.open ? t("takenBy", l, { name: c.officer ?? "?" }) : t("free", l)}
            </div>
            <div class="fields" aria-label=${t("fields", l)}>
              ${c.serviceIds.map((s) => html`<span class="field">${name(s)}</span>`)}
            </div>
            <div class="row">
              ${
                c.open
                  ? canForce
                    ? html`<button class="danger" ?disabled=${this.busy} @click=${() => this._emit("force-close", c)}>
                        ${t("forceClose", l)}
                      </button>`
                    : null
                  : html`<button class="primary" ?disabled=${this.busy} @click=${() => this._emit("open-counter", c)}>
                      ${t("openCounter", l)}
                    </button>`
              }
            </div>
          </li>`,
        )}
      </ul>`;
  }

  private _emit(type: "open-counter" | "force-close", c: CounterRow) {
    this.dispatchEvent(
      new CustomEvent(type, {
        detail: { n: c.number, officer: c.officer ?? "" },
        bubbles: true,
        composed: true,
      }),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "counter-picker": CounterPicker;
  }
}
