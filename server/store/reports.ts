/**
 * The SQL of the reports (issue 6). Read-only. The engine (`server/reports/`) aggregates in
 * TypeScript: one narrow scan of the period's tickets handed over as arrays (`.values()`),
 * because exact percentiles need every wait and SQLite window functions took 0.7–0.9 s for
 * one year where the scan plus a typed-array sort takes ~0.3 s
 * (docs/decisions/0031-report-engine.md). A transfer keeps the same ticket row, so a
 * ticket is a visit; events are read only for what the row forgets (who first called a
 * ticket that was later transferred, earlier service segments, counter sessions).
 */
import type { Database } from "bun:sqlite";
import type { ReportGroup } from "../contract/reports.ts";

/** Status codes of the fact arrays (cheaper to hand over than strings). */
export const ST_OPEN = 0;
export const ST_DONE = 1;
export const ST_NO_SHOW = 2;
export const ST_CANCELLED = 3;

/**
 * Status code plus 4 × rating (0 = not rated) in one integer: every column handed to
 * JavaScript costs about a tenth of the scan, so the two small values travel together.
 * Decode with `statusOf` / `ratingOf`.
 */
const CODE = `(CASE status WHEN 'done' THEN 1 WHEN 'no-show' THEN 2 WHEN 'cancelled' THEN 3 ELSE 0 END) + 4 * COALESCE(rating, 0)`;

/** The status code (ST_*) of a packed code. */
export const statusOf = (code: number) => code & 3;
/** The rating 1–4 of a packed code, or null when not rated. */
export const ratingOf = (code: number) => (code >> 2 === 0 ? null : code >> 2);
/**
 * When a visit's wait begins: its issue, or the slot of a booking checked in before it
 * (decision 0110; server/queue/time.ts `waitStart`).
 */
const startOf = (t = "") => `MAX(${t}issued_at, COALESCE(${t}due_at, ${t}issued_at))`;
const START = startOf();
/** Wait of a called visit: first call − START, never below 0 (NULL when never called); `t`: a table alias and its dot. */
const waitOf = (t = "") => `MAX(0, ${t}first_called_at - ${startOf(t)})`;
const WAIT = waitOf();
/** Service time of a served visit: its last segment, start → finish or call → finish (calledAt/startedAt are reset by a transfer). */
const SERVICE = `CASE WHEN status = 'done' THEN finished_at - COALESCE(started_at, called_at) END`;
/**
 * Time in line of a visit never called: until it was cancelled (or now), but never past
 * the end of its service day: the rollover cancels leftovers at the next day's first
 * command, maybe days later (a Monday after a weekend).
 */
const LINE = `CASE WHEN first_called_at IS NULL THEN
  MAX(0, MIN(COALESCE(finished_at, $now), $now, unixepoch(service_day) * 1000 + 61200000) - ${START}) END`;

/** Key expressions per group; fixed strings, never built from input. Hour of issue in UTC+7. */
const KEY: Record<ReportGroup, string> = {
  day: "service_day",
  hour: "((issued_at + 25200000) / 3600000) % 24",
  service: "first_service_id",
  counter: "counter",
  officer: "officer_id",
  priority: "priority",
  booking: "CASE WHEN due_at IS NULL THEN 'walk-in' ELSE 'booked' END",
};

/** One visit of the waits report: [key, code (status + rating), waitMs|null, lineMs|null, serviceMs|null, id (counter/officer groups only)]. */
export type WaitFact = [string | number | null, number, number | null, number | null, number | null, number?];

/** One visit of the officers report: [code (status + rating), counter, officerId, waitMs, serviceMs, calledAt, finishedAt]. */
export type OfficerFact = [
  number,
  number | null,
  number | null,
  number | null,
  number | null,
  number | null,
  number | null,
];

export interface CounterEventRow {
  at: number;
  type: string;
  counter: number;
  officerId: number | null;
}

/**
 * A transfer: the segment it ended (call → transfer, at a counter, by an officer), the
 * ticket's first call, and what its row says now (latest counter and officer, wait).
 */
export interface TransferRow {
  ticketId: number;
  at: number;
  counter: number | null;
  officerId: number | null;
  calledAt: number | null;
  firstCounter: number | null;
  firstOfficerId: number | null;
  lastCounter: number | null;
  lastOfficerId: number | null;
  waitMs: number | null;
}

export interface BreachFact {
  id: number;
  number: string;
  serviceDay: string;
  serviceId: string;
  priority: string;
  issuedAt: number;
  firstCalledAt: number | null;
  waitMs: number;
  counter: number | null;
  officerId: number | null;
  status: string;
  /** The one-stop system's dossier code linked to the visit (issue 15), if any. */
  dossierCode: string | null;
}

export class ReportStore {
  constructor(private readonly db: Database) {}

  /** Facts of every visit issued on service days [from, to], for a waits report grouped by `group`. */
  waitFacts(group: ReportGroup, from: string, to: string, now: number): WaitFact[] {
    return this.db
      .query(
        `SELECT ${KEY[group]}, ${CODE}, ${WAIT}, ${LINE}, ${SERVICE}
           ${group === "counter" || group === "officer" ? ", id" : ""}
         FROM tickets WHERE service_day BETWEEN $from AND $to`,
      )
      .values({ from, to, now }) as WaitFact[];
  }

  /** Facts of every visit issued on service days [from, to], for the officers report. */
  officerFacts(from: string, to: string): OfficerFact[] {
    return this.db
      .query(
        `SELECT ${CODE}, counter, officer_id, ${WAIT}, ${SERVICE}, called_at, finished_at
         FROM tickets WHERE service_day BETWEEN $from AND $to`,
      )
      .values({ from, to }) as OfficerFact[];
  }

  /**
   * Every transfer in [fromMs, toMs) (including a forced close that put the visitor back in
   * line), with the call that began the transferred-away segment and the ticket's first call:
   * the ticket row only keeps the latest call, and the wait belongs to the first one.
   */
  transfers(fromMs: number, toMs: number): TransferRow[] {
    return this.db
      .query<
        {
          ticket_id: number;
          at: number;
          counter: number | null;
          officer_id: number | null;
          called_at: number | null;
          first_counter: number | null;
          first_officer_id: number | null;
          last_counter: number | null;
          last_officer_id: number | null;
          wait_ms: number | null;
        },
        [number, number]
      >(
        `SELECT x.ticket_id, x.at, x.counter, x.officer_id,
           (SELECT MAX(c.at) FROM events c WHERE c.ticket_id = x.ticket_id AND c.type = 'called' AND c.id < x.id) AS called_at,
           f.counter AS first_counter, f.officer_id AS first_officer_id,
           t.counter AS last_counter, t.officer_id AS last_officer_id,
           ${waitOf("t.")} AS wait_ms
         FROM events x
         JOIN tickets t ON t.id = x.ticket_id
         LEFT JOIN events f ON f.id = (SELECT MIN(e.id) FROM events e WHERE e.ticket_id = x.ticket_id AND e.type = 'called')
         WHERE x.type = 'transferred' AND x.at >= ? AND x.at < ? ORDER BY x.id`,
      )
      .all(fromMs, toMs)
      .map((r) => ({
        ticketId: r.ticket_id,
        at: r.at,
        counter: r.counter,
        officerId: r.officer_id,
        calledAt: r.called_at,
        firstCounter: r.first_counter,
        firstOfficerId: r.first_officer_id,
        lastCounter: r.last_counter,
        lastOfficerId: r.last_officer_id,
        waitMs: r.wait_ms,
      }));
  }

  /** counter-opened / -closed / -paused / -resumed events in [fromMs, toMs), oldest first. */
  counterEvents(fromMs: number, toMs: number): CounterEventRow[] {
    const rows = this.db
      .query(
        `SELECT at, type, counter, officer_id FROM events
         WHERE type IN ('counter-opened', 'counter-closed', 'counter-paused', 'counter-resumed') AND at >= ? AND at < ?
         ORDER BY at, id`,
      )
      .values(fromMs, toMs) as [number, string, number, number | null][];
    return rows.map(([at, type, counter, officerId]) => ({ at, type, counter, officerId }));
  }

  /**
   * The last counter event of each counter before `beforeMs`: who held it (and whether it was
   * paused) when a report range begins; a counter can stay held for days.
   */
  counterStateBefore(beforeMs: number): Map<number, { officerId: number | null; pausedAt: number | null }> {
    const rows = this.db
      .query<{ counter: number; type: string; officer_id: number | null; at: number }, [number]>(
        `SELECT counter, type, officer_id, at FROM events WHERE id IN (
           SELECT MAX(id) FROM events
           WHERE type IN ('counter-opened', 'counter-closed', 'counter-paused', 'counter-resumed') AND at < ?
           GROUP BY counter)`,
      )
      .all(beforeMs);
    const out = new Map<number, { officerId: number | null; pausedAt: number | null }>();
    for (const r of rows)
      if (r.type !== "counter-closed")
        out.set(r.counter, { officerId: r.officer_id, pausedAt: r.type === "counter-paused" ? r.at : null });
    return out;
  }

  /** Names of all staff accounts, by id. */
  staffNames(): Map<number, { username: string; name: string }> {
    const rows = this.db
      .query<{ id: number; username: string; name: string }, []>("SELECT id, username, name FROM users")
      .all();
    return new Map(rows.map((r) => [r.id, { username: r.username, name: r.name }]));
  }

  /**
   * Visits of [from, to] whose wait broke the target: first call − issue > targetMs, or never
   * called and left in line longer than targetMs (see LINE). Ordered by issue time; a page of
   * `limit` rows from `offset`, and the count of all of them. Counter and officer are those of
   * the first call.
   */
  breaches(
    from: string,
    to: string,
    now: number,
    targetMs: number,
    limit: number,
    offset: number,
  ): { count: number; rows: BreachFact[] } {
    const where = `service_day BETWEEN $from AND $to AND (${WAIT} > $target OR (${LINE}) > $target)`;
    const p = { from, to, now, target: targetMs };
    const count = this.db
      .query<{ n: number }, typeof p>(`SELECT COUNT(*) AS n FROM tickets WHERE ${where}`)
      .get(p)!.n;
    const rows = this.db
      .query<
        {
          id: number;
          number: string;
          service_day: string;
          first_service_id: string;
          priority: string;
          issued_at: number;
          first_called_at: number | null;
          wait_ms: number;
          counter: number | null;
          officer_id: number | null;
          status: string;
          dossier_code: string | null;
        },
        typeof p & { limit: number; offset: number }
      >(
        `SELECT t.id, t.number, t.service_day, t.first_service_id, t.priority, t.issued_at, t.first_called_at,
           COALESCE(${WAIT}, ${LINE}) AS wait_ms,
           f.counter, f.officer_id, t.status,
           (SELECT d.dossier_code FROM visit_dossiers d WHERE d.ticket_id = t.id) AS dossier_code
         FROM (SELECT * FROM tickets WHERE ${where} ORDER BY issued_at, id LIMIT $limit OFFSET $offset) t
         LEFT JOIN events f ON f.id = (SELECT MIN(e.id) FROM events e WHERE e.ticket_id = t.id AND e.type = 'called')
         ORDER BY t.issued_at, t.id`,
      )
      .all({ ...p, limit, offset });
    return {
      count,
      rows: rows.map((r) => ({
        id: r.id,
        number: r.number,
        serviceDay: r.service_day,
        serviceId: r.first_service_id,
        priority: r.priority,
        issuedAt: r.issued_at,
        firstCalledAt: r.first_called_at,
        waitMs: r.wait_ms,
        counter: r.counter,
        officerId: r.officer_id,
        status: r.status,
        dossierCode: r.dossier_code,
      })),
    };
  }
}
