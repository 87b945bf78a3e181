/**
 * Report routes (CONTRACT.md `GET /api/reports/waits`, and the extensions `officers` and
 * `breaches`; definitions in docs/decisions/0030-report-definitions.md), managers and
 * admins only. Each answers JSON, or the same columns as CSV (UTF-8 with BOM) or XLSX.
 * The range rules that need the clock (dates that exist, presets, size) are checked by
 * server/reports/range.ts; the query's shape is checked here.
 */
import { z } from "zod";
import {
  BREACH_PAGE_MAX,
  OFFICER_GROUPS,
  REPORT_FORMATS,
  REPORT_GROUPS,
  REPORT_MAX_DAYS,
  REPORT_PRESETS,
} from "../reports.ts";
import { errors, MANAGERS, route, who } from "./define.ts";

const n = () => z.number().int();
const sec = () => z.number().nullable();

/** The figures of one row of the waits report (and of its `total`). Times in seconds. */
const WaitFigures = {
  tickets: n().meta({
    description: "Visits issued on the row's service days; a transfer is not a new visit",
  }),
  served: n().meta({ description: "Visits that ended `done`" }),
  noShows: n().meta({ description: "Visits that ended `no-show`" }),
  cancelled: n().meta({ description: "Extension: visits that ended `cancelled`" }),
  called: n().meta({ description: "Extension: visits called at least once (they have a measured wait)" }),
  meanWaitSec: sec().meta({ description: "Mean first call − issue over called visits; null when none" }),
  medianWaitSec: sec().meta({ description: "Exact nearest-rank median" }),
  p90WaitSec: sec(),
  maxWaitSec: sec(),
  breaches: n().meta({
    description: "Extension: called visits waiting > target, plus never-called visits left in line > target",
  }),
  withinTargetPct: sec().meta({ description: "within / (within + breaches) × 100, one decimal" }),
  meanServiceSec: sec().meta({ description: "Mean start → finish of served visits" }),
  ratings: n().meta({ description: "Extension: rated visits" }),
  satisfiedPct: sec().meta({ description: "Extension: share rated 3–4 (hài lòng, rất hài lòng)" }),
};

export const WaitReportRow = z
  .object({
    key: z.string().meta({
      description:
        "`YYYY-MM-DD`, `07`…`17`, service id, counter number, officer id or priority code; `not-called` = never called",
    }),
    label: z.string().meta({ description: "Extension: the key's label in the request's language" }),
    ...WaitFigures,
  })
  .meta({ id: "WaitReportRow" });

export const ReportRange = z
  .object({
    from: z.string().meta({ format: "date" }),
    to: z.string().meta({ format: "date" }),
    days: n(),
    preset: z.enum(REPORT_PRESETS).optional(),
  })
  .meta({ id: "ReportRange" });

const head = {
  targetMin: n().meta({ description: "The wait target in minutes", example: 15 }),
  range: ReportRange,
  timeZone: z.literal("Asia/Ho_Chi_Minh"),
  generatedAt: z.string(),
};

export const WaitReport = z
  .object({ ...head, groupBy: z.enum(REPORT_GROUPS), rows: z.array(WaitReportRow), total: WaitReportRow })
  .meta({ id: "WaitReport" });

export const OfficerReportRow = z
  .object({
    key: z.string(),
    label: z.string(),
    served: n().meta({ description: "Visits this officer (or counter) finished" }),
    meanServiceSec: sec(),
    firstCalls: n().meta({ description: "Visits first called here" }),
    breaches: n(),
    noShows: n(),
    transfers: n(),
    openSec: n().meta({ description: "Time with the counter open" }),
    pausedSec: n(),
    busySec: n().meta({ description: "Time with a called or served visit" }),
    idleSec: n().meta({ description: "open − paused − busy" }),
    expectedSec: sec().meta({
      description:
        "Extension: the time the counter was expected open by the hall's schedule (hours, holidays, make-up days, the fields' hours), up to now; null for an officer",
    }),
    ratings: n(),
    satisfiedPct: sec(),
  })
  .meta({ id: "OfficerReportRow" });

export const OfficerReport = z
  .object({
    ...head,
    groupBy: z.enum(OFFICER_GROUPS),
    rows: z.array(OfficerReportRow),
    total: OfficerReportRow,
  })
  .meta({ id: "OfficerReport" });

export const BreachRow = z
  .object({
    number: z.string(),
    serviceDay: z.string(),
    serviceId: z.string().meta({ description: "The field it was issued for" }),
    serviceName: z.string(),
    priority: z.string(),
    hour: z.string().meta({ description: "Hour of issue, `07`…`17`" }),
    issuedAt: z.string(),
    calledAt: z.string().nullable().meta({ description: "First call; null when never called" }),
    waitSec: n(),
    counter: n().nullable(),
    officer: z.string().nullable(),
    status: z.string(),
    dossierCode: z
      .string()
      .nullable()
      .meta({ description: "Extension (issue 15): the one-stop system's dossier code linked to the visit" }),
  })
  .meta({ id: "BreachRow" });

export const BreachList = z
  .object({
    ...head,
    count: n().meta({ description: "All breaches in the range; `rows` is [offset, offset + limit)" }),
    offset: n(),
    limit: n(),
    rows: z.array(BreachRow),
  })
  .meta({ id: "BreachList" });

const date = (description: string) =>
  z.string().max(32, { error: "invalid-range" }).optional().meta({ description, format: "date" });
const common = {
  from: date("First service day, YYYY-MM-DD (Asia/Ho_Chi_Minh), inclusive"),
  to: date("Last service day, inclusive"),
  preset: z.enum(REPORT_PRESETS, { error: "invalid-range" }).optional().meta({
    description: "Instead of from/to: the current period to today, or the previous complete one",
  }),
  format: z
    .enum(REPORT_FORMATS)
    .optional()
    .meta({ description: "json (default), csv or xlsx: same columns" }),
  lang: z.enum(["vi", "en"]).optional().meta({ description: "Labels in vi (default) or en" }),
};
const digits = (description: string) =>
  z
    .string()
    .regex(/^[0-9]{1,9}$/)
    .optional()
    .meta({ description });

export const WaitsQuery = z.object({
  ...common,
  groupBy: z.enum(REPORT_GROUPS, { error: "invalid-group" }).optional().meta({ description: "Default day" }),
});
export const OfficersQuery = z.object({
  ...common,
  groupBy: z
    .enum(OFFICER_GROUPS, { error: "invalid-group" })
    .optional()
    .meta({ description: "Default officer" }),
});
export const BreachesQuery = z.object({
  ...common,
  groupBy: z
    .string()
    .max(0, { error: "invalid-group" })
    .optional()
    .meta({ description: "Not allowed: the breach list has no grouping" }),
  limit: digits(`JSON page size, 1…${BREACH_PAGE_MAX} (default 100); exports carry every row`),
  offset: digits("JSON page start (default 0)"),
});

/** The raw query of every report endpoint, as the report service takes it. */
export type ReportQuery = {
  from?: string;
  to?: string;
  preset?: string;
  groupBy?: string;
  format?: (typeof REPORT_FORMATS)[number];
  limit?: string;
  offset?: string;
};

const files = {
  "text/csv": { schema: z.string().meta({ description: "UTF-8 with BOM, the JSON rows' columns" }) },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
    schema: z.string().meta({ format: "binary" }),
  },
};
const access = who(
  MANAGERS,
  "manager or admin",
  `At most ${REPORT_MAX_DAYS} days per request. Definitions: docs/decisions/0030-report-definitions.md.`,
);
const refusals = errors(
  "invalid-range",
  "range-too-large",
  "invalid-group",
  "invalid-request",
  "too-many-requests",
);

export const waits = route({
  method: "get",
  path: "/api/reports/waits",
  tags: ["reports"],
  summary: "Waits against the 15-minute target, grouped (CONTRACT.md)",
  ...access,
  request: { query: WaitsQuery },
  responses: {
    200: { description: "The report", content: { "application/json": { schema: WaitReport }, ...files } },
    ...refusals,
  },
});

export const officers = route({
  method: "get",
  path: "/api/reports/officers",
  tags: ["reports"],
  summary:
    "Extension: per officer or counter (Decision 766/QĐ-TTg): served, service time, breaches, no-shows, open/paused/busy/idle time, satisfaction",
  ...access,
  request: { query: OfficersQuery },
  responses: {
    200: { description: "The report", content: { "application/json": { schema: OfficerReport }, ...files } },
    ...refusals,
  },
});

export const breaches = route({
  method: "get",
  path: "/api/reports/breaches",
  tags: ["reports"],
  summary:
    "Extension: every visit over the wait target (ticket, field, hour, wait, first counter and officer)",
  ...access,
  request: { query: BreachesQuery },
  responses: {
    200: {
      description: "One page of the list",
      content: { "application/json": { schema: BreachList }, ...files },
    },
    ...refusals,
  },
});

export const reportRoutes = { waits, officers, breaches };

export type WaitReportRow = z.output<typeof WaitReportRow>;
export type WaitFigures = Omit<WaitReportRow, "key" | "label">;
export type ReportRange = z.output<typeof ReportRange>;
export type WaitReport = z.output<typeof WaitReport>;
export type OfficerReportRow = z.output<typeof OfficerReportRow>;
export type OfficerReport = z.output<typeof OfficerReport>;
export type BreachRow = z.output<typeof BreachRow>;
export type BreachList = z.output<typeof BreachList>;
