import { describe, expect, it } from "vitest";
import { loadHallConfig } from "../../../server/config/load.ts";
import { dayStartMs, isoVn, isWithinHours, serviceDay } from "../../../server/queue/time.ts";

describe("serviceDay()", () => {
  it("changes at midnight in Asia/Ho_Chi_Minh, not at UTC midnight", () => {
    expect(serviceDay(Date.parse("2026-11-22T23:59:59+07:00"))).toBe("2026-11-22");
    expect(serviceDay(Date.parse("2026-11-23T00:00:00+07:00"))).toBe("2026-11-23");
    expect(serviceDay(Date.parse("2026-11-22T17:30:00Z"))).toBe("2026-11-23");
  });

  it("round-trips with dayStartMs()", () => {
    expect(dayStartMs("2026-11-23")).toBe(Date.parse("2026-11-23T00:00:00+07:00"));
    expect(serviceDay(dayStartMs("2026-12-31"))).toBe("2026-12-31");
  });
});

describe("isoVn()", () => {
  it("writes instants with the +07:00 offset", () => {
    expect(isoVn(Date.parse("2026-11-23T01:02:03.004Z"))).toBe("2026-11-23T08:02:03.004+07:00");
  });
});

describe("isWithinHours()", () => {
  const hours = loadHallConfig().hours;
  it("is open Monday 7:30–11:30 and 13:30–17:00, closed at lunch, Saturday morning only, Sunday closed", () => {
    expect(isWithinHours(hours, Date.parse("2026-11-23T07:29:00+07:00"))).toBe(false);
    expect(isWithinHours(hours, Date.parse("2026-11-23T07:30:00+07:00"))).toBe(true);
    expect(isWithinHours(hours, Date.parse("2026-11-23T12:00:00+07:00"))).toBe(false);
    expect(isWithinHours(hours, Date.parse("2026-11-23T16:59:00+07:00"))).toBe(true);
    expect(isWithinHours(hours, Date.parse("2026-11-23T17:00:00+07:00"))).toBe(false);
    expect(isWithinHours(hours, Date.parse("2026-11-28T09:00:00+07:00"))).toBe(true);
    expect(isWithinHours(hours, Date.parse("2026-11-28T14:00:00+07:00"))).toBe(false);
    expect(isWithinHours(hours, Date.parse("2026-11-29T09:00:00+07:00"))).toBe(false);
  });
});
