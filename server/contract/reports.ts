/**
 * Report API (CONTRACT.md `GET /api/reports/waits`) and its documented extensions
 * `GET /api/reports/officers` and `GET /api/reports/breaches` (issue 6; definitions in
 * docs/decisions/0030-report-definitions.md): the names and limits both sides use. The
 * routes, their query and body schemas: api/reports.ts.
 */
import type { BreachRow, OfficerReportRow, WaitReportRow } from "./api/reports.ts";

/** How `GET /api/reports/waits` may group its rows. */
/** `booking` (issue 14): booked visits (checked in with an appointment) and walk-ins, each on its own row. */
export const REPORT_GROUPS = ["day", "hour", "service", "counter", "officer", "priority", "booking"] as const;
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
 * The report bodies (`WaitReport`, `OfficerReport`, `BreachList` and their rows) and the
 * query are declared once, as the schemas of the report routes (api/reports.ts).
 */
export type {
  BreachList,
  BreachRow,
  OfficerReport,
  OfficerReportRow,
  ReportQuery,
  ReportRange,
  WaitFigures,
  WaitReport,
  WaitReportRow,
} from "./api/reports.ts";

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
  "expectedSec",
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
  "dossierCode",
] as const satisfies readonly (keyof BreachRow)[];
