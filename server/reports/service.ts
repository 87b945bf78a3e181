/**
 * One report request, from raw query strings to a JSON body or an export file. Shared by
 * the worker thread that serves the HTTP routes (runner.ts) and by tests. Bad input is a
 * DomainError with a contract code: `invalid-range`, `range-too-large`, `invalid-group`,
 * `invalid-request`.
 */
import type { Lang } from "../contract/domain.ts";
import type { BreachList, OfficerReport, WaitReport } from "../contract/reports.ts";
import {
  OFFICER_GROUPS,
  type OfficerGroup,
  REPORT_FORMATS,
  REPORT_GROUPS,
  type ReportFormat,
  type ReportGroup,
  type ReportQuery,
} from "../contract/reports.ts";
import { DomainError } from "../queue/types.ts";
import { buildBreachList, parsePaging } from "./breaches.ts";
import { breachTable, fileName, officerTable, type Table, toCsv, toXlsx, waitTable } from "./export.ts";
import { buildOfficerReport } from "./officers.ts";
import { resolveRange } from "./range.ts";
import { buildWaitReport, type ReportDeps } from "./waits.ts";

export type ReportKind = "waits" | "officers" | "breaches";

/** The JSON body of each report kind (declared in server/contract/api/reports.ts). */
export interface ReportBodies {
  waits: WaitReport;
  officers: OfficerReport;
  breaches: BreachList;
}

export interface ReportRequest<K extends ReportKind = ReportKind> {
  kind: K;
  query: ReportQuery;
  lang: Lang;
  /** The hall clock's "now" (UTC ms), so that presets and live figures follow the hall, not the worker. */
  now: number;
}

/** A report answer: a JSON body, or a file to download. */
export type ReportResult<K extends ReportKind = ReportKind> =
  | { type: "json"; body: ReportBodies[K] }
  | { type: "file"; contentType: string; filename: string; bytes: Uint8Array };

const CSV_TYPE = "text/csv; charset=utf-8";
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function group<G extends string>(value: string | undefined, allowed: readonly G[], dflt: G): G {
  if (value === undefined || value === "") return dflt;
  if (!(allowed as readonly string[]).includes(value))
    throw new DomainError("invalid-group", {
      reason: `groupBy must be one of ${allowed.join(", ")}`,
      allowed,
    });
  return value as G;
}

function format(value: string | undefined): ReportFormat {
  if (value === undefined || value === "") return "json";
  if (!(REPORT_FORMATS as readonly string[]).includes(value))
    throw new DomainError("invalid-request", {
      reason: `format must be one of ${REPORT_FORMATS.join(", ")}`,
    });
  return value as ReportFormat;
}

async function file(
  t: Table,
  fmt: ReportFormat,
  lang: Lang,
  name: (ext: string) => string,
): Promise<ReportResult> {
  if (fmt === "csv")
    return {
      type: "file",
      contentType: CSV_TYPE,
      filename: name("csv"),
      bytes: new TextEncoder().encode(toCsv(t)),
    };
  return { type: "file", contentType: XLSX_TYPE, filename: name("xlsx"), bytes: await toXlsx(t, lang) };
}

/**
 * Runs one report request against `deps` (whose clock is ignored: `req.now` is used).
 * `groupBy` defaults to `day` (waits) and `officer` (officers); `format` to json.
 */
export async function runReport<K extends ReportKind>(
  deps: ReportDeps,
  req: ReportRequest<K>,
): Promise<ReportResult<K>> {
  // TypeScript does not narrow `K` from `req.kind`; each branch returns its own kind's body.
  return (await run(deps, req)) as ReportResult<K>;
}

async function run(deps: ReportDeps, req: ReportRequest): Promise<ReportResult> {
  const d: ReportDeps = { ...deps, now: () => req.now };
  const q = req.query;
  const fmt = format(q.format);
  const range = resolveRange(q, req.now);
  const lang = req.lang;
  if (req.kind === "waits") {
    const groupBy = group<ReportGroup>(q.groupBy, REPORT_GROUPS, "day");
    const r = buildWaitReport(d, { range, groupBy, lang });
    if (fmt === "json") return { type: "json", body: r };
    return file(waitTable(r, lang), fmt, lang, (ext) => fileName("waits", range, groupBy, ext));
  }
  if (req.kind === "officers") {
    const groupBy = group<OfficerGroup>(q.groupBy, OFFICER_GROUPS, "officer");
    const r = buildOfficerReport(d, { range, groupBy, lang });
    if (fmt === "json") return { type: "json", body: r };
    return file(officerTable(r, lang), fmt, lang, (ext) => fileName("officers", range, groupBy, ext));
  }
  if (q.groupBy) throw new DomainError("invalid-group", { reason: "the breach list has no grouping" });
  const paging = parsePaging(q);
  const r = buildBreachList(d, { range, lang, ...paging, all: fmt !== "json" });
  if (fmt === "json") return { type: "json", body: r };
  return file(breachTable(r, lang), fmt, lang, (ext) => fileName("breaches", range, null, ext));
}
