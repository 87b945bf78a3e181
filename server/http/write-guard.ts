/**
 * Requests a browser can be tricked into (issue 11; docs/decisions/0024-http-edge.md).
 * A page of another origin can make a staff browser send a write with its ambient
 * credentials (the session cookie) without a CORS preflight only as a "simple" request:
 * a form or a `no-cors` fetch, whose body is text/plain, urlencoded or multipart. So every
 * write to the API (POST, PUT, PATCH, DELETE):
 *
 * - is JSON or has no body: any other `Content-Type`, or a body without one, is 415
 *   `unsupported-media-type`, bodyless routes included (a `text/plain` form to
 *   `/api/counters/3/close` used to close the counter);
 * - comes from the hall's own origin: an `Origin` header naming another origin (or
 *   `null`) is 403 `cross-origin-request`; without `Origin`, a `Sec-Fetch-Site` of
 *   `cross-site` or `same-site` (another port of the same host is same-site) is too.
 *   Requests with neither header are not from a browser page (curl, firmware, the
 *   printer bridge, integrations) and pass: nothing ambient can be forged by them.
 *
 * The hall's own origins: the origin the request was addressed to (`Host`, or
 * `X-Forwarded-Host`/`-Proto` set by a reverse proxy; a cross-site page cannot add those
 * headers without a preflight, which this server never grants), the public URL
 * (`QMS_PUBLIC_URL`, what a proxy that rewrites `Host` serves), and `QMS_ALLOWED_ORIGINS`.
 * The check is the same whatever the credential (cookie, bearer, device token or none):
 * a browser can send a bearer or device token only from a page that holds it, and
 * anonymous writes (tickets, logins) have no business coming from other sites either.
 */
import type { Context, MiddlewareHandler } from "hono";
import { ApiError } from "./errors.ts";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

export interface WriteGuardOptions {
  /** The hall's public URL (QMS_PUBLIC_URL, or the LAN address the server chose). */
  publicUrl: () => string;
  /** More origins the hall is served at (QMS_ALLOWED_ORIGINS), e.g. a second proxy name. */
  allowedOrigins?: readonly string[];
}

/** Middleware for `/api/*`: refuses writes that are not JSON or come from another origin. */
export function writeGuard(o: WriteGuardOptions): MiddlewareHandler {
  const extra = new Set((o.allowedOrigins ?? []).map(normalOrigin).filter((x) => x !== null));
  return async (c, next) => {
    if (SAFE.has(c.req.method)) return next();
    const type = c.req.header("content-type");
    if (type !== undefined ? !JSON_TYPE.test(type) : hasBody(c.req.raw))
      throw new ApiError("unsupported-media-type");
    const origin = c.req.header("origin");
    if (origin !== undefined) {
      const o2 = normalOrigin(origin);
      const own =
        o2 !== null && (o2 === requestOrigin(c) || o2 === normalOrigin(o.publicUrl()) || extra.has(o2));
      if (!own) throw new ApiError("cross-origin-request", { origin });
    } else {
      const site = c.req.header("sec-fetch-site");
      if (site === "cross-site" || site === "same-site") throw new ApiError("cross-origin-request", { site });
    }
    await next();
  };
}

/** The origin a request was addressed to, as the browser saw it (behind a proxy too). */
export function requestOrigin(c: Context): string | null {
  const url = new URL(c.req.url);
  const proto = first(c.req.header("x-forwarded-proto")) ?? url.protocol.slice(0, -1);
  const host = first(c.req.header("x-forwarded-host")) ?? c.req.header("host") ?? url.host;
  return normalOrigin(`${proto}://${host}`);
}

/** `scheme://host[:port]` in lower case without a default port; null for `null` or junk. */
export function normalOrigin(s: string): string | null {
  if (!/^https?:\/\//i.test(s)) return null;
  try {
    return new URL(s).origin;
  } catch {
    return null;
  }
}

function first(v: string | undefined): string | undefined {
  const x = v?.split(",")[0]?.trim();
  return x || undefined;
}

function hasBody(req: Request): boolean {
  const length = req.headers.get("content-length");
  if (length !== null) return length.trim() !== "0";
  return req.headers.has("transfer-encoding") || req.body !== null;
}
