/**
 * When the daily backup is due (docs/decisions/0103-backups-and-retention.md): at
 * `backup.time` if set, else 30 minutes after the day's closing by the one schedule rule
 * (18:00 on a day without hours), once per service day. Pure.
 */
import type { HallConfig } from "../contract/config.ts";
import { closingTime } from "../queue/schedule.ts";
import { dayStartMs, serviceDay } from "../queue/time.ts";

/** The instant today's backup is due. */
export function backupTime(cfg: HallConfig, date: string): number {
  if (cfg.backup.time) {
    const [h, m] = cfg.backup.time.split(":").map(Number);
    return dayStartMs(date) + (h! * 60 + m!) * 60_000;
  }
  const close = closingTime(cfg, date);
  return close === null ? dayStartMs(date) + 18 * 3_600_000 : close + 30 * 60_000;
}

/** The service day whose backup is due at `now`, or null (off, not yet, or done: `lastDay`). */
export function backupDue(cfg: HallConfig, now: number, lastDay: string | null): string | null {
  if (!cfg.backup.enabled) return null;
  const day = serviceDay(now);
  if (day === lastDay || now < backupTime(cfg, day)) return null;
  return day;
}
