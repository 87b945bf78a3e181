/**
 * The hall application: one method per use case. Each mutation asks the queue core
 * for a decision, commits it to the store in one transaction, applies it to memory,
 * and only then emits the committed events (DESIGN.md "Side effects follow commits").
 */
import type { HallConfig } from "../contract/config.ts";
import type { Priority, Ticket } from "../contract/domain.ts";
import type { AuditEventType } from "../contract/events.ts";
import type { EventBus } from "../events/bus.ts";
import type { Clock } from "../queue/clock.ts";
import type { QueueCore } from "../queue/core.ts";
import { isoVn, isWithinHours } from "../queue/time.ts";
import { type Change, DomainError, type TicketRec } from "../queue/types.ts";
import { ConflictError, type HallStore } from "../store/store.ts";
import { eventDto, ticketDto } from "./dto.ts";

export interface HallDeps {
  config: HallConfig;
  core: QueueCore;
  store: HallStore;
  clock: Clock;
  bus: EventBus;
  /** Base of the status URLs in QR codes (a function: with port 0 it is known only after listen). */
  publicUrl: () => string;
}

export interface Actor {
  id: number;
  role: "officer" | "manager" | "admin";
}

type TicketResult = { ticket: Ticket; rec: TicketRec };

export class Hall {
  readonly config: HallConfig;
  private readonly core: QueueCore;
  private readonly store: HallStore;
  private readonly clock: Clock;
  private readonly bus: EventBus;
  private readonly publicUrl: () => string;
  private _version = 0;
  private _countersVersion = 0;
  private allCountersAt = 0;
  private readonly counterVersions = new Map<number, number>();
  private seq: number;
  private noticeCache: { vi: string; en: string } | null | undefined = undefined;

  constructor(d: HallDeps) {
    this.config = d.config;
    this.core = d.core;
    this.store = d.store;
    this.clock = d.clock;
    this.bus = d.bus;
    this.publicUrl = d.publicUrl;
    this.seq = d.store.lastEventId();
  }

  now(): number {
    return this.clock.now();
  }

  // ------------------------------------------------------------ visitors

  /** True when tickets can be issued now (always, when the config does not enforce hours). */
  isOpen(now = this.now()): boolean {
    return !this.config.enforceHours || isWithinHours(this.config.hours, now);
  }

  /**
   * Issues a ticket. With a `requestKey` (kiosk id + the kiosk's request id), a repeated
   * request returns the first ticket instead of issuing a second one (double tap, retry).
   */
  issue(input: {
    serviceId: string;
    priority: Priority;
    kioskId: string | null;
    lang: "vi" | "en";
    requestKey?: string;
  }): TicketResult & { repeated: boolean } {
    const now = this.now();
    if (input.requestKey) {
      const id = this.store.issueRequest(input.requestKey);
      if (id !== null) {
        const rec = this.store.ticketById(id)!;
        return { ...this.view(this.core.ticket(rec.id) ?? rec, now), repeated: true };
      }
    }
    if (!this.config.services.some((s) => s.id === input.serviceId))
      throw new DomainError("service-not-found");
    if (!this.isOpen(now)) throw new DomainError("hall-closed");
    this.ensureDay(now);
    const { change, ticket } = this.core.issue(input, now);
    const key = input.requestKey;
    this.commit(change, key ? () => this.store.recordIssueRequest(key, ticket.id, now) : undefined);
    return { ...this.view(ticket, now), repeated: false };
  }

  /** A ticket by its public code, with live position and estimate while it waits. */
  ticketByCode(code: string): TicketResult {
    const rec = this.core.byCode(code) ?? this.store.ticketByCode(code);
    if (!rec) throw new DomainError("ticket-not-found");
    return this.view(this.core.ticket(rec.id) ?? rec, this.now());
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
  ratingTarget(n: number): { number: string; finishedAt: string; rated: boolean; open: boolean } | null {
    if (!this.core.counter(n)) throw new DomainError("counter-not-found");
    const rec = this.store.lastFinishedAt(n);
    if (!rec || rec.finishedAt === null) return null;
    const windowMs = this.config.targets.ratingWindowMin * 60_000;
    const rated = rec.rating !== null;
    const open = !rated && this.now() - rec.finishedAt <= windowMs;
    return { number: rec.number, finishedAt: isoVn(rec.finishedAt), rated, open };
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

  /** The board's notice (cached; the store keeps it across restarts). */
  notice(): { vi: string; en: string } | null {
    if (this.noticeCache === undefined) {
      const raw = this.store.setting("notice");
      this.noticeCache = raw ? (JSON.parse(raw) as { vi: string; en: string } | null) : this.config.notice;
    }
    return this.noticeCache;
  }

  /** Sets (or clears) the board's notice; recorded in the audit trail with who set it. */
  setNotice(notice: { vi: string; en: string } | null, actorId: number): void {
    this.store.setSetting("notice", JSON.stringify(notice));
    this.noticeCache = notice;
    this.audit("notice-set", actorId, { notice });
    this._version++;
    this.bus.emit("notice", { notice });
  }

  /**
   * Every view is stale (the configuration changed at run time): the read side rebuilds
   * them all, and the boards and streams get them afresh.
   */
  invalidateAll(): void {
    this._version++;
    this.allCountersAt = this._version;
    this._countersVersion = this._version;
    this.noticeCache = undefined;
    this.bus.emit("config", {});
  }

  /** Records a staff-account change in the event log (who, when, what; never a password). */
  audit(type: AuditEventType, actorId: number, data: Record<string, unknown>): void {
    this.seq = Math.max(this.seq, this.store.appendAudit(type, this.now(), actorId, data));
  }

  // ------------------------------------------------------------ plumbing

  private view(rec: TicketRec, now: number): TicketResult {
    return { ticket: ticketDto(rec, this.publicUrl(), this.core.estimate(rec.id, now)), rec };
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
    const previous = new Map<number, string>();
    for (const t of change.tickets) {
      const cur =
        this.core.ticket(t.id) ??
        (t.status === "done" || t.rating !== null ? this.store.ticketById(t.id) : null);
      if (cur) previous.set(t.id, cur.status);
    }
    let stored: ReturnType<HallStore["commit"]>;
    try {
      stored = this.store.commit(change, previous, extra);
    } catch (e) {
      if (e instanceof ConflictError) throw new DomainError("ticket-not-waiting");
      throw storageError(e);
    }
    this.core.apply(change);
    const byId = new Map(change.tickets.map((t) => [t.id, t]));
    const counters = new Set<number>();
    for (const e of stored) if (e.counter !== null) counters.add(e.counter);
    for (const c of change.counters) counters.add(c.number);
    this._version++;
    for (const n of counters) this.counterVersions.set(n, this._version);
    if (counters.size > 0) this._countersVersion = this._version;
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
