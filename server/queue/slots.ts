/**
 * Booking slots and their rules (issue 14, docs/decisions/0110-appointment-rules.md), pure:
 * instants are UTC ms, days and wall-clock times Asia/Ho_Chi_Minh, `now` an argument.
 *
 * - A field's slots on a day follow the one schedule rule (schedule.ts): its sessions that
 *   day (holidays, make-up days, lunch, the field's own hours), each cut `cutoffMin` before
 *   its end like issuing is; slots of `slotMin` start at each session's start and end within it.
 * - Of a slot's `capacity`, `bookablePct` percent (rounded down) may be booked; the rest is
 *   left to walk-ins, who are never refused for bookings.
 * - Check-in is open from `checkInEarlyMin` before the slot to `checkInLateMin` after its
 *   start; after that the booking is a no-show and the visitor takes a normal ticket.
 */
import { BOOKING_CODE_ALPHABET, BOOKING_CODE_LENGTH } from "../contract/appointments.ts";
import type { ServiceConfig } from "../contract/config.ts";
import { dayPlan, fieldSessions, type ScheduleConfig } from "./schedule.ts";
import { dayStartMs, serviceDay } from "./time.ts";

const MIN = 60_000;
const DAY_MS = 86_400_000;

export type AppointmentSettings = ServiceConfig["appointments"];

/** One slot of a field on a day. */
export interface SlotDef {
  /** `HH:MM`, local. */
  slot: string;
  /** Its start, UTC ms. */
  at: number;
  /** How many of it may be booked. */
  bookable: number;
}

const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

/** How many visitors of a slot may have booked: `bookablePct` of its capacity, rounded down. */
export function bookablePerSlot(a: Pick<AppointmentSettings, "capacity" | "bookablePct">): number {
  return Math.floor((a.capacity * a.bookablePct) / 100);
}

/**
 * The slots of field `service` on service day `date` by the schedule (empty on a holiday,
 * a day off, outside the field's hours, or when the field is closed). Whether booking is
 * switched on is not looked at here.
 */
export function daySlots(
  cfg: Pick<ScheduleConfig, "hours" | "schedule">,
  service: Pick<ServiceConfig, "hours" | "cutoffMin" | "open" | "appointments">,
  date: string,
): SlotDef[] {
  if (!service.open) return [];
  const plan = dayPlan(cfg, date);
  const cut = service.cutoffMin ?? cfg.schedule.cutoffMin;
  const len = service.appointments.slotMin;
  const bookable = bookablePerSlot(service.appointments);
  const base = dayStartMs(date);
  const out: SlotDef[] = [];
  for (const [a, b] of fieldSessions(plan, service)) {
    const end = b - cut;
    for (let m = a; m + len <= end; m += len) out.push({ slot: hhmm(m), at: base + m * MIN, bookable });
  }
  return out;
}

/** The days one may book on at `now`: today through `aheadDays` later, `YYYY-MM-DD`. */
export function bookingDays(now: number, aheadDays: number): string[] {
  const first = dayStartMs(serviceDay(now));
  const out: string[] = [];
  for (let d = 0; d <= aheadDays; d++) out.push(serviceDay(first + d * DAY_MS + DAY_MS / 2));
  return out;
}

/** Where `now` falls against a booking's check-in window. */
export type CheckInVerdict =
  | { ok: true }
  | { ok: false; why: "early"; opensAt: number }
  | { ok: false; why: "late"; closedAt: number };

/** The check-in window of a slot starting at `slotAt`: `[opens, closes)`. */
export function checkInWindow(
  slotAt: number,
  a: Pick<AppointmentSettings, "checkInEarlyMin" | "checkInLateMin">,
): { opens: number; closes: number } {
  return { opens: slotAt - a.checkInEarlyMin * MIN, closes: slotAt + a.checkInLateMin * MIN };
}

/** Whether a booking for the slot at `slotAt` may check in at `now`. */
export function checkInVerdict(
  slotAt: number,
  now: number,
  a: Pick<AppointmentSettings, "checkInEarlyMin" | "checkInLateMin">,
): CheckInVerdict {
  const w = checkInWindow(slotAt, a);
  if (now < w.opens) return { ok: false, why: "early", opensAt: w.opens };
  if (now >= w.closes) return { ok: false, why: "late", closedAt: w.closes };
  return { ok: true };
}

/** A random booking code from `bytes` (at least BOOKING_CODE_LENGTH random bytes). */
export function bookingCode(bytes: Uint8Array): string {
  let out = "";
  // Rejection sampling keeps every letter equally likely (248 = 8 × 31).
  for (const b of bytes) {
    if (b >= 248) continue;
    out += BOOKING_CODE_ALPHABET[b % 31];
    if (out.length === BOOKING_CODE_LENGTH) return out;
  }
  throw new Error("not enough random bytes for a booking code");
}

export {
  BOOKING_CODE_ALPHABET,
  BOOKING_CODE_LENGTH,
  normalizeBookingCode,
} from "../contract/appointments.ts";
