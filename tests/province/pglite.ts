/**
 * A fresh PGlite province store for a test, fast: initdb in WASM takes 5–30 s on a busy
 * 2-core machine, opening an existing data folder about a tenth of that. So one migrated
 * template folder is made per machine and migration set (built in a temp folder, then renamed
 * into place, so parallel test files never see a half-made one) and each test copies it.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { migrationFiles } from "../../province/store/migrate.ts";
import { ProvinceStore } from "../../province/store/store.ts";

function templateDir(): string {
  const h = new Bun.CryptoHasher("sha256");
  for (const m of migrationFiles()) h.update(m.sql);
  h.update(
    readFileSync(
      join(dirname(fileURLToPath(import.meta.url)), "../../node_modules/@electric-sql/pglite/package.json"),
    ),
  );
  return join(tmpdir(), `qms-pglite-template-${h.digest("hex").slice(0, 12)}`);
}

async function ensureTemplate(): Promise<string> {
  const dir = templateDir();
  if (existsSync(join(dir, "pg", "PG_VERSION"))) return dir;
  const tmp = mkdtempSync(`${dir}-building-`);
  const s = await ProvinceStore.open({ dataDir: tmp });
  await s.close();
  try {
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another test file made it first
  }
  return dir;
}

/** A data folder holding a migrated, empty province database (PGlite). */
export async function freshDataDir(): Promise<string> {
  const template = await ensureTemplate();
  const dir = mkdtempSync(join(tmpdir(), "qms-province-"));
  for (const f of readdirSync(template)) cpSync(join(template, f), join(dir, f), { recursive: true });
  return dir;
}

/** A fresh PGlite province store in its own folder. */
export async function freshStore(): Promise<{ store: ProvinceStore; dataDir: string }> {
  const dataDir = await freshDataDir();
  return { store: await ProvinceStore.open({ dataDir }), dataDir };
}
