import { css, html, LitElement } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { ROLES, type Role, type UserInfo } from "../../../server/contract/domain.ts";
import { ApiFailure } from "../../../ui/api.ts";
import type { Lang } from "../../../ui/i18n.ts";
import { buttons, card, tokens } from "../staff/styles.ts";
import { createUser, updateUser, users } from "./data.ts";
import { errorText, roleLabel, t } from "./messages.ts";

/**
 * "Tài khoản": the admin's staff accounts screen (create, change role, disable or
 * enable, reset a password). A panel, not a leaf: it loads and saves through
 * data.ts itself, since nothing else on the console needs the user list.
 * Disabling an account or resetting its password ends that person's sessions (server).
 *
 * @fires unauthorized - `CustomEvent<{ code: string }>` when the session is gone (401).
 */
@customElement("counter-accounts")
export class CounterAccounts extends LitElement {
  static override styles = [
    tokens,
    buttons,
    card,
    css`
      :host {
        display: grid;
        gap: 16px;
        padding: 20px 24px;
        align-content: start;
      }
      h1 {
        margin: 0;
        font-size: 1.4rem;
      }
      table {
        width: 100%;
        border-collapse: collapse;
      }
      th,
      td {
        text-align: left;
        padding: 8px 6px;
        border-bottom: 1px solid var(--qms-border);
        vertical-align: middle;
      }
      th {
        font-size: 0.85rem;
        color: var(--qms-muted);
        font-weight: 600;
      }
      tr.off td {
        color: var(--qms-muted);
      }
      .acts {
        display: flex;
        gap: 6px;
        flex-wrap: wrap;
      }
      .acts button,
      td select {
        min-height: 34px;
        padding: 4px 10px;
      }
      form.create {
        display: grid;
        grid-template-columns: 1fr 1.4fr 1fr 1.2fr auto;
        gap: 10px;
        align-items: end;
      }
      .pw {
        display: flex;
        gap: 6px;
      }
      .msg {
        padding: 10px 12px;
        border-radius: 8px;
      }
      .msg.ok {
        background: #e3f4ea;
        color: var(--qms-ok);
      }
      .msg.err {
        background: var(--qms-over-bg);
        color: var(--qms-over);
      }
    `,
  ];

  @property() locale: Lang = "vi";
  /** The admin's own id: they cannot disable or demote themselves. */
  @property({ type: Number }) selfId = 0;

  @state() private _users: UserInfo[] = [];
  @state() private _msg: { ok: boolean; text: string } | null = null;
  @state() private _pwFor: number | null = null;
  @state() private _busy = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this._load();
  }

  override render() {
    const l = this.locale;
    return html`<h1>${t("accTitle", l)}</h1>
      ${this._msg ? html`<div class="msg ${this._msg.ok ? "ok" : "err"}" role="status">${this._msg.text}</div>` : null}
      <section class="card">
        <table>
          <thead>
            <tr>
              <th>${t("accUsername", l)}</th>
              <th>${t("accName", l)}</th>
              <th>${t("accRole", l)}</th>
              <th>${t("accStatus", l)}</th>
              <th>${t("accActions", l)}</th>
            </tr>
          </thead>
          <tbody>
            ${this._users.map((u) => this._row(u))}
          </tbody>
        </table>
      </section>
      <section class="card">
        <h2>${t("createTitle", l)}</h2>
        <form class="create" @submit=${this._create}>
          <label>${t("accUsername", l)}<input name="username" required pattern="[a-z0-9._\\-]{2,64}" /></label>
          <label>${t("accName", l)}<input name="name" required maxlength="128" /></label>
          <label
            >${t("accRole", l)}<select name="role">
              ${ROLES.map((r) => html`<option value=${r}>${roleLabel(r, l)}</option>`)}
            </select></label
          >
          <label>${t("password", l)}<input name="password" type="password" required minlength="8" /></label>
          <button class="primary" type="submit" ?disabled=${this._busy}>${t("create", l)}</button>
        </form>
      </section>`;
  }

  private _row(u: UserInfo) {
    const l = this.locale;
    const self = u.id === this.selfId;
    return html`<tr class=${u.disabled ? "off" : ""} data-user=${u.username}>
      <td>${u.username} ${self ? t("you", l) : null}</td>
      <td>${u.name}</td>
      <td>
        <select
          aria-label=${t("accRole", l)}
          ?disabled=${self || this._busy}
          @change=${(e: Event) => this._patch(u, { role: (e.target as HTMLSelectElement).value as Role })}
        >
          ${ROLES.map((r) => html`<option value=${r} ?selected=${u.role === r}>${roleLabel(r, l)}</option>`)}
        </select>
      </td>
      <td>${u.disabled ? t("disabled", l) : t("active", l)}</td>
      <td>
        <div class="acts">
          <button
            class=${u.disabled ? "" : "danger"}
            ?disabled=${self || this._busy}
            @click=${() => this._patch(u, { disabled: !u.disabled })}
          >
            ${u.disabled ? t("enable", l) : t("disable", l)}
          </button>
          ${
            this._pwFor === u.id
              ? html`<form class="pw" @submit=${(e: Event) => this._resetPw(e, u)}>
                  <input
                    name="password"
                    type="password"
                    minlength="8"
                    required
                    autofocus
                    placeholder=${t("newPassword", l)}
                    aria-label=${t("newPassword", l)}
                  />
                  <button class="primary" type="submit">${t("save", l)}</button>
                  <button type="button" @click=${() => (this._pwFor = null)}>${t("cancel", l)}</button>
                </form>`
              : html`<button ?disabled=${this._busy} @click=${() => (this._pwFor = u.id)}>
                  ${t("resetPassword", l)}
                </button>`
          }
        </div>
      </td>
    </tr>`;
  }

  private async _load() {
    await this._run(async () => {
      this._users = await users(this.locale);
    });
  }

  private async _patch(u: UserInfo, patch: Parameters<typeof updateUser>[1]) {
    await this._run(async () => {
      await updateUser(u.id, patch, this.locale);
      this._msg = { ok: true, text: t("updated", this.locale, { u: u.username }) };
      this._users = await users(this.locale);
    });
  }

  private async _resetPw(e: Event, u: UserInfo) {
    e.preventDefault();
    const password = String(new FormData(e.target as HTMLFormElement).get("password") ?? "");
    await this._patch(u, { password });
    this._pwFor = null;
  }

  private async _create(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const d = new FormData(form);
    const body = {
      username: String(d.get("username") ?? "")
        .trim()
        .toLowerCase(),
      name: String(d.get("name") ?? "").trim(),
      role: String(d.get("role") ?? "officer") as Role,
      password: String(d.get("password") ?? ""),
    };
    await this._run(async () => {
      await createUser(body, this.locale);
      form.reset();
      this._msg = { ok: true, text: t("created", this.locale, { u: body.username }) };
      this._users = await users(this.locale);
    });
  }

  private async _run(f: () => Promise<void>) {
    this._busy = true;
    try {
      await f();
    } catch (e) {
      const code = e instanceof ApiFailure ? e.code : "internal-error";
      if (e instanceof ApiFailure && e.status === 401)
        this.dispatchEvent(
          new CustomEvent("unauthorized", { detail: { code }, bubbles: true, composed: true }),
        );
      else this._msg = { ok: false, text: errorText(code, this.locale) };
    } finally {
      this._busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "counter-accounts": CounterAccounts;
  }
}
