/**
 * How a route of the HTTP API is declared (docs/decisions/0080-routes-declared-in-the-contract.md):
 * method, path, who may call it, its path/query/body schemas, every response with its
 * schema, and the error codes it answers with. The declarations are plain objects in the
 * shape `@hono/zod-openapi` reads (`RouteConfig`), so the server implements them with
 * `app.openapi(route, handler)` (a handler returning another shape fails `tsc`), the
 * OpenAPI document is generated from them, and the apps' client takes its types from
 * them (`import type` only: nothing of zod reaches a browser bundle).
 *
 * This folder imports zod and the rest of `server/contract/` only; no transport.
 */
import { z } from "zod";
import { ROLES, type Role } from "../domain.ts";
import { ERRORS, type ErrorCode } from "../errors.ts";

/** The one error body, `{"error":{"code","message"}}` (CONTRACT.md "HTTP"). */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]]).meta({
        description: "Stable kebab-case code: clients translate the code, never the message",
      }),
      message: z.string().meta({
        description: "Vietnamese by default, English with `Accept-Language: en` (or `?lang=en`)",
      }),
      details: z.unknown().optional().meta({
        description: "Machine-readable details: the failing fields of a validation error, `retryAfterSec`…",
      }),
    }),
  })
  .meta({ id: "Error", description: "The one error shape of the API" });

type Method = "get" | "post" | "put" | "patch" | "delete";
/**
 * A zod schema, as the constraint of a declaration. Deliberately shallow: checking every
 * concrete schema against `z.ZodType` costs the type checker tens of thousands of
 * instantiations per route, and the concrete types are kept by inference anyway.
 */
type Schema = { readonly _zod: unknown };
type Media = { schema: Schema; example?: unknown; examples?: Record<string, { value: unknown }> };

/** One response of a route: a description and, unless it has no body, its media types. */
export type ApiResponse = {
  description: string;
  content?: Record<string, Media>;
};

/**
 * A route as the contract declares it (a subset of `@hono/zod-openapi`'s `RouteConfig`;
 * a type alias, not an interface, so that it fits its `x-…` extension index).
 */
export type ApiRoute = {
  method: Method;
  path: `/api/${string}`;
  summary: string;
  description?: string;
  tags: string[];
  operationId?: string;
  security?: Record<string, string[]>[];
  /** Extension: the staff roles allowed; absent = anyone. The server enforces exactly this. */
  "x-roles"?: Role[];
  /** Extension of a `text/event-stream` route: each event name and the schema of its `data`. */
  "x-events"?: Record<string, unknown>;
  request?: {
    params?: Schema;
    query?: Schema;
    body?: { required: true; description?: string; content: { "application/json": Media } };
  };
  responses: Record<number, ApiResponse>;
};

/**
 * Declares one route. Like `createRoute()` it keeps the literal method, path and
 * response keys (the client looks routes up by method and path). At run time it adds the
 * errors every route of its kind can give, so each route lists only its own:
 *   a body      → 400 invalid-json | invalid-request | unknown-field, 413, 415
 *   staff only  → 401 unauthorized | session-expired, 403 account-disabled (+ forbidden for role limits)
 *   a write     → 403 cross-origin-request, 415 (any write, body or not: decision 0024),
 *                 503 storage-unavailable (full disk, locked database: a fault of the machine)
 */
export function route<const P extends `/api/${string}`, R extends Omit<ApiRoute, "path"> & { path: P }>(
  r: R,
): R {
  const auto: ErrorCode[] = [];
  if (r.request?.body) auto.push("invalid-json", "invalid-request", "unknown-field", "payload-too-large");
  if (r["x-roles"]) auto.push("unauthorized", "session-expired", "account-disabled");
  if (r["x-roles"] && r["x-roles"].length < ROLES.length) auto.push("forbidden");
  // A write from a page of another origin, or not declared as JSON (decision 0024).
  if (r.method !== "get") auto.push("cross-origin-request", "unsupported-media-type", "storage-unavailable");
  const own = Object.values(r.responses).flatMap((x) => codesOf(x));
  const merged = { ...r.responses } as Record<number, ApiResponse>;
  for (const [status, res] of Object.entries(errorResponses(auto.filter((c) => !own.includes(c))))) {
    const s = Number(status);
    merged[s] = merged[s] ? mergeErrors(merged[s]!, res) : res;
  }
  return { ...r, operationId: r.operationId ?? operationId(r.method, r.path), responses: merged };
}

/** `200`/`201` with a JSON body of `schema`. */
export function ok<S extends Schema>(schema: S, description: string) {
  return { description, content: { "application/json": { schema } } };
}

/** The error responses of `codes`, one per status, each code with its example body. */
export function errors<const C extends ErrorCode>(
  ...codes: C[]
): { [K in C as (typeof ERRORS)[K]["status"]]: ApiResponse } {
  return errorResponses(codes) as { [K in C as (typeof ERRORS)[K]["status"]]: ApiResponse };
}

function errorResponses(codes: ErrorCode[]): Record<number, ApiResponse> {
  const out: Record<number, ApiResponse> = {};
  for (const code of codes) {
    const status = ERRORS[code].status;
    const add = single(code);
    out[status] = out[status] ? mergeErrors(out[status]!, add) : add;
  }
  return out;
}

function single(code: ErrorCode): ApiResponse {
  return {
    description: code,
    content: {
      "application/json": {
        schema: ErrorBody,
        examples: { [code]: { value: { error: { code, message: ERRORS[code].vi } } } },
      },
    },
  };
}

function mergeErrors(a: ApiResponse, b: ApiResponse): ApiResponse {
  const ma = a.content?.["application/json"];
  const mb = b.content?.["application/json"];
  return {
    description: `${a.description} | ${b.description}`,
    content: {
      "application/json": { schema: ErrorBody, examples: { ...ma?.examples, ...mb?.examples } },
    },
  };
}

function codesOf(r: ApiResponse): string[] {
  return Object.keys(r.content?.["application/json"]?.examples ?? {});
}

function operationId(method: string, path: string): string {
  const words = path
    .replace(/^\/api\//, "")
    .split(/[/-]/)
    .filter(Boolean)
    .map((w) => (w.startsWith("{") ? `by-${w.slice(1, -1)}` : w));
  return [method, ...words]
    .map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join("")
    .replace(/By-(\w)/g, (_m, c: string) => `By${c.toUpperCase()}`);
}

const SECURITY: Record<string, string[]>[] = [{ bearer: [] }, { cookie: [] }];

/**
 * Who may call a route: the roles the server enforces, the security schemes, and a
 * "Who: …" line first in the description (the role matrix test reads it).
 */
export function who(roles: readonly Role[], text: string, more?: string) {
  return {
    "x-roles": [...roles],
    security: SECURITY,
    description: more ? `Who: ${text}. ${more}` : `Who: ${text}`,
  };
}

/**
 * A route only a paired device may call (a kiosk, a counter's rating tablet): its token in
 * `X-Device-Token` (docs/decisions/0023-kiosk-device-tokens.md).
 */
export function device(text: string) {
  return { security: [{ device: [] }] as Record<string, string[]>[], description: `Who: ${text}` };
}

/** Any logged-in staff member. */
export const STAFF = ROLES;
/** Managers and admins. */
export const MANAGERS = ["manager", "admin"] as const satisfies readonly Role[];
/** Admins only. */
export const ADMINS = ["admin"] as const satisfies readonly Role[];
