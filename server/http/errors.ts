/**
 * The one error shape of the API: `{"error":{"code","message"}}` with a 4xx status,
 * Vietnamese by default, English with `Accept-Language: en` (CONTRACT.md). A 5xx is a bug,
 * except 503 storage-unavailable (full disk, locked database), which is a fault of the
 * machine, said clearly.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ERRORS, type ErrorBody, type ErrorCode } from "../contract/errors.ts";
import { DomainError } from "../queue/types.ts";

/** An error an HTTP handler throws on purpose. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(code);
  }
}

/** The caller's language: English only when asked for first. */
export function langOf(c: Context): "vi" | "en" {
  const q = c.req.query("lang");
  if (q === "en" || q === "vi") return q;
  const h = c.req.header("accept-language")?.trim().toLowerCase() ?? "";
  return h.startsWith("en") ? "en" : "vi";
}

/** Builds the error response of `code`. */
export function errorResponse(
  c: Context,
  code: ErrorCode,
  details?: unknown,
  headers?: Record<string, string>,
): Response {
  const def = ERRORS[code];
  const body: ErrorBody = { error: { code, message: def[langOf(c)] } };
  if (details !== undefined) body.error.details = details;
  return c.json(body, def.status as ContentfulStatusCode, headers);
}

/** The app's one `onError`. */
export function onError(err: Error, c: Context): Response {
  if (err instanceof ApiError) return errorResponse(c, err.code, err.details, err.headers);
  if (err instanceof DomainError) return errorResponse(c, err.code, err.details);
  console.error(`[http] ${c.req.method} ${c.req.path} failed:`, err);
  return c.json({ error: { code: "internal-error", message: "Lỗi hệ thống / Internal error" } }, 500);
}
