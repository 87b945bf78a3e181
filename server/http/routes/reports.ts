/**
 * Report routes (issue 6), managers and admins only (officers 403, anonymous 401):
 *   GET /api/reports/waits     CONTRACT.md; `groupBy` day|hour|service|counter|officer|priority
 *   GET /api/reports/officers  extension: Decision 766/QĐ-TTg figures per officer or counter
 *   GET /api/reports/breaches  extension: the visits over the wait target, paged
 * Range: `from`/`to` (YYYY-MM-DD, inclusive, Asia/Ho_Chi_Minh) or `preset`; `format`
 * json|csv|xlsx (same columns). Reports run off the hall's thread (reports/runner.ts).
 */
import { Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import {
  BREACH_PAGE_MAX,
  OFFICER_GROUPS,
  REPORT_FORMATS,
  REPORT_GROUPS,
  REPORT_MAX_DAYS,
  REPORT_PRESETS,
  ReportQuery,
} from "../../contract/reports.ts";
import type { ReportKind } from "../../reports/service.ts";
import type { AuthEnv } from "../auth.ts";
import type { AppDeps } from "../deps.ts";
import { ApiError, langOf } from "../errors.ts";
import { registerOpenApi } from "../openapi.ts";

const err = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});
const q = (name: string, description: string, schema: Record<string, unknown> = { type: "string" }) => ({
  name,
  in: "query",
  required: false,
  description,
  schema,
});
const common = [
  q("from", "First service day, YYYY-MM-DD (Asia/Ho_Chi_Minh), inclusive", {
    type: "string",
    format: "date",
  }),
  q("to", "Last service day, inclusive", { type: "string", format: "date" }),
  q("preset", "Instead of from/to: current period to today, or the previous complete one", {
    type: "string",
    enum: [...REPORT_PRESETS],
  }),
  q("format", "json (default), csv (UTF-8 with BOM) or xlsx: same columns", {
    type: "string",
    enum: [...REPORT_FORMATS],
  }),
  q("lang", "Labels in vi (default) or en; Accept-Language: en works too", {
    type: "string",
    enum: ["vi", "en"],
  }),
];
const who = {
  security: [{ bearer: [] }, { cookie: [] }],
  description: `Who: manager or admin. At most ${REPORT_MAX_DAYS} days per request. Definitions: docs/decisions/0030-report-definitions.md.`,
};
const errors = {
  400: err("invalid-range | range-too-large | invalid-group | invalid-request"),
  401: err("unauthorized"),
  403: err("forbidden (officers)"),
  429: err("too-many-requests (report worker busy)"),
};
const files = {
  "text/csv": { schema: { type: "string" } },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
    schema: { type: "string", format: "binary" },
  },
};

registerOpenApi({
  "/api/reports/waits": {
    get: {
      summary: "Waits against the 15-minute target, grouped (CONTRACT.md)",
      tags: ["reports"],
      ...who,
      parameters: [q("groupBy", "Default day", { type: "string", enum: [...REPORT_GROUPS] }), ...common],
      responses: {
        200: {
          description:
            "{targetMin, groupBy, range, timeZone, generatedAt, rows:[{key,label,tickets,served,noShows,cancelled,called,meanWaitSec,medianWaitSec,p90WaitSec,maxWaitSec,breaches,withinTargetPct,meanServiceSec,ratings,satisfiedPct}], total}",
          content: { "application/json": { schema: { type: "object" } }, ...files },
        },
        ...errors,
      },
    },
  },
  "/api/reports/officers": {
    get: {
      summary:
        "Extension: per officer or counter (Decision 766/QĐ-TTg): served, service time, breaches, no-shows, open/paused/busy/idle time, satisfaction",
      tags: ["reports"],
      ...who,
      parameters: [q("groupBy", "Default officer", { type: "string", enum: [...OFFICER_GROUPS] }), ...common],
      responses: {
        200: {
          description:
            "{targetMin, groupBy, range, timeZone, generatedAt, rows:[{key,label,served,meanServiceSec,firstCalls,breaches,noShows,transfers,openSec,pausedSec,busySec,idleSec,ratings,satisfiedPct}], total}",
          content: { "application/json": { schema: { type: "object" } }, ...files },
        },
        ...errors,
      },
    },
  },
  "/api/reports/breaches": {
    get: {
      summary:
        "Extension: every visit over the wait target (ticket, field, hour, wait, first counter and officer)",
      tags: ["reports"],
      ...who,
      parameters: [
        ...common,
        q("limit", `JSON page size, 1…${BREACH_PAGE_MAX} (default 100); exports carry every row`, {
          type: "integer",
        }),
        q("offset", "JSON page start (default 0)", { type: "integer" }),
      ],
      responses: {
        200: {
          description:
            "{targetMin, range, timeZone, generatedAt, count, offset, limit, rows:[{number,serviceDay,serviceId,serviceName,priority,hour,issuedAt,calledAt,waitSec,counter,officer,status}]}",
          content: { "application/json": { schema: { type: "object" } }, ...files },
        },
        ...errors,
      },
    },
  },
});

export function reportRoutes(d: AppDeps & { reports: NonNullable<AppDeps["reports"]> }) {
  const app = new Hono<AuthEnv>();
  app.use("*", d.auth.require("manager", "admin"));
  for (const kind of ["waits", "officers", "breaches"] as const satisfies readonly ReportKind[])
    app.get(`/${kind}`, async (c) => {
      const parsed = ReportQuery.safeParse(c.req.query());
      if (!parsed.success) {
        const bad = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
        const code = bad.some((b) => b.path === "from" || b.path === "to" || b.path === "preset")
          ? "invalid-range"
          : "invalid-request";
        throw new ApiError(code, bad);
      }
      const res = await d.reports.run({ kind, query: parsed.data, lang: langOf(c), now: d.hall.now() });
      if (res.type === "json") return c.json(res.body as object);
      return c.body(res.bytes as Uint8Array<ArrayBuffer>, 200 as ContentfulStatusCode, {
        "content-type": res.contentType,
        "content-disposition": `attachment; filename="${res.filename}"`,
        "cache-control": "no-store",
      });
    });
  return app;
}
