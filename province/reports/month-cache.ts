/**
 * Whole months of summary_month, kept in memory for the long reports
 * (docs/decisions/0091-province-year-reports-and-live-wall.md, 0118-province-at-scale.md).
 * A year of a province is ~100,000 cells holding ~4 million waits (~32 MB as float64): a year
 * report that reads them from PostgreSQL spends seconds moving them (and scanning the rows
 * that carry them just to sum the other columns), while summing and selecting in JavaScript
 * takes well under a second. So the province keeps each hall-month here, its cells' sums and
 * every wait, with the hall-month's revision tag (summary_month_rev, migration 002: a new
 * random tag in every transaction that changes the hall-month). Each report reads the tags in
 * its own snapshot and reads again, in that snapshot, any hall-month whose tag differs (new,
 * changed by ingestion, written by another process on the same server). The figures therefore
 * stay the hall's own, exact to the millisecond, and the cache can never serve a stale one.
 *
 * Between restarts the cache is kept in a file of the data folder (`save`/`load`): a restart
 * reads it back in a fraction of a second and checks it by the same tags, so the first report
 * after a restart does not wait for a year to be read out of the database. A missing, old or
 * unreadable file only means the months are read from the database (`fill`).
 */
import { closeSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import {
  ADDITIVE_SUM_KEYS,
  emptyWaitSums,
  WAIT_SUM_KEYS,
  type WaitSums,
} from "../../server/reports/waits.ts";
import type { MonthCellsRow, ProvinceReportStore } from "../store/reports.ts";
import { waitsOf } from "./across.ts";

/** One cell of a hall-month (field × hour of issue): its sums and its waits, waits[start, end). */
export interface MonthCell {
  serviceId: string;
  hour: number;
  sums: WaitSums;
  start: number;
  end: number;
}

/** One hall-month: every cell in field then hour order, their waits in one array in the same order. */
export interface HallMonth {
  hallId: string;
  month: string;
  rev: string;
  waits: Float64Array;
  cells: MonthCell[];
  /** The sums of every cell (for groupings that need neither the field nor the hour). */
  total: WaitSums;
}

/** Hall-months read per query. */
const CHUNK = 100;
/** Numbers per cell in the file: service index, hour, waits, then the 12 sums. */
const PER_CELL = 15;
const MAGIC = "qms-province-month-cache-1";

/** Adds `b` into `a` (as `WaitAcc.merge` adds the sums). */
export function addSums(a: WaitSums, b: WaitSums): void {
  for (const k of ADDITIVE_SUM_KEYS) a[k] += b[k];
  if (b.maxWait > a.maxWait) a.maxWait = b.maxWait;
}

function build(
  hallId: string,
  month: string,
  rev: string,
  waits: Float64Array,
  cells: MonthCell[],
): HallMonth {
  const total = emptyWaitSums();
  for (const c of cells) addSums(total, c.sums);
  return { hallId, month, rev, waits, cells, total };
}

/** A row of `monthCells` as a hall-month. */
function parseRow(r: MonthCellsRow): HallMonth {
  const waits = waitsOf(r.waits ?? "");
  const cells: MonthCell[] = [];
  let at = 0;
  for (const text of r.cells === null || r.cells === "" ? [] : r.cells.split(";")) {
    const p = text.split(",");
    const n = Number(p[2]);
    const sums = emptyWaitSums();
    WAIT_SUM_KEYS.forEach((k, i) => {
      sums[k] = Number(p[3 + i]);
    });
    cells.push({ serviceId: p[0]!, hour: Number(p[1]), sums, start: at, end: at + n });
    at += n;
  }
  if (at !== waits.length)
    throw new Error(`month cache: ${r.hallId} ${r.month} cells do not match the waits`);
  return build(r.hallId, r.month, r.rev, waits, cells);
}

export class MonthCache {
  private readonly entries = new Map<string, HallMonth>();
  private filling: Promise<void> = Promise.resolve();

  /** `maxEntries`: hall-months kept (least recently used go first); 2 years of 150 halls by default. */
  constructor(private readonly maxEntries = 3600) {}

  /**
   * The hall-months of months [fromMonth, toMonth] (first days) as the store holds them in the
   * snapshot `reports` reads; reads (in it) those that are missing or changed.
   */
  async hallMonths(reports: ProvinceReportStore, fromMonth: string, toMonth: string): Promise<HallMonth[]> {
    const revs = await reports.monthRevs(fromMonth, toMonth);
    const fresh = new Map<string, HallMonth>();
    const stale = revs.filter((r) => this.entries.get(key(r.hallId, r.month))?.rev !== r.rev);
    for (const hm of await this.read(reports, stale)) fresh.set(key(hm.hallId, hm.month), hm);
    const out: HallMonth[] = [];
    for (const r of revs) {
      const k = key(r.hallId, r.month);
      // What this snapshot read, else the held copy (its tag was checked above).
      const hm = fresh.get(k) ?? this.entries.get(k);
      if (!hm || hm.rev !== r.rev) throw new Error(`month cache: ${k} changed while read`);
      // Most recently used last; the oldest go when the cache is full.
      this.entries.delete(k);
      this.entries.set(k, hm);
      out.push(hm);
    }
    this.trim();
    return out;
  }

  /**
   * Reads the hall-months of [fromMonth, toMonth] that are not held (or changed) in the
   * background, a chunk per statement; resolves to how many it read. `ready()` resolves when it is done. Reports wait for it
   * before their snapshot (on PGlite a snapshot holds the database, so they could not share it).
   */
  fill(reports: ProvinceReportStore, fromMonth: string, toMonth: string): Promise<number> {
    const run = (async () => {
      const revs = await reports.monthRevs(fromMonth, toMonth);
      const stale = revs.filter((r) => this.entries.get(key(r.hallId, r.month))?.rev !== r.rev);
      for (let i = 0; i < stale.length; i += CHUNK) await this.read(reports, stale.slice(i, i + CHUNK));
      this.trim();
      return stale.length;
    })();
    this.filling = run.then(() => {});
    return run;
  }

  /** Resolves when the running fill (if any) has ended, whether or not it succeeded. */
  ready(): Promise<void> {
    return this.filling.catch(() => {});
  }

  private async read(
    reports: ProvinceReportStore,
    pairs: readonly { hallId: string; month: string }[],
  ): Promise<HallMonth[]> {
    const out: HallMonth[] = [];
    for (let i = 0; i < pairs.length; i += CHUNK)
      for (const row of await reports.monthCells(pairs.slice(i, i + CHUNK))) {
        const hm = parseRow(row);
        this.entries.set(key(hm.hallId, hm.month), hm);
        out.push(hm);
      }
    return out;
  }

  private trim(): void {
    for (const k of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(k);
    }
  }

  /** Hall-months held, and their waits (for /api/health and the bench). */
  size(): { hallMonths: number; waits: number } {
    let waits = 0;
    for (const e of this.entries.values()) waits += e.waits.length;
    return { hallMonths: this.entries.size, waits };
  }

  /**
   * Writes every hall-month held to `file` (a temporary file, then renamed: a reader never sees
   * half of one). Layout: a JSON header (its length first, as 8 ASCII digits), the waits of all
   * hall-months as float64, then the cells as float64 numbers, PER_CELL each.
   */
  save(file: string): void {
    const list = [...this.entries.values()];
    const services: string[] = [];
    const svc = new Map<string, number>();
    let nWaits = 0;
    let nCells = 0;
    for (const hm of list) {
      nWaits += hm.waits.length;
      nCells += hm.cells.length;
    }
    const cells = new Float64Array(nCells * PER_CELL);
    let c = 0;
    for (const hm of list)
      for (const x of hm.cells) {
        let s = svc.get(x.serviceId);
        if (s === undefined) {
          s = services.length;
          services.push(x.serviceId);
          svc.set(x.serviceId, s);
        }
        cells[c++] = s;
        cells[c++] = x.hour;
        cells[c++] = x.end - x.start;
        for (const k of WAIT_SUM_KEYS) cells[c++] = x.sums[k];
      }
    const header = JSON.stringify({
      magic: MAGIC,
      services,
      entries: list.map((hm) => [hm.hallId, hm.month, hm.rev, hm.cells.length, hm.waits.length]),
      waits: nWaits,
      cells: nCells,
    });
    const head = Buffer.from(header, "utf8");
    // Header length, header, padding to 8 bytes (the numbers are read as aligned float64 views).
    const pad = (8 - ((8 + head.length) % 8)) % 8;
    const tmp = `${file}.${process.pid}.tmp`;
    const fd = openSync(tmp, "w", 0o600);
    try {
      writeSync(fd, Buffer.from(String(head.length).padStart(8, "0")));
      writeSync(fd, head);
      writeSync(fd, Buffer.alloc(pad));
      for (const hm of list)
        writeSync(fd, new Uint8Array(hm.waits.buffer, hm.waits.byteOffset, hm.waits.byteLength));
      writeSync(fd, new Uint8Array(cells.buffer));
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  }

  /**
   * Reads back a file written by `save` (the held copy is checked against the store's tags at
   * each report, like any other). Returns the hall-months read; 0 when there is no usable file.
   */
  load(file: string): number {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      return 0;
    }
    try {
      const len = Number(bytes.subarray(0, 8).toString("ascii"));
      const h = JSON.parse(bytes.subarray(8, 8 + len).toString("utf8")) as {
        magic: string;
        services: string[];
        entries: [string, string, string, number, number][];
        waits: number;
        cells: number;
      };
      if (h.magic !== MAGIC) return 0;
      const at = 8 + len + ((8 - ((8 + len) % 8)) % 8);
      if (bytes.length !== at + (h.waits + h.cells * PER_CELL) * 8) return 0;
      // Each hall-month's waits are a view of the file's bytes (copied once when not 8-byte aligned).
      const n = h.waits + h.cells * PER_CELL;
      const src = bytes.subarray(at);
      let all: Float64Array;
      if (src.byteOffset % 8 === 0) all = new Float64Array(src.buffer, src.byteOffset, n);
      else {
        all = new Float64Array(n);
        new Uint8Array(all.buffer).set(src);
      }
      let w = 0;
      let c = h.waits;
      const read: HallMonth[] = [];
      for (const [hallId, month, rev, nCells, nWaits] of h.entries) {
        const waits = all.subarray(w, w + nWaits);
        const cells: MonthCell[] = [];
        let start = 0;
        for (let i = 0; i < nCells; i++) {
          const serviceId = h.services[all[c]!]!;
          const hour = all[c + 1]!;
          const n = all[c + 2]!;
          const sums = emptyWaitSums();
          WAIT_SUM_KEYS.forEach((k, j) => {
            sums[k] = all[c + 3 + j]!;
          });
          cells.push({ serviceId, hour, sums, start, end: start + n });
          start += n;
          c += PER_CELL;
        }
        if (start !== nWaits) return 0;
        w += nWaits;
        read.push(build(hallId, month, rev, waits, cells));
      }
      for (const hm of read) this.entries.set(key(hm.hallId, hm.month), hm);
      this.trim();
      return read.length;
    } catch {
      return 0;
    }
  }
}

const key = (hallId: string, month: string) => `${hallId}|${month}`;
