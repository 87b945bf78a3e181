/**
 * Hall settings at run time (declared in server/contract/api/settings.ts; the use cases are
 * server/settings/service.ts): read with its version, save against `If-Match`, history,
 * restore, YAML export and import, the public part, the schedule's days.
 */
import type { Context } from "hono";
import {
  exportSettings,
  getSettings,
  importSettings,
  publicSettings,
  putSettings,
  restoreSettings,
  schedule,
  settingsHistory,
  settingsVersion,
} from "../../contract/api/settings.ts";
import { PRIORITY_LABELS } from "../../contract/domain.ts";
import { hhmmOf, statusDto } from "../../hall/dto.ts";
import { dayPlan } from "../../queue/schedule.ts";
import { dayStartMs, isoVn, serviceDay } from "../../queue/time.ts";
import type { SaveResult } from "../../settings/service.ts";
import type { AppDeps } from "../deps.ts";
import { ApiError, langOf } from "../errors.ts";
import { routes } from "../routing.ts";

/** The version of `If-Match: 3`, `"3"` or `W/"3"`; undefined when absent or not a version. */
function ifMatch(c: Context): number | undefined {
  const m = /^(?:W\/)?"?([0-9]{1,9})"?$/.exec(c.req.header("if-match")?.trim() ?? "");
  return m ? Number(m[1]) : undefined;
}
const isDry = (q: { dryRun?: string }) => q.dryRun === "true" || q.dryRun === "1";
const answer = (r: SaveResult) => ({
  saved: r.saved,
  version: r.version,
  config: r.config,
  changes: r.changes,
  deferred: r.deferred,
});

export function settingsRoutes(d: AppDeps) {
  const r = routes(d.auth);
  const s = d.settings;

  r.on(getSettings, (c) => {
    const cur = s.current();
    c.header("ETag", `"${cur.version}"`);
    c.header("Cache-Control", "no-store");
    return c.json(
      {
        version: cur.version,
        savedAt: isoVn(cur.savedAt),
        savedBy: cur.savedBy,
        source: cur.source,
        config: cur.config,
      },
      200,
    );
  });

  r.on(putSettings, (c) => {
    const u = c.get("user");
    const res = s.save(c.req.valid("json"), {
      expected: ifMatch(c),
      actor: { id: u.id, role: u.role },
      lang: langOf(c),
      dryRun: isDry(c.req.valid("query")),
    });
    c.header("ETag", `"${res.version}"`);
    return c.json(answer(res), 200);
  });

  r.on(settingsHistory, (c) => {
    const q = c.req.valid("query");
    return c.json({ versions: s.history(q.limit ?? 50, q.before) }, 200);
  });

  r.on(settingsVersion, (c) => c.json(s.get(c.req.valid("param").version), 200));

  r.on(restoreSettings, (c) => {
    const u = c.get("user");
    const res = s.restore(c.req.valid("param").version, {
      expected: ifMatch(c),
      actor: { id: u.id, role: u.role },
      lang: langOf(c),
      dryRun: isDry(c.req.valid("query")),
    });
    c.header("ETag", `"${res.version}"`);
    return c.json(answer(res), 200);
  });

  r.on(exportSettings, (c) => {
    const v = c.req.valid("query").version;
    const version = v === undefined ? undefined : Number(v);
    const text = s.exportYaml(version);
    const name = `${s.config.id}-cau-hinh-v${version ?? s.version}.yaml`;
    return new Response(text, {
      headers: {
        "content-type": "application/yaml; charset=utf-8",
        "content-disposition": `attachment; filename="${name}"`,
        "cache-control": "no-store",
      },
    });
  });

  r.on(importSettings, (c) => {
    const u = c.get("user");
    const res = s.importYaml(c.req.valid("json").yaml, {
      expected: ifMatch(c),
      actor: { id: u.id, role: u.role },
      lang: langOf(c),
      dryRun: isDry(c.req.valid("query")),
    });
    c.header("ETag", `"${res.version}"`);
    return c.json(answer(res), 200);
  });

  r.on(publicSettings, (c) => {
    const cfg = s.config;
    return c.json(
      {
        version: s.version,
        hall: { id: cfg.id, name: cfg.name },
        priorities: cfg.priorities
          .filter((p) => p.enabled)
          .map((p) => ({ id: p.id, label: p.label ?? PRIORITY_LABELS[p.id] })),
        voice: cfg.voice,
        board: cfg.board,
        status: statusDto(d.hall.issueState()),
      },
      200,
    );
  });

  r.on(schedule, (c) => {
    const q = c.req.valid("query");
    const today = serviceDay(d.hall.now());
    const from = q.from ?? today;
    if (Number.isNaN(dayStartMs(from)) || serviceDay(dayStartMs(from)) !== from)
      throw new ApiError("invalid-request", [{ path: "from", message: "YYYY-MM-DD" }]);
    const days = Array.from({ length: q.days ?? 14 }, (_, i) => {
      const p = dayPlan(s.config, serviceDay(dayStartMs(from) + i * 86_400_000 + 43_200_000));
      return {
        date: p.date,
        weekday: p.weekday,
        kind: p.kind,
        name: p.name,
        sessions: p.sessions.map(([a, b]) => [hhmmOf(a), hhmmOf(b)] as [string, string]),
      };
    });
    return c.json({ days }, 200);
  });

  return r.app;
}
