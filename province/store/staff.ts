/** Province staff accounts, their sessions (tokens kept only as SHA-256), settings and the refusal log. */
import type { ProvinceRole } from "../../server/contract/province.ts";
import type { Sql } from "./driver.ts";

export interface StaffRecord {
  id: number;
  username: string;
  name: string;
  role: ProvinceRole;
  disabled: boolean;
  passwordHash: string;
}

interface StaffRow {
  id: number;
  username: string;
  name: string;
  role: ProvinceRole;
  disabled: boolean;
  password_hash: string;
}

const toStaff = (r: StaffRow): StaffRecord => ({
  id: r.id,
  username: r.username,
  name: r.name,
  role: r.role,
  disabled: r.disabled,
  passwordHash: r.password_hash,
});

export class StaffStore {
  constructor(private readonly sql: Sql) {}

  async count(): Promise<number> {
    return (await this.sql.query<{ n: number }>("SELECT count(*)::int8 AS n FROM users"))[0]!.n;
  }

  /** Creates an account; null when the username is taken. */
  async create(
    u: { username: string; passwordHash: string; name: string; role: ProvinceRole },
    now: number,
  ): Promise<StaffRecord | null> {
    const r = await this.sql.query<StaffRow>(
      `INSERT INTO users (username, password_hash, name, role, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (username) DO NOTHING RETURNING id, username, name, role, disabled, password_hash`,
      [u.username, u.passwordHash, u.name, u.role, now],
    );
    return r[0] ? toStaff(r[0]) : null;
  }

  async byUsername(username: string): Promise<StaffRecord | null> {
    const r = await this.sql.query<StaffRow>(
      "SELECT id, username, name, role, disabled, password_hash FROM users WHERE username = $1",
      [username],
    );
    return r[0] ? toStaff(r[0]) : null;
  }

  async list(): Promise<StaffRecord[]> {
    return (
      await this.sql.query<StaffRow>(
        "SELECT id, username, name, role, disabled, password_hash FROM users ORDER BY username",
      )
    ).map(toStaff);
  }

  async createSession(tokenHash: string, userId: number, now: number, expiresAt: number): Promise<void> {
    await this.sql.query(
      "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
      [tokenHash, userId, now, expiresAt],
    );
  }

  /** The session's user, `expired`, or null when unknown. */
  async session(
    tokenHash: string,
    now: number,
  ): Promise<{ user: StaffRecord; expiresAt: number } | "expired" | null> {
    const r = await this.sql.query<StaffRow & { expires_at: number }>(
      `SELECT u.id, u.username, u.name, u.role, u.disabled, u.password_hash, s.expires_at
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1`,
      [tokenHash],
    );
    const row = r[0];
    if (!row) return null;
    if (row.expires_at <= now) return "expired";
    return { user: toStaff(row), expiresAt: row.expires_at };
  }

  async extendSession(tokenHash: string, expiresAt: number): Promise<void> {
    await this.sql.query("UPDATE sessions SET expires_at = $2 WHERE token_hash = $1", [tokenHash, expiresAt]);
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.sql.query("DELETE FROM sessions WHERE token_hash = $1", [tokenHash]);
  }

  async purgeExpired(now: number): Promise<void> {
    await this.sql.query("DELETE FROM sessions WHERE expires_at <= $1", [now]);
  }

  async setting(key: string): Promise<string | null> {
    return (
      (await this.sql.query<{ value: string }>("SELECT value FROM settings WHERE key = $1", [key]))[0]
        ?.value ?? null
    );
  }

  async setSetting(key: string, value: string): Promise<void> {
    await this.sql.query(
      "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      [key, value],
    );
  }

  /** Logs a refused ingest batch (kept for the admins; the hall is told the code). */
  async refusal(at: number, hallId: string | null, code: string, detail: unknown): Promise<void> {
    await this.sql.query("INSERT INTO refusals (at, hall_id, code, detail) VALUES ($1, $2, $3, $4)", [
      at,
      hallId,
      code,
      detail === undefined ? null : JSON.stringify(detail),
    ]);
  }

  /** The latest refusals, newest first. */
  async refusals(
    limit = 50,
  ): Promise<{ at: number; hallId: string | null; code: string; detail: unknown }[]> {
    const r = await this.sql.query<{ at: number; hall_id: string | null; code: string; detail: unknown }>(
      "SELECT at, hall_id, code, detail FROM refusals ORDER BY id DESC LIMIT $1",
      [limit],
    );
    return r.map((x) => ({ at: x.at, hallId: x.hall_id, code: x.code, detail: x.detail }));
  }
}
