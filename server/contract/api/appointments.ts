/**
 * Appointments ("đặt lịch hẹn", issue 14; docs/decisions/0110-appointment-rules.md): the
 * public booking page, the kiosk's check-in and the provincial portal use these calls; the
 * manager's dashboard reads today's bookings. The four routes the issue names keep their
 * exact shape; the rest are extensions.
 */
import { z } from "zod";
import { ERRORS } from "../errors.ts";
import { errors, MANAGERS, ok, route, who } from "./define.ts";
import { TicketIssued } from "./public.ts";
import { IsoTime, Text } from "./wire.ts";

const date = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: "appointment-slot-invalid" })
  .meta({ description: "Service day, YYYY-MM-DD (Asia/Ho_Chi_Minh)", example: "2026-11-24" });
const slot = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "appointment-slot-invalid" })
  .meta({ description: "The slot's start, HH:MM", example: "08:30" });
const serviceId = z.string().min(1).max(64).meta({ example: "ho-tich" });

export const AppointmentCodePath = z.object({
  code: z
    .string()
    .regex(/^[A-Za-z0-9-]{8,9}$/, { error: "appointment-not-found" })
    .meta({
      description: "The booking code (8 letters and digits, as printed or in its QR)",
      example: "HK7M2QXD",
    }),
});

export const SlotsQuery = z.object({ serviceId, date });
export const DaysQuery = z.object({ serviceId });

export const Slot = z
  .object({
    slot,
    at: IsoTime,
    bookable: z
      .number()
      .int()
      .meta({ description: "Places of the slot that may be booked (the rest is for walk-ins)" }),
    free: z.number().int().meta({ description: "Bookable places still free" }),
    past: z.boolean().meta({ description: "Already started: no longer bookable" }),
  })
  .meta({ id: "AppointmentSlot" });

export const SlotList = z
  .object({
    serviceId: z.string(),
    name: Text,
    date: z.string(),
    slotMin: z.number().int(),
    slots: z.array(Slot),
  })
  .meta({ id: "AppointmentSlots" });

export const BookableField = z
  .object({
    id: z.string(),
    name: Text,
    slotMin: z.number().int(),
    aheadDays: z.number().int(),
    checkInEarlyMin: z.number().int(),
    checkInLateMin: z.number().int(),
  })
  .meta({ id: "BookableField" });

export const BookingDay = z
  .object({
    date: z.string(),
    open: z.boolean().meta({ description: "The field serves that day (not a holiday or day off)" }),
    free: z.number().int().meta({ description: "Bookable places still free that day" }),
  })
  .meta({ id: "BookingDay" });

export const Appointment = z
  .object({
    code: z.string().meta({
      description: "The booking code: the visitor's secret (what its QR carries)",
      example: "HK7M2QXD",
    }),
    serviceId: z.string(),
    date: z.string(),
    slot: z.string(),
    slotAt: IsoTime,
    status: z.enum(["booked", "cancelled", "checked-in", "no-show"]),
    checkInFrom: IsoTime.meta({ description: "Check-in at the kiosk opens" }),
    checkInUntil: IsoTime.meta({ description: "Check-in closes; later the booking is a no-show" }),
    reminder: z
      .boolean()
      .meta({ description: "A phone number was given for a reminder (never echoed back)" }),
    reminderAt: IsoTime.optional().meta({
      description:
        "Extension: when the reminder is due (the hall's lead time before the slot; 19:00 the evening before when that falls at night). Absent when none will be sent: no number, reminders off, booked too close to the slot, or the booking is no longer open",
    }),
    url: z.string().meta({
      description: "The booking's page (the QR target)",
      example: "http://192.168.1.10:3000/hen/HK7M2QXD",
    }),
    ticket: z
      .object({ number: z.string(), statusUrl: z.string() })
      .optional()
      .meta({ description: "Once checked in: the ticket it became" }),
  })
  .meta({ id: "Appointment" });

export const AppointmentBody = z.object({ appointment: Appointment }).meta({ id: "AppointmentBody" });

export const BookBody = z.strictObject({
  serviceId,
  date,
  slot,
  phone: z.string().max(20).nullable().optional().meta({
    description: "Only for a reminder (Vietnamese mobile number); kept until the retention period ends",
    example: "0912345678",
  }),
  lang: z
    .enum(["vi", "en"])
    .optional()
    .meta({ description: "Language of the reminder and the printed ticket" }),
});

export const CheckInBody = z.strictObject({
  kioskId: z.string().min(1).max(64).meta({
    description: "The kiosk scanning the booking: its printer prints the ticket",
    example: "kiosk-1",
  }),
});

const GUESSING = `Booking codes are random (8 of 31 letters and digits, about 40 bits, not sequential); an address that asks for 30 codes that do not exist within 10 minutes gets 429 \`too-many-requests\` on every route by code until the window slides (${ERRORS["too-many-requests"].en})`;

export const appointmentFields = route({
  method: "get",
  path: "/api/appointments/fields",
  tags: ["appointments"],
  summary: "Extension: the fields that take bookings, with their slot length and check-in window",
  responses: {
    200: ok(
      z.object({
        fields: z.array(BookableField),
        hallName: Text.meta({
          description: "Extension: the hall's name, for the booking page's header",
          example: {
            vi: "Trung tâm Phục vụ hành chính công phường Phù Liễn",
            en: "Phu Lien Public Service Center",
          },
        }),
        bookingUrl: z.string().meta({
          description: "The booking page at the hall's public URL (what the poster's QR carries)",
          example: "http://192.168.1.10:3000/hen",
        }),
        reminders: z.boolean().meta({
          description:
            "Extension: a booking with a phone number gets a confirmation and/or a reminder (Zalo ZNS or SMS is set up); false: the page asks for no number",
        }),
      }),
      "Fields in kiosk order",
    ),
  },
});

export const appointmentDays = route({
  method: "get",
  path: "/api/appointments/days",
  tags: ["appointments"],
  summary: "Extension: the days one may book a field on, with free places per day",
  request: { query: DaysQuery },
  responses: {
    200: ok(
      z.object({ serviceId: z.string(), days: z.array(BookingDay) }),
      "Today through `aheadDays` days later",
    ),
    ...errors("appointment-service-unknown", "appointments-off"),
  },
});

export const appointmentSlots = route({
  method: "get",
  path: "/api/appointments/slots",
  tags: ["appointments"],
  summary: "Free capacity per slot of a field on a day",
  description:
    "Slots follow the hall's schedule (hours, lunch, holidays, make-up days, the field's own hours and cut-off).",
  request: { query: SlotsQuery },
  responses: {
    200: ok(SlotList, "Every slot of the day, past ones marked"),
    ...errors(
      "appointment-service-unknown",
      "appointments-off",
      "appointment-day-closed",
      "appointment-slot-past",
      "appointment-too-far",
      "appointment-slot-invalid",
    ),
  },
});

export const bookAppointment = route({
  method: "post",
  path: "/api/appointments",
  tags: ["appointments"],
  summary: "Book a slot (optionally with a phone number for a reminder)",
  request: { body: { required: true, content: { "application/json": { schema: BookBody } } } },
  responses: {
    201: ok(AppointmentBody, "The booking and its code"),
    ...errors(
      "appointment-service-unknown",
      "appointments-off",
      "appointment-day-closed",
      "appointment-slot-invalid",
      "appointment-slot-past",
      "appointment-too-far",
      "appointment-slot-full",
      "appointment-phone-taken",
      "invalid-phone",
      "too-many-requests",
    ),
  },
});

export const appointment = route({
  method: "get",
  path: "/api/appointments/{code}",
  tags: ["appointments"],
  summary: "Extension: a booking by its code (the booking page after a reload)",
  description: GUESSING,
  request: { params: AppointmentCodePath },
  responses: {
    200: ok(AppointmentBody, "The booking"),
    ...errors("appointment-not-found", "too-many-requests"),
  },
});

export const cancelAppointment = route({
  method: "delete",
  path: "/api/appointments/{code}",
  tags: ["appointments"],
  summary: "The visitor cancels a booking (its phone number is removed at once)",
  description: GUESSING,
  request: { params: AppointmentCodePath },
  responses: {
    200: ok(AppointmentBody, "The cancelled booking"),
    ...errors("appointment-not-found", "appointment-not-active", "too-many-requests"),
  },
});

export const checkInAppointment = route({
  method: "post",
  path: "/api/appointments/{code}/check-in",
  tags: ["appointments"],
  summary: "Check in at a kiosk: the booking becomes a ticket due at its slot (answers as POST /api/tickets)",
  description: `Within the window (default 15 min before to 10 min after the slot start). Idempotent: a second scan answers 200 with the same ticket (the kiosk reprints it), never a second ticket. Too early: 409 \`check-in-too-early\` with \`details.comeBackAt\`; too late: 409 \`check-in-too-late\` (take a normal ticket). ${GUESSING}`,
  request: {
    params: AppointmentCodePath,
    body: { required: true, content: { "application/json": { schema: CheckInBody } } },
  },
  responses: {
    201: ok(TicketIssued, "The new ticket, and its print job when the kiosk has a printer"),
    200: ok(TicketIssued, "Already checked in: the same ticket (reprinted by the kiosk)"),
    ...errors(
      "appointment-not-found",
      "appointment-not-active",
      "check-in-too-early",
      "check-in-too-late",
      "kiosk-not-found",
      "hall-closed",
      "service-closed",
      "too-many-requests",
    ),
  },
});

export const TodayAppointment = z
  .object({
    code: z.string(),
    serviceId: z.string(),
    slot: z.string(),
    status: z.enum(["booked", "cancelled", "checked-in", "no-show"]),
    number: z.string().nullable().meta({ description: "The ticket once checked in" }),
    reminder: z.boolean(),
  })
  .meta({ id: "TodayAppointment" });

export const appointmentsToday = route({
  method: "get",
  path: "/api/appointments/today",
  tags: ["appointments"],
  ...who(
    MANAGERS,
    "managers and admins",
    "Today's bookings, check-ins and no-shows per field (no phone numbers).",
  ),
  summary: "Extension: today's bookings for the manager's dashboard",
  responses: {
    200: ok(
      z.object({
        day: z.string(),
        totals: z.object({
          booked: z.number().int(),
          checkedIn: z.number().int(),
          noShow: z.number().int(),
          cancelled: z.number().int(),
        }),
        fields: z.array(
          z.object({
            serviceId: z.string(),
            booked: z.number().int(),
            checkedIn: z.number().int(),
            noShow: z.number().int(),
            cancelled: z.number().int(),
          }),
        ),
        list: z.array(TodayAppointment),
      }),
      "Today's figures",
    ),
  },
});

export const appointmentRoutes = {
  appointmentFields,
  appointmentDays,
  appointmentSlots,
  appointmentsToday,
  bookAppointment,
  appointment,
  cancelAppointment,
  checkInAppointment,
};

export type Appointment = z.output<typeof Appointment>;
export type SlotList = z.output<typeof SlotList>;
export type BookableField = z.output<typeof BookableField>;
export type BookingDay = z.output<typeof BookingDay>;
