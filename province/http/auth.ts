/**
 * Who may do what at the province:
 * - staff (province `admin` and `viewer`), logged in like the hall's staff (server/http/auth.ts:
 *   argon2id passwords, bearer tokens stored as SHA-256, sliding sessions, failed logins
 *   rate-limited), with the token in `Authorization: Bearer` or the session cookie;
 * - halls, with `Authorization: Basic base64(hallId:secret)` (the userinfo of their
 *   QMS_PROVINCE_URL), on the uplink routes only. A hall's credential names its hall: it can
 *   write that hall's data and nothing else (the ingest refuses events of another hall).
 */
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { ProvinceRole } from "../../server/contract/province.ts";
import { Auth } from "../../server/http/auth.ts";
import { ApiError } from "../../server/http/errors.ts";
import { RateLimiter } from "../../server/http/rate-limit.ts";
import type { HallRegistry } from "../store/halls.ts";
import type { StaffRecord, StaffStore } from "../store/staff.ts";

export const PROVINCE_COOKIE = "qms_province_session";

/** The command line on the province's own machine (`npm run province -- add-hall` while the server runs). */
const LOCAL_ADMIN: StaffRecord = {
  id: 0,
  username: "local-cli",
  name: "Dòng lệnh / command line",
  role: "admin",
  disabled: false,
  passwordHash: "",
};

export type StaffEnv = { Variables: { user: StaffRecord; tokenHash: string } };
export type HallEnv = { Variables: { hallId: string } };

export class ProvinceAuth {
  readonly ttlMs = 12 * 3600_000;
  private readonly failures: RateLimiter;

  constructor(
    private readonly staff: StaffStore,
    private readonly halls: HallRegistry,
    private readonly now: () => number = Date.now,
    private readonly clientIp: (req: Request) => string = () => "local",
    /** A token for the command line on this machine (province/cli.ts), acting as an admin; kept in a 0600 file. */
    private readonly localToken: string | null = null,
  ) {
    this.failures = new RateLimiter(10, 10 * 60_000, now);
  }

  /** Checks a staff login and opens a session; throws 401 / 403 / 429. */
  async login(username: string, password: string, client: string) {
    const keys = [`ip:${client}`, `user:${username.toLowerCase()}`];
    for (const k of keys) {
      const wait = this.failures.check(k);
      if (wait > 0)
        throw new ApiError("too-many-requests", { retryAfterSec: wait }, { "Retry-After": String(wait) });
    }
    const user = await this.staff.byUsername(username.toLowerCase());
    const ok = user ? await Bun.password.verify(password, user.passwordHash).catch(() => false) : false;
    if (!user || !ok) {
      for (const k of keys) this.failures.hit(k);
      throw new ApiError("invalid-credentials");
    }
    if (user.disabled) throw new ApiError("account-disabled");
    for (const k of keys) this.failures.reset(k);
    const token = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");
    const now = this.now();
    await this.staff.createSession(Auth.hashToken(token), user.id, now, now + this.ttlMs);
    await this.staff.purgeExpired(now);
    return { token, user, expiresAt: now + this.ttlMs };
  }

  /** The staff member behind a request; throws 401. */
  async authenticate(c: Context): Promise<{ user: StaffRecord; tokenHash: string }> {
    const h = c.req.header("authorization");
    const token = h?.startsWith("Bearer ") ? h.slice(7).trim() : getCookie(c, PROVINCE_COOKIE);
    if (!token) throw new ApiError("unauthorized");
    const tokenHash = Auth.hashToken(token);
    if (this.localToken !== null && tokenHash === Auth.hashToken(this.localToken))
      return { user: LOCAL_ADMIN, tokenHash };
    const now = this.now();
    const s = await this.staff.session(tokenHash, now);
    if (s === "expired") throw new ApiError("session-expired");
    if (!s) throw new ApiError("unauthorized");
    if (s.user.disabled) throw new ApiError("account-disabled");
    if (s.expiresAt - now < this.ttlMs - 60_000) await this.staff.extendSession(tokenHash, now + this.ttlMs);
    return { user: s.user, tokenHash };
  }

  /** Middleware: a logged-in staff member with one of `roles` (any when empty). */
  require(...roles: ProvinceRole[]): MiddlewareHandler<StaffEnv> {
    return async (c, next) => {
      const { user, tokenHash } = await this.authenticate(c);
      if (roles.length > 0 && !roles.includes(user.role)) throw new ApiError("forbidden");
      c.set("user", user);
      c.set("tokenHash", tokenHash);
      await next();
    };
  }

  /** Middleware: a hall with its id and secret (HTTP Basic); failures are rate-limited per address. */
  hall(): MiddlewareHandler<HallEnv> {
    return async (c, next) => {
      const ip = `hall-ip:${this.clientIp(c.req.raw)}`;
      const wait = this.failures.check(ip);
      if (wait > 0)
        throw new ApiError("too-many-requests", { retryAfterSec: wait }, { "Retry-After": String(wait) });
      const h = c.req.header("authorization") ?? "";
      const m = /^Basic ([A-Za-z0-9+/=]+)$/.exec(h.trim());
      const decoded = m ? Buffer.from(m[1]!, "base64").toString("utf8") : "";
      const colon = decoded.indexOf(":");
      const id = colon > 0 ? decoded.slice(0, colon) : "";
      const secret = colon > 0 ? decoded.slice(colon + 1) : "";
      if (!id || !secret || !(await this.halls.verify(id, secret))) {
        this.failures.hit(ip);
        throw new ApiError(
          "unauthorized",
          { reason: "hall credential" },
          { "WWW-Authenticate": 'Basic realm="province"' },
        );
      }
      c.set("hallId", id);
      await next();
    };
  }
}
