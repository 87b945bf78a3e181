import { describe, expect, it } from "vitest";
import { HallConfigSchema } from "../../../server/contract/config.ts";
import { adviseStaffing, type StaffingInput } from "../../../server/sim/staffing.ts";

const MIN = 60_000;
const now = Date.parse("2026-11-23T09:00:00+07:00");
const day = [["07:30", "11:30"] as [string, string]];
const config = HallConfigSchema.parse({
  id: "t",
  name: { vi: "Thử", en: "Test" },
  hours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] },
  services: [
    { id: "ho-tich", prefix: "A", name: { vi: "Hộ tịch", en: "Civil status" } },
    { id: "dat-dai", prefix: "B", name: { vi: "Đất đai", en: "Land" } },
  ],
  counters: [
    { number: 1, serviceIds: ["ho-tich"] },
    { number: 2, serviceIds: ["ho-tich"] },
    { number: 3, serviceIds: ["ho-tich"] },
    { number: 4, serviceIds: ["dat-dai"] },
  ],
});

/** 20 land visitors waiting for one land counter, a quiet civil-status line with three counters. */
function input(): StaffingInput {
  let id = 0;
  const waiting = [
    ...Array.from({ length: 20 }, (_, i) => ({
      id: ++id,
      serviceId: "dat-dai",
      priority: "none" as const,
      issuedAt: now - (30 - i) * MIN,
      assignedCounter: null,
    })),
    ...Array.from({ length: 2 }, () => ({
      id: ++id,
      serviceId: "ho-tich",
      priority: "none" as const,
      issuedAt: now - MIN,
      assignedCounter: null,
    })),
  ];
  const slots = 5; // 09:00 … 11:30
  return {
    now,
    config: {
      services: config.services,
      counters: config.counters,
      targets: config.targets,
      hours: config.hours,
      policy: "on-time",
    },
    waiting,
    counters: config.counters.map((c) => ({ number: c.number, open: true, paused: false, busy: null })),
    service: { "ho-tich": { meanMs: 8 * MIN, cv: 0.7 }, "dat-dai": { meanMs: 12 * MIN, cv: 0.8 } },
    arrivals: [
      { serviceId: "ho-tich", priority: false, perMin: Array(slots).fill(0.2) },
      { serviceId: "ho-tich", priority: true, perMin: Array(slots).fill(0.02) },
      { serviceId: "dat-dai", priority: false, perMin: Array(slots).fill(0.05) },
      { serviceId: "dat-dai", priority: true, perMin: Array(slots).fill(0.01) },
    ],
    slotsFrom: now,
    until: Date.parse("2026-11-23T11:30:00+07:00"),
  };
}

describe("adviseStaffing()", () => {
  it("shows what one more land counter buys, and suggests moving an idle civil-status counter to land", () => {
    const a = adviseStaffing(input(), 6);
    const land = a.baseline.fields["dat-dai"]!;
    expect(land.longestWaitMin).toBeGreaterThan(100); // 20 × 12 min at one counter, plus arrivals
    const open = a.options.find((o) => o.kind === "open" && o.serviceId === "dat-dai")!;
    expect(open.label.vi).toBe("Mở thêm 1 quầy Đất đai");
    expect(open.outcome.fields["dat-dai"]!.longestWaitMin).toBeLessThan(land.longestWaitMin * 0.75);
    const move = a.options.find((o) => o.kind === "move" && o.serviceId === "dat-dai");
    expect(move?.label.en).toMatch(/^Move counter [123] to Land$/);
    expect(move!.outcome.minutesBeyond).toBeLessThan(a.baseline.minutesBeyond);
    // The most useful option comes first; more civil-status counters would not help anyone.
    expect(["dat-dai"]).toContain(a.options[0]!.serviceId);
    const civil = a.options.find((o) => o.kind === "open" && o.serviceId === "ho-tich")!;
    expect(civil.outcome.minutesBeyond).toBeGreaterThan(a.options[0]!.outcome.minutesBeyond);
  });

  it("is the same for the same state (every option on the same simulated days)", () => {
    expect(adviseStaffing(input(), 3)).toEqual(adviseStaffing(input(), 3));
  });
});
