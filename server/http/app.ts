/**
 * The Hono app: one route app per group, each implementing the contract's declarations
 * (server/contract/api/), mounted with `app.route()`, and one `onError`. The OpenAPI
 * document is generated from what is mounted. Tests call `createApp(deps).request()`
 * with no open port.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import type { AppDeps } from "./deps.ts";
import { ApiError, onError } from "./errors.ts";
import { securityHeaders } from "./headers.ts";
import { notFoundOrWrongMethod } from "./methods.ts";
import { openApiDocument, registerSecurity } from "./openapi.ts";
import { limitMisses } from "./rate-limit.ts";
import { appointmentRoutes } from "./routes/appointments.ts";
import { authLogRoutes } from "./routes/auth-log.ts";
import { backupRoutes } from "./routes/backups.ts";
import { counterRoutes } from "./routes/counters.ts";
import { deviceRoutes } from "./routes/devices.ts";
import { hallRoutes } from "./routes/hall.ts";
import { liveRoutes } from "./routes/live.ts";
import { noticeRoutes } from "./routes/notices.ts";
import { outboxRoutes } from "./routes/outbox.ts";
import { pageRoutes } from "./routes/pages.ts";
import { printRoutes } from "./routes/print.ts";
import { publicRoutes } from "./routes/public.ts";
import { reportRoutes } from "./routes/reports.ts";
import { settingsRoutes } from "./routes/settings.ts";
import { staffRoutes } from "./routes/staff.ts";
import { staffingRoutes } from "./routes/staffing.ts";
import { writeGuard } from "./write-guard.ts";

/** Largest JSON body of most routes (the biggest is a notice of 2 × 500 characters). */
const MAX_BODY = 64 * 1024;
/** Largest body of the settings routes: a whole hall configuration, or a YAML file of one. */
const MAX_SETTINGS_BODY = 512 * 1024;

export function createApp(d: AppDeps) {
  const app = new OpenAPIHono();
  app.onError(onError);
  app.notFound(notFoundOrWrongMethod(app));
  // The edge (decision 0024): security headers on every answer; writes only JSON and only
  // from the hall's own origin, checked before the body is read; bodies capped (a whole
  // hall configuration on the settings routes); lookups by ticket code slowed for an
  // address that keeps missing.
  app.use("*", securityHeaders());
  app.use("/api/*", writeGuard({ publicUrl: d.publicUrl, allowedOrigins: d.allowedOrigins }));
  const limit = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new ApiError("payload-too-large", { maxBytes: maxSize });
      },
    });
  const small = limit(MAX_BODY);
  const large = limit(MAX_SETTINGS_BODY);
  app.use("/api/*", (c, next) => (c.req.path.startsWith("/api/settings") ? large(c, next) : small(c, next)));

  // `/:code/*` also matches `/api/tickets/{code}` itself (and not `/api/tickets`).
  app.use("/api/tickets/:code/*", limitMisses(d.lookupLimiter, d.clientIp));
  // The same cap on booking codes (the fixed paths below never answer 404).
  app.use("/api/appointments/:code/*", limitMisses(d.lookupLimiter, d.clientIp));

  app.route("/", publicRoutes(d));
  app.route("/", appointmentRoutes(d));
  app.route("/", hallRoutes(d));
  app.route("/", liveRoutes(d));
  app.route("/", staffRoutes(d));
  app.route("/", authLogRoutes(d));
  app.route("/", counterRoutes(d));
  app.route("/", printRoutes(d));
  app.route("/", deviceRoutes(d));
  app.route("/", staffingRoutes(d));
  app.route("/", settingsRoutes(d));
  app.route("/", backupRoutes(d));
  if (d.reports) app.route("/", reportRoutes({ ...d, reports: d.reports }));
  app.route("/", outboxRoutes(d));
  app.route("/", noticeRoutes(d));

  registerSecurity(app);
  let doc: ReturnType<typeof openApiDocument> | null = null;
  app.get("/api/openapi.json", (c) => {
    doc ??= openApiDocument(app, d.version);
    return c.json(doc);
  });

  app.route("/", pageRoutes(d.distDir));
  return app;
}
