/**
 * Province reports (staff: admin and viewer). Same range rules as the hall's reports
 * (`from`/`to` service days or a `preset`, at most 366 days; server/reports/range.ts) and the
 * same figures (docs/decisions/0030-report-definitions.md):
 *   GET /api/reports/waits    across halls: groupBy hall|area|service|day|month|quarter|half|year|hour,
 *                             filters hall=, area=, service= (comma-separated), format json|csv|xlsx
 *   GET /api/reports/ranking  Decision-766-style ranking of the halls over the range (json|csv|xlsx)
 *   GET /api/halls/{id}/reports/waits|officers|breaches   one hall, exactly as its own /api/reports
 */
import { type Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";
import { BreachesQuery, OfficersQuery, WaitsQuery } from "../../../server/contract/api/reports.ts";
import type { Lang } from "../../../server/contract/domain.ts";
import {
  PROVINCE_GROUPS,
  type ProvinceGroup,
  ProvinceReportQuery,
  type Ranking,
} from "../../../server/contract/province.ts";
import type { ReportRange } from "../../../server/contract/reports.ts";
import { ApiError, langOf } from "../../../server/http/errors.ts";
import { parsePaging } from "../../../server/reports/breaches.ts";
import {
  breachTable,
  fileName,
  officerTable,
  type Table,
  toCsv,
  toXlsx,
  waitTable,
} from "../../../server/reports/export.ts";
import { resolveRange } from "../../../server/reports/range.ts";
import { buildAcrossReport } from "../../reports/across.ts";
import { hallBreachList, hallOfficerReport, hallWaitReport } from "../../reports/hall.ts";
import { rankHalls } from "../../reports/ranking.ts";
import type { StaffEnv } from "../auth.ts";
import { parse } from "../body.ts";
import type { ProvinceDeps } from "../deps.ts";

const CSV = "text/csv; charset=utf-8";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function group<G extends string>(value: string | undefined, allowed: readonly G[], dflt: G): G {
  if (value === undefined || value === "") return dflt;
  if (!(allowed as readonly string[]).includes(value))
    throw new ApiError("invalid-group", { reason: `groupBy must be one of ${allowed.join(", ")}`, allowed });
  return value as G;
}

const list = (s: string | undefined) =>
  s === undefined || s.trim() === ""
    ? null
    : s
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean);

async function send(c: Context, t: Table, fmt: string, lang: Lang, name: string): Promise<Response> {
  const headers = {
    "content-disposition": `attachment; filename="${name}.${fmt}"`,
    "cache-control": "no-store",
  };
  if (fmt === "csv") return c.body(toCsv(t), 200, { "content-type": CSV, ...headers });
  const bytes = await toXlsx(t, lang);
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200 as ContentfulStatusCode, {
    "content-type": XLSX,
    ...headers,
  });
}

function rankingTable(r: Ranking, lang: Lang): Table {
  const yes = lang === "vi" ? "đạt" : "yes";
  const no = lang === "vi" ? "chưa đạt" : "no";
  const b = (x: boolean | null) => (x === null ? null : x ? yes : no);
  const columns = [
    "rank",
    "hallId",
    "name",
    "area",
    "tickets",
    "meanWaitSec",
    "withinTargetPct",
    "breaches",
    "ratings",
    "satisfiedPct",
    "score",
    "meetsWait",
    "meetsSatisfaction",
  ];
  return {
    title: lang === "vi" ? "Xếp hạng các trung tâm" : "Ranking of the halls",
    columns,
    rows: r.rows.map((x) => [
      x.rank,
      x.hallId,
      x.name,
      x.area,
      x.tickets,
      x.meanWaitSec,
      x.withinTargetPct,
      x.breaches,
      x.ratings,
      x.satisfiedPct,
      x.score,
      b(x.meetsWait),
      b(x.meetsSatisfaction),
    ]),
    about: [
      [lang === "vi" ? "Khoảng thời gian" : "Range", `${r.range.from} – ${r.range.to}`],
      [lang === "vi" ? "Chỉ tiêu thời gian chờ (phút)" : "Wait target (min)", String(r.targetMin)],
      [lang === "vi" ? "Chỉ tiêu hài lòng (%)" : "Satisfaction target (%)", String(r.satisfactionTargetPct)],
      [lang === "vi" ? "Lập lúc" : "Generated at", r.generatedAt],
    ],
  };
}

export function provinceReportRoutes(d: ProvinceDeps) {
  const app = new Hono<StaffEnv>();
  app.use("*", d.auth.require());

  const across = async (c: Context, groupBy: ProvinceGroup) => {
    const q = parse(c, ProvinceReportQuery, c.req.query(), "query");
    const range: ReportRange = resolveRange(q, d.now());
    const report = await buildAcrossReport(
      {
        reports: d.store.reports,
        monthCache: d.monthCache,
        halls: await d.store.halls.list(),
        targetMin: d.targetMin,
        now: d.now(),
      },
      {
        range,
        groupBy,
        filter: { halls: list(q.hall), areas: list(q.area), services: list(q.service) },
        lang: langOf(c),
      },
    );
    return { q, range, report };
  };

  app.get("/waits", async (c) => {
    const groupBy = group<ProvinceGroup>(c.req.query("groupBy"), PROVINCE_GROUPS, "hall");
    const { q, range, report } = await across(c, groupBy);
    const fmt = q.format ?? "json";
    if (fmt === "json") return c.json(report);
    return send(
      c,
      waitTable(report, langOf(c)),
      fmt,
      langOf(c),
      `tinh-bao-cao-cho-${groupBy}-${range.from}-${range.to}`,
    );
  });

  app.get("/ranking", async (c) => {
    if (c.req.query("groupBy")) throw new ApiError("invalid-group", { reason: "the ranking is per hall" });
    const { q, range, report } = await across(c, "hall");
    const r = rankHalls(report, await d.store.halls.list(), d.now());
    const fmt = q.format ?? "json";
    if (fmt === "json") return c.json(r);
    return send(c, rankingTable(r, langOf(c)), fmt, langOf(c), `tinh-xep-hang-${range.from}-${range.to}`);
  });

  return app;
}

/** One hall's own reports (mounted at /api/halls/:id/reports), with the hall's own query schemas. */
export function hallReportRoutes(d: ProvinceDeps) {
  const app = new Hono<StaffEnv>();
  app.use("*", d.auth.require());

  const prepare = async <S extends typeof WaitsQuery | typeof OfficersQuery | typeof BreachesQuery>(
    c: Context,
    schema: S,
  ) => {
    const hall = await d.store.halls.get(c.req.param("id") ?? "");
    if (!hall) throw new ApiError("hall-not-found");
    const q = parse(c, schema, c.req.query(), "query") as z.infer<S>;
    const now = d.now();
    return { hall, q, range: resolveRange(q, now), now, lang: langOf(c) };
  };

  app.get("/waits", async (c) => {
    const { hall, q, range, now, lang } = await prepare(c, WaitsQuery);
    const groupBy = q.groupBy ?? "day";
    const r = await hallWaitReport({ reports: d.store.reports, hall, now }, { range, groupBy, lang });
    const fmt = q.format ?? "json";
    if (fmt === "json") return c.json(r);
    return send(
      c,
      waitTable(r, lang),
      fmt,
      lang,
      `${hall.id}-${fileName("waits", range, groupBy, "x").slice(0, -2)}`,
    );
  });

  app.get("/officers", async (c) => {
    const { hall, q, range, now, lang } = await prepare(c, OfficersQuery);
    const groupBy = q.groupBy ?? "officer";
    const r = await hallOfficerReport({ reports: d.store.reports, hall, now }, { range, groupBy, lang });
    const fmt = q.format ?? "json";
    if (fmt === "json") return c.json(r);
    return send(
      c,
      officerTable(r, lang),
      fmt,
      lang,
      `${hall.id}-${fileName("officers", range, groupBy, "x").slice(0, -2)}`,
    );
  });

  app.get("/breaches", async (c) => {
    const { hall, q, range, now, lang } = await prepare(c, BreachesQuery);
    const fmt = q.format ?? "json";
    const r = await hallBreachList(
      { reports: d.store.reports, hall, now },
      { range, lang, ...parsePaging(q), all: fmt !== "json" },
    );
    if (fmt === "json") return c.json(r);
    return send(
      c,
      breachTable(r, lang),
      fmt,
      lang,
      `${hall.id}-${fileName("breaches", range, null, "x").slice(0, -2)}`,
    );
  });

  return app;
}
