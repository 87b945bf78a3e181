/**
 * A booking's notices (appointments and notices, issue 14; decision 0115 "Booking
 * reminders"): to a visitor who gave a phone number when booking,
 *
 * - a confirmation at once (`booked`: field, day, slot, booking code, the `/hen/{code}`
 *   link to view or cancel), and
 * - a reminder before the slot (`reminder`), written now with the outbox's due time so the
 *   worker delivers it then (`notices.booking.reminderMin` before the slot; see
 *   `reminderDueAt` for nights and late bookings),
 *
 * both by Zalo ZNS when the hall set it up with a template for the kind, else by SMS
 * brandname (`NoticeService.phoneChannel`). They are written by the appointments service's
 * commit reaction, in the booking's own transaction, with dedupe keys `appt:<id>:booked`
 * and `appt:<id>:reminder`. A cancel, a check-in or a no-show deletes whatever of them
 * still waits, in that change's transaction: nobody is reminded of a booking they
 * cancelled or already came for.
 *
 * The phone number rides inline in the payload (the booking keeps its own copy, decision
 * 0111); the notice service removes it from the payload once the message is delivered or
 * given up, and the retention job removes any left. Events never carry it.
 */
import type { HallConfig } from "../contract/config.ts";
import type { AppointmentEvent } from "../contract/events.ts";
import type { NoticeFacts } from "../contract/notices.ts";
import type { Outbox } from "../outbox/outbox.ts";
import { vnParts } from "../queue/time.ts";
import type { NoticeStore } from "../store/notices.ts";
import type { NoticePayload, NoticeService } from "./service.ts";

const MIN = 60_000;
/** No reminder due sooner than this after booking: the confirmation just said it all. */
export const REMINDER_MIN_GAP_MS = 30 * MIN;
/** Local hours when no reminder is sent (21:00–07:00); such a reminder goes at 19:00 the evening before. */
const NIGHT_FROM = 21;
const NIGHT_TO = 7;
const EVENING = 19;

/**
 * When a booking's reminder is due: `leadMin` before the slot; when that falls at night
 * (from 21:00 to before 07:00, local time) — an early-morning slot — at 19:00 the evening
 * before instead. Null when reminders are off (`leadMin` 0) or the time is less than
 * 30 minutes after `bookedAt` (booked shortly before: the confirmation is the reminder).
 */
export function reminderDueAt(slotAt: number, leadMin: number, bookedAt: number): number | null {
  if (leadMin <= 0) return null;
  let due = slotAt - leadMin * MIN;
  const p = vnParts(due);
  if (p.hour >= NIGHT_FROM || p.hour < NIGHT_TO) {
    // The evening before the slot's morning (a 21:00+ time is already that evening).
    const back = p.hour >= NIGHT_FROM ? 0 : 24 * 60 * MIN;
    due = due - back - ((p.hour * 60 + p.minute) * MIN + p.second * 1000) + EVENING * 60 * MIN;
    due -= due % 1000;
  }
  return due - bookedAt < REMINDER_MIN_GAP_MS ? null : due;
}

/** The dedupe key of a booking's notice of one kind. */
export function bookingNoticeKey(appointmentId: number, kind: "booked" | "reminder"): string {
  return `appt:${appointmentId}:${kind}`;
}

export interface BookingNoticeDeps {
  notices: NoticeService;
  outbox: Outbox;
  store: NoticeStore;
  config: () => HallConfig;
  /** The booking page of a code: `<public url>/hen/<code>`. */
  bookingUrl: (code: string) => string;
}

/** The appointments service's commit reaction for a booking's notices. */
export class BookingNotices {
  constructor(private readonly d: BookingNoticeDeps) {}

  /** Reacts to one booking change, inside its transaction. */
  react(e: AppointmentEvent): void {
    const a = e.appointment;
    if (e.type !== "appointment.booked") {
      // Cancelled, checked in or missed: what still waits is never sent.
      const keys = [bookingNoticeKey(a.id, "reminder"), bookingNoticeKey(a.id, "booked")];
      this.d.store.dropPendingByKeys([...keys, ...keys.map((k) => `${k}:sms`)]);
      return;
    }
    if (!a.phone) return;
    const cfg = this.d.config();
    const now = Date.parse(e.at);
    const slotAt = Date.parse(a.slotAt);
    const service = cfg.services.find((s) => s.id === a.serviceId)?.name;
    const facts = (kind: "booked" | "reminder"): NoticeFacts => ({
      kind,
      number: a.code,
      ...(service ? { service } : {}),
      date: a.date,
      slot: a.slot,
      url: this.d.bookingUrl(a.code),
    });
    if (cfg.notices.booking.confirm) this.write(a, facts("booked"), now);
    const due = reminderDueAt(slotAt, cfg.notices.booking.reminderMin, now);
    if (due !== null) this.write(a, facts("reminder"), due);
  }

  private write(a: AppointmentEvent["appointment"], facts: NoticeFacts, dueAt: number): void {
    const kind = facts.kind as "booked" | "reminder";
    const channel = this.d.notices.phoneChannel(kind);
    if (!channel || !a.phone) return;
    const payload: NoticePayload = {
      v: 1,
      kind,
      lang: a.lang,
      facts,
      recipient: { kind: "phone", phone: a.phone },
      appointmentId: a.id,
    };
    this.d.outbox.enqueue({
      channel,
      topic: `notice.${kind}`,
      dedupeKey: bookingNoticeKey(a.id, kind),
      ticketId: null,
      payload: JSON.stringify(payload),
      dueAt,
      // The outbox gives up 24 h after a message is written: a reminder written days ahead
      // counts as written when it is due, so its retries get their full day.
      createdAt: dueAt,
    });
  }
}
