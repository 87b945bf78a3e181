/**
 * Appointments ("đặt lịch hẹn", issue 14): the use cases behind `/api/appointments/*`.
 * Booking, cancelling, check-in at the kiosk (the booking becomes a ticket due at its slot,
 * in the issue's own transaction), and the no-show sweep run on the clock. Rules are in
 * server/queue/slots.ts; rows in server/store/appointments.ts; decisions 0110–0112.
 *
 * Every change is published as a typed `AppointmentEvent` (contract/events.ts): to the
 * `onCommit` reactions inside its transaction (a reminder's outbox row commits with the
 * booking or not at all) and on the event bus after the commit. Nothing is sent from here.
 */

import type { ServiceConfig } from "../contract/config.ts";
import type { AppointmentEvent, AppointmentEventType } from "../contract/events.ts";
import { normalizeVnMobile } from "../contract/notices.ts";
import type { EventBus } from "../events/bus.ts";
import type { Hall } from "../hall/hall.ts";
import {
  bookingCode,
  bookingDays,
  checkInVerdict,
  checkInWindow,
  daySlots,
  normalizeBookingCode,
  type SlotDef,
} from "../queue/slots.ts";
import { isoVn, serviceDay, vnParts } from "../queue/time.ts";
import { DomainError } from "../queue/types.ts";
import type { AppointmentRec, AppointmentStore } from "../store/appointments.ts";

export interface AppointmentDeps {
  hall: Hall;
  store: AppointmentStore;
  bus: EventBus;
  /** Random bytes for booking codes (crypto in the server). */
  random: (n: number) => Uint8Array;
}

/** A slot as the booking page shows it. */
export interface SlotView {
  slot: string;
  at: number;
  bookable: number;
  free: number;
  past: boolean;
}

/** Reacts to a booking change inside its transaction; throwing rolls the change back. */
export type AppointmentReaction = (e: AppointmentEvent) => void;

const pad = (n: number) => String(n).padStart(2, "0");

export class AppointmentService {
  private readonly reactions: AppointmentReaction[] = [];

  constructor(private readonly d: AppointmentDeps) {}

  /** Registers work that commits with every booking change (e.g. a reminder in the outbox). */
  onCommit(fn: AppointmentReaction): void {
    this.reactions.push(fn);
  }

  /** The fields that take bookings now, in kiosk order. */
  fields(): ServiceConfig[] {
    return this.d.hall.config.services.filter((s) => s.appointments.enabled && s.open);
  }

  /** A field that takes bookings, or the refusal. */
  private field(serviceId: string): ServiceConfig {
    const s = this.d.hall.config.services.find((x) => x.id === serviceId);
    if (!s) throw new DomainError("appointment-service-unknown");
    if (!s.appointments.enabled) throw new DomainError("appointments-off");
    return s;
  }

  /** The days one may book a field on, each with its free places (0 on a closed day). */
  days(serviceId: string, now = this.d.hall.now()) {
    const s = this.field(serviceId);
    return bookingDays(now, s.appointments.aheadDays).map((date) => {
      const slots = this.slotViews(s, date, now);
      return {
        date,
        open: slots.length > 0,
        free: slots.reduce((n, x) => n + (x.past ? 0 : x.free), 0),
      };
    });
  }

  /** The slots of a field on a day with their free places; refusals for a far or closed day. */
  slots(
    serviceId: string,
    date: string,
    now = this.d.hall.now(),
  ): { field: ServiceConfig; slots: SlotView[] } {
    const s = this.field(serviceId);
    this.checkDay(s, date, now);
    const slots = this.slotViews(s, date, now);
    if (slots.length === 0) throw new DomainError("appointment-day-closed");
    return { field: s, slots };
  }

  private slotViews(s: ServiceConfig, date: string, now: number): SlotView[] {
    const taken = this.d.store.takenBySlot(s.id, date);
    return daySlots(this.d.hall.config, s, date).map((x: SlotDef) => ({
      ...x,
      free: Math.max(0, x.bookable - (taken.get(x.slot) ?? 0)),
      past: x.at <= now,
    }));
  }

  private checkDay(s: ServiceConfig, date: string, now: number): void {
    const days = bookingDays(now, s.appointments.aheadDays);
    if (date < days[0]!) throw new DomainError("appointment-slot-past");
    if (!days.includes(date))
      throw new DomainError("appointment-too-far", { aheadDays: s.appointments.aheadDays });
  }

  /** Books a place; refusals: unknown/off field, far/closed day, unknown/past/full slot, bad or busy phone. */
  book(input: { serviceId: string; date: string; slot: string; phone?: string | null; lang?: "vi" | "en" }) {
    const now = this.d.hall.now();
    const s = this.field(input.serviceId);
    const phone = input.phone?.trim() ? normalizeVnMobile(input.phone) : null;
    if (input.phone?.trim() && phone === null) throw new DomainError("invalid-phone");
    this.checkDay(s, input.date, now);
    const slots = daySlots(this.d.hall.config, s, input.date);
    if (slots.length === 0) throw new DomainError("appointment-day-closed");
    const slot = slots.find((x) => x.slot === input.slot);
    if (!slot) throw new DomainError("appointment-slot-invalid");
    if (slot.at <= now) throw new DomainError("appointment-slot-past");
    const rec = this.d.store.transaction(() => {
      const taken = this.d.store.takenBySlot(s.id, input.date).get(slot.slot) ?? 0;
      if (taken >= slot.bookable) throw new DomainError("appointment-slot-full");
      if (phone && this.d.store.phoneHoldsSlot(phone, slot.at))
        throw new DomainError("appointment-phone-taken");
      const a = this.insertWithFreshCode({
        serviceId: s.id,
        serviceDay: input.date,
        slot: slot.slot,
        slotAt: slot.at,
        phone,
        lang: input.lang ?? "vi",
        createdAt: now,
      });
      this.react("appointment.booked", a, now);
      return a;
    });
    this.publish("appointment.booked", rec, now);
    this.foresee(now);
    return rec;
  }

  private insertWithFreshCode(a: Omit<AppointmentRec, "id" | "endedAt" | "ticketId" | "status" | "code">) {
    for (let i = 0; ; i++) {
      const code = bookingCode(this.d.random(24));
      if (this.d.store.byCode(code) && i < 5) continue;
      return this.d.store.insert({ ...a, code });
    }
  }

  /** A booking by its code (as typed, scanned or in the URL). */
  byCode(raw: string): AppointmentRec {
    const code = normalizeBookingCode(raw);
    const a = code ? this.d.store.byCode(code) : null;
    if (!a) throw new DomainError("appointment-not-found");
    return a;
  }

  /** The visitor cancels; only a booking not yet checked in, missed or cancelled. */
  cancel(raw: string): AppointmentRec {
    const now = this.d.hall.now();
    const a = this.byCode(raw);
    if (a.status !== "booked") throw new DomainError("appointment-not-active");
    this.d.store.transaction(() => {
      if (!this.d.store.end(a.id, "cancelled", now, null)) throw new DomainError("appointment-not-active");
      this.react("appointment.cancelled", a, now);
    });
    this.publish("appointment.cancelled", a, now);
    this.foresee(now);
    return { ...a, status: "cancelled", endedAt: now, phone: null };
  }

  /**
   * Check-in at a kiosk: within the window, the booking becomes a ticket of its field due
   * at the slot time; again later, the same ticket (`repeated`: the kiosk reprints it).
   * Outside the window: too early (come back at …) or too late (take a normal ticket).
   */
  checkIn(raw: string, kioskId: string | null) {
    const now = this.d.hall.now();
    const a = this.byCode(raw);
    if (a.status === "checked-in" && a.ticketId !== null) {
      const t = this.d.hall.ticketById(a.ticketId);
      if (t) return { ...t, appointment: a, repeated: true };
    }
    if (a.status !== "booked") throw new DomainError("appointment-not-active");
    const cfg = this.d.hall.config.services.find((x) => x.id === a.serviceId)?.appointments;
    if (!cfg) throw new DomainError("appointment-service-unknown");
    const v = checkInVerdict(a.slotAt, now, cfg);
    if (!v.ok && v.why === "early") {
      const p = vnParts(v.opensAt);
      const hm = `${pad(p.hour)}:${pad(p.minute)}`;
      const comeBackAt =
        serviceDay(v.opensAt) === serviceDay(now) ? hm : `${hm} ${pad(p.day)}/${pad(p.month)}/${p.year}`;
      throw new DomainError("check-in-too-early", { comeBackAt, opensAt: isoVn(v.opensAt) });
    }
    if (!v.ok) throw new DomainError("check-in-too-late", { slot: a.slot, closedAt: isoVn(v.closedAt) });
    let done: AppointmentRec = a;
    const issued = this.d.hall.issue(
      { serviceId: a.serviceId, priority: "none", kioskId, lang: a.lang, dueAt: a.slotAt },
      {
        eventData: { booked: true },
        booking: {
          record: (t) => {
            if (!this.d.store.end(a.id, "checked-in", now, t.id))
              throw new DomainError("appointment-not-active");
            done = { ...a, status: "checked-in", endedAt: now, ticketId: t.id };
            this.react("appointment.checked-in", done, now, t);
          },
        },
      },
    );
    this.publish("appointment.checked-in", done, now, issued.rec);
    this.foresee(now);
    return { ...issued, appointment: done, repeated: false };
  }

  /**
   * The no-show job: bookings whose check-in window has closed become no-shows. Run on the
   * clock (every minute in the server; tests call it after moving a FakeClock). Returns how many.
   */
  sweep(now = this.d.hall.now()): number {
    const svc = new Map(this.d.hall.config.services.map((s) => [s.id, s.appointments]));
    let n = 0;
    for (const a of this.d.store.overdue(now)) {
      const cfg = svc.get(a.serviceId) ?? { checkInEarlyMin: 15, checkInLateMin: 10 };
      if (checkInWindow(a.slotAt, cfg).closes > now) continue;
      const ok = this.d.store.transaction(() => {
        if (!this.d.store.end(a.id, "no-show", now, null)) return false;
        this.react("appointment.no-show", a, now);
        return true;
      });
      if (ok) {
        n++;
        this.publish("appointment.no-show", a, now);
      }
    }
    this.foresee(now, n);
    return n;
  }

  /**
   * Hands the wait estimate today's bookings still to check in (each due at its slot, as
   * its ticket will be), and how many were just missed (decision 0112).
   */
  private foresee(now: number, missed = 0): void {
    const list = this.d.store
      .ofDay(serviceDay(now))
      .filter((a) => a.status === "booked")
      .map((a) => ({ serviceId: a.serviceId, dueAt: a.slotAt }));
    this.d.hall.foreseeBookings(list, missed);
  }

  /** Today's bookings and their counts (staff: the manager's dashboard). */
  today(now = this.d.hall.now()) {
    const day = serviceDay(now);
    return { day, counts: this.d.store.dayCounts(day), list: this.d.store.ofDay(day) };
  }

  /** Whether the ticket came from a booking (the console's and boards' marker). */
  ofTicket(ticketId: number): AppointmentRec | null {
    return this.d.store.byTicket(ticketId);
  }

  /** The booking page's URL of a booking (what its QR carries). */
  url(a: Pick<AppointmentRec, "code">): string {
    return `${this.d.hall.publicUrlBase()}/hen/${a.code}`;
  }

  private event(
    type: AppointmentEventType,
    a: AppointmentRec,
    now: number,
    t?: { id: number; number: string; code: string },
  ): AppointmentEvent {
    const e: AppointmentEvent = {
      type,
      at: isoVn(now),
      hallId: this.d.hall.config.id,
      appointment: {
        id: a.id,
        code: a.code,
        serviceId: a.serviceId,
        date: a.serviceDay,
        slot: a.slot,
        slotAt: isoVn(a.slotAt),
        phone: a.phone,
        lang: a.lang,
      },
    };
    if (t) e.ticket = { id: t.id, number: t.number, code: t.code };
    return e;
  }

  private react(
    type: AppointmentEventType,
    a: AppointmentRec,
    now: number,
    t?: { id: number; number: string; code: string },
  ): void {
    const e = this.event(type, a, now, t);
    for (const r of this.reactions) r(e);
  }

  private publish(
    type: AppointmentEventType,
    a: AppointmentRec,
    now: number,
    t?: { id: number; number: string; code: string },
  ): void {
    this.d.bus.emit("appointment", this.event(type, a, now, t));
  }
}
