/** Validation at the edge: malformed JSON and wrong types give 400 with a stable code. */
import type { Context } from "hono";
import type { z } from "zod";
import { ApiError } from "./errors.ts";

const MAX_BODY = 64 * 1024;

/** Reads and validates a JSON body against a contract schema. */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const text = await c.req.text();
  if (text.length > MAX_BODY) throw new ApiError("invalid-request", { reason: "body-too-large" });
  let raw: unknown;
  try {
    raw = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw new ApiError("invalid-json");
  }
  const r = schema.safeParse(raw);
  if (!r.success)
    throw new ApiError(
      "invalid-request",
      r.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  return r.data;
}

/** Parses a path segment as a counter number, or throws 404 counter-not-found. */
export function counterParam(s: string | undefined): number {
  if (!s || !/^[1-9][0-9]{0,3}$/.test(s)) throw new ApiError("counter-not-found");
  return Number(s);
}
