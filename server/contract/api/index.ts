/**
 * Every route of the HTTP API, declared once (docs/decisions/0080-routes-declared-in-the-contract.md).
 * The server implements each of them (server/http/routes/), `/api/openapi.json` is
 * generated from them, and the apps' client (ui/api.ts) takes its types from them.
 */
import { appointmentRoutes } from "./appointments.ts";
import { backupRoutes } from "./backups.ts";
import { counterRoutes } from "./counters.ts";
import { deviceRoutes } from "./devices.ts";
import { hallRoutes } from "./hall.ts";
import { liveRoutes } from "./live.ts";
import { noticeRoutes } from "./notices.ts";
import { outboxRoutes } from "./outbox.ts";
import { printRoutes } from "./printing.ts";
import { publicRoutes } from "./public.ts";
import { reportRoutes } from "./reports.ts";
import { settingsRoutes } from "./settings.ts";
import { staffRoutes } from "./staff.ts";
import { staffingRoutes } from "./staffing.ts";

/** All routes by name. */
export const API_ROUTES = {
  ...publicRoutes,
  ...hallRoutes,
  ...liveRoutes,
  ...staffRoutes,
  ...counterRoutes,
  ...printRoutes,
  ...deviceRoutes,
  ...reportRoutes,
  ...staffingRoutes,
  ...outboxRoutes,
  ...noticeRoutes,
  ...settingsRoutes,
  ...backupRoutes,
  ...appointmentRoutes,
};

export type ApiRoutes = typeof API_ROUTES;

export type { ApiRoute } from "./define.ts";
export { ErrorBody } from "./define.ts";
