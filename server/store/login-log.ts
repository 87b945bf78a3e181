/** Login attempts and the places an account has logged in from (migration 003). */
import type { Database } from "bun:sqlite";

import type { LOGIN_OUTCOMES } from "../contract/api/staff.ts";

/** What became of a login attempt (the list is the contract's: `GET /api/auth/log`). */
export type LoginOutcome = (typeof LOGIN_OUTCOMES)[number];

export type Trust = "device" | "address";

export interface LoginAttempt {
  id: number;
  at: number;
  username: string;
  userId: number | null;
  address: string;
  outcome: LoginOutcome;
  trusted: Trust | null;
}

interface Row {
  id: number;
  at: number;
  username: string;
  user_id: number | null;
  address: string;
  outcome: LoginOutcome;
  trusted: Trust | null;
}

const FAILED = "outcome IN ('invalid-credentials', 'throttled-account', 'throttled-address')";

export class LoginLogStore {
  constructor(private readonly db: Database) {}

  record(a: Omit<LoginAttempt, "id">): void {
    this.db
      .query(
        "INSERT INTO login_log (at, username, user_id, address, outcome, trusted) VALUES (?, ?, ?, ?, ?, ?)",
      )
      .run(a.at, a.username, a.userId, a.address, a.outcome, a.trusted);
  }

  /** Wrong passwords for `username` since its last success (and not before `since`). */
  accountFailures(username: string, since: number): { count: number; lastAt: number | null } {
    const last = this.db
      .query<{ id: number | null }, [string]>(
        "SELECT MAX(id) AS id FROM login_log WHERE username = ? AND outcome = 'success'",
      )
      .get(username)!.id;
    const r = this.db
      .query<{ n: number; at: number | null }, [string, number, number]>(
        "SELECT COUNT(*) AS n, MAX(at) AS at FROM login_log WHERE username = ? AND outcome = 'invalid-credentials' AND id > ? AND at >= ?",
      )
      .get(username, last ?? 0, since)!;
    return { count: r.n, lastAt: r.at };
  }

  /** Failed attempts from `address` since `since`, successes notwithstanding; and the oldest. */
  addressFailures(address: string, since: number): { count: number; firstAt: number | null } {
    const r = this.db
      .query<{ n: number; at: number | null }, [string, number]>(
        `SELECT COUNT(*) AS n, MIN(at) AS at FROM login_log WHERE address = ? AND ${FAILED} AND at > ?`,
      )
      .get(address, since)!;
    return { count: r.n, firstAt: r.at };
  }

  /** Wrong passwords for `userId` sent with a trusted device cookie since `since`. */
  deviceFailures(userId: number, since: number): number {
    return this.db
      .query<{ n: number }, [number, number]>(
        "SELECT COUNT(*) AS n FROM login_log WHERE user_id = ? AND trusted = 'device' AND outcome = 'invalid-credentials' AND at >= ?",
      )
      .get(userId, since)!.n;
  }

  isTrusted(userId: number, kind: Trust, value: string, since: number): boolean {
    return (
      this.db
        .query<{ n: number }, [number, string, string, number]>(
          "SELECT COUNT(*) AS n FROM login_trust WHERE user_id = ? AND kind = ? AND value = ? AND last_at >= ?",
        )
        .get(userId, kind, value, since)!.n > 0
    );
  }

  trust(userId: number, kind: Trust, value: string, now: number): void {
    this.db
      .query(
        `INSERT INTO login_trust (user_id, kind, value, last_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (user_id, kind, value) DO UPDATE SET last_at = excluded.last_at`,
      )
      .run(userId, kind, value, now);
  }

  /** Newest first; `before` = an id to page back from. */
  list(q: { limit: number; before?: number; username?: string; outcome?: LoginOutcome }): LoginAttempt[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    const add = (sql: string, v: string | number | undefined) => {
      if (v === undefined) return;
      where.push(sql);
      args.push(v);
    };
    add("id < ?", q.before);
    add("username = ?", q.username);
    add("outcome = ?", q.outcome);
    args.push(q.limit);
    return this.db
      .query<Row, (string | number)[]>(
        `SELECT * FROM login_log ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id DESC LIMIT ?`,
      )
      .all(...args)
      .map((r) => ({
        id: r.id,
        at: r.at,
        username: r.username,
        userId: r.user_id,
        address: r.address,
        outcome: r.outcome,
        trusted: r.trusted,
      }));
  }

  /** Forgets attempts and trusted places older than `before`. */
  purge(before: number): void {
    this.db.query("DELETE FROM login_log WHERE at < ?").run(before);
    this.db.query("DELETE FROM login_trust WHERE last_at < ?").run(before);
  }
}
