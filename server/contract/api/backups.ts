/**
 * Backups of the hall's database on demand (issue 12, docs/decisions/0103-backups-and-retention.md):
 * the admin lists the copies in `<dataDir>/backups` and writes one now, with the same code
 * as the daily backup. Restoring stays a command with the server stopped (`npm run restore`).
 */
import { z } from "zod";
import { ADMINS, errors, ok, route, who } from "./define.ts";
import { IsoTime } from "./wire.ts";

export const BackupFile = z
  .object({
    file: z.string().meta({ example: "qms-20261202-173000.sqlite" }),
    bytes: z.number().int().min(0),
    at: IsoTime.meta({ description: "When the copy was written (from its name, hall time)" }),
  })
  .meta({ id: "BackupFile" });

const BackupList = z.object({
  files: z.array(BackupFile).meta({ description: "Newest first" }),
  keep: z.number().int().meta({ description: "`backup.keep`: older copies are deleted" }),
  daily: z.boolean().meta({ description: "`backup.enabled`: a copy every service day after closing" }),
  retentionDays: z
    .number()
    .int()
    .meta({ description: "`retention.visitDays`: identifying visit details are removed after this" }),
});

export const listBackupFiles = route({
  method: "get",
  path: "/api/backups",
  tags: ["settings"],
  summary: "The backup copies of the database, newest first",
  ...who(ADMINS, "admin"),
  responses: { 200: ok(BackupList, "The copies") },
});

export const createBackup = route({
  method: "post",
  path: "/api/backups",
  tags: ["settings"],
  summary: "Write a checked backup now (the daily backup's code), keeping the newest `backup.keep`",
  ...who(ADMINS, "admin"),
  responses: {
    201: ok(BackupList.extend({ created: BackupFile }), "Written and checked"),
    ...errors("backup-failed"),
  },
});

export const backupRoutes = { listBackupFiles, createBackup };
