/**
 * The browser apps' one HTTP client: JSON in and out, the contract's error body turned
 * into an `ApiFailure` carrying the stable code (the UI translates the code, never the
 * server's message), and the staff token kept in sessionStorage.
 */
import type { ErrorBody, ErrorCode } from "../server/contract/errors.ts";
import { noteServerDate } from "./server-clock.ts";

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | "network-error" | "internal-error",
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

const TOKEN_KEY = "qms.token";

export function getToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function setToken(token: string | null): void {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    /* storage disabled: the session cookie still works */
  }
}

/** Calls the API; resolves to the JSON body (or null for 204), rejects with ApiFailure. */
export async function api<T>(
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  path: string,
  body?: unknown,
  opts: {
    lang?: "vi" | "en";
    signal?: AbortSignal;
    timeoutMs?: number;
    headers?: Record<string, string>;
  } = {},
): Promise<T> {
  const headers: Record<string, string> = {
    accept: "application/json",
    "accept-language": opts.lang ?? "vi",
    ...opts.headers,
  };
  if (body !== undefined) headers["content-type"] = "application/json";
  const token = getToken();
  if (token) headers.authorization = `Bearer ${token}`;
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), opts.timeoutMs ?? 10_000);
  opts.signal?.addEventListener("abort", () => ctl.abort());
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: ctl.signal,
      credentials: "same-origin",
    });
  } catch (e) {
    throw new ApiFailure(0, "network-error", (e as Error).message);
  } finally {
    clearTimeout(timer);
  }
  noteServerDate(res.headers.get("date"));
  if (res.status === 204) return null as T;
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
