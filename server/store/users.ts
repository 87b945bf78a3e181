/** Staff accounts and login sessions (tokens are stored only as SHA-256 hashes). */
import type { Database } from "bun:sqlite";
import type { Role, UserInfo } from "../contract/domain.ts";

interface UserRow {
  id: number;
  username: string;
  password_hash: string;
  name: string;
  role: Role;
  disabled: number;
  created_at: number;
}

export interface UserRecord extends UserInfo {
  passwordHash: string;
  disabled: boolean;
}

const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  username: r.username,
  name: r.name,
  role: r.role,
  disabled: r.disabled === 1,
  passwordHash: r.password_hash,
});

/**
 * The live sessions and their users as last read, for `session()`: every staff request
 * asks, and two SELECTs a request cost more than the rest of a call-next's reads
 * (docs/decisions/0117-hall-cpu-per-request.md). Shared by every UserStore on one
 * connection; emptied by every write of this store (a disabled account, a new password or a
 * logout takes effect on the next request, as before) and when another connection has
 * committed (`PRAGMA data_version` moved: a second process on the same file; nothing in
 * this repository writes accounts from outside the server). That check is itself a
 * statement costing as much as the SELECT it saves, so it runs at most once a second
 * (`CHECK_EVERY_MS`): a change made by another process shows within a second.
 */
interface SessionCache {
  dataVersion: number;
  /** When data_version was last read (monotonic ms). */
  checkedAt: number;
  sessions: Map<string, { userId: number; expiresAt: number; createdAt: number }>;
  users: Map<number, UserRecord>;
}
const caches = new WeakMap<Database, SessionCache>();
/** More live sessions than any hall has staff: beyond it the cache starts over. */
const MAX_CACHED = 10_000;
const CHECK_EVERY_MS = 1_000;

export class UserStore {
  private readonly cache: SessionCache;

  constructor(private readonly db: Database) {
    let c = caches.get(db);
    if (!c) {
      c = { dataVersion: -1, checkedAt: Number.NEGATIVE_INFINITY, sessions: new Map(), users: new Map() };
      caches.set(db, c);
    }
    this.cache = c;
  }

  /** Forgets every cached session and user (after a write, or another connection's commit). */
  private forget(): void {
    this.cache.sessions.clear();
    this.cache.users.clear();
  }

  count(): number {
    return this.db.query<{ n: number }, []>("SELECT COUNT(*) AS n FROM users").get()!.n;
  }

  byUsername(username: string): UserRecord | null {
    const r = this.db.query<UserRow, [string]>("SELECT * FROM users WHERE username = ?").get(username);
    return r ? toUser(r) : null;
  }

  byId(id: number): UserRecord | null {
    const r = this.db.query<UserRow, [number]>("SELECT * FROM users WHERE id = ?").get(id);
    return r ? toUser(r) : null;
  }

  list(): UserRecord[] {
    return this.db.query<UserRow, []>("SELECT * FROM users ORDER BY username").all().map(toUser);
  }

  /** Creates a user; returns null when the username is taken. */
  create(
    u: { username: string; passwordHash: string; name: string; role: Role },
    now: number,
  ): UserRecord | null {
    this.forget();
    const r = this.db
      .query<UserRow, [string, string, string, string, number]>(
        `INSERT INTO users (username, password_hash, name, role, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (username) DO NOTHING RETURNING *`,
      )
      .get(u.username, u.passwordHash, u.name, u.role, now);
    return r ? toUser(r) : null;
  }

  update(
    id: number,
    patch: { name?: string; role?: Role; disabled?: boolean; passwordHash?: string },
  ): UserRecord | null {
    const cur = this.byId(id);
    if (!cur) return null;
    this.forget();
    this.db
      .query("UPDATE users SET name = ?, role = ?, disabled = ?, password_hash = ? WHERE id = ?")
      .run(
        patch.name ?? cur.name,
        patch.role ?? cur.role,
        (patch.disabled ?? cur.disabled) ? 1 : 0,
        patch.passwordHash ?? cur.passwordHash,
        id,
      );
    if (patch.disabled || patch.passwordHash) this.deleteSessionsOf(id);
    return this.byId(id);
  }

  createSession(tokenHash: string, userId: number, now: number, expiresAt: number): void {
    this.db
      .query("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)")
      .run(tokenHash, userId, now, expiresAt);
  }

  /** The live session of a token hash with its user, or null (unknown or expired). */
  session(
    tokenHash: string,
    now: number,
  ): { user: UserRecord; expiresAt: number; createdAt: number } | "expired" | null {
    const c = this.cache;
    const tick = performance.now();
    if (tick - c.checkedAt >= CHECK_EVERY_MS) {
      c.checkedAt = tick;
      const v = this.db.query<{ data_version: number }, []>("PRAGMA data_version").get()!.data_version;
      if (v !== c.dataVersion) {
        this.forget();
        c.dataVersion = v;
      }
    }
    let s = c.sessions.get(tokenHash);
    if (!s) {
      const r = this.db
        .query<{ user_id: number; expires_at: number; created_at: number }, [string]>(
          "SELECT user_id, expires_at, created_at FROM sessions WHERE token_hash = ?",
        )
        .get(tokenHash);
      if (!r) return null;
      s = { userId: r.user_id, expiresAt: r.expires_at, createdAt: r.created_at };
      if (c.sessions.size >= MAX_CACHED) this.forget();
      c.sessions.set(tokenHash, s);
    }
    if (s.expiresAt <= now) return "expired";
    let user = c.users.get(s.userId) ?? null;
    if (!user) {
      user = this.byId(s.userId);
      if (user) c.users.set(s.userId, user);
    }
    return user ? { user: { ...user }, expiresAt: s.expiresAt, createdAt: s.createdAt } : null;
  }

  extendSession(tokenHash: string, expiresAt: number): void {
    this.db.query("UPDATE sessions SET expires_at = ? WHERE token_hash = ?").run(expiresAt, tokenHash);
    const s = this.cache.sessions.get(tokenHash);
    if (s) s.expiresAt = expiresAt;
  }

  deleteSession(tokenHash: string): void {
    this.forget();
    this.db.query("DELETE FROM sessions WHERE token_hash = ?").run(tokenHash);
  }

  deleteSessionsOf(userId: number): void {
    this.forget();
    this.db.query("DELETE FROM sessions WHERE user_id = ?").run(userId);
  }

  purgeExpired(now: number): void {
    this.forget();
    this.db.query("DELETE FROM sessions WHERE expires_at <= ?").run(now - 7 * 86_400_000);
  }
}
