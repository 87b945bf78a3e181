/**
 * Reads a JSON body against a contract schema, with the hall API's error shapes
 * (server/http/validation.ts): 400 invalid-json, 400 unknown-field / invalid-request in the
 * caller's language, 413 payload-too-large beyond `maxBytes`.
 */
import type { Context } from "hono";
import type { z } from "zod";
import { ApiError, langOf } from "../../server/http/errors.ts";
import { validationError } from "../../server/http/validation.ts";

export async function readJson<S extends z.ZodType>(
  c: Context,
  schema: S,
  maxBytes = 64 * 1024,
): Promise<z.infer<S>> {
  if (Number(c.req.header("content-length") ?? "0") > maxBytes)
    throw new ApiError("payload-too-large", { maxBytes });
  const text = await c.req.text();
  if (text.length > maxBytes) throw new ApiError("payload-too-large", { maxBytes });
  let raw: unknown;
  try {
    raw = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw new ApiError("invalid-json");
  }
  return parse(c, schema, raw, "json");
}

/** Validates a value (a body, a query) against a contract schema with the hall API's error shapes. */
export function parse<S extends z.ZodType>(
  c: Context,
  schema: S,
  raw: unknown,
  target: "json" | "query",
): z.infer<S> {
  const r = schema.safeParse(raw);
  if (!r.success) throw validationError(r.error, target, raw, langOf(c));
  return r.data;
}
