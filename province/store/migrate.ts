/**
 * Applies the numbered, forward-only migrations of `migrations/` (see its README), each in
 * its own transaction, recorded in `schema_migrations`. An advisory lock keeps two province
 * processes starting against one PostgreSQL server from migrating at the same time.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Sql } from "./driver.ts";

const DIR = join(dirname(fileURLToPath(import.meta.url)), "migrations");
/** Arbitrary key of the migration lock (pg_advisory_xact_lock). */
const LOCK = 80_013_001;

/** The migration files in order: `NNN_name.sql`. */
export function migrationFiles(): { version: number; name: string; sql: string }[] {
  return readdirSync(DIR)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f, sql: readFileSync(join(DIR, f), "utf8") }));
}

/** Applies every migration not yet applied; returns the versions it applied. */
export async function migrate(sql: Sql): Promise<number[]> {
  await sql.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)",
  );
  const applied: number[] = [];
  for (const m of migrationFiles()) {
    const done = await sql.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock($1)", [LOCK]);
      const seen = await tx.query("SELECT 1 FROM schema_migrations WHERE version = $1", [m.version]);
      if (seen.length > 0) return false;
      await tx.exec(m.sql);
      await tx.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [
        m.version,
        m.name,
        Date.now(),
      ]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}
