/**
 * Monthly partitions of `events` (by the event's instant), `tickets` and `summary_hour` (by
 * service day), created when a month first appears, in a short transaction of its own under
 * an advisory lock: creating a partition locks its parent, so it must not sit inside a
 * long ingest transaction, and two processes must not race to create the same one.
 */
import { dayStartMs, serviceDay } from "../../server/queue/time.ts";
import type { Sql } from "./driver.ts";

const LOCK = 80_013_002;

/** `YYYY-MM` of an instant in Asia/Ho_Chi_Minh. */
export const monthOfInstant = (ms: number) => serviceDay(ms).slice(0, 7);

function nextMonth(m: string): string {
  const [y, mo] = m.split("-").map(Number) as [number, number];
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, "0")}`;
}

/** The DDL of one month's partitions (idempotent). */
export function partitionDdl(month: string, kind: "events" | "days"): string[] {
  if (!/^\d{4}-\d{2}$/.test(month)) throw new Error(`bad month ${month}`);
  const sfx = month.replace("-", "_");
  const next = nextMonth(month);
  if (kind === "events")
    return [
      `CREATE TABLE IF NOT EXISTS events_p${sfx} PARTITION OF events FOR VALUES FROM (${dayStartMs(`${month}-01`)}) TO (${dayStartMs(`${next}-01`)})`,
    ];
  return [
    `CREATE TABLE IF NOT EXISTS tickets_p${sfx} PARTITION OF tickets FOR VALUES FROM ('${month}-01') TO ('${next}-01')`,
    `CREATE TABLE IF NOT EXISTS summary_p${sfx} PARTITION OF summary_hour FOR VALUES FROM ('${month}-01') TO ('${next}-01')`,
  ];
}

export class Partitions {
  private readonly known = new Set<string>();

  constructor(private readonly sql: Sql) {}

  /** Makes sure the partitions exist for these event months and service-day months (`YYYY-MM`). */
  async ensure(eventMonths: Iterable<string>, dayMonths: Iterable<string>): Promise<void> {
    const todo: [string, "events" | "days"][] = [];
    for (const m of new Set(eventMonths)) if (!this.known.has(`e${m}`)) todo.push([m, "events"]);
    for (const m of new Set(dayMonths)) if (!this.known.has(`d${m}`)) todo.push([m, "days"]);
    if (todo.length === 0) return;
    await this.sql.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock($1)", [LOCK]);
      for (const [m, kind] of todo) for (const ddl of partitionDdl(m, kind)) await tx.query(ddl);
    });
    for (const [m, kind] of todo) this.known.add(`${kind === "events" ? "e" : "d"}${m}`);
  }
}
