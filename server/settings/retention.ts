/**
 * When and how far the retention job runs (docs/decisions/0103-backups-and-retention.md):
 * everything issued before the start of the service day `retention.visitDays` days ago,
 * in batches of one transaction each, yielding to the hall between batches. The SQL is in
 * server/store/retention.ts.
 */
import type { HallConfig } from "../contract/config.ts";
import { dayStartMs, serviceDay } from "../queue/time.ts";
import type { RetentionStore } from "../store/retention.ts";

const DAY_MS = 86_400_000;

/** The instant before which visits lose their identifying details: whole service days. */
export function retentionCutoff(cfg: HallConfig, now: number): number {
  return dayStartMs(serviceDay(now)) - cfg.retention.visitDays * DAY_MS;
}

export interface RetentionRun {
  cutoff: number;
  visits: number;
  pauseReasons: number;
  /** Bookings whose phone number and code were removed (issue 14). */
  appointments: number;
  /** Notice recipients (phone numbers, push addresses) deleted (decision 0115). */
  noticeRecipients: number;
  batches: number;
}

/**
 * Runs the job to the end: visits, then counter pause reasons, `batch` rows per
 * transaction. Idempotent (a visit done is marked in its own transaction) and safe to
 * stop at any point: a crash loses at most the batch in flight, which the next run redoes.
 */
export async function runRetention(
  store: RetentionStore,
  cfg: HallConfig,
  now: number,
  opts: { batch?: number; yieldEvery?: () => Promise<void> } = {},
): Promise<RetentionRun> {
  const batch = opts.batch ?? 500;
  const pause = opts.yieldEvery ?? (() => new Promise<void>((r) => setTimeout(r, 0)));
  const cutoff = retentionCutoff(cfg, now);
  const run: RetentionRun = {
    cutoff,
    visits: 0,
    pauseReasons: 0,
    appointments: 0,
    noticeRecipients: 0,
    batches: 0,
  };
  // Visitors' notice recipients are kept only while their ticket is live (decision 0115).
  run.noticeRecipients = store.dropNoticeRecipients(dayStartMs(serviceDay(now)));
  for (;;) {
    const n = store.anonymizeVisits(cutoff, now, batch);
    if (n === 0) break;
    run.visits += n;
    run.batches++;
    await pause();
  }
  for (;;) {
    const n = store.anonymizeAppointments(cutoff, now, batch);
    if (n === 0) break;
    run.appointments += n;
    run.batches++;
    await pause();
  }
  // Booking notices: their inline numbers, and those of bookings now anonymised (0111, 0115).
  run.noticeRecipients += store.dropBookingNoticeRecipients();
  for (;;) {
    const n = store.scrubPauseReasons(cutoff, batch);
    if (n === 0) break;
    run.pauseReasons += n;
    run.batches++;
    await pause();
  }
  return run;
}
