/**
 * `GET /api/auth/log` (admin): the login log, newest first (docs/decisions/0022).
 * Extension of CONTRACT.md, documented in /api/openapi.json.
 */
import { Hono } from "hono";
import { isoVn } from "../../queue/time.ts";
import type { LoginOutcome } from "../../store/login-log.ts";
import type { AuthEnv } from "../auth.ts";
import type { AppDeps } from "../deps.ts";
import { ApiError } from "../errors.ts";
import { registerOpenApi } from "../openapi.ts";

const OUTCOMES: readonly LoginOutcome[] = [
  "success",
  "invalid-credentials",
  "account-disabled",
  "throttled-account",
  "throttled-address",
];
const err = (d: string) => ({
  description: d,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

registerOpenApi({
  "/api/auth/log": {
    get: {
      summary:
        "Login attempts, newest first: successes, wrong passwords, disabled accounts, throttled attempts",
      tags: ["staff"],
      security: [{ bearer: [] }, { cookie: [] }],
      description:
        "Who: admin. A throttled attempt is logged at most once a minute per address or name. `trusted` says how the attempt was known: a browser (`device`) or an `address` the account has logged in from before, which the account's backoff does not slow (docs/decisions/0022-login-throttling.md). Kept 90 days.",
      parameters: [
        { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 500, default: 100 } },
        {
          name: "before",
          in: "query",
          description: "an id: the page older than it",
          schema: { type: "integer" },
        },
        { name: "username", in: "query", schema: { type: "string" } },
        { name: "outcome", in: "query", schema: { type: "string", enum: [...OUTCOMES] } },
      ],
      responses: {
        200: {
          description:
            '{attempts: [{id, at (ISO 8601), username, userId|null, address, outcome: "success"|"invalid-credentials"|"account-disabled"|"throttled-account"|"throttled-address", trusted: "device"|"address"|null}]}',
        },
        400: err("invalid-request"),
        401: err("unauthorized"),
        403: err("forbidden"),
      },
    },
  },
});

export function authLogRoutes(d: AppDeps) {
  const app = new Hono<AuthEnv>();
  app.get("/log", d.auth.require("admin"), (c) => {
    const q = c.req.query();
    const int = (v: string | undefined, def: number | undefined, max: number) => {
      if (v === undefined) return def;
      if (!/^[1-9][0-9]{0,9}$/.test(v) || Number(v) > max) throw new ApiError("invalid-request");
      return Number(v);
    };
    if (q.outcome !== undefined && !(OUTCOMES as readonly string[]).includes(q.outcome))
      throw new ApiError("invalid-request");
    const attempts = d.auth.attempts({
      limit: int(q.limit, 100, 500)!,
      before: int(q.before, undefined, Number.MAX_SAFE_INTEGER),
      username: q.username?.toLowerCase(),
      outcome: q.outcome as LoginOutcome | undefined,
    });
    return c.json({ attempts: attempts.map((a) => ({ ...a, at: isoVn(a.at) })) });
  });
  return app;
}
