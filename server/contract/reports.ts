/**
 * Report API (CONTRACT.md `GET /api/reports/waits`) and its documented extensions
 * `GET /api/reports/officers` and `GET /api/reports/breaches` (issue 6; definitions in
 * docs/decisions/0030-report-definitions.md). Query strings are validated here so the
 * apps and the server agree on names; the range rules (dates, presets, size) are
 * checked by `server/reports/range.ts`, which needs the clock.
 */
import { z } from "zod";

/** How `GET /api/reports/waits` may group its rows. */
export const REPORT_GROUPS = ["day", "hour", "service", "counter", "officer", "priority"] as const;
export type ReportGroup = (typeof REPORT_GROUPS)[number];

/** How `GET /api/reports/officers` may group its rows. */
export const OFFICER_GROUPS = ["officer", "counter"] as const;
export type OfficerGroup = (typeof OFFICER_GROUPS)[number];

export const REPORT_FORMATS = ["json", "csv", "xlsx"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * Calendar presets relative to "now" in Asia/Ho_Chi_Minh. `month`, `quarter`, `half`
 * (six months: Jan–Jun or Jul–Dec) and `year` run from the period's first day to today;
 * the `last-…` forms are the previous complete period.
 */
export const REPORT_PRESETS = [
  "today",
  "month",
  "quarter",
  "half",
  "year",
  "last-month",
  "last-quarter",
  "last-half",
  "last-year",
] as const;
export type ReportPreset = (typeof REPORT_PRESETS)[number];

/** Longest range one request may cover (a leap year); longer ranges get 400 `range-too-large`. */
export const REPORT_MAX_DAYS = 366;
/** Breach list: default and largest page in JSON, and the most rows a CSV/XLSX export carries. */
export const BREACH_PAGE_DEFAULT = 100;
export const BREACH_PAGE_MAX = 1000;
export const BREACH_EXPORT_MAX = 100_000;

/**
 * The raw query string of every report endpoint. Strings only: `from`/`to`/`preset`
 * are resolved against the clock by `resolveRange()`; `groupBy` is checked per endpoint
 * so that an unknown group gives 400 `invalid-group`, not a generic error.
 */
export const ReportQuery = z.object({
  from: z.string().max(32).optional(),
  to: z.string().max(32).optional(),
  preset: z.string().max(32).optional(),
  groupBy: z.string().max(32).optional(),
  format: z.enum(REPORT_FORMATS).optional(),
  /** Breach list paging. */
  limit: z.string().max(12).optional(),
  offset: z.string().max(12).optional(),
});
export type ReportQuery = z.infer<typeof ReportQuery>;

/** The figures of one row of the waits report (and of its `total`). Times in seconds. */
export interface WaitFigures {
  /** Visits (tickets) issued on the row's service days; a transfer is not a new visit. */
  tickets: number;
  /** Visits that ended `done`. */
  served: number;
  /** Visits that ended `no-show`. */
  noShows: number;
  /** Extension: visits that ended `cancelled` (by the visitor or at day end). */
  cancelled: number;
  /** Extension: visits that were called at least once (they have a measured wait). */
  called: number;
  /** Mean / exact nearest-rank median and p90 / max of first call − issue, over called visits; null when none. */
  meanWaitSec: number | null;
  medianWaitSec: number | null;
  p90WaitSec: number | null;
  maxWaitSec: number | null;
  /** Extension: called visits waiting > target, plus never-called visits left in line > target. */
  breaches: number;
  /** within / (within + breaches) × 100, one decimal; null when both are 0. */
  withinTargetPct: number | null;
  /** Mean start → finish (call → finish when never started) of served visits. */
  meanServiceSec: number | null;
  /** Extension: rated visits and the share rated 3–4 ("hài lòng", "rất hài lòng"). */
  ratings: number;
  satisfiedPct: number | null;
}

export interface WaitReportRow extends WaitFigures {
  /** Group key: `YYYY-MM-DD`, `07`…`17`, service id, counter number, officer id, priority code; `not-called` = visits never called (counter and officer groups). */
  key: string;
  /** Extension: human label of the key in the request's language. */
  label: string;
}

export interface ReportRange {
  from: string;
  to: string;
  days: number;
  preset?: ReportPreset;
}

/** Body of `GET /api/reports/waits`. */
export interface WaitReport {
  targetMin: number;
  groupBy: ReportGroup;
  range: ReportRange;
  timeZone: "Asia/Ho_Chi_Minh";
  generatedAt: string;
  rows: WaitReportRow[];
  total: WaitReportRow;
}

/** One row of `GET /api/reports/officers` (Decision 766/QĐ-TTg figures). */
export interface OfficerReportRow {
  key: string;
  label: string;
  /** Visits this officer (or counter) finished, and their mean service time. */
  served: number;
  meanServiceSec: number | null;
  /** Visits first called here and their waits over the target. */
  firstCalls: number;
  breaches: number;
  noShows: number;
  transfers: number;
  /** Time with the counter open, paused, busy with a called/served visit, and idle (open − paused − busy). */
  openSec: number;
  pausedSec: number;
  busySec: number;
  idleSec: number;
  ratings: number;
  satisfiedPct: number | null;
}

export interface OfficerReport {
  targetMin: number;
  groupBy: OfficerGroup;
  range: ReportRange;
  timeZone: "Asia/Ho_Chi_Minh";
  generatedAt: string;
  rows: OfficerReportRow[];
  total: OfficerReportRow;
}

/** One ticket whose wait broke the target. */
export interface BreachRow {
  number: string;
  serviceDay: string;
  /** Field the visitor waited in (the field it was issued for). */
  serviceId: string;
  serviceName: string;
  priority: string;
  /** Hour of issue, `07`…`17`, Asia/Ho_Chi_Minh. */
  hour: string;
  issuedAt: string;
  /** First call; null when never called (the wait is then the time left in line). */
  calledAt: string | null;
  waitSec: number;
  counter: number | null;
  officer: string | null;
  status: string;
}

export interface BreachList {
  targetMin: number;
  range: ReportRange;
  timeZone: "Asia/Ho_Chi_Minh";
  generatedAt: string;
  /** All breaches in the range; `rows` is the page [offset, offset + limit). */
  count: number;
  offset: number;
  limit: number;
  rows: BreachRow[];
}

/** Columns of the waits report, in order: JSON rows, CSV and XLSX carry exactly these. */
export const WAIT_REPORT_COLUMNS = [
  "key",
  "label",
  "tickets",
  "served",
  "noShows",
  "cancelled",
  "called",
  "meanWaitSec",
  "medianWaitSec",
  "p90WaitSec",
  "maxWaitSec",
  "breaches",
  "withinTargetPct",
  "meanServiceSec",
  "ratings",
  "satisfiedPct",
] as const satisfies readonly (keyof WaitReportRow)[];

/** Columns of the officers report, in order. */
export const OFFICER_REPORT_COLUMNS = [
  "key",
  "label",
  "served",
  "meanServiceSec",
  "firstCalls",
  "breaches",
  "noShows",
  "transfers",
  "openSec",
  "pausedSec",
  "busySec",
  "idleSec",
  "ratings",
  "satisfiedPct",
] as const satisfies readonly (keyof OfficerReportRow)[];

/** Columns of the breach list, in order. */
export const BREACH_COLUMNS = [
  "number",
  "serviceDay",
  "serviceId",
  "serviceName",
  "priority",
  "hour",
  "issuedAt",
  "calledAt",
  "waitSec",
  "counter",
  "officer",
  "status",
] as const satisfies readonly (keyof BreachRow)[];
