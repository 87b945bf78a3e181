/**
 * The hall store: every read and write of tickets, events and counters.
 * `commit()` is the one way state changes: ticket rows, counter rows and event rows
 * in a single transaction, with an optimistic check of each ticket's previous status so
 * that no ticket can be handed to two counters even by two processes on one file.
 */
import type { Database } from "bun:sqlite";
import type { HallCall, Priority } from "../contract/domain.ts";
import type { CoreState } from "../queue/core.ts";
import type { Change, EventDraft, TicketRec } from "../queue/types.ts";
import { type CounterRow, type TicketRow, ticketParams, toCounter, toTicket } from "./rows.ts";

/** Thrown when a ticket changed under us (another writer): the transaction is rolled back. */
export class ConflictError extends Error {}

export interface StoredEvent extends EventDraft {
  id: number;
}

export interface EventRow {
  id: number;
  at: number;
  type: string;
  ticket_id: number | null;
  counter: number | null;
  officer_id: number | null;
  service_id: string | null;
  data: string | null;
}

/** An event row with the ticket's fixed facts on `issued` (HallStore.uplinkRows). */
export interface UplinkRow extends EventRow {
  number: string | null;
  service_day: string | null;
  priority: string | null;
  due_at: number | null;
}

const UPLINK_ACKED = "uplink.acked";

const TICKET_COLS =
  "id, code, service_day, prefix, seq, number, service_id, first_service_id, priority, status, issued_at, called_at, first_called_at, started_at, finished_at, counter, officer_id, assigned_counter, call_count, kiosk_id, lang, rating, rated_at, due_at";
const TICKET_COL_LIST = TICKET_COLS.split(", ");
const TICKET_VALUES = TICKET_COL_LIST.map((c) => `$${c}`).join(", ");
const TICKET_UPDATES = TICKET_COL_LIST.filter((c) => c !== "id")
  .map((c) => `${c} = $${c}`)
  .join(", ");

export class HallStore {
  constructor(readonly db: Database) {}

  /**
   * Writes one change atomically. `previous` maps ticket id → the status the caller
   * believes it has, or the whole record it believes is stored (absent for a new ticket);
   * any status mismatch aborts the whole change. Given the record, only the columns that
   * differ from it are written (a call or a finish then leaves the indexes of the columns
   * it does not change untouched: fewer pages per commit, decision 0117).
   * `extra` runs inside the same transaction, after the event rows, and is given them
   * (the idempotency row of an issue, a dossier link, outbox messages).
   */
  commit(
    change: Change,
    previous: ReadonlyMap<number, string | TicketRec>,
    extra?: (stored: StoredEvent[]) => void,
  ): StoredEvent[] {
    const insert = this.db.query(`INSERT INTO tickets (${TICKET_COLS}) VALUES (${TICKET_VALUES})`);
    const counter = this.db.query(
      `INSERT INTO counter_state (number, officer_id, opened_at, paused_at, pause_reason)
       VALUES ($number, $officer_id, $opened_at, $paused_at, $pause_reason)
       ON CONFLICT (number) DO UPDATE SET officer_id = excluded.officer_id, opened_at = excluded.opened_at,
         paused_at = excluded.paused_at, pause_reason = excluded.pause_reason`,
    );
    const event = this.db.query<{ id: number }, Record<string, string | number | null>>(
      `INSERT INTO events (at, type, ticket_id, counter, officer_id, service_id, data)
       VALUES ($at, $type, $ticket_id, $counter, $officer_id, $service_id, $data) RETURNING id`,
    );
    return this.db.transaction(() => {
      for (const t of change.tickets) {
        const prev = previous.get(t.id);
        if (prev === undefined) insert.run(ticketParams(t));
        else if (this.updateTicket(t, prev) !== 1)
          throw new ConflictError(`ticket ${t.id} changed concurrently`);
      }
      for (const c of change.counters)
        counter.run({
          number: c.number,
          officer_id: c.officerId,
          opened_at: c.openedAt,
          paused_at: c.pausedAt,
          pause_reason: c.pauseReason,
        });
      const stored = change.events.map((e) => {
        const row = event.get({
          at: e.at,
          type: e.type,
          ticket_id: e.ticketId,
          counter: e.counter,
          officer_id: e.officerId,
          service_id: e.serviceId,
          data: e.data ? JSON.stringify(e.data) : null,
        });
        return { ...e, id: row!.id };
      });
      extra?.(stored);
      return stored;
    })();
  }

  /**
   * Updates a ticket row if its status is still the one expected; returns the rows changed
   * (0: it changed under us). With the previous record, only the columns that differ (and
   * the status) are set; the statement of each column set is prepared once (bun:sqlite caches it).
   */
  private updateTicket(t: TicketRec, prev: string | TicketRec): number {
    const params: Record<string, string | number | null> = ticketParams(t);
    if (typeof prev === "string" || prev === t)
      return this.db
        .query(`UPDATE tickets SET ${TICKET_UPDATES} WHERE id = $id AND status = $prev_status`)
        .run({ ...params, prev_status: typeof prev === "string" ? prev : prev.status }).changes;
    const before: Record<string, string | number | null> = ticketParams(prev);
    const bind: Record<string, string | number | null> = { id: t.id, prev_status: prev.status };
    const set: string[] = [];
    for (const c of TICKET_COL_LIST)
      if (c !== "id" && (c === "status" || params[c] !== before[c])) {
        set.push(`${c} = $${c}`);
        bind[c] = params[c]!;
      }
    return this.db
      .query(`UPDATE tickets SET ${set.join(", ")} WHERE id = $id AND status = $prev_status`)
      .run(bind).changes;
  }

  /** What the queue core needs at start: open tickets, counters, today's numbers, recent calls. */
  loadCoreState(today: string, iso: (ms: number) => string): CoreState {
    const open = this.db
      .query<TicketRow, []>(
        `SELECT ${TICKET_COLS} FROM tickets WHERE status IN ('waiting', 'called', 'serving')`,
      )
      .all()
      .map(toTicket);
    const counters = this.db.query<CounterRow, []>("SELECT * FROM counter_state").all().map(toCounter);
    const seqs = new Map(
      this.db
        .query<{ prefix: string; seq: number }, [string]>(
          "SELECT prefix, MAX(seq) AS seq FROM tickets WHERE service_day = ? GROUP BY prefix",
        )
        .all(today)
        .map((r) => [r.prefix, r.seq] as const),
    );
    const maxId = this.db.query<{ m: number | null }, []>("SELECT MAX(id) AS m FROM tickets").get()?.m ?? 0;
    const calls = this.db
      .query<
        { number: string; counter: number; at: number; type: string; service_id: string; priority: string },
        [string]
      >(
        `SELECT t.number, e.counter, e.at, e.type, e.service_id, t.priority FROM events e JOIN tickets t ON t.id = e.ticket_id
         WHERE e.type IN ('called', 'recalled') AND t.service_day = ? ORDER BY e.id DESC LIMIT 40`,
      )
      .all(today);
    const seen = new Set<string>();
    const recentCalls: HallCall[] = [];
    for (const c of calls) {
      if (seen.has(c.number)) continue;
      seen.add(c.number);
      recentCalls.push({
        number: c.number,
        counter: c.counter,
        calledAt: iso(c.at),
        serviceId: c.service_id,
        priority: c.priority as Priority,
        recall: c.type === "recalled",
      });
    }
    const todayPrefixes = new Map(
      this.db
        .query<{ service_id: string; prefix: string }, [string]>(
          "SELECT first_service_id AS service_id, MIN(prefix) AS prefix FROM tickets WHERE service_day = ? GROUP BY first_service_id",
        )
        .all(today)
        .map((r) => [r.service_id, r.prefix] as const),
    );
    return {
      openTickets: open,
      counters,
      seqs,
      day: today,
      nextTicketId: maxId + 1,
      recentCalls,
      todayPrefixes,
    };
  }

  /** Recent service durations per field, oldest first (to seed the wait estimate). */
  recentServiceTimes(perService = 30): { serviceId: string; ms: number }[] {
    return this.db
      .query<{ service_id: string; ms: number }, [number]>(
        `SELECT service_id, ms FROM (
           SELECT service_id, finished_at - COALESCE(started_at, called_at) AS ms, finished_at,
                  ROW_NUMBER() OVER (PARTITION BY service_id ORDER BY finished_at DESC) AS rn
           FROM tickets WHERE status = 'done' AND finished_at IS NOT NULL)
         WHERE rn <= ? ORDER BY finished_at`,
      )
      .all(perService)
      .map((r) => ({ serviceId: r.service_id, ms: r.ms }));
  }

  /** The visit with this code; never one whose details the retention job removed. */
  ticketByCode(code: string): TicketRec | null {
    const r = this.db
      .query<TicketRow, [string]>(
        `SELECT ${TICKET_COLS} FROM tickets WHERE code = ? AND anonymized_at IS NULL`,
      )
      .get(code);
    return r ? toTicket(r) : null;
  }

  ticketById(id: number): TicketRec | null {
    const r = this.db.query<TicketRow, [number]>(`SELECT ${TICKET_COLS} FROM tickets WHERE id = ?`).get(id);
    return r ? toTicket(r) : null;
  }

  /** The ticket last finished at a counter, for the rating pad. */
  lastFinishedAt(counter: number): TicketRec | null {
    const r = this.db
      .query<TicketRow, [number]>(
        `SELECT ${TICKET_COLS} FROM tickets WHERE counter = ? AND status = 'done' ORDER BY finished_at DESC LIMIT 1`,
      )
      .get(counter);
    return r ? toTicket(r) : null;
  }

  /** Ticket id of an earlier issue request with this key, if any. */
  issueRequest(key: string): number | null {
    return (
      this.db
        .query<{ ticket_id: number }, [string]>("SELECT ticket_id FROM issue_requests WHERE request_key = ?")
        .get(key)?.ticket_id ?? null
    );
  }

  /** Records an issue request key (call inside `commit`'s `extra`). */
  recordIssueRequest(key: string, ticketId: number, at: number): void {
    this.db
      .query("INSERT INTO issue_requests (request_key, ticket_id, created_at) VALUES (?, ?, ?)")
      .run(key, ticketId, at);
  }

  /** Events after `afterId`, oldest first (SSE replay after a reconnect). */
  eventsAfter(afterId: number, limit: number): EventRow[] {
    return this.db
      .query<EventRow, [number, number]>("SELECT * FROM events WHERE id > ? ORDER BY id LIMIT ?")
      .all(afterId, limit);
  }

  /**
   * Event rows after `afterId`, oldest first, with the fixed facts of the ticket on `issued`
   * rows (number, service day, priority): what the province uplink sends (server/uplink/).
   */
  uplinkRows(afterId: number, limit: number): UplinkRow[] {
    return this.db
      .query<UplinkRow, [number, number]>(
        `SELECT e.id, e.at, e.type, e.ticket_id, e.counter, e.officer_id, e.service_id, e.data,
                t.number, t.service_day, t.priority, t.due_at
         FROM events e LEFT JOIN tickets t ON e.type = 'issued' AND t.id = e.ticket_id
         WHERE e.id > ? ORDER BY e.id LIMIT ?`,
      )
      .all(afterId, limit);
  }

  /** The last event id the province acknowledged (0 before the first), kept across restarts. */
  uplinkAcked(): number {
    return Number(this.setting(UPLINK_ACKED) ?? 0);
  }

  setUplinkAcked(id: number): void {
    this.setSetting(UPLINK_ACKED, String(id));
  }

  /** Appends an audit row (staff-account changes) that changes no ticket or counter. */
  /** Appends an audit row; returns its event id. */
  appendAudit(type: string, at: number, actorId: number | null, data: Record<string, unknown>): number {
    const r = this.db
      .query("INSERT INTO events (at, type, officer_id, data) VALUES (?, ?, ?, ?)")
      .run(at, type, actorId, JSON.stringify(data));
    return Number(r.lastInsertRowid);
  }

  lastEventId(): number {
    return this.db.query<{ m: number | null }, []>("SELECT MAX(id) AS m FROM events").get()?.m ?? 0;
  }

  /** Today's figures of one officer: visits finished and their mean service time. */
  officerToday(
    officerId: number,
    day: string,
  ): { served: number; meanServiceSec: number | null; noShows: number } {
    const r = this.db
      .query<{ served: number; mean: number | null; no_shows: number }, [number, string]>(
        `SELECT SUM(status = 'done') AS served,
                AVG(CASE WHEN status = 'done' THEN finished_at - COALESCE(started_at, called_at) END) / 1000.0 AS mean,
                SUM(status = 'no-show') AS no_shows
         FROM tickets WHERE officer_id = ? AND service_day = ?`,
      )
      .get(officerId, day);
    return {
      served: r?.served ?? 0,
      meanServiceSec: r?.mean == null ? null : Math.round(r.mean),
      noShows: r?.no_shows ?? 0,
    };
  }

  setting(key: string): string | null {
    return (
      this.db.query<{ value: string }, [string]>("SELECT value FROM settings WHERE key = ?").get(key)
        ?.value ?? null
    );
  }

  setSetting(key: string, value: string): void {
    this.db
      .query(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      )
      .run(key, value);
  }
}
