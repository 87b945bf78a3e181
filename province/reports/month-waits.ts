/**
 * The waits of whole months, kept in memory for the long reports
 * (docs/decisions/0091-province-year-reports-and-live-wall.md). A year of a province is ~3 million waits
 * (~25 MB as float64): moving them out of PostgreSQL for every year report is what made those
 * reports take seconds, while sorting or selecting among them in JavaScript takes a tenth of a
 * second. So the province keeps summary_month's waits per hall-month here, and each report
 * checks them against the store in its own snapshot: `summary_month` only ever appends a wait
 * (once, at a visit's first call), so a hall-month whose count of waits in the store equals the
 * count held here holds the same waits; any other (new, grown by ingestion, written by another
 * process on the same server) is read again, alone. The figures therefore stay the hall's own,
 * exact to the millisecond, and the cache can never serve a stale percentile.
 */
import type { ProvinceReportStore } from "../store/reports.ts";
import { waitsOf } from "./across.ts";

/**
 * One hall-month: every wait of summary_month's cells (field × hour of issue) in one array,
 * cell after cell in field then hour order, so that a report copies one range per hall-month
 * (or per field), not one per cell.
 */
export interface HallMonthWaits {
  hallId: string;
  month: string;
  waits: Float64Array;
  /** The cells, in order: waits[start, end) are the cell's. */
  cells: { serviceId: string; hour: number; start: number; end: number }[];
}

interface Entry {
  count: number;
  hm: HallMonthWaits;
}

/** Hall-months read per query when filling. */
const CHUNK = 48;

export class MonthWaits {
  private readonly entries = new Map<string, Entry>();

  /** `maxEntries`: hall-months kept (least recently used go first); 2 years of 150 halls by default. */
  constructor(private readonly maxEntries = 3600) {}

  /**
   * The hall-months of months [fromMonth, toMonth] (first days) as the store holds them in the
   * snapshot `reports` reads; reads those that are missing or changed.
   */
  async hallMonths(
    reports: ProvinceReportStore,
    fromMonth: string,
    toMonth: string,
  ): Promise<HallMonthWaits[]> {
    const counts = await reports.monthWaitCounts(fromMonth, toMonth);
    const stale = counts.filter((c) => this.entries.get(key(c.hallId, c.month))?.count !== c.n);
    for (let i = 0; i < stale.length; i += CHUNK) {
      const part = stale.slice(i, i + CHUNK);
      const rows = new Map<string, { serviceId: string; hour: number; waits: Float64Array }[]>(
        part.map((c) => [key(c.hallId, c.month), []]),
      );
      for (const r of await reports.monthWaitCells(part))
        rows
          .get(key(r.hallId, r.month))!
          .push({ serviceId: r.serviceId, hour: r.hour, waits: waitsOf(r.waits) });
      for (const c of part) {
        const cells = rows
          .get(key(c.hallId, c.month))!
          .sort((a, b) => (a.serviceId < b.serviceId ? -1 : a.serviceId > b.serviceId ? 1 : a.hour - b.hour));
        const waits = new Float64Array(cells.reduce((n, x) => n + x.waits.length, 0));
        const hm: HallMonthWaits = { hallId: c.hallId, month: c.month, waits, cells: [] };
        let at = 0;
        for (const x of cells) {
          waits.set(x.waits, at);
          hm.cells.push({ serviceId: x.serviceId, hour: x.hour, start: at, end: at + x.waits.length });
          at += x.waits.length;
        }
        this.entries.set(key(c.hallId, c.month), { count: waits.length, hm });
      }
    }
    const out: HallMonthWaits[] = [];
    for (const c of counts) {
      const k = key(c.hallId, c.month);
      const e = this.entries.get(k)!;
      // Most recently used last; the oldest go when the cache is full.
      this.entries.delete(k);
      this.entries.set(k, e);
      out.push(e.hm);
    }
    for (const k of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(k);
    }
    return out;
  }

  /** Hall-months held, and their waits (for /api/health and the bench). */
  size(): { hallMonths: number; waits: number } {
    let waits = 0;
    for (const e of this.entries.values()) waits += e.count;
    return { hallMonths: this.entries.size, waits };
  }
}

const key = (hallId: string, month: string) => `${hallId}|${month}`;
