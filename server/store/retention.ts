/**
 * Data retention under Decree 13/2023/NĐ-CP (issue 12, docs/decisions/0103-backups-and-retention.md):
 * after `retention.visitDays` the details of a visit that could identify someone are
 * removed, and everything the reports count stays.
 *
 * Removed from a visit older than the period (ended: not waiting, called or serving):
 * - the ticket code (the secret of the phone status page and the QR) becomes `~<id>`, which
 *   no code can be (codes are base32) and which `ticketByCode` never finds;
 * - the dossier link (`visit_dossiers`: the one-stop system's dossier code, typed at the
 *   kiosk or the console) and the code in its `dossier-linked` event row (the procedure
 *   code, a kind of procedure, stays in the event);
 * - the free-text reason of an out-of-order call, and any `note`, in its event rows;
 * - the kiosk's idempotency key (`issue_requests`) and the visit's delivered or failed
 *   outbox messages (their payload repeats the codes).
 * The ticket row is marked `anonymized_at` in the same transaction, so a batch is done
 * whole or not at all and a second run finds nothing to do.
 *
 * Removed at every run, whatever the period (issue 14, decision 0115): the recipients of
 * visitors' notices (phone numbers, push addresses) of tickets issued before today's
 * service day, or ended with nothing left to send (`dropNoticeRecipients`); the notice
 * service removes most of them itself as soon as a ticket is over. Likewise the phone
 * numbers inline in booking notices of the outbox once delivered or given up, booking
 * notices still waiting for a booking no longer live, and the settled booking notices of
 * anonymised bookings (`dropBookingNoticeRecipients`).
 *
 * Removed from counter events older than the period: the free-text pause reason
 * (`counter-paused`; it may say why an officer was away). The pause itself stays.
 *
 * Kept: number, field, priority, status, every time, counter, officer, rating, transfers,
 * counter sessions: the whole input of the reports.
 *
 * Removed from a booking (issue 14, docs/decisions/0111-appointment-privacy.md) whose slot
 * is older than the period and that has ended (cancelled, checked in, no-show): its phone
 * number and its code (`~<id>`); field, day, slot, status and times stay for the reports.
 */
import type { Database } from "bun:sqlite";

/** Statuses of a visit still in the hall: never touched, whatever its age. */
const OPEN = "('waiting', 'called', 'serving')";

/**
 * Keys of event data that hold what a person typed: the out-of-order call's reason, a
 * dossier code, and `note` (no event carries one today; any later free-text note must be
 * named `note` to be covered). Reasons of other events are fixed codes (`day-end`,
 * `visitor`, `counter-closed`) and stay.
 */
const TEXT_KEYS_SQL = `CASE type WHEN 'called' THEN json_remove(data, '$.reason', '$.note', '$.dossierCode')
  ELSE json_remove(data, '$.note', '$.dossierCode') END`;

export class RetentionStore {
  constructor(readonly db: Database) {}

  /**
   * Anonymises up to `limit` ended visits issued before `before` (UTC ms) and not done
   * yet, in one transaction; `now` is written as `anonymized_at`. Returns how many.
   */
  anonymizeVisits(before: number, now: number, limit: number): number {
    return this.db.transaction(() => {
      const ids = this.db
        .query<{ id: number }, [number, number]>(
          `SELECT id FROM tickets WHERE anonymized_at IS NULL AND issued_at < ? AND status NOT IN ${OPEN}
           ORDER BY issued_at LIMIT ?`,
        )
        .all(before, Math.max(1, Math.floor(limit)))
        .map((r) => r.id);
      if (ids.length === 0) return 0;
      const list = JSON.stringify(ids);
      const inList = "(SELECT value FROM json_each(?))";
      this.db
        .query(`UPDATE events SET data = ${TEXT_KEYS_SQL} WHERE ticket_id IN ${inList} AND data IS NOT NULL`)
        .run(list);
      this.db.query(`DELETE FROM visit_dossiers WHERE ticket_id IN ${inList}`).run(list);
      this.db.query(`DELETE FROM issue_requests WHERE ticket_id IN ${inList}`).run(list);
      this.db.query(`DELETE FROM notice_subscriptions WHERE ticket_id IN ${inList}`).run(list);
      this.db.query(`DELETE FROM outbox WHERE ticket_id IN ${inList} AND state <> 'pending'`).run(list);
      const done = this.db
        .query(
          `UPDATE tickets SET code = '~' || id, anonymized_at = ? WHERE id IN ${inList} AND anonymized_at IS NULL`,
        )
        .run(now, list);
      return done.changes;
    })();
  }

  /** Anonymises up to `limit` ended bookings whose slot was before `before`, in one transaction. */
  anonymizeAppointments(before: number, now: number, limit: number): number {
    return this.db.transaction(
      () =>
        this.db
          .query(
            `UPDATE appointments SET code = '~' || id, phone = NULL, anonymized_at = ? WHERE id IN (
               SELECT id FROM appointments WHERE anonymized_at IS NULL AND slot_at < ? AND status <> 'booked'
               ORDER BY slot_at LIMIT ?)`,
          )
          .run(now, before, Math.max(1, Math.floor(limit))).changes,
    )();
  }

  /**
   * Deletes the notice recipients no longer needed: every subscription of a ticket issued
   * before `dayStart` (a ticket never outlives its service day), and those of tickets over
   * (done, no-show, cancelled) with no notice waiting in the outbox. Returns how many.
   */
  dropNoticeRecipients(dayStart: number): number {
    return this.db.transaction(
      () =>
        this.db
          .query(
            `DELETE FROM notice_subscriptions WHERE ticket_id IN (
               SELECT id FROM tickets WHERE issued_at < ?1
                 OR (status NOT IN ${OPEN} AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.ticket_id = tickets.id
                   AND o.state = 'pending' AND o.channel IN ('push', 'zalo', 'sms'))))`,
          )
          .run(dayStart).changes,
    )();
  }

  /**
   * Booking notices in the outbox (decision 0115): removes the inline phone number of every
   * one delivered or given up (the notice service does it as each settles; this is the
   * backstop), deletes any still waiting for a booking no longer live (cancelled, checked
   * in, missed), and deletes the settled ones of bookings already anonymised (their payload
   * repeats the booking code). Returns how many rows it changed.
   */
  dropBookingNoticeRecipients(): number {
    return this.db.transaction(() => {
      const booking = "json_valid(payload) AND json_extract(payload, '$.appointmentId') IS NOT NULL";
      const a = this.db
        .query(
          `UPDATE outbox SET payload = json_remove(payload, '$.recipient')
           WHERE state <> 'pending' AND json_valid(payload) AND json_extract(payload, '$.recipient') IS NOT NULL`,
        )
        .run().changes;
      const b = this.db
        .query(
          `DELETE FROM outbox WHERE state = 'pending' AND ${booking} AND NOT EXISTS (SELECT 1 FROM appointments ap
             WHERE ap.id = json_extract(outbox.payload, '$.appointmentId') AND ap.status = 'booked')`,
        )
        .run().changes;
      const c = this.db
        .query(
          `DELETE FROM outbox WHERE state <> 'pending' AND ${booking} AND EXISTS (SELECT 1 FROM appointments ap
             WHERE ap.id = json_extract(outbox.payload, '$.appointmentId') AND ap.anonymized_at IS NOT NULL)`,
        )
        .run().changes;
      return a + b + c;
    })();
  }

  /** Removes the free-text reason of up to `limit` counter pauses before `before`, in one transaction. */
  scrubPauseReasons(before: number, limit: number): number {
    return this.db.transaction(
      () =>
        this.db
          .query(
            `UPDATE events SET data = json_remove(data, '$.reason') WHERE id IN (
               SELECT id FROM events WHERE type = 'counter-paused' AND at < ?
                 AND json_extract(data, '$.reason') IS NOT NULL LIMIT ?)`,
          )
          .run(before, Math.max(1, Math.floor(limit))).changes,
    )();
  }

  /** How many ended visits before `before` still carry their details (for the admin screen and tests). */
  pending(before: number): number {
    return (
      this.db
        .query<{ n: number }, [number]>(
          `SELECT COUNT(*) AS n FROM tickets WHERE anonymized_at IS NULL AND issued_at < ? AND status NOT IN ${OPEN}`,
        )
        .get(before)?.n ?? 0
    );
  }
}
