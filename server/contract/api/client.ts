/**
 * Types for a client of the HTTP API, computed from the route declarations: which
 * method + path pairs exist, what each takes (path params, query, JSON body) and what
 * its success answers carry. Types only: a browser app imports this file with
 * `import type`, so no schema code reaches its bundle (ui/api.ts is the runtime).
 *
 * A renamed response field changes `ApiOk<…>`, so every app that reads the old name
 * fails `tsc` (tests/server/contract/rename-guard.test.ts shows it).
 *
 * The routes are indexed once by `"METHOD /path"` (`Endpoints`), so a call site looks its
 * route up instead of searching the union of all routes: that keeps the type checker's
 * work per call small.
 */
import type { z } from "zod";
import type { ApiRoutes } from "./index.ts";

type Req<R> = R extends { request: infer Q } ? Q : unknown;

/** Path params: the declared names; numbers are accepted for ids (they go into the URL). */
type ParamsOf<R> =
  Req<R> extends { params: infer S }
    ? { params: { [K in keyof z.input<S>]: z.input<S>[K] | number } }
    : unknown;
type QueryOf<R> = Req<R> extends { query: infer S } ? { query?: z.input<S> } : unknown;
type BodyOf<R> =
  Req<R> extends { body: { content: { "application/json": { schema: infer S } } } }
    ? { body: z.input<S> }
    : unknown;

type SuccessStatus = 200 | 201 | 202 | 204;
type BodyAt<X> = X extends { content: { "application/json": { schema: infer S } } } ? z.output<S> : null;
type OkOf<R> = R extends { responses: infer X }
  ? { [S in keyof X & SuccessStatus]: BodyAt<X[S]> }[keyof X & SuccessStatus]
  : never;

/** Every route by `"METHOD /path"`: what it takes and what it answers. */
export type Endpoints = {
  [K in keyof ApiRoutes as `${Uppercase<ApiRoutes[K]["method"]>} ${ApiRoutes[K]["path"]}`]: {
    input: ParamsOf<ApiRoutes[K]> & QueryOf<ApiRoutes[K]> & BodyOf<ApiRoutes[K]>;
    ok: OkOf<ApiRoutes[K]>;
  };
};

/** HTTP methods in upper case, as `fetch` takes them. */
export type ApiMethod = keyof Endpoints extends `${infer M} ${string}` ? M : never;

/** Every path of `method`, with `{param}` placeholders as declared. */
export type ApiPath<M extends ApiMethod> = keyof Endpoints extends infer K
  ? K extends `${M} ${infer P}`
    ? P
    : never
  : never;

type At<M extends string, P extends string> = Endpoints[`${M} ${P}` & keyof Endpoints];

/** What a call of `method` + `path` takes: `{ params?, query?, body? }` as declared. */
export type ApiInput<M extends ApiMethod, P extends string> = At<M, P>["input"];

/**
 * The JSON body of a successful answer (a union when a route has several, e.g. 200 and
 * 201); `null` for an answer without a body (204).
 */
export type ApiOk<M extends ApiMethod, P extends string> = At<M, P>["ok"];
