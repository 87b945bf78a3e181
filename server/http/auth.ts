/**
 * Staff authentication: passwords hashed with Bun.password (argon2id, memory-hard),
 * random bearer tokens stored only as SHA-256 hashes, sessions that expire after
 * `ttlMs` of inactivity (sliding) and at the latest `maxAgeMs` after login (absolute).
 *
 * Login throttling (docs/decisions/0022-login-throttling.md) that slows guessing but
 * cannot be used to lock the owner out:
 * - per account: after `freeFailures` wrong passwords in a row, each further attempt
 *   waits twice as long as the last (1 s … 15 min), refused unchecked meanwhile, except
 *   from a browser (device cookie) or address the account has logged in from before;
 * - per address: `addressLimit` failed attempts in `addressWindowMs`, whatever succeeds
 *   in between, except with a device cookie of the account; attempts still being checked
 *   count as failed, and an untrusted account is checked one attempt at a time, so a
 *   burst of concurrent attempts gets no more guesses (or argon2 work) than a loop;
 * - every attempt goes to the login log the admin reads (`GET /api/auth/log`).
 */
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { Role } from "../contract/domain.ts";
import type { LoginLogStore, LoginOutcome, Trust } from "../store/login-log.ts";
import type { UserRecord, UserStore } from "../store/users.ts";
import { systemClock } from "../system-clock.ts";
import { ApiError } from "./errors.ts";

export const SESSION_COOKIE = "qms_session";
/** The session cookie is sent with API requests only (decision 0024). */
export const SESSION_COOKIE_PATH = "/api";
/** A browser that has logged in before: a random token, its hash kept per account. */
export const DEVICE_COOKIE = "qms_device";

/** The throttling rules; tests shorten nothing, they move the clock. */
export const LOGIN_POLICY = {
  freeFailures: 5,
  firstDelayMs: 1000,
  maxDelayMs: 15 * 60_000,
  /** Wrong passwords older than this no longer count for the account's backoff. */
  accountWindowMs: 24 * 3600_000,
  addressLimit: 30,
  addressWindowMs: 15 * 60_000,
  /** A device cookie with this many wrong passwords in `addressWindowMs` is no longer trusted. */
  deviceFailureLimit: 10,
  /** A device or address is trusted this long after its last successful login. */
  trustMs: 90 * 86_400_000,
  /** The login log keeps this much. */
  keepMs: 90 * 86_400_000,
} as const;

export interface AuthOptions {
  ttlMs?: number;
  maxAgeMs?: number;
  now?: () => number;
  /** The login log; without it (unit tests of sessions) logins are not throttled. */
  log?: LoginLogStore;
}

export type AuthEnv = { Variables: { user: UserRecord; tokenHash: string } };

export class Auth {
  readonly ttlMs: number;
  readonly maxAgeMs: number;
  private readonly now: () => number;
  private readonly log: LoginLogStore | undefined;
  private lastPurge = 0;
  /** A throttled attempt is logged at most once a minute per address or name. */
  private readonly quiet = new Map<string, number>();
  /**
   * Attempts whose password is being checked right now: per address (they count against
   * its limit as if they had failed) and per untrusted account name (one at a time).
   * Without them a burst of concurrent attempts all passed the checks before the first
   * failure was recorded: 300 at once from one address were 284 argon2 checks, not 30.
   */
  private readonly checking = new Map<string, number>();
  private readonly checkingName = new Set<string>();

  constructor(
    readonly users: UserStore,
    opts: AuthOptions = {},
  ) {
    this.ttlMs = opts.ttlMs ?? 4 * 3600_000; // a lunch break away from the console
    this.maxAgeMs = opts.maxAgeMs ?? 12 * 3600_000;
    this.now = opts.now ?? systemClock.now;
    this.log = opts.log;
  }

  static hashPassword(password: string): Promise<string> {
    return Bun.password.hash(password, { algorithm: "argon2id", memoryCost: 19_456, timeCost: 2 });
  }

  static hashToken(token: string): string {
    return new Bun.CryptoHasher("sha256").update(token).digest("hex");
  }

  /**
   * Checks credentials and opens a session; throws 401 / 403 / 429. `deviceToken` is
   * the browser's device cookie, if it sent one; the answer names the one to keep.
   */
  async login(username: string, password: string, client: string, deviceToken?: string) {
    const name = username.toLowerCase();
    const now = this.now();
    const P = LOGIN_POLICY;
    const user = this.users.byUsername(name);
    const log = this.log;
    const device = deviceToken && /^[A-Za-z0-9_-]{43}$/.test(deviceToken) ? deviceToken : undefined;
    let trusted: Trust | null = null;
    if (user && log) {
      if (
        device &&
        log.isTrusted(user.id, "device", Auth.hashToken(device), now - P.trustMs) &&
        log.deviceFailures(user.id, now - P.addressWindowMs) < P.deviceFailureLimit
      )
        trusted = "device";
      else if (log.isTrusted(user.id, "address", client, now - P.trustMs)) trusted = "address";
    }
    const record = (outcome: LoginOutcome) =>
      log?.record({ at: now, username: name, userId: user?.id ?? null, address: client, outcome, trusted });
    const throttled = (outcome: LoginOutcome, key: string, waitMs: number) => {
      if ((this.quiet.get(key) ?? 0) <= now - 60_000) {
        this.quiet.set(key, now);
        record(outcome);
      }
      const wait = Math.max(1, Math.ceil(waitMs / 1000));
      return new ApiError("too-many-requests", { retryAfterSec: wait }, { "Retry-After": String(wait) });
    };

    if (log && trusted !== "device") {
      const a = log.addressFailures(client, now - P.addressWindowMs);
      if (a.count >= P.addressLimit)
        throw throttled("throttled-address", `a:${client}`, a.firstAt! + P.addressWindowMs - now);
      if (a.count + (this.checking.get(client) ?? 0) >= P.addressLimit)
        throw throttled("throttled-address", `a:${client}`, 1000);
    }
    if (log && trusted === null) {
      if (this.checkingName.has(name)) throw throttled("throttled-account", `u:${name}`, 1000);
      const f = log.accountFailures(name, now - P.accountWindowMs);
      if (f.count >= P.freeFailures) {
        const delay = Math.min(P.firstDelayMs * 2 ** (f.count - P.freeFailures), P.maxDelayMs);
        const waitMs = f.lastAt! + delay - now;
        if (waitMs > 0) throw throttled("throttled-account", `u:${name}`, waitMs);
      }
    }

    // Verify against a dummy hash when the user is unknown so timing does not reveal names.
    const byAddress = log !== undefined && trusted !== "device";
    const byName = log !== undefined && trusted === null;
    if (byAddress) this.checking.set(client, (this.checking.get(client) ?? 0) + 1);
    if (byName) this.checkingName.add(name);
    let ok: boolean;
    try {
      ok = await Bun.password.verify(password, user?.passwordHash ?? DUMMY_HASH).catch(() => false);
    } finally {
      if (byAddress) {
        const left = (this.checking.get(client) ?? 1) - 1;
        if (left > 0) this.checking.set(client, left);
        else this.checking.delete(client);
      }
      if (byName) this.checkingName.delete(name);
    }
    if (!user || !ok) {
      record("invalid-credentials");
      throw new ApiError("invalid-credentials");
    }
    if (user.disabled) {
      record("account-disabled");
      throw new ApiError("account-disabled");
    }
    record("success");
    const deviceOut = device ?? randomToken();
    if (log) {
      log.trust(user.id, "device", Auth.hashToken(deviceOut), now);
      log.trust(user.id, "address", client, now);
      if (now - this.lastPurge > 3600_000) {
        this.lastPurge = now;
        log.purge(now - P.keepMs);
        this.quiet.clear();
      }
    }
    const token = randomToken();
    const expiresAt = now + this.ttlMs;
    this.users.createSession(Auth.hashToken(token), user.id, now, expiresAt);
    this.users.purgeExpired(now);
    return { token, user, expiresAt, deviceToken: deviceOut };
  }

  /** The login log, newest first (empty without a log). */
  attempts(q: Parameters<LoginLogStore["list"]>[0]) {
    return this.log?.list(q) ?? [];
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
    if (now >= s.createdAt + this.maxAgeMs) {
      this.users.deleteSession(tokenHash);
      throw new ApiError("session-expired");
    }
    if (s.user.disabled) throw new ApiError("account-disabled");
    // Sliding expiry, written at most once a minute, never past the absolute limit.
    const until = Math.min(now + this.ttlMs, s.createdAt + this.maxAgeMs);
    if (until - s.expiresAt >= 60_000) this.users.extendSession(tokenHash, until);
    return { user: s.user, tokenHash };
  }

  /**
   * Is the session behind `tokenHash` still good? For an open staff stream, checked on
   * every heartbeat: null when it is, else why it ended. Watching the dashboard counts as
   * activity (the sliding expiry moves, never past the absolute limit).
   */
  sessionEnded(tokenHash: string): "session-expired" | "account-disabled" | "unauthorized" | null {
    const now = this.now();
    const s = this.users.session(tokenHash, now);
    if (s === "expired") return "session-expired";
    if (!s) return "unauthorized";
    if (now >= s.createdAt + this.maxAgeMs) return "session-expired";
    if (s.user.disabled) return "account-disabled";
    const until = Math.min(now + this.ttlMs, s.createdAt + this.maxAgeMs);
    if (until - s.expiresAt >= 60_000) this.users.extendSession(tokenHash, until);
    return null;
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

const randomToken = () => Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");

const DUMMY_HASH = await Bun.password.hash("not-a-password", {
  algorithm: "argon2id",
  memoryCost: 19_456,
  timeCost: 2,
});
