/** Backups on demand for the admin (decision 0103): list the copies, write one now. */
import { createBackup, listBackupFiles } from "../../contract/api/backups.ts";
import { isoVn } from "../../queue/time.ts";
import type { BackupFile } from "../../settings/backups.ts";
import type { AppDeps } from "../deps.ts";
import { ApiError } from "../errors.ts";
import { routes } from "../routing.ts";

const wire = (b: BackupFile) => ({ file: b.file, bytes: b.bytes, at: isoVn(b.at) });

export function backupRoutes(d: AppDeps) {
  const r = routes(d.auth);
  const state = () => {
    const cfg = d.hall.config;
    return {
      files: (d.care?.list() ?? []).map(wire),
      keep: cfg.backup.keep,
      daily: cfg.backup.enabled,
      retentionDays: cfg.retention.visitDays,
    };
  };

  r.on(listBackupFiles, (c) => c.json(state(), 200));

  r.on(createBackup, (c) => {
    if (!d.care) throw new ApiError("backup-failed", { reason: "no backup folder" });
    let created: BackupFile;
    try {
      created = d.care.backupNow();
    } catch (e) {
      throw new ApiError("backup-failed", { reason: (e as Error).message });
    }
    return c.json({ ...state(), created: wire(created) }, 201);
  });

  return r.app;
}
