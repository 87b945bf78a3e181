/** Booked visitors in the simulated days (server/sim/bookings.ts, decision 0112). */
import { describe, expect, it } from "vitest";
import { type BookingCounts, DEFAULT_BOOKINGS, slotOf, withBookings } from "../../../server/sim/bookings.ts";
import { generateDay } from "../../../server/sim/days.ts";
import { replay } from "../../../server/sim/replay.ts";
import { scenario } from "../../../server/sim/scenarios.ts";

const S1 = scenario("S1")!;

describe("withBookings", () => {
  it("books a share of ordinary visitors into slots, the same way every time", () => {
    const counts: BookingCounts = { booked: 0, checkedIn: 0, late: 0, noShow: 0 };
    const days = Array.from({ length: 20 }, (_, d) => generateDay(S1, 1, d));
    const booked = days.map((day, d) => withBookings(day, DEFAULT_BOOKINGS, 1, "S1", d, counts));
    expect(booked[3]).toEqual(withBookings(days[3]!, DEFAULT_BOOKINGS, 1, "S1", 3));
    const ordinary = days.flat().filter((a) => a.priority === "none").length;
    expect(counts.booked / ordinary).toBeGreaterThan(0.17);
    expect(counts.booked / ordinary).toBeLessThan(0.23);
    expect(counts.noShow / counts.booked).toBeGreaterThan(0.06);
    expect(counts.noShow / counts.booked).toBeLessThan(0.14);
    expect(counts.booked).toBe(counts.checkedIn + counts.late + counts.noShow);
    const withSlot = booked.flat().filter((a) => a.slot !== undefined);
    expect(withSlot).toHaveLength(counts.checkedIn);
    for (const a of withSlot) {
      expect(a.priority).toBe("none");
      expect(a.slot! % 15).toBe(0);
      // Within the check-in window: 15 minutes early to 10 late.
      expect(a.at).toBeGreaterThanOrEqual(Math.max(0, a.slot! - 15));
      expect(a.at).toBeLessThan(a.slot! + 10);
    }
    const early = withSlot.reduce((s, a) => s + (a.at - a.slot!), 0) / withSlot.length;
    expect(early).toBeGreaterThan(-6);
    expect(early).toBeLessThan(-4);
  });

  it("slots lie inside the issuing windows", () => {
    expect(slotOf(0.2, 15)).toBe(0);
    expect(slotOf(239, 15)).toBe(225);
    expect(slotOf(300, 15)).toBeNull(); // lunch
    expect(slotOf(569.9, 15)).toBe(555);
  });

  it("replays a booked visitor due at the slot, waiting from max(check-in, slot)", () => {
    const visits = replay({
      scenario: S1,
      policy: "on-time",
      days: [[{ at: 20, field: 0, priority: "none", serviceMin: 4, noShow: false, slot: 30 }]],
    });
    expect(visits).toHaveLength(1);
    expect(visits[0]).toMatchObject({ booked: true, waitMin: 0 }); // called at once, before the slot
  });
});
