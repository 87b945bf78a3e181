/**
 * Types for a client of the HTTP API, computed from the route declarations: which
 * method + path pairs exist, what each takes (path params, query, JSON body) and what
 * its success answers carry. Types only: a browser app imports this file with
 * `import type`, so no schema code reaches its bundle (ui/api.ts is the runtime).
 *
 * A renamed response field changes `Ok<…>`, so every app that reads the old name fails
 * `tsc` (tests/server/contract/rename-guard.test.ts shows it).
 */
import type { z } from "zod";
import type { ApiRoutes } from "./index.ts";

type AnyRoute = ApiRoutes[keyof ApiRoutes];

/** HTTP methods in upper case, as `fetch` takes them. */
export type ApiMethod = Uppercase<AnyRoute["method"]>;

/** Every path of `method`, with `{param}` placeholders as declared. */
export type ApiPath<M extends ApiMethod> = Extract<AnyRoute, { method: Lowercase<M> }>["path"];

/** The route declared for `method` + `path`. */
export type RouteOf<M extends ApiMethod, P extends string> = Extract<
  AnyRoute,
  { method: Lowercase<M>; path: P }
>;

type Req<R> = R extends { request: infer Q } ? Q : unknown;
type Schema<T> = T extends z.ZodType ? T : never;

/** Path params: the declared names; numbers are accepted for ids (they go into the URL). */
type ParamsOf<R> =
  Req<R> extends { params: infer S }
    ? { params: { [K in keyof z.input<Schema<S>>]: z.input<Schema<S>>[K] | number } }
    : unknown;
type QueryOf<R> = Req<R> extends { query: infer S } ? { query?: z.input<Schema<S>> } : unknown;
type BodyOf<R> =
  Req<R> extends { body: { content: { "application/json": { schema: infer S } } } }
    ? { body: z.input<Schema<S>> }
    : unknown;

/** What a call of `method` + `path` takes: `{ params?, query?, body? }` as declared. */
export type ApiInput<M extends ApiMethod, P extends string> = ParamsOf<RouteOf<M, P>> &
  QueryOf<RouteOf<M, P>> &
  BodyOf<RouteOf<M, P>>;

type SuccessStatus = 200 | 201 | 202 | 204;
type Responses<R> = R extends { responses: infer X } ? X : never;
type BodyAt<X> = X extends { content: { "application/json": { schema: infer S } } }
  ? z.output<Schema<S>>
  : null;

/**
 * The JSON body of a successful answer (a union when a route has several, e.g. 200 and
 * 201); `null` for an answer without a body (204).
 */
export type ApiOk<M extends ApiMethod, P extends string> = {
  [S in keyof Responses<RouteOf<M, P>> & SuccessStatus]: BodyAt<Responses<RouteOf<M, P>>[S]>;
}[keyof Responses<RouteOf<M, P>> & SuccessStatus];
