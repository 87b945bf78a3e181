/**
 * How a route app implements the contract's routes (docs/decisions/0080-routes-declared-in-the-contract.md):
 * `r.on(route, handler)` registers a declaration of server/contract/api/ with
 * `@hono/zod-openapi`, which validates params, query and body before the handler runs
 * (failures: ./validation.ts) and records the route for /api/openapi.json. The roles the
 * declaration names (`x-roles`) are enforced here, so what the document says about who
 * may call a route is what the server does.
 *
 * The handler gets its validated input from `c.req.valid("param" | "query" | "json")` and
 * must return one of the route's declared success answers: `c.json(body, status)` with a
 * body of that status's schema, `noContent(c)` where a 204 is declared, or a raw
 * `Response` only where the declared media type is not JSON (the event stream, CSV/XLSX
 * files). Errors are thrown (`ApiError`, `DomainError`), never returned, so error statuses
 * are not valid returns. The types are ours rather than `app.openapi()`'s: the library
 * lets a route with a body-less 204 return any `Response`, accepts any body under an error
 * status, and checks each concrete schema against its `RouteConfig`, which doubled the
 * project's type-checking work.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context, Env, MiddlewareHandler, TypedResponse } from "hono";
import type { JSONParsed } from "hono/utils/types";
import type { z } from "zod";
import type { ApiRoute } from "../contract/api/define.ts";
import { ROLES } from "../contract/domain.ts";
import type { Auth, AuthEnv } from "./auth.ts";
import { validationHook } from "./validation.ts";

type EnvOf<R> = R extends { "x-roles": unknown[] } ? AuthEnv : Env;
type Req<R extends ApiRoute> = NonNullable<R["request"]>;
type None = Record<never, never>;
type Part<T, K extends string, V> = T extends undefined ? None : { [P in K]: V };

/** The validated input of route `R`, as `c.req.valid()` gives it. */
type Out<R extends ApiRoute> = Part<Req<R>["params"], "param", z.output<Req<R>["params"]>> &
  Part<Req<R>["query"], "query", z.output<Req<R>["query"]>> &
  Part<
    Req<R>["body"],
    "json",
    z.output<NonNullable<Req<R>["body"]>["content"]["application/json"]["schema"]>
  >;

type Success = 200 | 201 | 202 | 204;
type ReplyAt<X, S extends Success> = X extends { content: infer C }
  ? C extends { "application/json": { schema: infer Z } }
    ?
        | TypedResponse<JSONParsed<z.output<Z>>, S, "json">
        | (keyof C extends "application/json" ? never : Response)
    : Response
  : TypedResponse<null, S, "body">;

/** The answers a handler of `R` may return: its declared successes. */
export type Reply<R extends ApiRoute> = {
  [S in keyof R["responses"] & Success]: ReplyAt<R["responses"][S], S>;
}[keyof R["responses"] & Success];

/** A handler of route `R`. */
export type Handler<R extends ApiRoute> = (
  c: Context<EnvOf<R>, string, { in: None; out: Out<R> }>,
) => Reply<R> | Promise<Reply<R>>;

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
      // The declaration is the library's RouteConfig; its types are checked above instead.
      app.openapi({ ...route, middleware } as never, handler as never);
    },
  };
}

/** The 204 answer of a route that declares one. */
export function noContent(c: Context): TypedResponse<null, 204, "body"> {
  return c.body(null, 204);
}
