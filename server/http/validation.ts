/**
 * What a failed validation of the contract's schemas answers (STYLE.md habit 4): the
 * route's own code when the schema names one (`{ error: "invalid-priority" }`, a path id's
 * "not found"), 400 `unknown-field` naming the fields a body must not carry, else 400
 * `invalid-request` with each failing field and why, in the caller's language.
 * Registered as the `defaultHook` of every route app, so no handler runs on bad input.
 */
import type { Context } from "hono";
import type { z } from "zod";
import { zodMessage } from "../config/issues.ts";
import { type ErrorCode, errorMessage, isErrorCode } from "../contract/errors.ts";
import { ApiError, langOf } from "./errors.ts";

type Result = { success: true } | { success: false; error: z.ZodError; data?: unknown; target: string };

/** The `defaultHook` of the route apps: throws the contract error of a failed validation. */
export function validationHook(result: { success: boolean; target: string }, c: Context): void {
  const r = result as Result;
  if (r.success) return;
  throw validationError(r.error, r.target, r.data, langOf(c));
}

/** The contract error for `error`, raised while validating `target` (json, param, query). */
export function validationError(
  error: z.ZodError,
  target: string,
  input: unknown,
  lang: "vi" | "en",
): ApiError {
  const issues = error.issues;
  const unknown = issues.flatMap((i) =>
    i.code === "unrecognized_keys" ? i.keys.map((k) => [...i.path, k].join(".")) : [],
  );
  if (unknown.length > 0) return new ApiError("unknown-field", { fields: unknown });
  const declared = issues.map((i) => i.message).filter(isErrorCode);
  // A path id that does not parse names a thing that cannot exist: its "not found".
  if (target === "param") return new ApiError(declared[0] ?? "not-found");
  // The route's own code only when every issue names it; mixed problems stay generic.
  if (declared.length === issues.length && declared.length > 0) return new ApiError(declared[0] as ErrorCode);
  return new ApiError(
    "invalid-request",
    issues.map((i) => ({ path: i.path.join("."), message: localized(i, input, lang) })),
  );
}

/** zod's message for `issue` in `lang`, or the declared code's meaning. */
function localized(issue: z.core.$ZodIssue, input: unknown, lang: "vi" | "en"): string {
  if (isErrorCode(issue.message)) return errorMessage(issue.message, lang);
  return zodMessage(issue, input, lang);
}
