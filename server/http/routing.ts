/**
 * How a route app implements the contract's routes (docs/decisions/0080-routes-declared-in-the-contract.md):
 * `r.on(route, handler)` registers a declaration of server/contract/api/ with
 * `@hono/zod-openapi`, which validates params, query and body before the handler runs
 * (failures: ./validation.ts) and records the route for /api/openapi.json. The roles the
 * declaration names (`x-roles`) are enforced here, so what the document says about who
 * may call a route is what the server does.
 *
 * The handler must return one of the declared responses: `c.json(body, status)` with a
 * body of the declared schema, or `noContent(c)` where a 204 is declared. Unlike plain
 * `app.openapi()`, a route that declares a body-less 204 does not loosen that to "any
 * Response", so a handler returning the wrong shape fails `tsc` on every route.
 */
import { OpenAPIHono, type RouteConfigToTypedResponse, type RouteHandler } from "@hono/zod-openapi";
import type { Context, Env, MiddlewareHandler, TypedResponse } from "hono";
import type { ApiRoute } from "../contract/api/define.ts";
import { ROLES } from "../contract/domain.ts";
import type { Auth, AuthEnv } from "./auth.ts";
import { validationHook } from "./validation.ts";

type EnvOf<R> = R extends { "x-roles": unknown[] } ? AuthEnv : Env;
type Ctx<R extends ApiRoute> = Parameters<RouteHandler<R, EnvOf<R>>>[0];
type Reply<R extends ApiRoute> = RouteConfigToTypedResponse<R>;

/** A handler of route `R`: its validated input in `c.req.valid(…)`, one of its declared answers out. */
export type Handler<R extends ApiRoute> = (c: Ctx<R>) => Reply<R> | Promise<Reply<R>>;

/** A route app: an OpenAPIHono with the contract's validation hook and role checks. */
export function routes(auth: Auth) {
  const app = new OpenAPIHono({ defaultHook: validationHook });
  return {
    app,
    /**
     * Implements `route` with `handler`; `before` runs ahead of validation, after the role
     * check (a device's token check, whose refusal must not depend on the body).
     */
    on<R extends ApiRoute>(route: R, handler: Handler<R>, before: MiddlewareHandler[] = []): void {
      const roles = route["x-roles"];
      const middleware = [
        ...(roles ? [auth.require(...(roles.length === ROLES.length ? [] : roles))] : []),
        ...before,
      ];
      app.openapi({ ...route, middleware } as R, handler as never);
    },
  };
}

/**
 * The 204 answer of a route that declares one, typed as `@hono/zod-openapi` types a
 * body-less response (`TypedResponse<{}, 204>`; Hono's `c.body(null)` says `null`).
 */
// biome-ignore lint/complexity/noBannedTypes: the library's own type for "no body"
type NoContent = TypedResponse<{}, 204, string>;
export function noContent(c: Context): NoContent {
  return c.body(null, 204) as unknown as NoContent;
}
