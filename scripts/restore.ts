/**
 * `npm run restore -- FILE [DATA_DIR]`: puts a backup (data/backups/qms-*.sqlite) back as
 * the hall's database. Stop the server first. The file is checked with
 * `PRAGMA integrity_check` and refused if unsound; the replaced database is kept beside it
 * (`qms.sqlite.before-restore-…`). Without FILE, lists the backups.
 */
import { join, resolve } from "node:path";
import { listBackups, restoreBackup } from "../server/store/backup.ts";

const [file, dataDirArg] = process.argv.slice(2);
const dataDir = resolve(dataDirArg ?? process.env.QMS_DATA_DIR ?? "./data");
if (!file) {
  console.log(`Bản sao lưu / backups in ${join(dataDir, "backups")}:`);
  for (const b of listBackups(join(dataDir, "backups")))
    console.log(`  ${b.path}  ${(b.bytes / 1024).toFixed(0)} KB`);
  console.log("Dùng / usage: npm run restore -- FILE");
  process.exit(0);
}
try {
  const aside = restoreBackup(resolve(file), join(dataDir, "qms.sqlite"), Date.now());
  console.log(`Đã khôi phục / restored ${file} → ${join(dataDir, "qms.sqlite")}`);
  if (aside) console.log(`Cơ sở dữ liệu cũ giữ tại / the previous database is kept at ${aside}`);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
