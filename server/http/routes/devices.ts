/**
 * Extension `GET /api/devices` (managers, admins; server/contract/api/devices.ts): every
 * MQTT device of the hall with its availability, for the manager's dashboard (issue 6).
 */
import { devices } from "../../contract/api/devices.ts";
import type { AppDeps } from "../deps.ts";
import { routes } from "../routing.ts";

export function deviceRoutes(d: AppDeps) {
  const r = routes(d.auth);
  r.on(devices, (c) => c.json({ devices: d.devices?.() ?? [] }, 200));
  return r.app;
}
