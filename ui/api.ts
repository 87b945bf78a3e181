/**
 * The browser apps' one HTTP client, typed from the contract's route declarations
 * (server/contract/api/, docs/decisions/0080-routes-declared-in-the-contract.md):
 *
 *   const { ticket } = await api("GET", "/api/tickets/{code}", { params: { code } });
 *
 * The method + path pair must be a declared route, `params`/`query`/`body` must match
 * its schemas, and the answer has the type of its declared success body (`null` for a
 * 204), so a renamed field fails `tsc` in every app that reads it. Types only come from
 * the contract (`import type`): the runtime is this file, a few hundred bytes.
 *
 * The contract's error body becomes an `ApiFailure` carrying the stable code (the UI
 * translates the code, never the server's message); the staff token is kept in
 * sessionStorage.
 */
import type { ApiInput, ApiMethod, ApiOk, ApiPath } from "../server/contract/api/client.ts";
import type { ErrorBody, ErrorCode } from "../server/contract/errors.ts";
import { noteServerDate } from "./server-clock.ts";

export type { ApiOk } from "../server/contract/api/client.ts";

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

/**
 * Per-call options: the answer's language, cancellation, a timeout (default 10 s), and
 * extra headers (a kiosk's or rating tablet's `X-Device-Token`, ui/device-token.ts).
 */
export interface CallOptions {
  lang?: "vi" | "en";
  signal?: AbortSignal;
  timeoutMs?: number;
  headers?: Record<string, string>;
}

type Args<M extends ApiMethod, P extends string> =
  Record<string, never> extends ApiInput<M, P>
    ? [input?: ApiInput<M, P>, opts?: CallOptions]
    : [input: ApiInput<M, P>, opts?: CallOptions];

type Input = {
  params?: Record<string, string | number>;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
};

/**
 * The URL of a declared route: `{name}` placeholders filled from `params` (encoded), and
 * the defined `query` values appended. For links and downloads that are not `api()` calls.
 */
export function apiUrl<M extends ApiMethod, P extends ApiPath<M>>(
  _method: M,
  path: P,
  input: Omit<ApiInput<M, P>, "body">,
): string {
  return urlOf(path, input as Input);
}

function urlOf(path: string, i: Input): string {
  const url = path.replace(/\{(\w+)\}/g, (_m, k: string) => encodeURIComponent(String(i.params?.[k] ?? "")));
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(i.query ?? {})) if (v !== undefined && v !== "") q.set(k, String(v));
  const qs = q.toString();
  return qs ? `${url}?${qs}` : url;
}

/** Calls a declared route; resolves to its success body (null for 204), rejects with ApiFailure. */
export async function api<M extends ApiMethod, P extends ApiPath<M>>(
  method: M,
  path: P,
  ...[input, opts = {}]: Args<M, P>
): Promise<ApiOk<M, P>> {
  const i = (input ?? {}) as Input;
  const headers: Record<string, string> = {
    accept: "application/json",
    "accept-language": opts.lang ?? "vi",
    ...opts.headers,
  };
  if (i.body !== undefined) headers["content-type"] = "application/json";
  const token = getToken();
  if (token) headers.authorization = `Bearer ${token}`;
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), opts.timeoutMs ?? 10_000);
  opts.signal?.addEventListener("abort", () => ctl.abort());
  let res: Response;
  try {
    res = await fetch(urlOf(path, i), {
      method,
      headers,
      body: i.body === undefined ? undefined : JSON.stringify(i.body),
      signal: ctl.signal,
      credentials: "same-origin",
    });
  } catch (e) {
    throw new ApiFailure(0, "network-error", (e as Error).message);
  } finally {
    clearTimeout(timer);
  }
  noteServerDate(res.headers.get("date"));
  if (res.status === 204) return null as ApiOk<M, P>;
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
  // The body of a declared success answer: its shape is the route's response schema.
  return json as ApiOk<M, P>;
}
