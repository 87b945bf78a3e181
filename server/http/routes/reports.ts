/**
 * Report routes (issue 6; declared in server/contract/api/reports.ts), managers and
 * admins only (officers 403, anonymous 401). The query's shape is checked by the
 * declaration; the range rules that need the clock by server/reports/range.ts. Reports
 * run off the hall's thread (reports/runner.ts).
 */
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { breaches, officers, waits } from "../../contract/api/reports.ts";
import type { ReportKind, ReportResult } from "../../reports/service.ts";
import type { AppDeps } from "../deps.ts";
import { langOf } from "../errors.ts";
import { routes } from "../routing.ts";

export function reportRoutes(d: AppDeps & { reports: NonNullable<AppDeps["reports"]> }) {
  const r = routes(d.auth);
  const file = (res: Extract<ReportResult, { type: "file" }>) =>
    new Response(res.bytes as Uint8Array<ArrayBuffer>, {
      status: 200 as ContentfulStatusCode,
      headers: {
        "content-type": res.contentType,
        "content-disposition": `attachment; filename="${res.filename}"`,
        "cache-control": "no-store",
      },
    });
  const run = <K extends ReportKind>(kind: K, query: object, lang: "vi" | "en") =>
    d.reports.run({ kind, query, lang, now: d.hall.now() });

  r.on(waits, async (c) => {
    const res = await run("waits", c.req.valid("query"), langOf(c));
    return res.type === "json" ? c.json(res.body, 200) : file(res);
  });
  r.on(officers, async (c) => {
    const res = await run("officers", c.req.valid("query"), langOf(c));
    return res.type === "json" ? c.json(res.body, 200) : file(res);
  });
  r.on(breaches, async (c) => {
    const res = await run("breaches", c.req.valid("query"), langOf(c));
    return res.type === "json" ? c.json(res.body, 200) : file(res);
  });
  return r.app;
}
