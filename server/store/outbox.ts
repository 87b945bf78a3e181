/**
 * The outbox (table `outbox`, migration 004): messages to outside systems, written in the
 * same transaction as the event that causes them, delivered later by server/outbox/ with
 * retries. SQL only here; the worker decides when and how.
 */
import type { Database } from "bun:sqlite";

export type OutboxState = "pending" | "delivered" | "failed";

export interface OutboxMessage {
  id: number;
  messageId: string;
  channel: string;
  topic: string;
  dedupeKey: string | null;
  ticketId: number | null;
  payload: string;
  state: OutboxState;
  createdAt: number;
  dueAt: number;
  attempts: number;
  lastAttemptAt: number | null;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: number | null;
}

export interface NewMessage {
  messageId: string;
  channel: string;
  topic: string;
  dedupeKey: string | null;
  ticketId: number | null;
  payload: string;
  createdAt: number;
  dueAt: number;
}

/** Per channel: what waits, what failed, what went through, and the last problem. */
export interface ChannelFigures {
  channel: string;
  pending: number;
  retrying: number;
  failed: number;
  delivered: number;
  oldestPendingAt: number | null;
  lastDeliveredAt: number | null;
  lastError: { at: number; status: number | null; error: string } | null;
}

/** The columns as OutboxMessage fields, of table alias `p` (or none). */
function cols(p = ""): string {
  const a = p ? `${p}.` : "";
  return [
    "id",
    "message_id AS messageId",
    "channel",
    "topic",
    "dedupe_key AS dedupeKey",
    "ticket_id AS ticketId",
    "payload",
    "state",
    "created_at AS createdAt",
    "due_at AS dueAt",
    "attempts",
    "last_attempt_at AS lastAttemptAt",
    "last_status AS lastStatus",
    "last_error AS lastError",
    "delivered_at AS deliveredAt",
  ]
    .map((c) => a + (c.includes(" AS ") ? c : `${c} AS ${c}`))
    .join(", ");
}
const COLS = cols();

export class OutboxStore {
  constructor(readonly db: Database) {}

  /** Adds a message (inside the caller's transaction); returns its row id. */
  enqueue(m: NewMessage): number {
    return this.db
      .query<{ id: number }, (string | number | null)[]>(
        `INSERT INTO outbox (message_id, channel, topic, dedupe_key, ticket_id, payload, state, created_at, due_at)
         VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?) RETURNING id`,
      )
      .get(m.messageId, m.channel, m.topic, m.dedupeKey, m.ticketId, m.payload, m.createdAt, m.dueAt)!.id;
  }

  /** The latest message with this dedupe key (any state), if any. */
  latestByKey(key: string): OutboxMessage | null {
    return (
      this.db
        .query<OutboxMessage, [string]>(
          `SELECT ${COLS} FROM outbox WHERE dedupe_key = ? ORDER BY id DESC LIMIT 1`,
        )
        .get(key) ?? null
    );
  }

  /** Replaces the payload (and due time) of a message not yet attempted. False if it was. */
  amend(id: number, payload: string, dueAt: number): boolean {
    return (
      this.db
        .query(
          "UPDATE outbox SET payload = ?, due_at = ? WHERE id = ? AND state = 'pending' AND attempts = 0",
        )
        .run(payload, dueAt, id).changes === 1
    );
  }

  byId(id: number): OutboxMessage | null {
    return this.db.query<OutboxMessage, [number]>(`SELECT ${COLS} FROM outbox WHERE id = ?`).get(id) ?? null;
  }

  /** Pending messages due at `now`, oldest due first. */
  due(now: number, limit: number): OutboxMessage[] {
    return this.db
      .query<OutboxMessage, [number, number]>(
        `SELECT ${COLS} FROM outbox WHERE state = 'pending' AND due_at <= ? ORDER BY due_at, id LIMIT ?`,
      )
      .all(now, limit);
  }

  /** The channels with a pending message due at `now`. */
  dueChannels(now: number): string[] {
    return this.db
      .query<{ channel: string }, [number]>(
        "SELECT DISTINCT channel FROM outbox WHERE state = 'pending' AND due_at <= ? ORDER BY channel",
      )
      .all(now)
      .map((r) => r.channel);
  }

  /** Pending messages of one channel due at `now`, oldest due first. */
  dueFor(channel: string, now: number, limit: number): OutboxMessage[] {
    return this.db
      .query<OutboxMessage, [string, number, number]>(
        `SELECT ${COLS} FROM outbox WHERE channel = ? AND state = 'pending' AND due_at <= ? ORDER BY due_at, id LIMIT ?`,
      )
      .all(channel, now, limit);
  }

  /** When the next pending message is due, or null when none waits. */
  nextDueAt(): number | null {
    return (
      this.db
        .query<{ m: number | null }, []>("SELECT MIN(due_at) AS m FROM outbox WHERE state = 'pending'")
        .get()?.m ?? null
    );
  }

  delivered(id: number, at: number, status: number | null): void {
    this.db
      .query(
        `UPDATE outbox SET state = 'delivered', attempts = attempts + 1, last_attempt_at = ?, last_status = ?,
           last_error = NULL, delivered_at = ? WHERE id = ?`,
      )
      .run(at, status, at, id);
  }

  /** A failed attempt: try again at `dueAt`, or give up (`dueAt` null → failed). */
  attemptFailed(id: number, at: number, status: number | null, error: string, dueAt: number | null): void {
    this.db
      .query(
        `UPDATE outbox SET state = ?, attempts = attempts + 1, last_attempt_at = ?, last_status = ?, last_error = ?,
           due_at = COALESCE(?, due_at) WHERE id = ?`,
      )
      .run(dueAt === null ? "failed" : "pending", at, status, error.slice(0, 500), dueAt, id);
  }

  /** A failed message goes back in line now (the manager's "gửi lại"). */
  requeue(id: number, now: number): boolean {
    return (
      this.db
        .query("UPDATE outbox SET state = 'pending', due_at = ? WHERE id = ? AND state = 'failed'")
        .run(now, id).changes === 1
    );
  }

  /** Figures per channel; `delivered` counts messages delivered since `since`. */
  figures(since: number): ChannelFigures[] {
    const rows = this.db
      .query<
        {
          channel: string;
          pending: number;
          retrying: number;
          failed: number;
          delivered: number;
          oldest: number | null;
          lastDelivered: number | null;
        },
        [number]
      >(
        `SELECT channel,
           SUM(state = 'pending') AS pending,
           SUM(state = 'pending' AND attempts > 0) AS retrying,
           SUM(state = 'failed') AS failed,
           SUM(state = 'delivered' AND delivered_at >= ?1) AS delivered,
           MIN(CASE WHEN state = 'pending' THEN created_at END) AS oldest,
           MAX(delivered_at) AS lastDelivered
         FROM outbox GROUP BY channel ORDER BY channel`,
      )
      .all(since);
    return rows.map((r) => {
      const e = this.db
        .query<{ at: number; status: number | null; error: string }, [string]>(
          `SELECT last_attempt_at AS at, last_status AS status, last_error AS error FROM outbox
           WHERE channel = ? AND last_error IS NOT NULL ORDER BY last_attempt_at DESC LIMIT 1`,
        )
        .get(r.channel);
      return {
        channel: r.channel,
        pending: r.pending ?? 0,
        retrying: r.retrying ?? 0,
        failed: r.failed ?? 0,
        delivered: r.delivered ?? 0,
        oldestPendingAt: r.oldest,
        lastDeliveredAt: r.lastDelivered,
        lastError: e ?? null,
      };
    });
  }

  /** Messages that need a look (failed or retrying) first, then the latest others. */
  recent(limit: number): (OutboxMessage & { number: string | null })[] {
    return this.db
      .query<OutboxMessage & { number: string | null }, [number]>(
        `SELECT ${cols("o")}, t.number AS number
         FROM outbox o LEFT JOIN tickets t ON t.id = o.ticket_id
         ORDER BY (o.state = 'failed') DESC, (o.state = 'pending' AND o.attempts > 0) DESC, o.id DESC LIMIT ?`,
      )
      .all(limit);
  }
}
