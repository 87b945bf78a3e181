/**
 * The province's Hono app: one sub-app per route group, one `onError` (the hall's: stable
 * kebab-case codes, Vietnamese by default). A lost or restarting PostgreSQL is a fault of the
 * machine, said clearly as 503 storage-unavailable (the hall's uplink retries), never a 500.
 */
import { existsSync } from "node:fs";
import { join, normalize } from "node:path";
import { type Context, Hono } from "hono";
import { errorResponse, onError } from "../../server/http/errors.ts";
import { isoVn } from "../../server/queue/time.ts";
import { liveStream } from "../live/sse.ts";
import type { StaffEnv } from "./auth.ts";
import type { ProvinceDeps } from "./deps.ts";
import { provinceOpenApi } from "./openapi.ts";
import { hallRoutes, refusalRoutes } from "./routes/halls.ts";
import { hallReportRoutes, provinceReportRoutes } from "./routes/reports.ts";
import { authRoutes, userRoutes } from "./routes/staff.ts";
import { uplinkRoutes } from "./routes/uplink.ts";

/** Errors of the database connection (node-postgres / PostgreSQL class 08, 57P0x shutdown). */
export function isStorageError(e: unknown): boolean {
  const code = String((e as { code?: unknown })?.code ?? "");
  const msg = String((e as Error)?.message ?? e);
  return (
    /^(08|57P0|53)/.test(code) ||
    /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT/.test(code) ||
    /Connection terminated|connection.*(closed|refused|reset)|terminating connection|the database system is (starting up|shutting down)|Client has encountered a connection error/i.test(
      msg,
    )
  );
}

function provinceOnError(log: (m: string) => void) {
  return (err: Error, c: Context) => {
    if (isStorageError(err)) {
      log(`storage unavailable: ${err.message}`);
      return errorResponse(c, "storage-unavailable", { reason: "database" }, { "Retry-After": "2" });
    }
    return onError(err, c);
  };
}

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

export function createProvinceApp(d: ProvinceDeps) {
  const app = new Hono();
  app.onError(provinceOnError(d.log));
  app.notFound((c) => errorResponse(c, "not-found"));

  const api = new Hono<StaffEnv>();
  api.get("/health", (c) =>
    c.json({
      status: "ok",
      version: d.version,
      store: d.store.engine,
      mqtt: d.mqtt.connected() ? "connected" : "disconnected",
      halls: d.wall.snapshot().halls.length,
      time: isoVn(d.now()),
    }),
  );
  api.route("/uplink", uplinkRoutes(d));
  api.route("/auth", authRoutes(d));
  api.route("/users", userRoutes(d));
  api.route("/halls/:id/reports", hallReportRoutes(d));
  api.route("/halls", hallRoutes(d));
  api.route("/refusals", refusalRoutes(d));
  api.route("/reports", provinceReportRoutes(d));
  api.get("/live", d.auth.require(), (c) => {
    d.keepAlive(c.req.raw);
    return liveStream(d.wall, c.req.raw);
  });
  api.get("/openapi.json", (c) => c.json(provinceOpenApi(d.version)));
  app.route("/api", api);

  // The dashboard (province/src, built by scripts/build-apps.ts into dist/province).
  const file = (rel: string) => {
    const p = normalize(join(d.distDir, "province", rel));
    if (!p.startsWith(normalize(join(d.distDir, "province"))) || !existsSync(p)) return null;
    return Bun.file(p);
  };
  app.get("/", (c) => {
    const f = file("province.html");
    if (!f)
      return c.html(
        `<!doctype html><meta charset="utf-8"><p>Ứng dụng chưa được build. Chạy <code>npm run build</code>.<br>The app is not built: run <code>npm run build</code>.</p>`,
        503,
      );
    return new Response(f, { headers: { "content-type": TYPES[".html"]!, "cache-control": "no-cache" } });
  });
  app.get("/assets/province/*", (c) => {
    const rest = c.req.path.slice("/assets/province/".length);
    const f = file(rest);
    if (!f) return errorResponse(c, "not-found");
    const ext = rest.slice(rest.lastIndexOf("."));
    return new Response(f, {
      headers: { "content-type": TYPES[ext] ?? "application/octet-stream", "cache-control": "no-cache" },
    });
  });
  return app;
}
