/**
 * The waits report (CONTRACT.md `GET /api/reports/waits`): per group, visits, outcomes,
 * waits against the target, service time and satisfaction, plus a `total` row computed from
 * all visits (never from the rows: percentiles do not add up). Definitions, with the traps
 * they avoid, in docs/decisions/0030-report-definitions.md:
 * - a visit is a ticket (a transfer keeps the row), issued on a service day of the range;
 * - wait = first call − issue, in ms, whatever its length (hours included);
 * - within target = wait ≤ target; breaches = waits > target plus visits never called that
 *   stayed in line longer than the target (they were failed, not excluded);
 * - counter/officer groups use who made the first call, i.e. who ended the wait.
 */
import type { HallConfig } from "../contract/config.ts";
import type { Lang } from "../contract/domain.ts";
import type {
  ReportGroup,
  ReportRange,
  WaitFigures,
  WaitReport,
  WaitReportRow,
} from "../contract/reports.ts";
import { dayStartMs, isoVn } from "../queue/time.ts";
import {
  type ReportStore,
  ratingOf,
  ST_CANCELLED,
  ST_DONE,
  ST_NO_SHOW,
  statusOf,
  type TransferRow,
  type WaitFact,
} from "../store/reports.ts";
import { fixedKeys, keyOf, type LabelContext, labelOf, sortKeys, TOTAL_KEY } from "./labels.ts";
import { meanSec, pct, Samples, sec } from "./stats.ts";

/** What the report engine needs: the store's report queries, the hall config and the clock. */
export interface ReportDeps {
  reports: ReportStore;
  config: HallConfig;
  now: () => number;
}

const DAY_MS = 86_400_000;

/**
 * The additive figures of a group of visits: everything of `WaitAcc` but the waits
 * themselves. Sums of disjoint groups add up (the province keeps them per hall × day ×
 * field × hour); percentiles do not, so the waits travel beside them.
 */
export interface WaitSums {
  tickets: number;
  served: number;
  noShows: number;
  cancelled: number;
  within: number;
  breaches: number;
  waitSum: number;
  /** Longest wait in ms, −1 when none. */
  maxWait: number;
  serviceSum: number;
  serviceN: number;
  ratings: number;
  satisfied: number;
}

/** Every figure of `WaitSums`, in a fixed order (the province's cache file relies on it). */
export const WAIT_SUM_KEYS = [
  "tickets",
  "served",
  "noShows",
  "cancelled",
  "within",
  "breaches",
  "waitSum",
  "maxWait",
  "serviceSum",
  "serviceN",
  "ratings",
  "satisfied",
] as const satisfies readonly (keyof WaitSums)[];

/** The figures that add up across disjoint groups (all but the longest wait). */
export const ADDITIVE_SUM_KEYS = WAIT_SUM_KEYS.filter(
  (k): k is Exclude<(typeof WAIT_SUM_KEYS)[number], "maxWait"> => k !== "maxWait",
);

/** The sums of no visit at all (a fresh object each call). */
export function emptyWaitSums(): WaitSums {
  return {
    tickets: 0,
    served: 0,
    noShows: 0,
    cancelled: 0,
    within: 0,
    breaches: 0,
    waitSum: 0,
    maxWait: -1,
    serviceSum: 0,
    serviceN: 0,
    ratings: 0,
    satisfied: 0,
  };
}

/** Running figures of one group of visits. */
export class WaitAcc {
  tickets = 0;
  served = 0;
  noShows = 0;
  cancelled = 0;
  within = 0;
  breaches = 0;
  waitSum = 0;
  maxWait = -1;
  serviceSum = 0;
  serviceN = 0;
  ratings = 0;
  satisfied = 0;
  readonly waits: Samples;

  /** `capacity`: how many waits to make room for, when known (a merge of summed groups). */
  constructor(
    private readonly targetMs: number,
    capacity?: number,
  ) {
    this.waits = new Samples(capacity);
  }

  /**
   * Adds one visit: packed status/rating code (store/reports.ts `CODE`), wait (ms, null if
   * never called), time in line if never called, service ms.
   */
  add(code: number, wait: number | null, line: number | null, service: number | null): void {
    const status = statusOf(code);
    const rating = ratingOf(code);
    this.tickets++;
    if (status === ST_DONE) this.served++;
    else if (status === ST_NO_SHOW) this.noShows++;
    else if (status === ST_CANCELLED) this.cancelled++;
    if (wait !== null) {
      this.waits.push(wait);
      this.waitSum += wait;
      if (wait > this.maxWait) this.maxWait = wait;
      if (wait <= this.targetMs) this.within++;
      else this.breaches++;
    } else if (line !== null && line > this.targetMs) this.breaches++;
    if (service !== null) {
      this.serviceSum += service;
      this.serviceN++;
    }
    if (rating !== null) {
      this.ratings++;
      if (rating >= 3) this.satisfied++;
    }
  }

  /** The additive figures so far (for a running summary). */
  sums(): WaitSums {
    return {
      tickets: this.tickets,
      served: this.served,
      noShows: this.noShows,
      cancelled: this.cancelled,
      within: this.within,
      breaches: this.breaches,
      waitSum: this.waitSum,
      maxWait: this.maxWait,
      serviceSum: this.serviceSum,
      serviceN: this.serviceN,
      ratings: this.ratings,
      satisfied: this.satisfied,
    };
  }

  /**
   * Adds a group summed elsewhere: its additive figures and its waits (ms, any order; one per
   * called visit). The result is what `add()` of each of its visits would have given.
   */
  merge(s: WaitSums, waits: ArrayLike<number>): void {
    this.tickets += s.tickets;
    this.served += s.served;
    this.noShows += s.noShows;
    this.cancelled += s.cancelled;
    this.within += s.within;
    this.breaches += s.breaches;
    this.waitSum += s.waitSum;
    if (s.maxWait > this.maxWait) this.maxWait = s.maxWait;
    this.serviceSum += s.serviceSum;
    this.serviceN += s.serviceN;
    this.ratings += s.ratings;
    this.satisfied += s.satisfied;
    this.waits.pushAll(waits);
  }

  /** The figures of the group (exact nearest-rank percentiles by selection over its waits). */
  figures(): WaitFigures {
    const called = this.waits.length;
    return {
      tickets: this.tickets,
      served: this.served,
      noShows: this.noShows,
      cancelled: this.cancelled,
      called,
      meanWaitSec: meanSec(this.waitSum, called),
      medianWaitSec: sec(this.waits.nearestRank(50)),
      p90WaitSec: sec(this.waits.nearestRank(90)),
      maxWaitSec: called === 0 ? null : sec(this.maxWait),
      breaches: this.breaches,
      withinTargetPct: pct(this.within, this.within + this.breaches),
      meanServiceSec: meanSec(this.serviceSum, this.serviceN),
      ratings: this.ratings,
      satisfiedPct: pct(this.satisfied, this.ratings),
    };
  }
}

/** Counter and officer of the first call of each transferred ticket, by ticket id. */
export function firstCallMap(
  transfers: readonly TransferRow[],
): Map<number, { counter: number | null; officerId: number | null }> {
  return new Map(
    transfers.map((t) => [t.ticketId, { counter: t.firstCounter, officerId: t.firstOfficerId }]),
  );
}

/** UTC ms bounds [start, end) of the service days of a range. */
export function rangeBounds(range: { from: string; to: string }): [number, number] {
  return [dayStartMs(range.from), dayStartMs(range.to) + DAY_MS];
}

/**
 * Builds the waits report of `range` grouped by `groupBy`. Reads the period's visits once
 * (ReportStore.waitFacts) and aggregates them in one pass; exact percentiles per group.
 */
export function buildWaitReport(
  deps: ReportDeps,
  q: { range: ReportRange; groupBy: ReportGroup; lang: Lang },
  staff: LabelContext["staff"] = deps.reports.staffNames(),
): WaitReport {
  const now = deps.now();
  const { range, groupBy } = q;
  const facts: WaitFact[] = deps.reports.waitFacts(groupBy, range.from, range.to, now);
  const byFirstCall = groupBy === "counter" || groupBy === "officer";
  const transfers = byFirstCall ? deps.reports.transfers(...rangeBounds(range)) : null;
  return foldWaitReport({ config: deps.config, now, staff, facts, transfers }, q);
}

/** What the waits report is computed from: the period's visit facts, and its transfers (counter and officer groups). */
export interface WaitReportInput {
  config: HallConfig;
  now: number;
  staff: LabelContext["staff"];
  facts: readonly WaitFact[];
  transfers: readonly TransferRow[] | null;
}

/**
 * The waits report from its facts, whatever store they came from (the hall's SQLite, the
 * province's PostgreSQL): one pass, exact percentiles per group.
 */
export function foldWaitReport(
  input: WaitReportInput,
  q: { range: ReportRange; groupBy: ReportGroup; lang: Lang },
): WaitReport {
  const { config, now, staff, facts } = input;
  const { range, groupBy } = q;
  const targetMs = config.targets.waitMin * 60_000;
  const firstCalls = input.transfers ? firstCallMap(input.transfers) : null;
  const groups = new Map<string | number | null, WaitAcc>();
  const total = new WaitAcc(targetMs);
  for (const f of facts) {
    let raw = f[0];
    if (firstCalls !== null) {
      const first = firstCalls.get(f[5]!);
      if (first) raw = groupBy === "counter" ? first.counter : first.officerId;
      if (f[2] === null) raw = null; // never called: no counter or officer ended its wait
    }
    let acc = groups.get(raw);
    if (!acc) {
      acc = new WaitAcc(targetMs);
      groups.set(raw, acc);
    }
    acc.add(f[1], f[2], f[3], f[4]);
    total.add(f[1], f[2], f[3], f[4]);
  }
  const ctx: LabelContext = { config, staff, lang: q.lang };
  const byKey = new Map<string, WaitAcc>();
  for (const [raw, acc] of groups) byKey.set(keyOf(groupBy, raw), acc);
  for (const k of fixedKeys(groupBy, config)) if (!byKey.has(k)) byKey.set(k, new WaitAcc(targetMs));
  const rows: WaitReportRow[] = sortKeys(groupBy, [...byKey.keys()], ctx).map((key) => ({
    key,
    label: labelOf(groupBy, key, ctx),
    ...byKey.get(key)!.figures(),
  }));
  return {
    targetMin: config.targets.waitMin,
    groupBy,
    range,
    timeZone: "Asia/Ho_Chi_Minh",
    generatedAt: isoVn(now),
    rows,
    total: { key: TOTAL_KEY, label: labelOf(groupBy, TOTAL_KEY, ctx), ...total.figures() },
  };
}
