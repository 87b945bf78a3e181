/**
 * The hall application: one method per use case. Each mutation asks the queue core
 * for a decision, commits it to the store in one transaction, applies it to memory,
 * and only then emits the committed events (DESIGN.md "Side effects follow commits").
 */
import type { HallConfig } from "../contract/config.ts";
import type { Priority, Ticket } from "../contract/domain.ts";
import { normalizeDossierCode, validCode } from "../contract/dossier.ts";
import type { AuditEventType } from "../contract/events.ts";
import type { EventBus } from "../events/bus.ts";
import type { Clock } from "../queue/clock.ts";
import type { QueueCore } from "../queue/core.ts";
import type { Estimate } from "../queue/eta.ts";
import { type IssueState, issueState } from "../queue/schedule.ts";
import { isoVn } from "../queue/time.ts";
import { type Change, DomainError, type TicketRec } from "../queue/types.ts";
import type { HallLoad } from "../settings/guard.ts";
import { type DossierLink, DossierStore } from "../store/dossiers.ts";
import { ConflictError, type HallStore, type StoredEvent } from "../store/store.ts";
import { eventDto, ticketDto } from "./dto.ts";

export interface HallDeps {
  core: QueueCore;
  /** The settings version the core's configuration is. */
  configVersion: number;
  store: HallStore;
  clock: Clock;
  bus: EventBus;
  /** Base of the status URLs in QR codes (a function: with port 0 it is known only after listen). */
  publicUrl: () => string;
  /**
   * A waiting ticket's position and estimate (main.ts: the shared one-pass run of
   * estimates.ts); default: the queue core's estimate of that ticket alone.
   */
  estimate?: (ticketId: number, now: number) => Estimate | null;
}

export interface Actor {
  id: number;
  role: "officer" | "manager" | "admin";
}

type TicketResult = { ticket: Ticket; rec: TicketRec };

/**
 * Work that must commit with a hall change, run inside its transaction with the event rows
 * just written and the tickets they are about (e.g. outbox messages: server/webhooks/). A
 * reaction that throws rolls the whole change back.
 */
export type CommitReaction = (events: readonly StoredEvent[], tickets: readonly TicketRec[]) => void;

/**
 * What else a kiosk's issue request carries (issue 15): a guard that may refuse it before
 * anything is decided and is told once it committed (the CCCD day-hash), the dossier code
 * of a visitor collecting a result, and details for the `issued` event.
 */
export interface IssueExtras {
  guard?: { check(): void; record(): void };
  dossierCode?: string;
  eventData?: Record<string, unknown>;
  /**
   * A booking's check-in (issue 14): the slot was offered by the schedule, so only a closed
   * field or a manual closing refuses it (not the hours, lunch or cut-off around the slot),
   * and `record` runs inside the issue's transaction (the booking becomes this ticket).
   */
  booking?: { record(ticket: TicketRec): void };
  /**
   * Leave the estimate out of the returned ticket: the caller gets it from the next shared
   * run (estimates.ts `of`) and builds the ticket with `ticketView`.
   */
  deferEstimate?: boolean;
}

export class Hall {
  private readonly core: QueueCore;
  private settingsVersion: number;
  private readonly store: HallStore;
  private readonly clock: Clock;
  private readonly bus: EventBus;
  private readonly publicUrl: () => string;
  private _version = 0;
  private _countersVersion = 0;
  private allCountersAt = 0;
  private readonly counterVersions = new Map<number, number>();
  private seq: number;
  private readonly dossiers: DossierStore;
  private readonly reactions: CommitReaction[] = [];
  /**
   * The dossier links of open visits as last read (the read side asks at every change of
   * the visit's counter: an LED frame, an officer's view); forgotten when this hall writes
   * the link and when the visit ends. Only this class writes links of open visits
   * (retention removes those of long-ended ones).
   */
  private readonly openDossiers = new Map<number, DossierLink | null>();
  private readonly estimate: (ticketId: number, now: number) => Estimate | null;

  constructor(d: HallDeps) {
    this.estimate = d.estimate ?? ((id, now) => this.core.estimate(id, now));
    this.core = d.core;
    this.settingsVersion = d.configVersion;
    this.store = d.store;
    this.clock = d.clock;
    this.bus = d.bus;
    this.publicUrl = d.publicUrl;
    this.seq = d.store.lastEventId();
    this.dossiers = new DossierStore(d.store.db);
  }

  /** Registers work that commits with every change (see CommitReaction). */
  onCommit(fn: CommitReaction): void {
    this.reactions.push(fn);
  }

  now(): number {
    return this.clock.now();
  }

  /** Base of the hall's public URLs (QR targets). */
  publicUrlBase(): string {
    return this.publicUrl();
  }

  /** The hall configuration in force (the settings' newest version). */
  get config(): HallConfig {
    return this.core.config;
  }

  /**
   * Applies a committed settings version (server/settings/service.ts): the queue core takes
   * it for the next command, the wait estimate the new typical times, and every board and
   * LED board is republished.
   */
  reconfigure(config: HallConfig, version: number): void {
    this.settingsVersion = version;
    this.core.reconfigure(config);
    this.core.serviceTimes.setDefaults(
      new Map(config.services.map((s) => [s.id, s.defaultServiceMin * 60_000])),
    );
    this.invalidateAll();
  }

  /**
   * Today's bookings not yet checked in (issue 14), for the wait estimate to foresee at
   * their expected check-in; `missed` bookings whose window just closed teach it the show rate.
   */
  foreseeBookings(list: readonly { serviceId: string; dueAt: number }[], missed = 0): void {
    this.core.foreseeBookings(list);
    for (let i = 0; i < missed; i++) this.core.bookingStats.missed();
  }

  /** The letter a field's tickets carry today (a new prefix waits for the next service day). */
  prefixToday(serviceId: string): string {
    return (
      this.core.todayPrefixes().get(serviceId) ??
      this.config.services.find((s) => s.id === serviceId)?.prefix ??
      ""
    );
  }

  /** The settings version in force. */
  get configVersion(): number {
    return this.settingsVersion;
  }

  /** What the settings guard checks a change against: who waits where, counters in use, today's prefixes. */
  load(): HallLoad {
    const waiting = new Map<string, number>();
    const open = new Map<string, number>();
    const busy = new Set<number>();
    const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
    for (const t of this.core.openTickets()) {
      inc(open, t.serviceId);
      if (t.status === "waiting") inc(waiting, t.serviceId);
      if (t.counter !== null && t.status !== "waiting") busy.add(t.counter);
      if (t.assignedCounter !== null) busy.add(t.assignedCounter);
    }
    for (const c of this.config.counters)
      if (this.core.counter(c.number)?.officerId != null) busy.add(c.number);
    return {
      today: this.core.today(),
      waiting,
      open,
      busyCounters: busy,
      todayPrefix: new Map(this.core.todayPrefixes()),
    };
  }

  // ------------------------------------------------------------ visitors

  /**
   * Whether a field (or, without one, the hall) issues tickets now, and if not why and from
   * when: the one schedule rule (server/queue/schedule.ts).
   */
  issueState(serviceId?: string, now = this.now()): IssueState {
    return issueState(this.config, now, serviceId);
  }

  /**
   * Issues a ticket. With a `requestKey` (kiosk id + the kiosk's request id), a repeated
   * request returns the first ticket instead of issuing a second one (double tap, retry).
   */
  issue(
    input: {
      serviceId: string;
      priority: Priority;
      kioskId: string | null;
      lang: "vi" | "en";
      requestKey?: string;
      /** A checked-in booking's slot time (issue 14). */
      dueAt?: number;
    },
    extras: IssueExtras = {},
  ): TicketResult & { repeated: boolean } {
    const now = this.now();
    if (input.requestKey) {
      const id = this.store.issueRequest(input.requestKey);
      if (id !== null) {
        const rec = this.store.ticketById(id)!;
        return { ...this.view(this.core.ticket(rec.id) ?? rec, now, extras.deferEstimate), repeated: true };
      }
    }
    if (!this.config.services.some((s) => s.id === input.serviceId))
      throw new DomainError("service-not-found");
    if (
      input.priority !== "none" &&
      !this.config.priorities.some((p) => p.id === input.priority && p.enabled)
    )
      throw new DomainError("invalid-priority", { reason: "category-off" });
    const st = this.issueState(input.serviceId, now);
    const excused = extras.booking !== undefined && st.reason !== "field-closed" && st.reason !== "manual";
    if (!st.issuing && !excused)
      throw new DomainError(
        st.reason === "field-closed" || st.reason === "field-hours" ? "service-closed" : "hall-closed",
        {
          reason: st.reason,
          opensAt: st.opensAt === null ? null : isoVn(st.opensAt),
        },
      );
    const code = extras.dossierCode === undefined ? null : this.checkedCode(extras.dossierCode, "dossier");
    this.ensureDay(now);
    extras.guard?.check();
    const { change, ticket } = this.core.issue(input, now);
    if (extras.eventData && change.events[0]) change.events[0].data = { ...extras.eventData };
    const key = input.requestKey;
    let linkedEventId = 0;
    this.commit(change, () => {
      if (key) this.store.recordIssueRequest(key, ticket.id, now);
      extras.booking?.record(ticket);
      if (code) {
        const holder = this.dossiers.holderOf(code, ticket.serviceDay, ticket.id);
        if (holder) throw new DomainError("dossier-code-taken", { number: holder.number });
        const link = { serviceDay: ticket.serviceDay, dossierCode: code, procedureCode: null, linkedAt: now };
        const ev = this.dossiers.write(
          ticket.id,
          { ...link, source: "kiosk", linkedBy: null },
          {
            counter: null,
            serviceId: ticket.serviceId,
          },
        );
        linkedEventId = ev.id;
      }
    });
    // The dossier row is the newest event (after the commit's own): frames carry its id.
    if (linkedEventId > this.seq) this.seq = linkedEventId;
    // A new visit's link is known: none, or the one just written (read back at the first ask).
    if (code) this.openDossiers.delete(ticket.id);
    else this.openDossiers.set(ticket.id, null);
    extras.guard?.record();
    return { ...this.view(ticket, now, extras.deferEstimate), repeated: false };
  }

  // ------------------------------------------------------------ dossier codes

  /**
   * Links the one-stop system's dossier code (and procedure code) to a visit from the
   * console: the visit called or served at counter n, or with `ticketId` one finished at n
   * today. The same codes again change nothing; a null dossier code removes the link.
   * Refused: a wrong format (422), a code held by another visit of the day (409).
   */
  linkDossier(
    n: number,
    actor: Actor,
    input: { dossierCode: string | null; procedureCode?: string | null; ticketId?: number },
  ): { rec: TicketRec; link: DossierLink | null } {
    const now = this.now();
    const c = this.core.counter(n);
    if (!c) throw new DomainError("counter-not-found");
    if (actor.role === "officer" && c.officerId !== actor.id) throw new DomainError("not-your-counter");
    const cur = this.core.current(n);
    let rec: TicketRec | null | undefined;
    if (input.ticketId === undefined || input.ticketId === cur?.id) {
      rec = cur;
      if (!rec) throw new DomainError("no-current-ticket");
    } else {
      rec = this.store.ticketById(input.ticketId);
      if (!rec || rec.counter !== n || rec.status !== "done" || rec.serviceDay !== this.core.today())
        throw new DomainError("ticket-not-found");
    }
    const code = input.dossierCode === null ? null : this.checkedCode(input.dossierCode, "dossier");
    const proc = code && input.procedureCode ? this.checkedCode(input.procedureCode, "procedure") : null;
    const old = this.dossiers.byTicket(rec.id);
    if ((old?.dossierCode ?? null) === code && (old?.procedureCode ?? null) === proc)
      return { rec, link: old };
    const t = rec;
    this.openDossiers.delete(t.id);
    try {
      const out = this.dossiers.transaction(() => {
        if (code) {
          const holder = this.dossiers.holderOf(code, t.serviceDay, t.id);
          if (holder) throw new DomainError("dossier-code-taken", { number: holder.number });
        }
        const base = { linkedAt: now, linkedBy: actor.id, source: "console" as const };
        const link = code
          ? { ...base, serviceDay: t.serviceDay, dossierCode: code, procedureCode: proc }
          : null;
        const ev = this.dossiers.write(t.id, link ?? { ...base, dossierCode: null }, {
          counter: n,
          serviceId: t.serviceId,
        });
        this.react([ev], [t]);
        if (ev.id > this.seq) this.seq = ev.id;
        return { rec: t, link: link ? { ticketId: t.id, ...link } : null };
      });
      // The officer's console shows the current visit's dossier (`mine`): counter n changed.
      this.openDossiers.delete(t.id);
      this.touch([n]);
      this.bus.emit("changed", { counters: [n], tickets: [] });
      return out;
    } catch (e) {
      if (e instanceof DomainError) throw e;
      throw storageError(e);
    }
  }

  /** The dossier link of a visit, if any (staff only: never on public feeds). */
  dossierOf(ticketId: number): DossierLink | null {
    if (!this.core.ticket(ticketId)) return this.dossiers.byTicket(ticketId);
    let link = this.openDossiers.get(ticketId);
    if (link === undefined) {
      link = this.dossiers.byTicket(ticketId);
      this.openDossiers.set(ticketId, link);
    }
    return link;
  }

  /** A typed or scanned code in its stored form, or 422 when it is not in the hall's format. */
  private checkedCode(raw: string, kind: "dossier" | "procedure"): string {
    const code = normalizeDossierCode(raw);
    const pattern =
      kind === "dossier" ? this.config.dossier.codePattern : this.config.dossier.procedurePattern;
    if (!validCode(code, pattern))
      throw new DomainError(kind === "dossier" ? "invalid-dossier-code" : "invalid-procedure-code");
    return code;
  }

  /** A ticket by its public code, with live position and estimate while it waits. */
  ticketByCode(code: string): TicketResult {
    const rec = this.core.byCode(code) ?? this.store.ticketByCode(code);
    if (!rec) throw new DomainError("ticket-not-found");
    return this.view(this.core.ticket(rec.id) ?? rec, this.now());
  }

  /** A ticket by id (a checked-in booking's), with live position and estimate while it waits. */
  ticketById(id: number): TicketResult | null {
    const rec = this.core.ticket(id) ?? this.store.ticketById(id);
    return rec ? this.view(rec, this.now()) : null;
  }

  /** The visitor gives up their ticket. */
  cancel(code: string): TicketResult {
    const now = this.now();
    const rec = this.core.byCode(code);
    if (!rec) {
      if (this.store.ticketByCode(code)) throw new DomainError("ticket-not-waiting");
      throw new DomainError("ticket-not-found");
    }
    return this.act(() => this.core.cancel(rec, now), now);
  }

  /** A rating from the visitor's phone: once, after service, on the same day. */
  rate(code: string, score: number, source = "phone"): TicketResult {
    const now = this.now();
    const rec = this.store.ticketByCode(code);
    if (!rec) throw new DomainError("ticket-not-found");
    return this.act(() => this.core.rate(rec, score, now, source, 24 * 3600_000), now);
  }

  /** A rating from counter n's pad: the visit last finished there, within the rating window. */
  rateAtCounter(n: number, score: number, source = "pad"): TicketResult {
    const now = this.now();
    if (!this.core.counter(n)) throw new DomainError("counter-not-found");
    const rec = this.store.lastFinishedAt(n);
    if (!rec) throw new DomainError("not-finished");
    const windowMs = this.config.targets.ratingWindowMin * 60_000;
    return this.act(() => this.core.rate(rec, score, now, source, windowMs), now);
  }

  /**
   * What counter n's rating pad or tablet would rate now: the visit last finished there
   * (its visible number only, which the boards show anyway), whether it is rated, and
   * whether the rating window is still open. Null when nothing was finished there.
   */
  ratingTarget(
    n: number,
  ): { number: string; finishedAt: string; rated: boolean; open: boolean; closesInSec: number } | null {
    if (!this.core.counter(n)) throw new DomainError("counter-not-found");
    const rec = this.store.lastFinishedAt(n);
    if (!rec || rec.finishedAt === null) return null;
    const windowMs = this.config.targets.ratingWindowMin * 60_000;
    const rated = rec.rating !== null;
    const left = rec.finishedAt + windowMs - this.now();
    const open = !rated && left >= 0;
    const closesInSec = open ? Math.ceil(left / 1000) : 0;
    return { number: rec.number, finishedAt: isoVn(rec.finishedAt), rated, open, closesInSec };
  }

  // ------------------------------------------------------------ officers

  openCounter(n: number, actor: Actor): void {
    const now = this.now();
    this.ensureDay(now);
    const { change } = this.core.openCounter(n, actor.id, now);
    this.commit(change);
  }

  /**
   * An account was disabled: the counter it holds is closed as a manager's forced close
   * does (the visitor at the desk goes back in line), by `actor`, the admin.
   */
  releaseCounterOf(officerId: number, actor: Actor): number | null {
    const n = this.counterOf(officerId);
    if (n === null) return null;
    this.closeCounter(n, actor.id === officerId ? { ...actor, role: "admin" } : actor);
    return n;
  }

  closeCounter(n: number, actor: Actor): void {
    const now = this.now();
    const c = this.core.counter(n);
    const force = actor.role !== "officer" && c?.officerId !== actor.id;
    this.commit(this.core.closeCounter(n, actor.id, now, force));
  }

  pause(n: number, actor: Actor, reason: string): void {
    this.commit(this.core.pause(n, actor.id, reason, this.now()));
  }

  resume(n: number, actor: Actor): void {
    this.commit(this.core.resume(n, actor.id, this.now()));
  }

  /** "Gọi số tiếp theo"; null when nobody waits for this counter. */
  callNext(n: number, actor: Actor): TicketResult | null {
    const now = this.now();
    this.ensureDay(now);
    const r = this.core.callNext(n, actor.id, now);
    if (!r) return null;
    this.commit(r.change);
    return this.view(r.ticket, now);
  }

  callSpecific(n: number, actor: Actor, number: string, reason: string): TicketResult {
    const now = this.now();
    return this.act(() => this.core.callSpecific(n, actor.id, number, reason, now), now);
  }

  recall(n: number, actor: Actor) {
    const now = this.now();
    return this.act(() => this.core.recall(n, actor.id, now), now);
  }

  noShow(n: number, actor: Actor) {
    const now = this.now();
    return this.act(() => this.core.noShow(n, actor.id, now), now);
  }

  start(n: number, actor: Actor) {
    const now = this.now();
    return this.act(() => this.core.start(n, actor.id, now), now);
  }

  finish(n: number, actor: Actor) {
    const now = this.now();
    return this.act(() => this.core.finish(n, actor.id, now), now);
  }

  transfer(n: number, actor: Actor, to: { serviceId: string; counter?: number }) {
    const now = this.now();
    return this.act(() => this.core.transfer(n, actor.id, to, now), now);
  }

  /** The counter an officer holds now, if any. */
  counterOf(officerId: number): number | null {
    return this.core.counterOf(officerId)?.number ?? null;
  }

  /** Holder of counter n, or null. */
  holderOf(n: number): number | null {
    return this.core.counter(n)?.officerId ?? null;
  }

  // ------------------------------------------------------------ the read side's inputs

  /**
   * Bumped by every commit and notice change: the read side (views.ts) rebuilds a view
   * when the version it was built at is older.
   */
  get version(): number {
    return this._version;
  }

  /** The version of the last change that touched counter n (its LED frame, its officer's view). */
  counterVersion(n: number): number {
    return Math.max(this.counterVersions.get(n) ?? 0, this.allCountersAt);
  }

  /** The version of the last change that touched any counter (the staff counters view). */
  get countersVersion(): number {
    return this._countersVersion;
  }

  /** The newest event id (`seq` of every frame): cached, moved by commits and audit rows. */
  lastEventId(): number {
    return this.seq;
  }

  /** The board's scrolling notice (a setting: PUT /api/hall/notice saves a settings version). */
  notice() {
    return this.config.notice;
  }

  /**
   * Every view is stale (the configuration changed at run time): the read side rebuilds
   * them all at the next ask (the settings service then emits `config`, and the boards and
   * streams get them afresh).
   */
  private invalidateAll(): void {
    this._version++;
    this.allCountersAt = this._version;
    this._countersVersion = this._version;
    // The settings change wrote its event row outside the hall's commits.
    this.seq = Math.max(this.seq, this.store.lastEventId());
  }

  /** Records a staff-account change in the event log (who, when, what; never a password). */
  audit(type: AuditEventType, actorId: number | null, data: Record<string, unknown>): void {
    this.seq = Math.max(this.seq, this.store.appendAudit(type, this.now(), actorId, data));
  }

  // ------------------------------------------------------------ plumbing

  /** A change committed: the hall's views and those of the counters it touched are stale. */
  private touch(counters: Iterable<number>): void {
    this._version++;
    let any = false;
    for (const n of counters) {
      this.counterVersions.set(n, this._version);
      any = true;
    }
    if (any) this._countersVersion = this._version;
  }

  private view(rec: TicketRec, now: number, withoutEstimate = false): TicketResult {
    const est = rec.status === "waiting" && !withoutEstimate ? this.estimate(rec.id, now) : null;
    return { ticket: ticketDto(rec, this.publicUrl(), est), rec };
  }

  /** A ticket's API form with a given estimate (an issue whose estimate came from the shared run). */
  ticketView(rec: TicketRec, estimate: Estimate | null): Ticket {
    return ticketDto(rec, this.publicUrl(), rec.status === "waiting" ? estimate : null);
  }

  private react(events: readonly StoredEvent[], tickets: readonly TicketRec[]): void {
    for (const r of this.reactions) r(events, tickets);
  }

  private act(decide: () => { change: Change; ticket: TicketRec }, now: number): TicketResult {
    const r = decide();
    this.commit(r.change);
    return this.view(r.ticket, now);
  }

  /** Cancels the previous days' leftovers before the first command of a new day. */
  private ensureDay(now: number): void {
    const change = this.core.rollover(now);
    if (change) this.commit(change);
  }

  private commit(change: Change, extra?: () => void): void {
    if (
      change.tickets.length === 0 &&
      change.counters.length === 0 &&
      change.events.length === 0 &&
      !("day" in change)
    )
      return;
    // What each ticket is believed to be now: the store checks its status and writes only what changed.
    const previous = new Map<number, TicketRec>();
    for (const t of change.tickets) {
      const cur =
        this.core.ticket(t.id) ??
        (t.status === "done" || t.rating !== null ? this.store.ticketById(t.id) : null);
      if (cur) previous.set(t.id, cur);
    }
    let stored: ReturnType<HallStore["commit"]>;
    try {
      stored = this.store.commit(change, previous, (rows) => {
        extra?.();
        this.react(rows, change.tickets);
      });
    } catch (e) {
      if (e instanceof ConflictError) throw new DomainError("ticket-not-waiting");
      if (e instanceof DomainError) throw e;
      throw storageError(e);
    }
    this.core.apply(change);
    for (const t of change.tickets) if (!this.core.ticket(t.id)) this.openDossiers.delete(t.id);
    const byId = new Map(change.tickets.map((t) => [t.id, t]));
    const counters = new Set<number>();
    for (const e of stored) if (e.counter !== null) counters.add(e.counter);
    for (const c of change.counters) counters.add(c.number);
    this.touch(counters);
    for (const e of stored) if (e.id > this.seq) this.seq = e.id;
    for (const e of stored)
      this.bus.emit(
        "event",
        eventDto(e, this.config.id, e.ticketId === null ? null : (byId.get(e.ticketId) ?? null)),
      );
    this.bus.emit("changed", { counters: [...counters], tickets: change.tickets.map((t) => t.id) });
  }
}

/** SQLite faults (full disk, locked, I/O) become a clear 503, never a half-written state. */
function storageError(e: unknown): Error {
  const code = (e as { code?: string })?.code ?? "";
  if (
    /SQLITE_(FULL|BUSY|LOCKED|IOERR|READONLY|CANTOPEN|CORRUPT|NOTADB)/.test(code) ||
    /disk|locked|readonly/i.test(String(e))
  )
    return new DomainError("storage-unavailable", { sqlite: code || String(e) });
  return e as Error;
}
