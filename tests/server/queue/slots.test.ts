/** The booking rules (server/queue/slots.ts): slots on the schedule, capacity, the check-in window, phones, codes. */

import { describe, expect, it } from "vitest";
import { HallConfigSchema } from "../../../server/contract/config.ts";
import { normalizeVnMobile } from "../../../server/contract/notices.ts";
import {
  BOOKING_CODE_ALPHABET,
  bookablePerSlot,
  bookingCode,
  bookingDays,
  checkInVerdict,
  daySlots,
  normalizeBookingCode,
} from "../../../server/queue/slots.ts";

const MIN = 60_000;
const cfg = HallConfigSchema.parse({
  id: "h",
  name: { vi: "Trung tâm", en: "Hall" },
  hours: {
    mon: [
      ["07:30", "11:30"],
      ["13:30", "17:00"],
    ],
    tue: [
      ["07:30", "11:30"],
      ["13:30", "17:00"],
    ],
    sat: [["07:30", "11:30"]],
  },
  services: [
    { id: "a", prefix: "A", name: { vi: "A", en: "A" }, appointments: { enabled: true } },
    {
      id: "b",
      prefix: "B",
      name: { vi: "B", en: "B" },
      hours: { mon: [["07:30", "09:00"]] },
      cutoffMin: 30,
      appointments: { enabled: true, slotMin: 20, capacity: 3, bookablePct: 70 },
    },
  ],
  counters: [{ number: 1, serviceIds: ["a", "b"] }],
});
const [a, b] = cfg.services as [(typeof cfg.services)[0], (typeof cfg.services)[0]];

describe("daySlots", () => {
  it("follows the hours with the lunch break, in slots of the field's length", () => {
    const s = daySlots(cfg, a, "2026-11-23"); // Monday
    expect(s).toHaveLength(30);
    expect(s[0]).toEqual({ slot: "07:30", at: Date.parse("2026-11-23T07:30:00+07:00"), bookable: 2 });
    expect(s[15]!.slot).toBe("11:15");
    expect(s[16]!.slot).toBe("13:30");
    expect(s.at(-1)!.slot).toBe("16:45");
  });

  it("has none on a holiday, a day off or for a closed field; a make-up Saturday has Monday's", () => {
    expect(daySlots(cfg, a, "2026-09-02")).toEqual([]); // Quốc khánh
    expect(daySlots(cfg, a, "2026-11-29")).toEqual([]); // Sunday
    expect(daySlots(cfg, { ...a, open: false }, "2026-11-23")).toEqual([]);
    expect(daySlots(cfg, a, "2026-08-22")).toHaveLength(30); // a make-up day worked as a Monday
    expect(daySlots(cfg, a, "2026-11-28")).toHaveLength(16); // an ordinary Saturday morning
  });

  it("narrows to the field's own hours and its cut-off, whole slots only", () => {
    // 07:30–09:00 less 30 minutes: 07:30–08:30, in 20-minute slots: 07:30, 07:50, 08:10.
    expect(daySlots(cfg, b, "2026-11-23").map((x) => x.slot)).toEqual(["07:30", "07:50", "08:10"]);
    expect(daySlots(cfg, b, "2026-11-24")).toEqual([]); // no hours of its own on Tuesday
  });

  it("books the share of capacity rounded down", () => {
    expect(bookablePerSlot({ capacity: 3, bookablePct: 70 })).toBe(2);
    expect(bookablePerSlot({ capacity: 4, bookablePct: 50 })).toBe(2);
    expect(bookablePerSlot({ capacity: 1, bookablePct: 50 })).toBe(0);
    expect(bookablePerSlot({ capacity: 5, bookablePct: 100 })).toBe(5);
  });

  it("offers today through aheadDays later", () => {
    const now = Date.parse("2026-11-23T23:30:00+07:00");
    expect(bookingDays(now, 2)).toEqual(["2026-11-23", "2026-11-24", "2026-11-25"]);
    expect(bookingDays(now, 0)).toEqual(["2026-11-23"]);
  });
});

describe("check-in window", () => {
  const slot = Date.parse("2026-11-23T09:00:00+07:00");
  const w = { checkInEarlyMin: 15, checkInLateMin: 10 };
  it("opens 15 minutes early and closes 10 minutes late, by default", () => {
    expect(checkInVerdict(slot, slot - 15 * MIN - 1, w)).toEqual({
      ok: false,
      why: "early",
      opensAt: slot - 15 * MIN,
    });
    expect(checkInVerdict(slot, slot - 15 * MIN, w)).toEqual({ ok: true });
    expect(checkInVerdict(slot, slot + 10 * MIN - 1, w)).toEqual({ ok: true });
    expect(checkInVerdict(slot, slot + 10 * MIN, w)).toEqual({
      ok: false,
      why: "late",
      closedAt: slot + 10 * MIN,
    });
  });
});

describe("phones and codes", () => {
  it("takes Vietnamese mobile numbers in their usual forms only", () => {
    for (const x of ["0912345678", "0912 345 678", "+84912345678", "84 912-345-678", "(091) 234.5678"])
      expect(normalizeVnMobile(x), x).toBe("84912345678");
    for (const x of ["", "12345", "0212345678", "091234567", "09123456789", "+1 912 345 678"])
      expect(normalizeVnMobile(x), x).toBeNull();
  });

  it("makes 8-letter codes from the unambiguous alphabet, evenly and not in sequence", () => {
    const seen = new Set<string>();
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const c = bookingCode(crypto.getRandomValues(new Uint8Array(24)));
      expect(c).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
      seen.add(c);
      for (const ch of c) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
    expect(seen.size).toBe(2000);
    expect(counts.size).toBe(BOOKING_CODE_ALPHABET.length);
    // 16,000 letters over 31: about 516 each; none far off.
    for (const n of counts.values()) expect(Math.abs(n - 16000 / 31)).toBeLessThan(120);
    // Bytes 248–255 are skipped (rejection sampling), never folded onto the first letters.
    expect(bookingCode(new Uint8Array([255, 248, 0, 1, 2, 3, 4, 5, 6, 7]))).toBe("ABCDEFGH");
  });

  it("reads a typed code or the booking QR's URL", () => {
    expect(normalizeBookingCode(" hk7m-2qxd ")).toBe("HK7M2QXD");
    expect(normalizeBookingCode("http://192.168.1.10:3000/hen/HK7M2QXD")).toBe("HK7M2QXD");
    expect(normalizeBookingCode("HK7M2QX0")).toBeNull(); // 0 is not in the alphabet
    expect(normalizeBookingCode("HK7M2QX")).toBeNull();
  });
});
