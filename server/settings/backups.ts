/**
 * The hall's data care jobs (docs/decisions/0103-backups-and-retention.md): the backup, the
 * same code for the daily run and the admin's "Sao lưu ngay"; and the daily retention job
 * (Decree 13/2023), run before the daily backup so that the copy holds no expired details.
 */
import type { Database } from "bun:sqlite";
import type { HallConfig } from "../contract/config.ts";
import type { Clock } from "../queue/clock.ts";
import { serviceDay } from "../queue/time.ts";
import { backupDatabase, listBackups } from "../store/backup.ts";
import { RetentionStore } from "../store/retention.ts";
import type { SettingsStore } from "../store/settings.ts";
import { backupDue, backupTime } from "./backup-plan.ts";
import { type RetentionRun, runRetention } from "./retention.ts";

export interface BackupFile {
  file: string;
  bytes: number;
  /** When it was written (file name, hall time), UTC ms. */
  at: number;
}

/** `qms-20261202-173000.sqlite` → its instant (the stamp is hall time, UTC+7). */
function stampMs(file: string): number {
  const m = /^qms-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})\.sqlite$/.exec(file);
  if (!m) return 0;
  return Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+07:00`);
}

export class HallCare {
  private readonly retention: RetentionStore;
  private busy = false;

  constructor(
    private readonly d: {
      db: Database;
      /** `<dataDir>/backups` */
      dir: string;
      config: () => HallConfig;
      clock: Clock;
      marks: SettingsStore;
      log: (line: string) => void;
    },
  ) {
    this.retention = new RetentionStore(d.db);
  }

  /** The backup folder. */
  get dir(): string {
    return this.d.dir;
  }

  /** The backup files, newest first. */
  list(): BackupFile[] {
    return listBackups(this.d.dir).map((b) => ({ file: b.file, bytes: b.bytes, at: stampMs(b.file) }));
  }

  /**
   * Writes a checked backup now and keeps the newest `backup.keep`; throws when the copy
   * fails its check (nothing is left behind). Two backups in the same second share a name:
   * the second replaces the first, which is the same data.
   */
  backupNow(): BackupFile {
    const now = this.d.clock.now();
    const b = backupDatabase(this.d.db, this.d.dir, now, this.d.config().backup.keep);
    const file = b.path.slice(b.path.lastIndexOf("/") + 1);
    this.d.log(`Sao lưu / backup: ${b.path} (${Math.round(b.bytes / 1024)} KB)`);
    return { file, bytes: b.bytes, at: stampMs(file) };
  }

  /** Runs the retention job now (all batches); returns what it did. */
  async retainNow(): Promise<RetentionRun> {
    const now = this.d.clock.now();
    const run = await runRetention(this.retention, this.d.config(), now);
    if (run.visits || run.pauseReasons || run.appointments)
      this.d.log(
        `Xóa thông tin định danh / retention: ${run.visits} lượt, ${run.pauseReasons} lý do tạm nghỉ, ${run.appointments} lịch hẹn trước ${new Date(run.cutoff).toISOString()}`,
      );
    return run;
  }

  /**
   * Called every minute: once per service day, at the backup time (after closing), the
   * retention job, then the daily backup if backups are on. Each is remembered in the
   * `settings` table before it starts, so a crash does not repeat it in a loop.
   */
  async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const cfg = this.d.config();
      const now = this.d.clock.now();
      const day = serviceDay(now);
      if (this.d.marks.mark("lastRetentionDay") !== day && now >= backupTime(cfg, day)) {
        this.d.marks.setMark("lastRetentionDay", day);
        try {
          await this.retainNow();
        } catch (e) {
          this.d.log(`Xóa thông tin định danh thất bại / retention failed: ${(e as Error).message}`);
        }
      }
      const due = backupDue(this.d.config(), now, this.d.marks.mark("lastBackupDay"));
      if (due) {
        this.d.marks.setMark("lastBackupDay", due);
        try {
          this.backupNow();
        } catch (e) {
          this.d.log(`Sao lưu thất bại / backup failed: ${(e as Error).message}`);
        }
      }
    } finally {
      this.busy = false;
    }
  }
}
