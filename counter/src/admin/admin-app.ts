/**
 * `<admin-app>`, the hall's administration at /admin (issue 12), for admins: the hall
 * settings edited live on a draft and saved whole with `PUT /api/settings` against the
 * version they were read at (a save in between → the conflict is said, nothing lost
 * silently), with the server's refusals shown by setting; the history with "restore this
 * version"; what is kept and for how long, with the backups and "Sao lưu ngay" (admin-care.ts);
 * YAML export and import (checked first, then applied); the login log. Every
 * `settings-changed` event of the live stream reloads the settings (another admin or a
 * manager saved): an untouched draft follows, an edited one is kept and the conflict shows
 * at save. Session, language, live stream and toast are the staff shell's (../staff/shell.ts).
 */
import { css, html, LitElement, nothing } from "lit";
import { customElement, state } from "lit/decorators.js";
import type { HallConfig } from "../../../server/contract/config.ts";
import type { UserInfo } from "../../../server/contract/domain.ts";
import type { HallEvent } from "../../../server/contract/events.ts";
import { ApiFailure } from "../../../ui/api.ts";
import { StaffShell } from "../staff/shell.ts";
import { buttons, card, shellStyles, tokens } from "../staff/styles.ts";
import { appointmentsEditor } from "./admin-appointments.ts";
import { careView } from "./admin-care.ts";
import { countersEditor, fieldsEditor, scheduleEditor } from "./admin-editors.ts";
import { noticesEditor } from "./admin-notices.ts";
import * as data from "./data.ts";
import { at } from "./messages.ts";

type Tab = "fields" | "counters" | "schedule" | "notices" | "care" | "history" | "yaml" | "log";
const TABS: Tab[] = ["fields", "counters", "schedule", "notices", "care", "history", "yaml", "log"];
type Versions = Awaited<ReturnType<typeof data.history>>;
type Attempts = Awaited<ReturnType<typeof data.loginLog>>;
type Issue = { path: string; field: string; message: string };

@customElement("admin-app")
export class AdminApp extends LitElement {
  static override styles = [
    tokens,
    buttons,
    card,
    shellStyles,
    css`
      header { display: flex; gap: 12px; align-items: center; padding: 8px 20px; background: #0b3d6e; color: #fff; }
      header h1 { font-size: 1.1rem; margin: 0; flex: 1; }
      header button { background: transparent; color: #fff; border: 1px solid #fff8; }
      nav { display: flex; gap: 4px; padding: 8px 20px 0; flex-wrap: wrap; }
      nav button { border-radius: 8px 8px 0 0; }
      nav button[aria-selected="true"] { background: var(--qms-primary); color: #fff; }
      section.page { padding: 12px 20px 90px; }
      table { border-collapse: collapse; width: 100%; margin-bottom: 10px; background: #fff; }
      th, td { border-bottom: 1px solid #dde3ea; padding: 4px 6px; text-align: left; vertical-align: top; font-size: 0.92rem; }
      input:not([type]), input[type="date"], input[type="number"], textarea { font: inherit; padding: 4px 6px; border: 1px solid #b8c2cc; border-radius: 6px; width: 100%; box-sizing: border-box; }
      input.prefix { width: 3em; text-align: center; font-weight: 700; }
      input.num { width: 5em; }
      input.id { width: 9em; font-family: monospace; }
      .order { white-space: nowrap; }
      button.icon { padding: 2px 8px; min-height: 0; }
      button.danger { color: var(--qms-over); }
      .chip { display: inline-flex; gap: 4px; align-items: center; margin: 2px 8px 2px 0; white-space: nowrap; }
      .grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; }
      .row { display: flex; gap: 8px; align-items: center; margin: 4px 0; }
      .row.day span { width: 3em; font-weight: 600; }
      .muted { color: var(--qms-muted); font-size: 0.9rem; }
      .savebar { position: fixed; left: 0; right: 0; bottom: 0; display: flex; gap: 12px; align-items: center; padding: 10px 20px; background: #fff8db; border-top: 2px solid #e0b800; }
      .savebar span { flex: 1; font-weight: 600; }
      .problems { background: #fdecea; color: #7a1b12; padding: 8px 14px; border-radius: 8px; margin: 0 20px; }
      .problems b { display: block; }
      .changes { font-size: 0.8rem; color: #3b4a5a; max-width: 60ch; }
      textarea.yaml { font-family: monospace; min-height: 320px; }
      .denied { max-width: 560px; margin: 64px auto; }
    `,
  ];

  @state() private _tab: Tab = "fields";
  @state() private _version = 0;
  @state() private _config: HallConfig | null = null;
  @state() private _draft: HallConfig | null = null;
  @state() private _problems: Issue[] = [];
  @state() private _conflict: number | null = null;
  @state() private _versions: Versions = [];
  @state() private _attempts: Attempts = [];
  @state() private _yaml = "";
  @state() private _yamlCheck: string | null = null;
  @state() private _busy = false;
  @state() private _backups: data.BackupState | null = null;

  private readonly _shell = new StaffShell(this, {
    title: (l) => at("appTitle", l),
    sessionExpired: (l) => at("sessionExpired", l),
    onEnter: (u) => this._enter(u),
    // Only committed events: a `settings-changed` (another admin, a manager, a restore)
    // reloads the settings; so does every (re)connect, which may have missed one.
    views: ["events"],
    onFrame: (f) => {
      if (f.name === "event") this._onLive(f.data);
    },
    onOpen: () => this._onLive(null),
  });

  override render() {
    const s = this._shell;
    const l = s.lang;
    return html`<header>
        <h1>${at("appTitle", l)}${this._config ? html` · ${this._config.name[l]} · ${at("version", l, { v: this._version })}` : nothing}</h1>
        <button @click=${() => s.toggleLang()}>${at("otherLang", l)}</button>
        ${s.auth === "in" ? html`<button @click=${() => void s.logout()}>${at("logout", l)}</button>` : nothing}
      </header>
      ${s.renderBanner(s.auth === "in" && !s.connected)}
      <main>${this._main()}</main>
      <qms-toast></qms-toast>`;
  }

  private _main() {
    const s = this._shell;
    const l = s.lang;
    if (s.auth === "boot") return html`<div class="boot">${at("loading", l)}</div>`;
    if (s.auth === "login") return s.renderLogin();
    if (s.user?.role !== "admin")
      return html`<section class="card denied" role="alert" data-denied><p>${at("noAccess", l)}</p></section>`;
    const d = this._draft;
    if (!d) return html`<div class="boot">${at("loading", l)}</div>`;
    const changed = () => {
      this._problems = [];
      this.requestUpdate();
    };
    return html`<nav role="tablist">
        ${TABS.map(
          (t) =>
            html`<button role="tab" data-tab=${t} aria-selected=${this._tab === t} @click=${() => this._go(t)}>${at(`tab.${t}`, l)}</button>`,
        )}
      </nav>
      ${this._problemsView()}
      <section class="page">
        ${this._tab === "fields" ? html`${fieldsEditor(d, l, changed)}${appointmentsEditor(d, l, changed)}` : nothing}
        ${this._tab === "counters" ? countersEditor(d, l, changed) : nothing}
        ${this._tab === "schedule" ? scheduleEditor(d, l, changed) : nothing}
        ${this._tab === "notices" ? noticesEditor(d, l, changed) : nothing}
        ${
          this._tab === "care"
            ? careView({
                draft: d,
                lang: l,
                changed,
                backups: this._backups,
                busy: this._busy,
                backupNow: () => void this._backupNow(),
              })
            : nothing
        }
        ${this._tab === "history" ? this._historyView() : nothing}
        ${this._tab === "yaml" ? this._yamlView() : nothing}
        ${this._tab === "log" ? this._logView() : nothing}
      </section>
      ${
        this._dirty
          ? html`<div class="savebar" data-savebar>
            <span>${at("unsaved", l)}</span>
            <button @click=${() => this._discard()}>${at("discard", l)}</button>
            <button class="primary" data-save ?disabled=${this._busy} @click=${() => void this._save()}>${at("save", l)}</button>
          </div>`
          : nothing
      }`;
  }

  private get _dirty(): boolean {
    return !!this._draft && JSON.stringify(this._draft) !== JSON.stringify(this._config);
  }

  private _problemsView() {
    const l = this._shell.lang;
    if (this._conflict !== null)
      return html`<div class="problems" role="alert" data-conflict>
        ${at("conflict", l, { v: this._conflict })} <button @click=${() => void this._load(true)}>${at("reload", l)}</button>
      </div>`;
    if (!this._problems.length) return nothing;
    return html`<div class="problems" role="alert" data-problems>
      <b>${at("refused", l)}</b>
      <ul>${this._problems.map((p) => html`<li><b>${p.field}</b>${p.message}</li>`)}</ul>
    </div>`;
  }

  private _historyView() {
    const l = this._shell.lang;
    return html`<table data-history>
      <thead><tr><th>#</th><th>${at("savedAt", l)}</th><th>${at("by", l)}</th><th>${at("source", l)}</th><th>${at("changes", l)}</th><th></th></tr></thead>
      <tbody>
        ${this._versions.map(
          (v) => html`<tr data-version=${v.version}>
            <td><b>${v.version}</b></td>
            <td>${v.savedAt.slice(0, 16).replace("T", " ")}</td>
            <td>${v.savedBy?.name ?? "—"}</td>
            <td>${at(`source.${v.source}`, l)}${v.restoredFrom ? ` ← ${v.restoredFrom}` : ""}</td>
            <td class="changes">${v.changes.slice(0, 6).map((c) => html`<div>${c.path}: ${short(c.before)} → ${short(c.after)}</div>`)}${v.changes.length > 6 ? html`<div>… ${at("nChanges", l, { n: v.changes.length })}</div>` : nothing}</td>
            <td>${v.version === this._version ? html`<i>${at("current", l)}</i>` : html`<button data-restore=${v.version} @click=${() => void this._restore(v.version)}>${at("restore", l)}</button>`}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private _yamlView() {
    const l = this._shell.lang;
    return html`<p><button class="primary" @click=${() => void data.downloadYaml(l).catch((e) => this._shell.fail(e))}>${at("exportYaml", l)}</button></p>
      <p class="muted">${at("importHint", l)}</p>
      <input type="file" accept=".yaml,.yml,.json" @change=${async (e: Event) => {
        const f = (e.target as HTMLInputElement).files?.[0];
        if (f) this._yaml = await f.text();
      }} />
      <textarea class="yaml" data-yaml .value=${this._yaml} @input=${(e: Event) => {
        this._yaml = (e.target as HTMLTextAreaElement).value;
        this._yamlCheck = null;
      }}></textarea>
      <p>
        <button data-check ?disabled=${!this._yaml || this._busy} @click=${() => void this._import(true)}>${at("check", l)}</button>
        <button class="primary" data-apply ?disabled=${!this._yaml || this._busy || this._yamlCheck === null} @click=${() => void this._import(false)}>${at("apply", l)}</button>
        ${this._yamlCheck !== null ? html`<span data-yaml-check>${this._yamlCheck}</span>` : nothing}
      </p>`;
  }

  private _logView() {
    const l = this._shell.lang;
    return html`<table data-log>
      <thead><tr><th>${at("savedAt", l)}</th><th>${at("user", l)}</th><th>${at("address", l)}</th><th>${at("outcome", l)}</th></tr></thead>
      <tbody>${this._attempts.map(
        (a) =>
          html`<tr><td>${a.at.slice(0, 19).replace("T", " ")}</td><td>${a.username}</td><td>${a.address}</td><td>${a.outcome}</td></tr>`,
      )}</tbody>
    </table>`;
  }

  // ------------------------------------------------------------ data

  private _enter(u: UserInfo): void {
    if (u.role === "admin") void this._load(true);
  }

  private _onLive(e: HallEvent | null): void {
    if (this._shell.user?.role !== "admin") return;
    if (e !== null && e.type !== "settings-changed") return;
    // An edited draft keeps the version it was based on: its save then answers 409 and the
    // page says someone else saved (decision 0102), instead of overwriting their change.
    if (this._dirty) {
      if (this._tab === "history") void this._loadHistory();
      return;
    }
    void this._load(true);
  }

  private _go(t: Tab): void {
    this._tab = t;
    if (t === "history") void this._loadHistory();
    if (t === "care")
      void data.backups(this._shell.lang).then(
        (b) => (this._backups = b),
        (e) => this._fail(e),
      );
    if (t === "log")
      void data.loginLog(this._shell.lang).then(
        (a) => (this._attempts = a),
        (e) => this._shell.fail(e),
      );
  }

  /** Reads the settings in force; `replaceDraft` drops the draft (else an edited draft is kept). */
  private async _load(replaceDraft: boolean): Promise<void> {
    try {
      const s = await data.settings(this._shell.lang);
      this._version = s.version;
      this._config = s.config;
      if (replaceDraft || !this._draft) {
        this._draft = structuredClone(s.config);
        this._conflict = null;
        this._problems = [];
      }
      if (this._tab === "history") void this._loadHistory();
    } catch (e) {
      this._fail(e);
    }
  }

  private async _loadHistory(): Promise<void> {
    try {
      this._versions = await data.history(this._shell.lang);
    } catch (e) {
      this._fail(e);
    }
  }

  private async _backupNow(): Promise<void> {
    const l = this._shell.lang;
    this._busy = true;
    try {
      const r = await data.backupNow(l);
      this._backups = r;
      this._shell.notify(at("backupDone", l, { f: r.created.file }));
    } catch (e) {
      this._fail(e);
    } finally {
      this._busy = false;
    }
  }

  private _discard(): void {
    this._draft = structuredClone(this._config);
    this._problems = [];
  }

  private async _save(): Promise<void> {
    if (!this._draft) return;
    this._busy = true;
    const l = this._shell.lang;
    try {
      const r = await data.save(this._draft, this._version, l);
      this._applied(r);
      this._shell.notify(at("saved", l, { v: r.version }));
      for (const d of r.deferred)
        this._shell.notify(
          at("deferred", l, {
            f: r.config.services.find((s) => s.id === d.serviceId)?.name[l] ?? d.serviceId,
          }),
        );
    } catch (e) {
      this._fail(e);
    } finally {
      this._busy = false;
    }
  }

  private async _restore(version: number): Promise<void> {
    const l = this._shell.lang;
    try {
      const r = await data.restore(version, this._version, l);
      this._applied(r);
      this._shell.notify(at("restored", l, { from: version, v: r.version }));
      await this._loadHistory();
    } catch (e) {
      this._fail(e);
    }
  }

  private async _import(dryRun: boolean): Promise<void> {
    const l = this._shell.lang;
    this._busy = true;
    try {
      const r = await data.importYaml(this._yaml, this._version, l, dryRun);
      this._problems = [];
      if (dryRun)
        this._yamlCheck = r.changes.length ? at("nChanges", l, { n: r.changes.length }) : at("noChange", l);
      else {
        this._applied(r);
        this._yamlCheck = null;
        this._shell.notify(at("saved", l, { v: r.version }));
      }
    } catch (e) {
      this._fail(e);
    } finally {
      this._busy = false;
    }
  }

  private _applied(r: { version: number; config: HallConfig }): void {
    this._version = r.version;
    this._config = r.config;
    this._draft = structuredClone(r.config);
    this._problems = [];
    this._conflict = null;
  }

  private _fail(e: unknown): void {
    if (this._shell.isSessionError(e)) {
      this._shell.sessionLost(e.code);
      return;
    }
    if (e instanceof ApiFailure && e.code === "settings-conflict") {
      this._conflict = (e.details as { current?: number } | undefined)?.current ?? this._version + 1;
      return;
    }
    const issues = (e as ApiFailure).details as { issues?: Issue[] } | undefined;
    if (e instanceof ApiFailure && issues?.issues?.length) {
      this._problems = issues.issues;
      return;
    }
    this._shell.fail(e);
  }
}

/** A value of a change, short enough for the history's table. */
function short(x: unknown): string {
  const s = x === null || x === undefined ? "—" : typeof x === "string" ? x : JSON.stringify(x);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
