/**
 * The province's Hono app: one sub-app per route group, one `onError` (the hall's: stable
 * kebab-case codes, Vietnamese by default). A lost or restarting PostgreSQL is a fault of the
 * machine, said clearly as 503 storage-unavailable (the hall's uplink retries), never a 500.
 */
import { existsSync } from "node:fs";
import { join, normalize } from "node:path";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { INGEST_MAX_BYTES } from "../../server/contract/province.ts";
import { ApiError, errorResponse, onError } from "../../server/http/errors.ts";
import { pageCsp, pageHeaders, securityHeaders } from "../../server/http/headers.ts";
import { notFoundOrWrongMethod } from "../../server/http/methods.ts";
import { shellStyles } from "../../server/http/routes/pages.ts";
import { writeGuard } from "../../server/http/write-guard.ts";
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

/** Largest body of the staff routes (logins, users, halls: small JSON). */
const MAX_BODY = 64 * 1024;
/** Largest body of a hall's profile (its whole configuration). */
const MAX_PROFILE_BODY = 1_000_000;

export function createProvinceApp(d: ProvinceDeps) {
  const app = new Hono();
  app.onError(provinceOnError(d.log));
  app.notFound(notFoundOrWrongMethod(app));
  // The hall's HTTP edge (issue 11, decision 0024), the same modules: security headers on
  // every answer (the dashboard page gets its own CSP); writes only JSON and only from the
  // province's own origin (a page elsewhere cannot use an admin's session cookie), checked
  // before the body is read; bodies capped before they are read (an ingest batch, a hall's
  // profile, anything else).
  app.use("*", securityHeaders());
  app.use("/api/*", writeGuard({ publicUrl: d.publicUrl, allowedOrigins: d.allowedOrigins }));
  const limit = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new ApiError("payload-too-large", { maxBytes: maxSize });
      },
    });
  const caps = {
    events: limit(INGEST_MAX_BYTES),
    profile: limit(MAX_PROFILE_BODY),
    small: limit(MAX_BODY),
  };
  app.use("/api/*", (c, next) =>
    c.req.path === "/api/uplink/events"
      ? caps.events(c, next)
      : c.req.path === "/api/uplink/profile"
        ? caps.profile(c, next)
        : caps.small(c, next),
  );

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
    return new Response(f, {
      headers: {
        "content-type": TYPES[".html"]!,
        "cache-control": "no-cache",
        "content-security-policy": pageCsp("province", shellStyles(f.name!)),
        ...pageHeaders("province"),
      },
    });
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
