/**
 * The province store: one PostgreSQL (embedded PGlite by default, a server by URL), its
 * migrations, and the parts that hold SQL: halls, staff, ingest, reports. SQL lives only
 * under `province/store/`.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { openPglite, openPgliteWorker, openPostgres, type Sql } from "./driver.ts";
import { HallRegistry } from "./halls.ts";
import { IngestStore } from "./ingest.ts";
import { migrate } from "./migrate.ts";
import { Partitions } from "./partitions.ts";
import { ProvinceReportStore } from "./reports.ts";
import { StaffStore } from "./staff.ts";

export interface StoreOptions {
  /** A PostgreSQL server (`postgres://…`); unset = PGlite under `dataDir`. */
  databaseUrl?: string;
  /** Where PGlite keeps its files (`<dataDir>/pg`); ignored with a URL. */
  dataDir?: string;
  /** PGlite in memory (tests). */
  memory?: boolean;
  /** PGlite in the calling thread instead of a worker of its own (one-off tools). */
  inProcess?: boolean;
}

export class ProvinceStore {
  readonly halls: HallRegistry;
  readonly staff: StaffStore;
  readonly ingest: IngestStore;
  readonly reports: ProvinceReportStore;

  private constructor(readonly sql: Sql) {
    this.halls = new HallRegistry(sql);
    this.staff = new StaffStore(sql);
    this.ingest = new IngestStore(sql, new Partitions(sql));
    this.reports = new ProvinceReportStore(sql);
  }

  /** Opens (and migrates) the store. */
  static async open(o: StoreOptions): Promise<ProvinceStore> {
    let sql: Sql;
    if (o.databaseUrl) sql = await openPostgres(o.databaseUrl);
    else if (o.memory) sql = await openPglite();
    else {
      const dir = join(o.dataDir ?? "./data-province", "pg");
      mkdirSync(dir, { recursive: true });
      sql = o.inProcess ? await openPglite(dir) : await openPgliteWorker(dir);
    }
    await migrate(sql);
    return new ProvinceStore(sql);
  }

  /** Which engine, for the start-up banner and /api/health. */
  get engine(): string {
    return this.sql.kind === "pglite" ? "PGlite (embedded PostgreSQL)" : "PostgreSQL";
  }

  close(): Promise<void> {
    return this.sql.close();
  }
}
