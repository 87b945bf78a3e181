/**
 * The Hono app: one sub-app per route group, mounted with `app.route()`, and one
 * `onError`. Tests call `createApp(deps).request()` with no open port.
 */
import { Hono } from "hono";
import type { AppDeps } from "./deps.ts";
import { errorResponse, onError } from "./errors.ts";
import { openApiDocument } from "./openapi.ts";
import { authLogRoutes } from "./routes/auth-log.ts";
import { counterRoutes } from "./routes/counters.ts";
import { deviceRoutes } from "./routes/devices.ts";
import { noticeRoutes } from "./routes/notice.ts";
import { pageRoutes } from "./routes/pages.ts";
import { printRoutes } from "./routes/print.ts";
import { publicRoutes } from "./routes/public.ts";
import { reportRoutes } from "./routes/reports.ts";
import { authRoutes, userRoutes } from "./routes/staff.ts";

export function createApp(d: AppDeps) {
  const app = new Hono();
  app.onError(onError);
  app.notFound((c) => errorResponse(c, "not-found"));

  const api = new Hono();
  api.route("/", publicRoutes(d));
  api.route("/auth", authRoutes(d));
  api.route("/auth", authLogRoutes(d));
  api.route("/users", userRoutes(d));
  api.route("/counters", counterRoutes(d));
  api.route("/hall", noticeRoutes(d));
  api.route("/", printRoutes(d));
  api.route("/", deviceRoutes(d));
  if (d.reports) api.route("/reports", reportRoutes({ ...d, reports: d.reports }));
  api.get("/openapi.json", (c) => c.json(openApiDocument(d.version)));

  app.route("/api", api);
  app.route("/", pageRoutes(d.distDir));
  return app;
}
