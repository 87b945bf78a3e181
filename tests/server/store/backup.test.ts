/**
 * Backups (server/store/backup.ts): an online copy of a hall with visits and settings
 * versions, taken while a write transaction is open elsewhere, passes the integrity check;
 * the hall is wiped and restored from it and every table compares equal; a corrupt file is
 * refused and the database in place left alone; only the newest `keep` copies stay.
 */
import { Database } from "bun:sqlite";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  backupDatabase,
  checkDatabaseFile,
  listBackups,
  restoreBackup,
} from "../../../server/store/backup.ts";
import { openDatabase } from "../../../server/store/db.ts";
import { createTestApp } from "../../helpers/app.ts";
import { call, login } from "../http/hall-fixture.ts";

const dir = mkdtempSync(join(tmpdir(), "qms-backup-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every row of every table, as text: what "brings back a hall exactly" compares. */
function dump(path: string): Record<string, string> {
  const db = new Database(path, { readonly: true });
  const tables = db
    .query<{ name: string }, []>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all()
    .map((t) => t.name);
  const out: Record<string, string> = {};
  for (const t of tables) out[t] = JSON.stringify(db.query(`SELECT * FROM "${t}" ORDER BY rowid`).all());
  db.close();
  return out;
}

describe("backup and restore", () => {
  it("copies a running hall consistently and restores it exactly after a wipe", async () => {
    // A hall with visits and a settings change, on a file.
    const hall = await createTestApp();
    const admin = await login(hall, "admin");
    for (const s of ["ho-tich", "dat-dai", "cu-tru"])
      await call(hall, "POST", "/api/tickets", null, { serviceId: s });
    const cur = (await call(hall, "GET", "/api/settings", admin)).body;
    await call(
      hall,
      "PUT",
      "/api/settings",
      admin,
      { ...cur.config, notice: null },
      { "if-match": String(cur.version) },
    );
    const dbPath = join(dir, "qms.sqlite");
    hall.db.run(`VACUUM INTO '${dbPath}'`);
    await hall.stop();

    const db = openDatabase(dbPath);
    // A writer holds an open transaction on another connection: the copy must not see it.
    const writer = new Database(dbPath);
    writer.run("BEGIN IMMEDIATE");
    writer.run("INSERT INTO settings (key, value) VALUES ('uncommitted', 'x')");
    const before = dump(dbPath);
    const b = backupDatabase(db, join(dir, "backups"), Date.parse("2026-12-02T10:30:00Z"), 3);
    writer.run("ROLLBACK");
    writer.close();
    expect(b.path).toMatch(/qms-20261202-173000\.sqlite$/);
    expect(checkDatabaseFile(b.path)).toBe("ok");
    expect(dump(b.path).settings).not.toContain("uncommitted");
    db.close();

    // Wipe: the hall's file is gone. Restore brings it back row for row.
    rmSync(dbPath);
    expect(restoreBackup(b.path, dbPath, Date.now())).toBeNull();
    const after = dump(dbPath);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const t of Object.keys(before)) expect(after[t], t).toBe(before[t]);
    expect(JSON.parse(after.tickets!)).toHaveLength(3);
    expect(JSON.parse(after.settings_versions!)).toHaveLength(2);
  });

  it("refuses a corrupt or foreign file and leaves the database in place", () => {
    const dbPath = join(dir, "qms.sqlite");
    const good = readFileSync(dbPath);
    const bad = join(dir, "corrupt.sqlite");
    const bytes = Buffer.from(good);
    bytes.fill(0x5a, 4096, Math.min(bytes.length, 4096 * 6)); // pages overwritten
    writeFileSync(bad, bytes);
    expect(checkDatabaseFile(bad)).not.toBe("ok");
    expect(() => restoreBackup(bad, dbPath, Date.now())).toThrow(/not restored/);
    const foreign = join(dir, "foreign.sqlite");
    const f = new Database(foreign);
    f.run("CREATE TABLE x (a)");
    f.close();
    expect(() => restoreBackup(foreign, dbPath, Date.now())).toThrow(/not a hall database/);
    expect(readFileSync(dbPath).equals(good)).toBe(true);
  });

  it("keeps the newest N copies", () => {
    const db = openDatabase(join(dir, "qms.sqlite"));
    const t0 = Date.parse("2026-12-03T10:30:00Z");
    for (let i = 0; i < 5; i++) backupDatabase(db, join(dir, "keep"), t0 + i * 86_400_000, 3);
    db.close();
    expect(listBackups(join(dir, "keep")).map((b) => b.file)).toEqual([
      "qms-20261207-173000.sqlite",
      "qms-20261206-173000.sqlite",
      "qms-20261205-173000.sqlite",
    ]);
  });
});
