/**
 * Officer and counter figures for the real-time service-quality index of Decision
 * 766/QĐ-TTg (extension `GET /api/reports/officers`): per officer (or per counter) visits
 * served and mean service time, first calls and breaches of the wait target, no-shows,
 * transfers, open / paused / busy / idle time, the time a counter was expected open by the
 * schedule (`expectedSec`, server/queue/schedule.ts), and satisfaction.
 *
 * Attribution (docs/decisions/0030-report-definitions.md): work goes to whoever did it —
 * served, service time, no-shows and ratings to the officer and counter that finished the
 * visit (the ticket row's last counter), a transferred-away segment to whoever transferred
 * it; waits and breaches to whoever made the first call, as in the waits report.
 */
import type { HallConfig } from "../contract/config.ts";
import type { Lang } from "../contract/domain.ts";
import type { OfficerGroup, OfficerReport, OfficerReportRow, ReportRange } from "../contract/reports.ts";
import { closingTime, expectedOpenMs } from "../queue/schedule.ts";
import { isoVn, serviceDay } from "../queue/time.ts";
import {
  type CounterEventRow,
  type OfficerFact,
  ratingOf,
  ST_DONE,
  ST_NO_SHOW,
  ST_OPEN,
  statusOf,
  type TransferRow,
} from "../store/reports.ts";
import { fixedKeys, type LabelContext, labelOf, NONE_KEY, sortKeys, TOTAL_KEY } from "./labels.ts";
import { heldPieces, type Segment } from "./sessions.ts";
import { meanSec, pct } from "./stats.ts";
import { type ReportDeps, rangeBounds } from "./waits.ts";

class OfficerAcc {
  served = 0;
  serviceSum = 0;
  firstCalls = 0;
  breaches = 0;
  noShows = 0;
  transfers = 0;
  openMs = 0;
  pausedMs = 0;
  busyMs = 0;
  /** Expected open time by the schedule; null for an officer (officers are not scheduled). */
  expectedMs: number | null = null;
  ratings = 0;
  satisfied = 0;

  row(key: string, label: string): OfficerReportRow {
    const s = (ms: number) => Math.round(ms / 1000);
    return {
      key,
      label,
      served: this.served,
      meanServiceSec: meanSec(this.serviceSum, this.served),
      firstCalls: this.firstCalls,
      breaches: this.breaches,
      noShows: this.noShows,
      transfers: this.transfers,
      openSec: s(this.openMs),
      pausedSec: s(this.pausedMs),
      busySec: s(this.busyMs),
      idleSec: s(Math.max(0, this.openMs - this.pausedMs - this.busyMs)),
      expectedSec: this.expectedMs === null ? null : s(this.expectedMs),
      ratings: this.ratings,
      satisfiedPct: pct(this.satisfied, this.ratings),
    };
  }
}

/**
 * Builds the officers report of `range`, one row per officer (or counter) with any activity,
 * plus a total. Reads the period's visits once, its transfers and its counter events.
 */
export function buildOfficerReport(
  deps: ReportDeps,
  q: { range: ReportRange; groupBy: OfficerGroup; lang: Lang },
  staff: LabelContext["staff"] = deps.reports.staffNames(),
): OfficerReport {
  const [startMs, endMs] = rangeBounds(q.range);
  const r = deps.reports;
  return foldOfficerReport(
    {
      config: deps.config,
      now: deps.now(),
      staff,
      facts: r.officerFacts(q.range.from, q.range.to),
      transfers: r.transfers(startMs, endMs),
      counterEvents: r.counterEvents(startMs, endMs),
      counterStateBefore: r.counterStateBefore(startMs),
    },
    q,
  );
}

/** What the officers report is computed from (ReportStore: officerFacts, transfers, counterEvents, counterStateBefore of the range). */
export interface OfficerReportInput {
  config: HallConfig;
  now: number;
  staff: LabelContext["staff"];
  facts: readonly OfficerFact[];
  transfers: readonly TransferRow[];
  counterEvents: readonly CounterEventRow[];
  counterStateBefore: ReadonlyMap<number, { officerId: number | null; pausedAt: number | null }>;
}

/** The officers report from its inputs, whatever store they came from. */
export function foldOfficerReport(
  input: OfficerReportInput,
  q: { range: ReportRange; groupBy: OfficerGroup; lang: Lang },
): OfficerReport {
  const { config, now, staff, facts, transfers } = input;
  const { range, groupBy } = q;
  const [startMs, endMs] = rangeBounds(range);
  const targetMs = config.targets.waitMin * 60_000;
  const accs = new Map<number | null, OfficerAcc>();
  const total = new OfficerAcc();
  const acc = (counter: number | null, officer: number | null) => {
    const k = groupBy === "counter" ? counter : officer;
    let a = accs.get(k);
    if (!a) {
      a = new OfficerAcc();
      accs.set(k, a);
    }
    return a;
  };
  const segments: Segment[] = [];
  for (const [code, counter, officer, wait, service, calledAt, finishedAt] of facts) {
    const status = statusOf(code);
    const rating = ratingOf(code);
    if (wait !== null) {
      // Attributed to the row's (latest) call here; transferred tickets are moved to their first call below.
      const a = acc(counter, officer);
      const breach = wait > targetMs ? 1 : 0;
      a.firstCalls++;
      a.breaches += breach;
      total.firstCalls++;
      total.breaches += breach;
    }
    if (counter === null) continue;
    const a = acc(counter, officer);
    if (status === ST_DONE && service !== null) {
      a.served++;
      a.serviceSum += service;
      total.served++;
      total.serviceSum += service;
    } else if (status === ST_NO_SHOW) {
      a.noShows++;
      total.noShows++;
    }
    if (rating !== null) {
      a.ratings++;
      total.ratings++;
      if (rating >= 3) {
        a.satisfied++;
        total.satisfied++;
      }
    }
    // The last segment: from the latest call to the end of the visit (now while still open).
    if (calledAt !== null)
      segments.push({ counter, start: calledAt, end: status === ST_OPEN ? now : (finishedAt ?? now) });
  }
  // A transferred ticket's wait belongs to its first call, not to the row's latest one.
  const moved = new Set<number>();
  for (const t of transfers) {
    if (t.waitMs === null || moved.has(t.ticketId)) continue;
    moved.add(t.ticketId);
    const breach = t.waitMs > targetMs ? 1 : 0;
    const from = acc(t.lastCounter, t.lastOfficerId);
    const to = acc(t.firstCounter, t.firstOfficerId);
    from.firstCalls--;
    from.breaches -= breach;
    to.firstCalls++;
    to.breaches += breach;
  }
  for (const t of transfers) {
    if (t.counter === null) continue;
    acc(t.counter, t.officerId).transfers++;
    total.transfers++;
    if (t.calledAt !== null) segments.push({ counter: t.counter, start: t.calledAt, end: t.at });
  }
  const pieces = heldPieces({
    events: input.counterEvents,
    initial: input.counterStateBefore,
    segments,
    closing: (day) => closingTime(config, day),
    rangeStart: startMs,
    rangeEnd: endMs,
    now,
  });
  for (const p of pieces) {
    const len = p.end - p.start;
    for (const a of [acc(p.counter, p.officerId), total]) {
      a.openMs += len;
      a.pausedMs += p.pausedMs;
      a.busyMs += p.busyMs;
    }
  }
  // Working time by the schedule, per counter, over the range's days up to now.
  total.expectedMs = 0;
  for (let d = startMs; d < Math.min(endMs, now); d += 86_400_000) {
    const day = serviceDay(d + 43_200_000);
    for (const c of config.counters) {
      // Today counts only the part of the schedule already past.
      const ms = expectedOpenMs(config, day, c.number, now);
      total.expectedMs += ms;
      if (groupBy === "counter") {
        const a = acc(c.number, null);
        a.expectedMs = (a.expectedMs ?? 0) + ms;
      }
    }
  }
  const ctx: LabelContext = { config: config, staff, lang: q.lang };
  const byKey = new Map<string, OfficerAcc>();
  for (const [k, a] of accs) byKey.set(k === null ? NONE_KEY : String(k), a);
  for (const k of fixedKeys(groupBy, config)) if (!byKey.has(k)) byKey.set(k, new OfficerAcc());
  if (groupBy === "counter") for (const a of byKey.values()) a.expectedMs ??= 0;
  const rows = sortKeys(groupBy, [...byKey.keys()], ctx).map((k) =>
    byKey.get(k)!.row(k, labelOf(groupBy, k, ctx)),
  );
  return {
    targetMin: config.targets.waitMin,
    groupBy,
    range,
    timeZone: "Asia/Ho_Chi_Minh",
    generatedAt: isoVn(now),
    rows,
    total: total.row(TOTAL_KEY, labelOf(groupBy, TOTAL_KEY, ctx)),
  };
}
