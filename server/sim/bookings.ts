/**
 * Booked visitors in the simulated days (issue 14; docs/decisions/0112-appointments-in-the-simulator.md).
 * A share of the ordinary visitors of a generated day booked a slot instead of walking in:
 * - their slot is the 15-minute slot of the issuing windows in which they would have come;
 * - on the day, they check in at the slot + a punctuality offset, Normal(−5, 5) minutes
 *   (five minutes early on average); one who comes more than 15 minutes early waits at the
 *   kiosk until check-in opens (slot − 15);
 * - one who comes more than 10 minutes late has missed the window: they take a normal ticket
 *   (a walk-in) at their arrival;
 * - `noShow` of them never come (their place in the slot is lost).
 * Priority visitors walk in (the kiosk gives them their lane). Deterministic per (seed, hall,
 * day), so every policy replays the same days. A booked visitor's wait is measured from
 * max(check-in, slot): what they experience as "late" is the time past their appointment.
 */
import type { Arrival } from "./days.ts";
import { normal, rng, seedOf } from "./random.ts";
import { WINDOWS } from "./scenarios.ts";

/** How booked visitors behave (the simulator's `--booked` options). */
export interface BookingModel {
  /** Share of ordinary visitors who booked (0 = none). */
  share: number;
  /** Share of booked visitors who never come. */
  noShow: number;
  /** Punctuality: mean and standard deviation of (arrival − slot), minutes. */
  earlyMeanMin: number;
  sdMin: number;
  slotMin: number;
  checkInEarlyMin: number;
  checkInLateMin: number;
  /** Bookable places per field and slot (a full slot: the visitor walks in); Infinity = no cap. */
  capPerSlot: number;
  /** Experiment: the ticket's due time this many minutes after the slot (the hall: 0, due at the slot). */
  dueAfterSlotMin: number;
}

export const DEFAULT_BOOKINGS: BookingModel = {
  share: 0.2,
  noShow: 0.1,
  earlyMeanMin: -5,
  sdMin: 5,
  slotMin: 15,
  checkInEarlyMin: 15,
  checkInLateMin: 10,
  capPerSlot: Number.POSITIVE_INFINITY,
  dueAfterSlotMin: 0,
};

/** A visitor of a day with bookings: `slot` (minutes from 07:30) when they check in with a booking. */
export interface BookedArrival extends Arrival {
  slot?: number;
}

/** One booking of a simulated day: its field and slot, and the arrival that checks it in (null: never). */
export interface SimBooking {
  field: number;
  slot: number;
  checkIn: BookedArrival | null;
}

/** What happened to the bookings of a set of days. */
export interface BookingCounts {
  booked: number;
  checkedIn: number;
  late: number;
  noShow: number;
}

/**
 * The day with a share of its ordinary visitors booked (see the module comment), in
 * arrival order; `counts` is added to; `list` gets the day's bookings (what the hall knows
 * in the morning), in slot order.
 */
export function withBookings(
  day: readonly Arrival[],
  m: BookingModel,
  seed: number,
  hall: string,
  index: number,
  counts?: BookingCounts,
  list?: SimBooking[],
): BookedArrival[] {
  if (m.share <= 0) return [...day];
  const r = rng(seedOf(seed, hall, index, "bookings"));
  const out: BookedArrival[] = [];
  const taken = new Map<string, number>();
  for (const a of day) {
    const u = r();
    const slot = slotOf(a.at, m.slotMin);
    const key = `${a.field} ${slot}`;
    const full = (taken.get(key) ?? 0) >= m.capPerSlot;
    if (a.priority !== "none" || slot === null || u >= m.share || full) {
      out.push(a);
      continue;
    }
    if (counts) counts.booked++;
    taken.set(key, (taken.get(key) ?? 0) + 1);
    if (r() < m.noShow) {
      if (counts) counts.noShow++;
      list?.push({ field: a.field, slot, checkIn: null });
      continue;
    }
    const offset = m.earlyMeanMin + m.sdMin * normal(r);
    if (offset >= m.checkInLateMin) {
      // Missed the window: a normal ticket at arrival.
      if (counts) counts.late++;
      out.push({ ...a, at: slot + offset });
      list?.push({ field: a.field, slot, checkIn: null });
      continue;
    }
    if (counts) counts.checkedIn++;
    const checkIn: BookedArrival = {
      ...a,
      at: Math.max(0, slot + Math.max(offset, -m.checkInEarlyMin)),
      slot,
    };
    out.push(checkIn);
    list?.push({ field: a.field, slot, checkIn });
  }
  list?.sort((x, y) => x.slot - y.slot);
  return out.sort((x, y) => x.at - y.at);
}

/** The slot (minutes from 07:30) an arrival at `at` books: its slot of the issuing windows, or null outside them. */
export function slotOf(at: number, slotMin: number): number | null {
  for (const [a, b] of WINDOWS) {
    if (at < a || at >= b) continue;
    const s = a + Math.floor((at - a) / slotMin) * slotMin;
    return s + slotMin <= b ? s : s - slotMin;
  }
  return null;
}
