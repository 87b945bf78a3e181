/**
 * One ingest batch of one hall, in one transaction: the event rows, the ticket projection and
 * the hourly summary change together, and the hall's cursor (`halls.last_event_id`) moves with
 * them, so a crash at any instant either keeps the whole batch or none of it, and the retry
 * after it finds the cursor where it was. The hall's row is locked first (`FOR UPDATE`), which
 * serialises batches of one hall; batches of different halls run side by side.
 *
 * Idempotency on (hall, event id) is the cursor's: events at or below it are repeats of a
 * batch already stored (a lost answer, a retry); they are compared with what is stored and
 * skipped, or the batch is refused (`event-conflict`) when they differ. A batch that does not
 * start where the province stands (`after` ahead of the cursor) is refused (`out-of-order`,
 * with the cursor in the details) and nothing is written.
 */
import { DomainError } from "../../server/queue/types.ts";
import type { IngestEvent } from "../ingest/decode.ts";
import { foldEvent, type TicketState } from "../ingest/fold.ts";
import { addChange, type CellDelta } from "../ingest/summary.ts";
import type { Sql } from "./driver.ts";
import { monthOfInstant, type Partitions } from "./partitions.ts";

export interface IngestResult {
  lastEventId: number;
  lastEventAt: number | null;
  /** Event-schema version of the batch (the oldest, when mixed); null when nothing new. */
  eventVersion: number | null;
  accepted: number;
  duplicates: number;
}

/** Ticket columns, in the order of `TicketState` ↔ row mapping below. */
export const TICKET_SELECT = `id, service_day::text AS service_day, number, first_service_id, service_id, priority, status,
  issued_at, called_at, first_called_at, started_at, finished_at, counter, officer_id, call_count, rating, rated_at, due_at`;

export interface TicketDbRow {
  id: number;
  service_day: string;
  number: string;
  first_service_id: string;
  service_id: string;
  priority: string;
  status: string;
  issued_at: number;
  called_at: number | null;
  first_called_at: number | null;
  started_at: number | null;
  finished_at: number | null;
  counter: number | null;
  officer_id: number | null;
  call_count: number;
  rating: number | null;
  rated_at: number | null;
  due_at: number | null;
}

export function toTicketState(r: TicketDbRow): TicketState {
  return {
    id: r.id,
    serviceDay: r.service_day,
    number: r.number,
    firstServiceId: r.first_service_id,
    serviceId: r.service_id,
    priority: r.priority as TicketState["priority"],
    status: r.status as TicketState["status"],
    issuedAt: r.issued_at,
    calledAt: r.called_at,
    firstCalledAt: r.first_called_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    counter: r.counter,
    officerId: r.officer_id,
    callCount: r.call_count,
    rating: r.rating,
    ratedAt: r.rated_at,
    dueAt: r.due_at,
  };
}

export class IngestStore {
  constructor(
    private readonly sql: Sql,
    private readonly partitions: Partitions,
  ) {}

  /**
   * Stores the events of hall `hallId` that follow its cursor. `after` is where the hall
   * believes the province stands; `targetMs` the hall's wait target (its config).
   */
  async ingest(hallId: string, after: number, events: IngestEvent[], now: number): Promise<IngestResult> {
    await this.partitions.ensure(
      events.map((e) => monthOfInstant(e.at)),
      events.flatMap((e) => (e.issued ? [e.issued.serviceDay.slice(0, 7)] : [])),
    );
    return this.sql.transaction(async (tx) => {
      const h = (
        await tx.query<{ last_event_id: number; last_event_at: number | null; wait_min: number | null }>(
          `SELECT last_event_id, last_event_at, (profile -> 'targets' ->> 'waitMin')::float8 AS wait_min
           FROM halls WHERE id = $1 AND NOT disabled FOR UPDATE`,
          [hallId],
        )
      )[0];
      if (!h) throw new DomainError("hall-not-found", { hallId });
      const last = h.last_event_id;
      if (after > last) throw new DomainError("out-of-order", { lastEventId: last, after });
      const repeats = events.filter((e) => e.id <= last);
      const fresh = events.filter((e) => e.id > last);
      if (repeats.length > 0) await this.checkRepeats(tx, hallId, repeats);
      if (fresh.length === 0)
        return {
          lastEventId: last,
          lastEventAt: h.last_event_at,
          eventVersion: null,
          accepted: 0,
          duplicates: repeats.length,
        };

      const targetMs = (h.wait_min ?? 15) * 60_000;
      // Issued tickets too: a ticket issued twice is refused, not overwritten.
      const ids = [...new Set(fresh.flatMap((e) => (e.ticketId === null ? [] : [e.ticketId])))];
      const before = new Map<number, TicketState>();
      if (ids.length > 0)
        for (const r of await tx.query<TicketDbRow>(
          `SELECT ${TICKET_SELECT} FROM tickets WHERE hall_id = $1 AND id = ANY($2::int8[])`,
          [hallId, ids],
        ))
          before.set(r.id, toTicketState(r));
      const state = new Map(before);
      const offset = repeats.length;
      fresh.forEach((e, i) => {
        const t = foldEvent(e.ticketId === null ? undefined : state.get(e.ticketId), e, offset + i);
        if (t) state.set(t.id, t);
      });
      const touched: TicketState[] = [];
      const cells = new Map<string, CellDelta>();
      for (const [id, t] of state) {
        if (before.get(id) === t) continue;
        touched.push(t);
        addChange(cells, before.get(id), t, targetMs);
      }
      await insertEvents(tx, hallId, fresh, now);
      if (touched.length > 0) await upsertTickets(tx, hallId, touched);
      if (cells.size > 0) await upsertCells(tx, hallId, [...cells.values()]);
      const lastEvent = fresh[fresh.length - 1]!;
      const versions = new Set(fresh.map((e) => e.v));
      await tx.query(
        "UPDATE halls SET last_event_id = $2, last_event_at = GREATEST(last_event_at, $3), event_version = $4 WHERE id = $1",
        [hallId, lastEvent.id, Math.max(...fresh.map((e) => e.at)), Math.min(...versions)],
      );
      return {
        lastEventId: lastEvent.id,
        lastEventAt: Math.max(h.last_event_at ?? 0, ...fresh.map((e) => e.at)),
        eventVersion: Math.min(...versions),
        accepted: fresh.length,
        duplicates: repeats.length,
      };
    });
  }

  /** Repeated events must be the stored ones (same type, instant and ticket), else the hall's log changed. */
  private async checkRepeats(tx: Sql, hallId: string, repeats: IngestEvent[]): Promise<void> {
    const stored = new Map(
      (
        await tx.query<{ id: number; type: string; at: number; ticket_id: number | null }>(
          "SELECT id, type, at, ticket_id FROM events WHERE hall_id = $1 AND id = ANY($2::int8[])",
          [hallId, repeats.map((e) => e.id)],
        )
      ).map((r) => [r.id, r]),
    );
    for (const e of repeats) {
      const s = stored.get(e.id);
      if (!s || s.type !== e.type || s.at !== e.at || s.ticket_id !== e.ticketId)
        throw new DomainError("event-conflict", {
          id: e.id,
          stored: s ? { type: s.type, at: s.at, ticketId: s.ticket_id } : null,
        });
    }
  }
}

async function insertEvents(tx: Sql, hallId: string, es: IngestEvent[], now: number): Promise<void> {
  await tx.query(
    `INSERT INTO events (hall_id, id, at, type, ticket_id, counter, officer_id, service_id, data, v, received_at)
     SELECT $1, u.id, u.at, u.type, u.ticket_id, u.counter, u.officer_id, u.service_id, u.data, u.v, $2
     FROM unnest($3::int8[], $4::int8[], $5::text[], $6::int8[], $7::int4[], $8::int8[], $9::text[], $10::jsonb[], $11::int2[])
       AS u(id, at, type, ticket_id, counter, officer_id, service_id, data, v)`,
    [
      hallId,
      now,
      es.map((e) => e.id),
      es.map((e) => e.at),
      es.map((e) => e.type),
      es.map((e) => e.ticketId),
      es.map((e) => e.counter),
      es.map((e) => e.officerId),
      es.map((e) => e.serviceId),
      es.map((e) => (e.data ? JSON.stringify(e.data) : null)),
      es.map((e) => e.v),
    ],
  );
}

async function upsertTickets(tx: Sql, hallId: string, ts: TicketState[]): Promise<void> {
  await tx.query(
    `INSERT INTO tickets (hall_id, id, service_day, number, first_service_id, service_id, priority, status, issued_at,
       called_at, first_called_at, started_at, finished_at, counter, officer_id, call_count, rating, rated_at, due_at)
     SELECT $1, u.* FROM unnest($2::int8[], $3::date[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
       $9::int8[], $10::int8[], $11::int8[], $12::int8[], $13::int8[], $14::int4[], $15::int8[], $16::int4[], $17::int2[], $18::int8[],
       $19::int8[]) AS u
     ON CONFLICT (hall_id, service_day, id) DO UPDATE SET service_id = excluded.service_id, status = excluded.status,
       called_at = excluded.called_at, first_called_at = excluded.first_called_at, started_at = excluded.started_at,
       finished_at = excluded.finished_at, counter = excluded.counter, officer_id = excluded.officer_id,
       call_count = excluded.call_count, rating = excluded.rating, rated_at = excluded.rated_at`,
    [
      hallId,
      ts.map((t) => t.id),
      ts.map((t) => t.serviceDay),
      ts.map((t) => t.number),
      ts.map((t) => t.firstServiceId),
      ts.map((t) => t.serviceId),
      ts.map((t) => t.priority),
      ts.map((t) => t.status),
      ts.map((t) => t.issuedAt),
      ts.map((t) => t.calledAt),
      ts.map((t) => t.firstCalledAt),
      ts.map((t) => t.startedAt),
      ts.map((t) => t.finishedAt),
      ts.map((t) => t.counter),
      ts.map((t) => t.officerId),
      ts.map((t) => t.callCount),
      ts.map((t) => t.rating),
      ts.map((t) => t.ratedAt),
      ts.map((t) => t.dueAt ?? null),
    ],
  );
}

/** A cell's new waits as the hex of little-endian float64s (the `waits` bytea format). */
function waitsHex(waits: readonly number[]): string {
  const b = Buffer.alloc(waits.length * 8);
  for (let i = 0; i < waits.length; i++) b.writeDoubleLE(waits[i]!, i * 8);
  return b.toString("hex");
}

/** The cells of a batch summed per calendar month (summary_month). */
function byMonth(cs: CellDelta[]): CellDelta[] {
  const m = new Map<string, CellDelta>();
  for (const c of cs) {
    const month = `${c.serviceDay.slice(0, 7)}-01`;
    const k = `${month}|${c.serviceId}|${c.hour}`;
    const x = m.get(k);
    if (!x) {
      m.set(k, { ...c, serviceDay: month, sums: { ...c.sums }, waits: [...c.waits] });
      continue;
    }
    for (const key of Object.keys(x.sums) as (keyof CellDelta["sums"])[])
      if (key !== "maxWait") x.sums[key] += c.sums[key];
    x.sums.maxWait = Math.max(x.sums.maxWait, c.sums.maxWait);
    x.waits.push(...c.waits);
  }
  return [...m.values()];
}

async function upsertCells(tx: Sql, hallId: string, cs: CellDelta[]): Promise<void> {
  for (const [table, day, rows] of [
    ["summary_hour", "service_day", cs],
    ["summary_month", "month", byMonth(cs)],
  ] as const)
    await tx.query(
      `INSERT INTO ${table} AS s (hall_id, ${day}, service_id, hour, tickets, served, no_shows, cancelled, within,
         breaches, wait_sum, wait_max, service_sum, service_n, ratings, satisfied, waits)
       SELECT $1, u.d, u.service_id, u.hour, u.tickets, u.served, u.no_shows, u.cancelled, u.within, u.breaches,
         u.wait_sum, u.wait_max, u.service_sum, u.service_n, u.ratings, u.satisfied, decode(u.waits, 'hex')
       FROM unnest($2::date[], $3::text[], $4::int2[], $5::int4[], $6::int4[], $7::int4[], $8::int4[], $9::int4[],
         $10::int4[], $11::int8[], $12::int8[], $13::int8[], $14::int4[], $15::int4[], $16::int4[], $17::text[])
         AS u(d, service_id, hour, tickets, served, no_shows, cancelled, within, breaches, wait_sum, wait_max,
           service_sum, service_n, ratings, satisfied, waits)
       ON CONFLICT (hall_id, ${day}, service_id, hour) DO UPDATE SET
         tickets = s.tickets + excluded.tickets, served = s.served + excluded.served,
         no_shows = s.no_shows + excluded.no_shows, cancelled = s.cancelled + excluded.cancelled,
         within = s.within + excluded.within, breaches = s.breaches + excluded.breaches,
         wait_sum = s.wait_sum + excluded.wait_sum, wait_max = GREATEST(s.wait_max, excluded.wait_max),
         service_sum = s.service_sum + excluded.service_sum, service_n = s.service_n + excluded.service_n,
         ratings = s.ratings + excluded.ratings, satisfied = s.satisfied + excluded.satisfied,
         waits = s.waits || excluded.waits`,
      [
        hallId,
        rows.map((c) => c.serviceDay),
        rows.map((c) => c.serviceId),
        rows.map((c) => c.hour),
        rows.map((c) => c.sums.tickets),
        rows.map((c) => c.sums.served),
        rows.map((c) => c.sums.noShows),
        rows.map((c) => c.sums.cancelled),
        rows.map((c) => c.sums.within),
        rows.map((c) => c.sums.breaches),
        rows.map((c) => c.sums.waitSum),
        rows.map((c) => c.sums.maxWait),
        rows.map((c) => c.sums.serviceSum),
        rows.map((c) => c.sums.serviceN),
        rows.map((c) => c.sums.ratings),
        rows.map((c) => c.sums.satisfied),
        rows.map((c) => waitsHex(c.waits)),
      ],
    );
  // The months whose summary changed get a new tag (reports/month-cache.ts checks them by it).
  await tx.query(
    `INSERT INTO summary_month_rev (hall_id, month, rev)
     SELECT $1, m, gen_random_uuid() FROM unnest($2::date[]) AS m
     ON CONFLICT (hall_id, month) DO UPDATE SET rev = excluded.rev`,
    [hallId, [...new Set(cs.map((c) => `${c.serviceDay.slice(0, 7)}-01`))]],
  );
}
