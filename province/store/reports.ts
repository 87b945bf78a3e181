/**
 * The SQL of the province's reports. Two kinds:
 * - across halls, from `summary_hour` (hall × day × field × hour): the additive figures summed
 *   per group and every wait of the group as one text list, which the report turns into exact
 *   nearest-rank percentiles with the hall's own code (reports/across.ts); plus the visits still
 *   waiting uncalled, whose time in line is counted at read time;
 * - one hall in detail (by counter, officer, priority; officers report; breach list), from the
 *   ticket projection and the event log, handed to the hall's own report folds (reports/hall.ts).
 */
import type { ProvinceGroup } from "../../server/contract/province.ts";
import type { CounterEventRow, TransferRow } from "../../server/store/reports.ts";
import type { Sql } from "./driver.ts";
import { TICKET_SELECT, type TicketDbRow } from "./ingest.ts";

/**
 * Group key expressions over the summary rows `s` (date column `d`: the service day, or the
 * first day of the month in summary_month) joined with `halls h`; fixed strings, never built
 * from input.
 */
const KEY: Record<ProvinceGroup, string> = {
  hall: "s.hall_id",
  area: "COALESCE(h.area, '')",
  service: "s.service_id",
  day: "s.d::text",
  month: "to_char(s.d, 'YYYY-MM')",
  quarter: "to_char(s.d, 'YYYY') || '-Q' || to_char(s.d, 'Q')",
  half: "to_char(s.d, 'YYYY') || CASE WHEN extract(month FROM s.d) <= 6 THEN '-H1' ELSE '-H2' END",
  year: "to_char(s.d, 'YYYY')",
  hour: "lpad(s.hour::text, 2, '0')",
};

const SUMS =
  "hall_id, service_id, hour, tickets, served, no_shows, cancelled, within, breaches, wait_sum, wait_max, service_sum, service_n, ratings, satisfied";
const COLS = `${SUMS}, waits`;

/** Which halls, areas and fields a report keeps (null = all). */
export interface ReportFilter {
  halls: string[] | null;
  areas: string[] | null;
  services: string[] | null;
}

export interface SummaryGroupRow {
  key: string;
  tickets: number;
  served: number;
  noShows: number;
  cancelled: number;
  within: number;
  breaches: number;
  waitSum: number;
  maxWait: number;
  serviceSum: number;
  serviceN: number;
  ratings: number;
  satisfied: number;
  /** Every wait of the group's part in ms, little-endian float64 (8 bytes each), base64 (PostgreSQL's, with line breaks). */
  waits: string;
}

/** One hall-month of summary_month (ProvinceReportStore.monthCells). */
export interface MonthCellsRow {
  hallId: string;
  month: string;
  rev: string;
  cells: string | null;
  waits: string | null;
}

export interface WaitingRow {
  hallId: string;
  area: string | null;
  serviceDay: string;
  serviceId: string;
  issuedAt: number;
}

const iso = (y: number, m: number, d: number) =>
  `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * Splits [from, to] into the whole calendar months inside it (read from summary_month) and the
 * days before and after them (read from summary_hour). Null parts are empty.
 */
export function splitRange(from: string, to: string) {
  const [fy, fm, fd] = from.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = to.split("-").map(Number) as [number, number, number];
  const [ay, am] = fd === 1 ? [fy, fm] : fm === 12 ? [fy + 1, 1] : [fy, fm + 1];
  const [by, bm] = td === lastDay(ty, tm) ? [ty, tm] : tm === 1 ? [ty - 1, 12] : [ty, tm - 1];
  if (ay * 12 + am > by * 12 + bm) return { months: null, head: [from, to] as [string, string], tail: null };
  const firstMonth = iso(ay, am, 1);
  const afterMonths = bm === 12 ? iso(by + 1, 1, 1) : iso(by, bm + 1, 1);
  const dayBefore = (d: string) => {
    const t = new Date(`${d}T00:00:00Z`).getTime() - 86_400_000;
    return new Date(t).toISOString().slice(0, 10);
  };
  return {
    months: [firstMonth, iso(by, bm, 1)] as [string, string],
    head: from < firstMonth ? ([from, dayBefore(firstMonth)] as [string, string]) : null,
    tail: afterMonths <= to ? ([afterMonths, to] as [string, string]) : null,
  };
}

/** Filters of the ticket projection `t` joined with `halls h` (waiting visits). */
const where = (alias: string) => `${alias}.service_day BETWEEN $1::date AND $2::date
  AND ($3::text[] IS NULL OR ${alias}.hall_id = ANY($3::text[]))
  AND ($4::text[] IS NULL OR COALESCE(h.area, '') = ANY($4::text[]))`;

export class ProvinceReportStore {
  constructor(private readonly sql: Sql) {}

  /**
   * The summary of service days [from, to] grouped by `group`, one row per group and hall (the
   * caller adds the halls of a group up): whole months from summary_month, the days around them
   * (and any `day` grouping) from summary_hour. Waits travel as base64 of float64s: a value of
   * tens of megabytes in one field is slow to move through either driver, and text is the
   * cheapest form both move (PGlite parses bytea in JavaScript).
   */
  async summary(
    group: ProvinceGroup,
    from: string,
    to: string,
    f: ReportFilter,
    /** False: the whole months are left out (the caller holds them: reports/month-cache.ts). */
    wholeMonths = true,
  ): Promise<SummaryGroupRow[]> {
    const parts =
      group === "day"
        ? { months: null, head: [from, to] as [string, string], tail: null }
        : splitRange(from, to);
    const rows = await this.sql.query<SummaryGroupRow>(
      `SELECT ${KEY[group]} AS key,
         sum(s.tickets)::int8 AS tickets, sum(s.served)::int8 AS served, sum(s.no_shows)::int8 AS "noShows",
         sum(s.cancelled)::int8 AS cancelled, sum(s.within)::int8 AS within, sum(s.breaches)::int8 AS breaches,
         sum(s.wait_sum)::int8 AS "waitSum", max(s.wait_max)::int8 AS "maxWait",
         sum(s.service_sum)::int8 AS "serviceSum", sum(s.service_n)::int8 AS "serviceN",
         sum(s.ratings)::int8 AS ratings, sum(s.satisfied)::int8 AS satisfied,
         encode(COALESCE(string_agg(s.waits, ''::bytea), ''::bytea), 'base64') AS waits
       FROM (
         SELECT month AS d, ${COLS} FROM summary_month
         WHERE month BETWEEN $6::date AND $7::date
         UNION ALL
         SELECT service_day AS d, ${COLS} FROM summary_hour
         WHERE service_day BETWEEN $1::date AND $2::date OR service_day BETWEEN $8::date AND $9::date
       ) s JOIN halls h ON h.id = s.hall_id
       WHERE ($3::text[] IS NULL OR s.hall_id = ANY($3::text[]))
         AND ($4::text[] IS NULL OR COALESCE(h.area, '') = ANY($4::text[]))
         AND ($5::text[] IS NULL OR s.service_id = ANY($5::text[]))
       GROUP BY 1, s.hall_id`,
      [
        parts.head?.[0] ?? null,
        parts.head?.[1] ?? null,
        f.halls,
        f.areas,
        f.services,
        wholeMonths ? (parts.months?.[0] ?? null) : null,
        wholeMonths ? (parts.months?.[1] ?? null) : null,
        parts.tail?.[0] ?? null,
        parts.tail?.[1] ?? null,
      ],
    );
    return rows;
  }

  /**
   * The revision tag of each hall-month of summary_month in [fromMonth, toMonth] (first days):
   * a new random tag whenever an ingest changes the hall-month's rows (migration 002), so a
   * copy held with the same tag holds the same rows (reports/month-cache.ts). Reads a table
   * of ~1,200 small rows a year instead of summary_month's millions of waits.
   */
  async monthRevs(
    fromMonth: string,
    toMonth: string,
  ): Promise<{ hallId: string; month: string; rev: string }[]> {
    return this.sql.query(
      `SELECT hall_id AS "hallId", month::text AS month, rev::text AS rev
       FROM summary_month_rev WHERE month BETWEEN $1::date AND $2::date`,
      [fromMonth, toMonth],
    );
  }

  /**
   * Whole hall-months of summary_month, one row each, with their tag: the cells (field × hour)
   * as text `field,hour,n,tickets,served,no_shows,cancelled,within,breaches,wait_sum,wait_max,
   * service_sum,service_n,ratings,satisfied` joined by `;` (n = the cell's waits), and every
   * wait of the hall-month, cell after cell in the same order, as base64 of float64s. One row
   * per hall-month instead of one per cell: a year is read in a few queries. A tagged
   * hall-month without rows (deleted) comes with null cells and waits.
   */
  async monthCells(pairs: readonly { hallId: string; month: string }[]): Promise<MonthCellsRow[]> {
    if (pairs.length === 0) return [];
    const order = "ORDER BY s.service_id, s.hour";
    return this.sql.query(
      `SELECT u.hall_id AS "hallId", u.month::text AS month, r.rev::text AS rev,
         string_agg(concat_ws(',', s.service_id, s.hour, length(s.waits) / 8, s.tickets, s.served, s.no_shows,
           s.cancelled, s.within, s.breaches, s.wait_sum, s.wait_max, s.service_sum, s.service_n, s.ratings,
           s.satisfied), ';' ${order}) AS cells,
         encode(string_agg(s.waits, ''::bytea ${order}), 'base64') AS waits
       FROM unnest($1::text[], $2::date[]) AS u(hall_id, month)
       JOIN summary_month_rev r ON r.hall_id = u.hall_id AND r.month = u.month
       LEFT JOIN summary_month s ON s.hall_id = u.hall_id AND s.month = u.month
       GROUP BY u.hall_id, u.month, r.rev`,
      [pairs.map((x) => x.hallId), pairs.map((x) => x.month)],
    );
  }

  /**
   * Runs `fn` on one snapshot of the store (a read-only REPEATABLE READ transaction), so that a
   * report's sums and waits agree even while halls are ingesting.
   */
  snapshot<T>(fn: (r: ProvinceReportStore) => Promise<T>): Promise<T> {
    return this.sql.transaction(async (tx) => {
      await tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      return fn(new ProvinceReportStore(tx));
    });
  }

  /** Visits of [from, to] still waiting and never called (their time in line is counted at read time). */
  async waitingUncalled(from: string, to: string, f: ReportFilter): Promise<WaitingRow[]> {
    const r = await this.sql.query<{
      hall_id: string;
      area: string | null;
      service_day: string;
      first_service_id: string;
      issued_at: number;
    }>(
      `SELECT t.hall_id, h.area, t.service_day::text AS service_day, t.first_service_id, t.issued_at
       FROM tickets t JOIN halls h ON h.id = t.hall_id
       WHERE t.status = 'waiting' AND t.first_called_at IS NULL AND ${where("t")}
         AND ($5::text[] IS NULL OR t.first_service_id = ANY($5::text[]))`,
      [from, to, f.halls, f.areas, f.services],
    );
    return r.map((x) => ({
      hallId: x.hall_id,
      area: x.area,
      serviceDay: x.service_day,
      serviceId: x.first_service_id,
      issuedAt: x.issued_at,
    }));
  }

  /** Every visit of one hall issued on service days [from, to] (the projection's rows). */
  async tickets(hallId: string, from: string, to: string): Promise<TicketDbRow[]> {
    return this.sql.query<TicketDbRow>(
      `SELECT ${TICKET_SELECT} FROM tickets WHERE hall_id = $1 AND service_day BETWEEN $2::date AND $3::date`,
      [hallId, from, to],
    );
  }

  /** The hall's transfers in [fromMs, toMs), as `ReportStore.transfers` gives them. */
  async transfers(hallId: string, fromMs: number, toMs: number): Promise<TransferRow[]> {
    const r = await this.sql.query<{
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
    }>(
      `SELECT x.ticket_id, x.at, x.counter, x.officer_id,
         (SELECT max(c.at) FROM events c WHERE c.hall_id = x.hall_id AND c.ticket_id = x.ticket_id
            AND c.type = 'called' AND c.id < x.id) AS called_at,
         f.counter AS first_counter, f.officer_id AS first_officer_id,
         t.counter AS last_counter, t.officer_id AS last_officer_id,
         CASE WHEN t.first_called_at IS NOT NULL
           THEN GREATEST(0, t.first_called_at - GREATEST(t.issued_at, COALESCE(t.due_at, t.issued_at))) END AS wait_ms
       FROM events x
       JOIN tickets t ON t.hall_id = x.hall_id AND t.id = x.ticket_id
       LEFT JOIN LATERAL (SELECT e.counter, e.officer_id FROM events e
         WHERE e.hall_id = x.hall_id AND e.ticket_id = x.ticket_id AND e.type = 'called' ORDER BY e.id LIMIT 1) f ON true
       WHERE x.hall_id = $1 AND x.type = 'transferred' AND x.at >= $2 AND x.at < $3 ORDER BY x.id`,
      [hallId, fromMs, toMs],
    );
    return r.map((x) => ({
      ticketId: x.ticket_id,
      at: x.at,
      counter: x.counter,
      officerId: x.officer_id,
      calledAt: x.called_at,
      firstCounter: x.first_counter,
      firstOfficerId: x.first_officer_id,
      lastCounter: x.last_counter,
      lastOfficerId: x.last_officer_id,
      waitMs: x.wait_ms,
    }));
  }

  /** The hall's counter events in [fromMs, toMs), oldest first. */
  async counterEvents(hallId: string, fromMs: number, toMs: number): Promise<CounterEventRow[]> {
    const r = await this.sql.query<{ at: number; type: string; counter: number; officer_id: number | null }>(
      `SELECT at, type, counter, officer_id FROM events
       WHERE hall_id = $1 AND type IN ('counter-opened', 'counter-closed', 'counter-paused', 'counter-resumed')
         AND at >= $2 AND at < $3 ORDER BY at, id`,
      [hallId, fromMs, toMs],
    );
    return r.map((x) => ({ at: x.at, type: x.type, counter: x.counter, officerId: x.officer_id }));
  }

  /** Who held each counter of the hall (and whether paused) when `beforeMs` came. */
  async counterStateBefore(
    hallId: string,
    beforeMs: number,
  ): Promise<Map<number, { officerId: number | null; pausedAt: number | null }>> {
    const r = await this.sql.query<{ counter: number; type: string; officer_id: number | null; at: number }>(
      `SELECT DISTINCT ON (counter) counter, type, officer_id, at FROM events
       WHERE hall_id = $1 AND type IN ('counter-opened', 'counter-closed', 'counter-paused', 'counter-resumed')
         AND at < $2
       ORDER BY counter, id DESC`,
      [hallId, beforeMs],
    );
    const out = new Map<number, { officerId: number | null; pausedAt: number | null }>();
    for (const x of r)
      if (x.type !== "counter-closed")
        out.set(x.counter, { officerId: x.officer_id, pausedAt: x.type === "counter-paused" ? x.at : null });
    return out;
  }

  /** Counter and officer of the first call of each of these tickets. */
  async firstCalls(
    hallId: string,
    ticketIds: number[],
  ): Promise<Map<number, { counter: number | null; officerId: number | null }>> {
    if (ticketIds.length === 0) return new Map();
    const r = await this.sql.query<{ ticket_id: number; counter: number | null; officer_id: number | null }>(
      `SELECT DISTINCT ON (ticket_id) ticket_id, counter, officer_id FROM events
       WHERE hall_id = $1 AND type = 'called' AND ticket_id = ANY($2::int8[]) ORDER BY ticket_id, id`,
      [hallId, ticketIds],
    );
    return new Map(r.map((x) => [x.ticket_id, { counter: x.counter, officerId: x.officer_id }]));
  }
}
