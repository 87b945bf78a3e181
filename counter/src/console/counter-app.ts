/**
 * `<counter-app>`, the officer console at /counter (issue 4). It owns the data and the
 * flow; the pieces below it only render and send events up:
 *   login → pick a counter → console (call, recall, no-show, start, finish, transfer,
 *   call a number, pause/resume, close) · admins also get the accounts screen.
 * Truth is the server, and it pushes it (docs/decisions/0087-pushed-live-state.md): the staff
 * stream's `mine` frame (user, held counter with its current ticket, today's own
 * figures), `hall-state` (the waiting lines) and `counters` (the picker) arrive at once
 * on every (re)connect and again after every change, so the console applies frames and
 * makes no request but the officer's own actions (and the fields, once). An action's
 * answer is shown at once; the frame that follows it confirms. The token lives in
 * sessionStorage, so a reload or a server restart lands back on the same counter; a 401
 * shows the login again while the server keeps the counter held. Session, language, live
 * stream, tick and toast are the staff shell's (../staff/shell.ts).
 */
import { css, html, LitElement } from "lit";
import { customElement, state } from "lit/decorators.js";
import type { MineFrame, StaffFrame } from "../../../server/contract/api/live.ts";
import type { HallSnapshot, ServiceInfo } from "../../../server/contract/domain.ts";
import { serverNow } from "../../../ui/server-clock.ts";
import { StaffShell } from "../staff/shell.ts";
import { shellStyles, tokens } from "../staff/styles.ts";
import "./counter-accounts.ts";
import "./counter-actions.ts";
import "./counter-call-dialog.ts";
import "./counter-confirm-dialog.ts";
import "./counter-dossier-dialog.ts";
import "./counter-current.ts";
import "./counter-header.ts";
import "./counter-pause-dialog.ts";
import "./counter-picker.ts";
import "./counter-queue.ts";
import "./counter-transfer-dialog.ts";
import * as data from "./data.ts";
import { t } from "./messages.ts";
import { type Action, actionForKey, availableActions, type HeldCounter } from "./state.ts";

/** The screen once a user is in ("boot": waiting for the first answers). */
type Phase = "boot" | "pick" | "console" | "accounts";
type Dialog = null | "pause" | "transfer" | "call" | "close" | "dossier" | { force: number; officer: string };

@customElement("counter-app")
export class CounterApp extends LitElement {
  static override styles = [
    tokens,
    shellStyles,
    css`
      .console {
        display: grid;
        grid-template-columns: minmax(0, 1.65fr) minmax(320px, 1fr);
        gap: 16px;
        padding: 16px 20px;
        align-content: start;
      }
      .left {
        display: grid;
        gap: 14px;
        align-content: start;
      }
    `,
  ];

  @state() private _phase: Phase = "boot";
  @state() private _counter: HeldCounter | null = null;
  @state() private _services: ServiceInfo[] = [];
  @state() private _hall: HallSnapshot | null = null;
  @state() private _hallAt = 0;
  @state() private _counters: data.CounterRow[] = [];
  @state() private _today: data.Today | null = null;
  @state() private _busy = false;
  @state() private _dialog: Dialog = null;

  private readonly _shell = new StaffShell(this, {
    sessionExpired: (l) => t("sessionExpired", l),
    views: ["hall", "counters", "mine"],
    onEnter: () => {
      this._phase = "boot";
      void this._loadServices();
    },
    onLeave: () => {
      this._counter = null;
      this._dialog = null;
      this._mineSeq = -1;
    },
    onFrame: (f) => this._onFrame(f),
  });
  /** `seq` of the last `mine` frame applied (an older one is stale). */
  private _mineSeq = -1;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener("keydown", this._onKey);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener("keydown", this._onKey);
  }

  override render() {
    const shell = this._shell;
    const l = shell.lang;
    const phase = shell.auth === "in" ? this._phase : shell.auth;
    return html`<counter-header
        .locale=${l}
        .hallName=${this._hall ? (l === "en" && this._hall.hall.nameEn) || this._hall.hall.name : ""}
        .user=${shell.auth === "in" ? shell.user : null}
        .counter=${phase === "console" ? (this._counter?.number ?? null) : null}
        .connected=${shell.connected}
        .view=${phase === "accounts" ? "accounts" : phase === "console" ? "console" : "pick"}
        @toggle-lang=${() => shell.toggleLang()}
        @logout=${() => void shell.logout()}
        @navigate=${(e: CustomEvent<{ to: "accounts" | "console" }>) => this._navigate(e.detail.to)}
      ></counter-header>
      ${shell.renderBanner(!shell.connected && phase !== "boot")}
      <main>${this._main(phase)}</main>
      ${this._dialogView()}
      <qms-toast></qms-toast>`;
  }

  private _main(phase: Phase | "login") {
    const l = this._shell.lang;
    switch (phase) {
      case "boot":
        return html`<div class="boot">${t("connecting", l)}</div>`;
      case "login":
        return this._shell.renderLogin();
      case "pick":
        return html`<counter-picker
          .locale=${l}
          .counters=${this._counters}
          .services=${this._services}
          .userRole=${this._shell.user?.role ?? "officer"}
          .busy=${this._busy}
          @open-counter=${(e: CustomEvent<{ n: number }>) => this._openCounter(e.detail.n)}
          @force-close=${(e: CustomEvent<{ n: number; officer: string }>) =>
            (this._dialog = { force: e.detail.n, officer: e.detail.officer })}
        ></counter-picker>`;
      case "accounts":
        return html`<counter-accounts
          .locale=${l}
          .selfId=${this._shell.user?.id ?? 0}
          @unauthorized=${(e: CustomEvent<{ code: string }>) => this._shell.sessionLost(e.detail.code)}
        ></counter-accounts>`;
      case "console": {
        const c = this._counter;
        const mine = new Set(c?.serviceIds ?? []);
        const lines = (this._hall?.waiting ?? []).filter((x) => mine.has(x.serviceId));
        return html`<div class="console">
          <div class="left">
            <counter-current
              .locale=${l}
              .counter=${c}
              .services=${this._services}
              .now=${this._shell.now}
              .stale=${!this._shell.connected}
              @open-dossier=${() => (this._dialog = "dossier")}
            ></counter-current>
            <counter-actions
              .locale=${l}
              .allowed=${availableActions(c)}
              .paused=${!!c?.paused}
              .busy=${this._busy}
              @action=${(e: CustomEvent<{ action: Action }>) => this._onAction(e.detail.action)}
            ></counter-actions>
          </div>
          <counter-queue
            .locale=${l}
            .lines=${lines}
            .services=${this._services}
            .fetchedAt=${this._hallAt}
            .now=${this._shell.now}
            .today=${this._today}
          ></counter-queue>
        </div>`;
      }
    }
  }

  private _dialogView() {
    const l = this._shell.lang;
    const d = this._dialog;
    const c = this._counter;
    const cancel = () => (this._dialog = null);
    const submit = (e: CustomEvent<data.ActionBody>) => {
      this._dialog = null;
      void this._run(e.detail);
    };
    if (d === null) return null;
    if (typeof d === "object")
      return html`<counter-confirm-dialog
        .locale=${l}
        .heading=${t("forceCloseTitle", l, { n: d.force })}
        .body=${t("forceCloseBody", l, { name: d.officer })}
        .confirmLabel=${t("forceClose", l)}
        @cancel=${cancel}
        @confirm=${() => {
          this._dialog = null;
          void this._forceClose(d.force);
        }}
      ></counter-confirm-dialog>`;
    if (d === "pause")
      return html`<counter-pause-dialog .locale=${l} @cancel=${cancel} @submit-dialog=${submit}></counter-pause-dialog>`;
    if (d === "call")
      return html`<counter-call-dialog .locale=${l} @cancel=${cancel} @submit-dialog=${submit}></counter-call-dialog>`;
    if (d === "dossier")
      return html`<counter-dossier-dialog
        .locale=${l}
        .number=${c?.currentTicket?.number ?? ""}
        .dossierCode=${c?.currentDossier?.dossierCode ?? ""}
        .procedureCode=${c?.currentDossier?.procedureCode ?? ""}
        @cancel=${cancel}
        @submit-dossier=${(e: CustomEvent<{ dossierCode: string | null; procedureCode: string | null }>) => {
          this._dialog = null;
          void this._linkDossier(e.detail);
        }}
      ></counter-dossier-dialog>`;
    if (d === "transfer")
      return html`<counter-transfer-dialog
        .locale=${l}
        .number=${c?.currentTicket?.number ?? ""}
        .serviceId=${c?.currentTicket?.serviceId ?? ""}
        .services=${this._services}
        .counters=${this._hall?.counters ?? []}
        @cancel=${cancel}
        @submit-dialog=${submit}
      ></counter-transfer-dialog>`;
    return html`<counter-confirm-dialog
      .locale=${l}
      .heading=${t("closeTitle", l, { n: c?.number ?? "" })}
      .body=${t("closeBody", l)}
      .confirmLabel=${t("a.close", l)}
      @cancel=${cancel}
      @confirm=${() => {
        this._dialog = null;
        void this._run({ action: "close" });
      }}
    ></counter-confirm-dialog>`;
  }

  // ---------------------------------------------------------------- keyboard

  private readonly _onKey = (e: KeyboardEvent) => {
    if (this._shell.auth !== "in" || this._phase !== "console" || this._dialog !== null || this._busy) return;
    const target = e.composedPath()[0] as HTMLElement | undefined;
    const tag = target?.tagName ?? "";
    const typing = tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || !!target?.isContentEditable;
    const onButton = (tag === "BUTTON" || tag === "A") && (e.key === "Enter" || e.key === " ");
    const a = actionForKey(
      {
        key: e.key,
        repeat: e.repeat,
        ctrlKey: e.ctrlKey,
        altKey: e.altKey,
        metaKey: e.metaKey,
        inControl: typing || onButton,
      },
      availableActions(this._counter),
    );
    // "M" (mã hồ sơ): the dossier code of the visit at the desk.
    if (!a && e.key.toLowerCase() === "m" && !typing && !e.ctrlKey && !e.altKey && !e.metaKey) {
      if (!this._counter?.currentTicket) return;
      e.preventDefault();
      this._dialog = "dossier";
      return;
    }
    if (!a) return;
    e.preventDefault();
    this._onAction(a);
  };

  // ---------------------------------------------------------------- actions

  private _onAction(a: Action) {
    if (!availableActions(this._counter).has(a) || this._busy) return;
    if (a === "pause" || a === "transfer" || a === "call" || a === "close") {
      this._dialog = a;
      return;
    }
    void this._run({ action: a } as data.ActionBody);
  }

  private async _run(body: data.ActionBody) {
    const c = this._counter;
    if (!c) return;
    this._busy = true;
    this._shell.hideToast(); // an old "Đã mời số …" must not linger over the next state
    try {
      const ticket = await data.act(c.number, body, this._shell.lang);
      if (body.action === "close") {
        this._counter = null;
        this._phase = "pick";
      } else if (body.action === "next" && !ticket) {
        this._shell.notify(t("nobodyWaiting", this._shell.lang));
      } else if (ticket) {
        const here =
          ticket.counter === c.number && (ticket.status === "called" || ticket.status === "serving");
        this._counter = { ...c, currentTicket: here ? ticket : null };
        if (body.action === "next" || body.action === "call")
          this._shell.notify(t("called", this._shell.lang, { number: ticket.number }));
      }
    } catch (e) {
      this._shell.fail(e);
    } finally {
      this._busy = false;
    }
  }

  private async _linkDossier(body: { dossierCode: string | null; procedureCode: string | null }) {
    const c = this._counter;
    if (!c?.currentTicket) return;
    const l = this._shell.lang;
    this._busy = true;
    try {
      const r = await data.linkDossier(c.number, body, l);
      // The `mine` frame brings it too; shown now in case the answer comes first.
      const now = this._counter;
      if (now?.currentTicket?.id === r.ticket.id) this._counter = { ...now, currentDossier: r.dossier };
      this._shell.notify(
        r.dossier
          ? t("dossierLinked", l, { code: r.dossier.dossierCode, number: r.ticket.number })
          : t("dossierRemoved", l, { number: r.ticket.number }),
      );
    } catch (e) {
      this._shell.fail(e);
    } finally {
      this._busy = false;
    }
  }

  private async _openCounter(n: number) {
    await this._guard(async () => {
      await data.openCounter(n, this._shell.lang);
    });
  }

  private async _forceClose(n: number) {
    await this._guard(async () => {
      await data.forceClose(n, this._shell.lang);
      this._shell.notify(t("counterClosed", this._shell.lang, { n }));
    });
  }

  private async _guard(f: () => Promise<void>) {
    this._busy = true;
    try {
      await f();
    } catch (e) {
      this._shell.fail(e);
    } finally {
      this._busy = false;
    }
  }

  private _navigate(to: "accounts" | "console") {
    this._phase = to === "accounts" ? "accounts" : this._counter ? "console" : "pick";
  }

  // ---------------------------------------------------------------- data

  /** The fields (names, prefixes): once per session; they do not change while the hall runs. */
  private async _loadServices(): Promise<void> {
    const l = this._shell.lang;
    for (let attempt = 0; this._services.length === 0 && this._shell.auth === "in"; attempt++) {
      try {
        this._services = await data.services(l);
      } catch {
        await new Promise((r) => setTimeout(r, Math.min(2000 * 2 ** attempt, 30_000)));
      }
    }
  }

  /** Applies one frame of the staff stream. */
  private _onFrame(f: StaffFrame) {
    if (this._shell.auth !== "in") return;
    switch (f.name) {
      case "hall-state":
        this._hall = f.data;
        this._hallAt = serverNow();
        return;
      case "counters":
        this._counters = f.data.counters;
        return;
      case "mine":
        this._applyMine(f.data);
        return;
    }
  }

  private _applyMine(m: MineFrame) {
    if (m.seq < this._mineSeq) return;
    this._mineSeq = m.seq;
    const held = this._phase === "console" ? (this._counter?.number ?? null) : null;
    const l = this._shell.lang;
    this._shell.user = m.user;
    this._counter = m.counter;
    this._today = m.today;
    if (this._phase !== "accounts") this._phase = m.counter ? "console" : "pick";
    // Closed by someone else (a manager's force-close): say so on the picker.
    if (held !== null && !m.counter && !this._busy) this._shell.notify(t("counterClosed", l, { n: held }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "counter-app": CounterApp;
  }
}
