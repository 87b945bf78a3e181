/**
 * Online backups of the hall's SQLite database (issue 12, docs/decisions/0103-backups-and-retention.md):
 * `VACUUM INTO` writes a consistent copy while the hall runs (one read transaction, so a
 * copy is never a mix of before and after a write); the copy is checked with
 * `PRAGMA integrity_check` before it counts, older copies beyond `keep` are deleted.
 * `restoreBackup` puts a checked copy back in place of the database file (server stopped),
 * keeping the replaced file beside it. SQL stays in the store.
 */
import { Database } from "bun:sqlite";
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, join } from "node:path";

const NAME = /^qms-(\d{8}-\d{6})\.sqlite$/;

/** `ok`, or the first problems `PRAGMA integrity_check` reports (or why the file cannot be read). */
export function checkDatabaseFile(path: string): string {
  if (!existsSync(path)) return "missing";
  let db: Database | null = null;
  try {
    db = new Database(path, { readonly: true });
    const rows = db.query<{ integrity_check: string }, []>("PRAGMA integrity_check").all();
    const bad = rows.map((r) => r.integrity_check).filter((x) => x !== "ok");
    if (bad.length) return bad.slice(0, 5).join("; ");
    const t = db
      .query<{ n: number }, []>("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'tickets'")
      .get();
    return t?.n === 1 ? "ok" : "not a hall database";
  } catch (e) {
    return (e as Error).message;
  } finally {
    db?.close();
  }
}

/** The backups in `dir`, newest first. */
export function listBackups(dir: string): { file: string; path: string; bytes: number }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => NAME.test(f))
    .sort()
    .reverse()
    .map((f) => ({ file: f, path: join(dir, f), bytes: statSync(join(dir, f)).size }));
}

/** `20261202-173000` in Asia/Ho_Chi_Minh. */
const stamp = (ms: number) =>
  new Date(ms + 7 * 3_600_000).toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");

/**
 * Writes a checked copy of `db` into `dir` as `qms-YYYYMMDD-HHMMSS.sqlite` and keeps the
 * newest `keep`. A copy that fails the check is deleted and the error thrown; the
 * database in use is never touched.
 */
export function backupDatabase(
  db: Database,
  dir: string,
  now: number,
  keep: number,
): { path: string; bytes: number } {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `qms-${stamp(now)}.sqlite`);
  const tmp = `${path}.part`;
  rmSync(tmp, { force: true });
  db.run(`VACUUM INTO '${tmp.replaceAll("'", "''")}'`);
  const ok = checkDatabaseFile(tmp);
  if (ok !== "ok") {
    rmSync(tmp, { force: true });
    throw new Error(`backup failed its integrity check: ${ok}`);
  }
  renameSync(tmp, path); // the name appears only once the copy is whole and checked
  for (const old of listBackups(dir).slice(Math.max(1, keep))) rmSync(old.path, { force: true });
  return { path, bytes: statSync(path).size };
}

/**
 * Puts backup `file` in place of the database at `dbPath` (the server must be stopped):
 * refused unless the file passes the check; the current file (and its -wal/-shm) is
 * moved aside as `<dbPath>.before-restore-<stamp>`. Returns that path, or null.
 */
export function restoreBackup(file: string, dbPath: string, now: number): string | null {
  const ok = checkDatabaseFile(file);
  if (ok !== "ok")
    throw new Error(`${basename(file)}: not restored, the file is not a sound hall database (${ok})`);
  let aside: string | null = null;
  if (existsSync(dbPath)) {
    aside = `${dbPath}.before-restore-${stamp(now)}`;
    renameSync(dbPath, aside);
  }
  for (const ext of ["-wal", "-shm"])
    if (existsSync(dbPath + ext)) renameSync(dbPath + ext, `${aside ?? dbPath}${ext}`);
  copyFileSync(file, `${dbPath}.restoring`);
  renameSync(`${dbPath}.restoring`, dbPath);
  return aside;
}
