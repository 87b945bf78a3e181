/**
 * The one error shape of the API: `{"error":{"code","message"}}` with a 4xx status,
 * Vietnamese by default, English with `Accept-Language: en` (CONTRACT.md). A 5xx is a bug,
 * except 503 storage-unavailable (full disk, locked database), which is a fault of the
 * machine, said clearly.
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ERRORS, type ErrorBody, type ErrorCode, errorMessage } from "../contract/errors.ts";
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
  const body: ErrorBody = { error: { code, message: errorMessage(code, langOf(c), details) } };
  if (details !== undefined) body.error.details = details;
  return c.json(body, ERRORS[code].status as ContentfulStatusCode, headers);
}

/**
 * Hono's own refusals, in the contract's shape: the body validator's malformed JSON (400)
 * and undeclared media type (415), the body limit (413).
 */
const HTTP_CODES: Partial<Record<number, ErrorCode>> = {
  400: "invalid-json",
  413: "payload-too-large",
  415: "unsupported-media-type",
};

/** The app's one `onError`. */
export function onError(err: Error, c: Context): Response {
  if (err instanceof ApiError) return errorResponse(c, err.code, err.details, err.headers);
  if (err instanceof DomainError) return errorResponse(c, err.code, err.details);
  if (err instanceof HTTPException && HTTP_CODES[err.status])
    return errorResponse(c, HTTP_CODES[err.status]!);
  console.error(`[http] ${c.req.method} ${c.req.path} failed:`, err);
  return c.json({ error: { code: "internal-error", message: "Lỗi hệ thống / Internal error" } }, 500);
}
