/**
 * `GET /api/auth/log` (admin; declared in server/contract/api/staff.ts): the login log,
 * newest first (docs/decisions/0022).
 */
import { authLog } from "../../contract/api/staff.ts";
import { isoVn } from "../../queue/time.ts";
import type { AppDeps } from "../deps.ts";
import { routes } from "../routing.ts";

export function authLogRoutes(d: AppDeps) {
  const r = routes(d.auth);
  r.on(authLog, (c) => {
    const q = c.req.valid("query");
    const attempts = d.auth.attempts({
      limit: q.limit ?? 100,
      before: q.before,
      username: q.username?.toLowerCase(),
      outcome: q.outcome,
    });
    return c.json({ attempts: attempts.map((a) => ({ ...a, at: isoVn(a.at) })) }, 200);
  });
  return r.app;
}
