/** Appointments (issue 14): booking page, kiosk check-in, the manager's day (contract/api/appointments.ts). */
import type { AppointmentService } from "../../appointments/service.ts";
import type { Appointment } from "../../contract/api/appointments.ts";
import {
  appointment,
  appointmentDays,
  appointmentFields,
  appointmentSlots,
  appointmentsToday,
  bookAppointment,
  cancelAppointment,
  checkInAppointment,
} from "../../contract/api/appointments.ts";
import type { Ticket } from "../../contract/domain.ts";
import { reminderDueAt } from "../../notices/bookings.ts";
import { checkInWindow } from "../../queue/slots.ts";
import { isoVn } from "../../queue/time.ts";
import type { AppointmentRec } from "../../store/appointments.ts";
import type { AppDeps } from "../deps.ts";
import { ApiError } from "../errors.ts";
import { routes } from "../routing.ts";

export function appointmentRoutes(d: AppDeps & { appointments: AppointmentService }) {
  const r = routes(d.auth);
  const svc = d.appointments;

  const dto = (a: AppointmentRec): Appointment => {
    const cfg = d.hall.config.services.find((s) => s.id === a.serviceId)?.appointments ?? {
      checkInEarlyMin: 15,
      checkInLateMin: 10,
    };
    const w = checkInWindow(a.slotAt, cfg);
    const out: Appointment = {
      code: a.code,
      serviceId: a.serviceId,
      date: a.serviceDay,
      slot: a.slot,
      slotAt: isoVn(a.slotAt),
      status: a.status,
      checkInFrom: isoVn(w.opens),
      checkInUntil: isoVn(w.closes),
      reminder: a.phone !== null,
      url: svc.url(a),
    };
    const reminderAt = reminderOf(a);
    if (reminderAt !== null) out.reminderAt = isoVn(reminderAt);
    if (a.ticketId !== null) {
      const t = d.hall.ticketById(a.ticketId);
      if (t) out.ticket = { number: t.ticket.number, statusUrl: t.ticket.statusUrl };
    }
    return out;
  };

  // When the booking's reminder goes out (as server/notices/bookings.ts writes it), or null.
  const reminderOf = (a: AppointmentRec): number | null => {
    if (a.status !== "booked" || a.phone === null || !d.notices?.phoneChannel("reminder")) return null;
    return reminderDueAt(a.slotAt, d.hall.config.notices.booking.reminderMin, a.createdAt);
  };

  // A number is asked for only when something will be sent to it (decisions 0111, 0115).
  const remindersOffered = () => {
    const b = d.hall.config.notices.booking;
    const n = d.notices;
    if (!n) return false;
    return (
      (b.confirm && n.phoneChannel("booked") !== null) ||
      (b.reminderMin > 0 && n.phoneChannel("reminder") !== null)
    );
  };

  r.on(appointmentFields, (c) =>
    c.json(
      {
        fields: svc.fields().map((s) => ({
          id: s.id,
          name: s.name,
          slotMin: s.appointments.slotMin,
          aheadDays: s.appointments.aheadDays,
          checkInEarlyMin: s.appointments.checkInEarlyMin,
          checkInLateMin: s.appointments.checkInLateMin,
        })),
        hallName: d.hall.config.name,
        bookingUrl: `${d.hall.publicUrlBase()}/hen`,
        reminders: remindersOffered(),
      },
      200,
    ),
  );

  r.on(appointmentDays, (c) => {
    const { serviceId } = c.req.valid("query");
    return c.json({ serviceId, days: svc.days(serviceId) }, 200);
  });

  r.on(appointmentSlots, (c) => {
    const { serviceId, date } = c.req.valid("query");
    const { field, slots } = svc.slots(serviceId, date);
    return c.json(
      {
        serviceId,
        name: field.name,
        date,
        slotMin: field.appointments.slotMin,
        slots: slots.map((s) => ({
          slot: s.slot,
          at: isoVn(s.at),
          bookable: s.bookable,
          free: s.free,
          past: s.past,
        })),
      },
      200,
    );
  });

  // Staff: counts and the list without phone numbers (decision 0111).
  r.on(appointmentsToday, (c) => {
    const t = svc.today();
    const totals = { booked: 0, checkedIn: 0, noShow: 0, cancelled: 0 };
    for (const f of t.counts) {
      totals.booked += f.booked;
      totals.checkedIn += f.checkedIn;
      totals.noShow += f.noShow;
      totals.cancelled += f.cancelled;
    }
    const list = t.list.map((a) => ({
      code: a.code,
      serviceId: a.serviceId,
      slot: a.slot,
      status: a.status,
      number: a.ticketId === null ? null : (d.hall.ticketById(a.ticketId)?.ticket.number ?? null),
      reminder: a.phone !== null,
    }));
    return c.json({ day: t.day, totals, fields: t.counts, list }, 200);
  });

  // Bookings share the kiosks' per-address rate (a page cannot book a whole day away).
  r.on(bookAppointment, (c) => {
    const body = c.req.valid("json");
    const ip = d.clientIp(c.req.raw);
    const wait = d.ticketLimiter.check(ip);
    if (wait > 0)
      throw new ApiError("too-many-requests", { retryAfterSec: wait }, { "Retry-After": String(wait) });
    const a = svc.book(body);
    d.ticketLimiter.hit(ip);
    return c.json({ appointment: dto(a) }, 201);
  });

  r.on(appointment, (c) => c.json({ appointment: dto(svc.byCode(c.req.valid("param").code)) }, 200));

  r.on(cancelAppointment, (c) => c.json({ appointment: dto(svc.cancel(c.req.valid("param").code)) }, 200));

  // A second scan reprints the ticket (a new job of the same ticket, within the reprint
  // limit); when it cannot (printer busy or off, limit reached) the last job is answered.
  const printFor = (ticket: Ticket, kioskId: string, lang: "vi" | "en", repeated: boolean) => {
    if (!d.printing) return undefined;
    const last = repeated ? d.printing.tracker.jobsOfTicket(ticket.code).at(-1) : undefined;
    if (!last) return d.printing.forIssued(ticket, kioskId, lang, false);
    const again = d.printing.tracker.reprint(last.jobId);
    return "refused" in again ? last : again;
  };

  // Printed like a kiosk ticket: the kiosk's printer when the request carries its token.
  r.on(checkInAppointment, (c) => {
    const { code } = c.req.valid("param");
    const { kioskId } = c.req.valid("json");
    const kiosk = d.hall.config.kiosks.find((k) => k.id === kioskId);
    if (!kiosk) throw new ApiError("kiosk-not-found");
    const r2 = svc.checkIn(code, kiosk.id);
    const lang = r2.appointment.lang;
    const paired = d.devicesAuth.mayPrintFor(c, kiosk.id);
    const print = paired ? printFor(r2.ticket, kiosk.id, lang, r2.repeated) : undefined;
    const refused = !paired && d.printing?.printerOfKiosk(kiosk.id);
    const out = print
      ? { ticket: r2.ticket, print }
      : refused
        ? { ticket: r2.ticket, printRefused: "device-not-paired" as const }
        : { ticket: r2.ticket };
    return r2.repeated ? c.json(out, 200) : c.json(out, 201);
  });

  return r.app;
}
