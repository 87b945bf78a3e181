/**
 * Extension `GET /api/staffing-advice` (managers, admins; server/contract/api/staffing.ts):
 * the rest of today simulated from the live state with and without each staffing change
 * (server/sim/staffing.ts, off the hall's thread in the server).
 */
import { staffingAdvice } from "../../contract/api/staffing.ts";
import { isoVn } from "../../queue/time.ts";
import type { AppDeps } from "../deps.ts";
import { routes } from "../routing.ts";

export function staffingRoutes(d: AppDeps) {
  const r = routes(d.auth);
  r.on(staffingAdvice, async (c) => {
    if (!d.staffing) return c.json({ advice: null }, 200);
    const a = await d.staffing(d.hall.now());
    return c.json({ advice: { ...a, at: isoVn(a.at), until: isoVn(a.until) } }, 200);
  });
  return r.app;
}
