/**
 * The province dashboard's HTTP client: JSON in and out, the contract's error body turned into
 * an `ApiFailure` carrying the stable code (ui/api.ts; the dashboard translates codes, never
 * messages), and the staff token of ui/api.ts. The province's routes are its own
 * (province/http/, types in server/contract/province.ts), not the hall's declared routes, so
 * this is the small untyped-path client; the answers are typed by the caller from the contract.
 */
import type { ErrorBody } from "../../server/contract/errors.ts";
import { ApiFailure, getToken } from "../../ui/api.ts";

export async function call<T>(
  method: "GET" | "POST" | "PATCH",
  path: string,
  body?: unknown,
  opts: { lang?: "vi" | "en"; timeoutMs?: number } = {},
): Promise<T> {
  const headers: Record<string, string> = {
    accept: "application/json",
    "accept-language": opts.lang ?? "vi",
  };
  if (body !== undefined) headers["content-type"] = "application/json";
  const token = getToken();
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
      signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
    });
  } catch (e) {
    throw new ApiFailure(0, "network-error", (e as Error).message);
  }
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  if (!res.ok) {
    const err = (json as ErrorBody | null)?.error;
    throw new ApiFailure(
      res.status,
      err?.code ?? "internal-error",
      err?.message ?? res.statusText,
      err?.details,
    );
  }
  return json as T;
}
