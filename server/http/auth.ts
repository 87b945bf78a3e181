/**
 * Staff authentication: passwords hashed with Bun.password (argon2id, memory-hard),
 * random bearer tokens stored only as SHA-256 hashes, sessions that expire after
 * `ttlMs` of inactivity (sliding), failed logins rate-limited per address and per name.
 */
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { Role } from "../contract/domain.ts";
import type { UserRecord, UserStore } from "../store/users.ts";
import { ApiError } from "./errors.ts";
import { RateLimiter } from "./rate-limit.ts";

export const SESSION_COOKIE = "qms_session";

export interface AuthOptions {
  ttlMs?: number;
  now?: () => number;
}

export type AuthEnv = { Variables: { user: UserRecord; tokenHash: string } };

export class Auth {
  readonly ttlMs: number;
  private readonly now: () => number;
  private readonly failures: RateLimiter;

  constructor(
    readonly users: UserStore,
    opts: AuthOptions = {},
  ) {
    this.ttlMs = opts.ttlMs ?? 12 * 3600_000;
    this.now = opts.now ?? Date.now;
    this.failures = new RateLimiter(10, 10 * 60_000, this.now);
  }

  static hashPassword(password: string): Promise<string> {
    return Bun.password.hash(password, { algorithm: "argon2id", memoryCost: 19_456, timeCost: 2 });
  }

  static hashToken(token: string): string {
    return new Bun.CryptoHasher("sha256").update(token).digest("hex");
  }

  /** Checks credentials and opens a session; throws 401 / 403 / 429. */
  async login(username: string, password: string, client: string) {
    const keys = [`ip:${client}`, `user:${username.toLowerCase()}`];
    for (const k of keys) {
      const wait = this.failures.check(k);
      if (wait > 0)
        throw new ApiError("too-many-requests", { retryAfterSec: wait }, { "Retry-After": String(wait) });
    }
    const user = this.users.byUsername(username.toLowerCase());
    // Verify against a dummy hash when the user is unknown so timing does not reveal names.
    const ok = await Bun.password.verify(password, user?.passwordHash ?? DUMMY_HASH).catch(() => false);
    if (!user || !ok) {
      for (const k of keys) this.failures.hit(k);
      throw new ApiError("invalid-credentials");
    }
    if (user.disabled) throw new ApiError("account-disabled");
    for (const k of keys) this.failures.reset(k);
    const token = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");
    const now = this.now();
    const expiresAt = now + this.ttlMs;
    this.users.createSession(Auth.hashToken(token), user.id, now, expiresAt);
    this.users.purgeExpired(now);
    return { token, user, expiresAt };
  }

  logout(tokenHash: string): void {
    this.users.deleteSession(tokenHash);
  }

  /** The user behind a request's bearer token or session cookie; throws 401. */
  authenticate(c: Context): { user: UserRecord; tokenHash: string } {
    const h = c.req.header("authorization");
    const token = h?.startsWith("Bearer ") ? h.slice(7).trim() : getCookie(c, SESSION_COOKIE);
    if (!token) throw new ApiError("unauthorized");
    const tokenHash = Auth.hashToken(token);
    const now = this.now();
    const s = this.users.session(tokenHash, now);
    if (s === "expired") throw new ApiError("session-expired");
    if (!s) throw new ApiError("unauthorized");
    if (s.user.disabled) throw new ApiError("account-disabled");
    // Sliding expiry, written at most once a minute.
    if (s.expiresAt - now < this.ttlMs - 60_000) this.users.extendSession(tokenHash, now + this.ttlMs);
    return { user: s.user, tokenHash };
  }

  /** Middleware: a logged-in user with one of `roles` (any staff role when empty). */
  require(...roles: Role[]): MiddlewareHandler<AuthEnv> {
    return async (c, next) => {
      const { user, tokenHash } = this.authenticate(c);
      if (roles.length > 0 && !roles.includes(user.role)) throw new ApiError("forbidden");
      c.set("user", user);
      c.set("tokenHash", tokenHash);
      await next();
    };
  }
}

const DUMMY_HASH = await Bun.password.hash("not-a-password", {
  algorithm: "argon2id",
  memoryCost: 19_456,
  timeCost: 2,
});
