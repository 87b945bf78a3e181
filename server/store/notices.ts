/**
 * Visitors' notice subscriptions (table `notice_subscriptions`, migration 007; decision
 * 0115). SQL only here; server/notices/ decides when to send. One subscription per ticket
 * and channel; a new one for the same channel replaces the old.
 */
import type { Database } from "bun:sqlite";
import type { NoticeChannel } from "../contract/notices.ts";

export interface NoticeSubscription {
  id: number;
  ticketId: number;
  channel: NoticeChannel;
  /** `84…`, or a push subscription's JSON. */
  recipient: string;
  ahead: number | null;
  minutes: number | null;
  lang: "vi" | "en";
  createdAt: number;
  nearSentAt: number | null;
}

const COLS = `id, ticket_id AS ticketId, channel, recipient, ahead, minutes, lang,
  created_at AS createdAt, near_sent_at AS nearSentAt`;

export class NoticeStore {
  constructor(readonly db: Database) {}

  /** Adds or replaces the ticket's subscription on `channel`; returns it. */
  upsert(s: Omit<NoticeSubscription, "id" | "nearSentAt">): NoticeSubscription {
    return this.db
      .query<NoticeSubscription, (string | number | null)[]>(
        `INSERT INTO notice_subscriptions (ticket_id, channel, recipient, ahead, minutes, lang, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (ticket_id, channel) DO UPDATE SET recipient = excluded.recipient, ahead = excluded.ahead,
           minutes = excluded.minutes, lang = excluded.lang, created_at = excluded.created_at, near_sent_at = NULL
         RETURNING ${COLS}`,
      )
      .get(s.ticketId, s.channel, s.recipient, s.ahead, s.minutes, s.lang, s.createdAt)!;
  }

  byId(id: number): NoticeSubscription | null {
    return (
      this.db
        .query<NoticeSubscription, [number]>(`SELECT ${COLS} FROM notice_subscriptions WHERE id = ?`)
        .get(id) ?? null
    );
  }

  forTicket(ticketId: number): NoticeSubscription[] {
    return this.db
      .query<NoticeSubscription, [number]>(
        `SELECT ${COLS} FROM notice_subscriptions WHERE ticket_id = ? ORDER BY id`,
      )
      .all(ticketId);
  }

  /** Subscriptions whose "turn is near" notice is not written yet. */
  awaitingNear(): NoticeSubscription[] {
    return this.db
      .query<NoticeSubscription, []>(
        `SELECT ${COLS} FROM notice_subscriptions WHERE near_sent_at IS NULL AND (ahead IS NOT NULL OR minutes IS NOT NULL)`,
      )
      .all();
  }

  /** Marks the "near" notice written; false when another pass did it first. */
  markNear(id: number, at: number): boolean {
    return (
      this.db
        .query("UPDATE notice_subscriptions SET near_sent_at = ? WHERE id = ? AND near_sent_at IS NULL")
        .run(at, id).changes === 1
    );
  }

  /** Removes the ticket's subscriptions (on `channel`, or all); returns how many. */
  remove(ticketId: number, channel?: NoticeChannel): number {
    return channel
      ? this.db
          .query("DELETE FROM notice_subscriptions WHERE ticket_id = ? AND channel = ?")
          .run(ticketId, channel).changes
      : this.db.query("DELETE FROM notice_subscriptions WHERE ticket_id = ?").run(ticketId).changes;
  }

  /**
   * Removes the subscriptions of ended tickets (not waiting, called or serving) that have
   * no pending outbox message left: their recipient is no longer needed. Returns how many.
   */
  purgeEnded(): number {
    return this.db
      .query(
        `DELETE FROM notice_subscriptions WHERE ticket_id IN (
           SELECT t.id FROM tickets t WHERE t.status NOT IN ('waiting', 'called', 'serving'))
         AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.ticket_id = notice_subscriptions.ticket_id
           AND o.state = 'pending' AND o.channel IN ('push', 'zalo', 'sms'))`,
      )
      .run().changes;
  }

  /** Removes every subscription of a ticket ended before `before` (the retention job's backstop). */
  purgeEndedBefore(before: number): number {
    return this.db
      .query(
        `DELETE FROM notice_subscriptions WHERE ticket_id IN (
           SELECT id FROM tickets WHERE status NOT IN ('waiting', 'called', 'serving')
             AND COALESCE(finished_at, issued_at) < ?)`,
      )
      .run(before).changes;
  }

  /**
   * Removes the inline recipient (a booking's phone number) from an outbox message that
   * is no longer pending (delivered or given up): its purpose is over (decision 0115).
   */
  forgetInlineRecipient(outboxId: number): boolean {
    return (
      this.db
        .query(
          `UPDATE outbox SET payload = json_remove(payload, '$.recipient')
           WHERE id = ? AND state <> 'pending' AND json_valid(payload) AND json_extract(payload, '$.recipient') IS NOT NULL`,
        )
        .run(outboxId).changes === 1
    );
  }

  /**
   * Deletes the booking notices still waiting in the outbox under these dedupe keys (a
   * booking cancelled, checked in or missed: never remind it). Returns how many.
   */
  dropPendingByKeys(keys: readonly string[]): number {
    if (keys.length === 0) return 0;
    return this.db
      .query("DELETE FROM outbox WHERE state = 'pending' AND dedupe_key IN (SELECT value FROM json_each(?))")
      .run(JSON.stringify(keys)).changes;
  }

  /** Whether a notice of the ticket still waits in the outbox. */
  hasPendingNotice(ticketId: number): boolean {
    return (
      this.db
        .query<{ n: number }, [number]>(
          "SELECT COUNT(*) AS n FROM outbox WHERE ticket_id = ? AND state = 'pending' AND channel IN ('push', 'zalo', 'sms')",
        )
        .get(ticketId)?.n !== 0
    );
  }

  /** How many subscriptions are kept (tests, the admin's retention figures). */
  count(): number {
    return this.db.query<{ n: number }, []>("SELECT COUNT(*) AS n FROM notice_subscriptions").get()?.n ?? 0;
  }
}
