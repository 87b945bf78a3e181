/**
 * The hall's live summary for the province (contract/province.ts `HallLiveSummary`), built
 * from the hall's read side: the waiting lines and counters of the public snapshot
 * (`HallViews.hallSnapshot()`, built once per change for every screen, in memory) and
 * today's waits-report total (server/reports, one scan of today's tickets: a few ms on the
 * busiest day). No ticket numbers or codes, no names.
 */
import type { HallLiveSummary } from "../contract/province.ts";
import type { Hall } from "../hall/hall.ts";
import type { HallViews } from "../hall/views.ts";
import { isoVn, serviceDay } from "../queue/time.ts";
import { buildWaitReport } from "../reports/waits.ts";
import type { ReportStore } from "../store/reports.ts";

const NO_STAFF = new Map<number, { username: string; name: string }>();

/** Returns a builder with its own sequence (increasing across restarts: it starts at the clock). */
export function summaryBuilder(hall: Hall, views: HallViews, reports: ReportStore): () => HallLiveSummary {
  let seq = 0;
  return () => {
    const now = hall.now();
    seq = Math.max(seq + 1, now);
    const snap = views.hallSnapshot();
    const day = serviceDay(now);
    const today = buildWaitReport(
      { reports, config: hall.config, now: () => now },
      { range: { from: day, to: day, days: 1 }, groupBy: "day", lang: "vi" },
      NO_STAFF,
    ).total;
    const { key: _k, label: _l, ...figures } = today;
    return {
      v: 1,
      seq,
      hallId: hall.config.id,
      at: isoVn(now),
      waiting: snap.waiting.map((w) => ({
        serviceId: w.serviceId,
        count: w.count,
        longestWaitSec: w.longestWaitSec,
        priorityCount: w.priorityCount ?? 0,
      })),
      waitingTotal: snap.waiting.reduce((s, w) => s + w.count, 0),
      longestWaitSec: snap.waiting.reduce((m, w) => Math.max(m, w.longestWaitSec), 0),
      countersOpen: snap.counters.filter((c) => c.open).length,
      countersPaused: snap.counters.filter((c) => c.open && c.paused).length,
      countersTotal: snap.counters.length,
      targetMin: hall.config.targets.waitMin,
      today: figures,
      lastEventId: hall.lastEventId(),
    };
  };
}
