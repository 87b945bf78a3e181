/**
 * What a request no route answers gets (issue 11, "wrong methods answer 404 not 405"):
 * a path some route serves with other methods is 405 `method-not-allowed` with an `Allow`
 * header listing them (HEAD wherever GET is; OPTIONS always), an `OPTIONS` request there
 * is 204 with the same `Allow` (and no CORS headers: a cross-origin preflight fails), and
 * any other path stays 404 `not-found`. The table is built once from the routes mounted
 * on the app, so a new route needs nothing here.
 */
import type { Context, Hono } from "hono";
import { errorResponse } from "./errors.ts";

type Table = { pattern: RegExp; method: string }[];

/** The app's notFound handler: 405 or 404 as above. */
export function notFoundOrWrongMethod(app: Pick<Hono, "routes">): (c: Context) => Response {
  let table: Table | null = null;
  return (c) => {
    table ??= routeTable(app.routes);
    const allow = allowedMethods(table, c.req.path);
    if (allow.length === 0) return errorResponse(c, "not-found");
    const header = { Allow: allow.join(", ") };
    if (c.req.method === "OPTIONS") return c.body(null, 204, header);
    return errorResponse(c, "method-not-allowed", { allow }, header);
  };
}

/** The methods routes serve `path` with, in a stable order; empty when none does. */
export function allowedMethods(table: Table, path: string): string[] {
  const set = new Set(table.filter((r) => r.pattern.test(path)).map((r) => r.method));
  if (set.size === 0) return [];
  if (set.has("GET")) set.add("HEAD");
  set.add("OPTIONS");
  const order = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
  return [...set].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

/** Hono's registered routes (handlers, not `use()` middleware) as path patterns. */
export function routeTable(routes: readonly { method: string; path: string }[]): Table {
  return routes
    .filter((r) => r.method !== "ALL")
    .map((r) => ({ pattern: pathPattern(r.path), method: r.method }));
}

/** `/api/tickets/:code`, `/assets/:app/*`, `:n{[0-9]+}` → an anchored RegExp. */
function pathPattern(path: string): RegExp {
  const parts = path.split("/").map((seg) => {
    if (seg === "*") return ".*";
    const m = /^:\w+(?:\{(.+)\})?\??$/.exec(seg);
    if (m) return m[1] ? `(?:${m[1]})` : "[^/]+";
    return seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  });
  return new RegExp(`^${parts.join("/")}$`);
}
