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

export class UserStore {
  constructor(private readonly db: Database) {}

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
    const s = this.db
      .query<{ user_id: number; expires_at: number; created_at: number }, [string]>(
        "SELECT user_id, expires_at, created_at FROM sessions WHERE token_hash = ?",
      )
      .get(tokenHash);
    if (!s) return null;
    if (s.expires_at <= now) return "expired";
    const user = this.byId(s.user_id);
    return user ? { user, expiresAt: s.expires_at, createdAt: s.created_at } : null;
  }

  extendSession(tokenHash: string, expiresAt: number): void {
    this.db.query("UPDATE sessions SET expires_at = ? WHERE token_hash = ?").run(expiresAt, tokenHash);
  }

  deleteSession(tokenHash: string): void {
    this.db.query("DELETE FROM sessions WHERE token_hash = ?").run(tokenHash);
  }

  deleteSessionsOf(userId: number): void {
    this.db.query("DELETE FROM sessions WHERE user_id = ?").run(userId);
  }

  purgeExpired(now: number): void {
    this.db.query("DELETE FROM sessions WHERE expires_at <= ?").run(now - 7 * 86_400_000);
  }
}
