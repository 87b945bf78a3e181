import { describe, expect, it } from "vitest";
import { DomainError } from "../../../server/queue/types.ts";
import {
  addDays,
  daysInRange,
  isServiceDay,
  presetRange,
  resolveRange,
} from "../../../server/reports/range.ts";

const at = (iso: string) => Date.parse(iso);
const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return null;
};

describe("report ranges", () => {
  it("accepts real calendar dates only", () => {
    expect(isServiceDay("2024-02-29")).toBe(true);
    for (const s of [
      "2025-02-29",
      "2025-13-01",
      "2025-04-31",
      "2025-1-01",
      "20250101",
      "abc",
      "",
      "1999-12-31",
      "2025-03-04T00:00",
    ])
      expect(isServiceDay(s), s).toBe(false);
  });

  it("refuses malformed, impossible or inverted ranges with invalid-range", () => {
    const now = at("2025-03-04T10:00:00+07:00");
    for (const q of [
      { from: "2025-02-30", to: "2025-03-01" },
      { from: "2025-03-01" },
      { to: "2025-03-01" },
      {},
      { from: "2025-03-05", to: "2025-03-04" },
      { from: "x", to: "y" },
      { preset: "week" },
      { preset: "month", from: "2025-03-01", to: "2025-03-02" },
    ])
      expect(
        codeOf(() => resolveRange(q, now)),
        JSON.stringify(q),
      ).toBe("invalid-range");
  });

  it("refuses more than 366 days with range-too-large and says how many are allowed", () => {
    const now = at("2025-03-04T10:00:00+07:00");
    expect(resolveRange({ from: "2024-01-01", to: "2024-12-31" }, now).days).toBe(366);
    try {
      resolveRange({ from: "2024-01-01", to: "2025-01-01" }, now);
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).code).toBe("range-too-large");
      expect((e as DomainError).details).toMatchObject({ maxDays: 366, days: 367 });
    }
  });

  it("counts days inclusively across months and leap days", () => {
    expect(daysInRange("2025-03-04", "2025-03-04")).toBe(1);
    expect(daysInRange("2024-02-28", "2024-03-01")).toBe(3);
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2025-01-01", -1)).toBe("2024-12-31");
  });

  it("computes presets in Asia/Ho_Chi_Minh: 00:30 on 1 April (+07) is already in the second quarter", () => {
    // 2025-03-31T17:30Z is 2025-04-01 00:30 in Vietnam: a UTC computation would still say March / Q1.
    const now = at("2025-03-31T17:30:00Z");
    expect(presetRange("today", now)).toEqual({ from: "2025-04-01", to: "2025-04-01" });
    expect(presetRange("month", now)).toEqual({ from: "2025-04-01", to: "2025-04-01" });
    expect(presetRange("quarter", now)).toEqual({ from: "2025-04-01", to: "2025-04-01" });
    expect(presetRange("half", now)).toEqual({ from: "2025-01-01", to: "2025-04-01" });
    expect(presetRange("year", now)).toEqual({ from: "2025-01-01", to: "2025-04-01" });
    expect(presetRange("last-month", now)).toEqual({ from: "2025-03-01", to: "2025-03-31" });
    expect(presetRange("last-quarter", now)).toEqual({ from: "2025-01-01", to: "2025-03-31" });
    expect(presetRange("last-half", now)).toEqual({ from: "2024-07-01", to: "2024-12-31" });
    expect(presetRange("last-year", now)).toEqual({ from: "2024-01-01", to: "2024-12-31" });
  });

  it("handles presets at the ends of the year and in a leap February", () => {
    const nov = at("2025-11-20T09:00:00+07:00");
    expect(presetRange("quarter", nov)).toEqual({ from: "2025-10-01", to: "2025-11-20" });
    expect(presetRange("half", nov)).toEqual({ from: "2025-07-01", to: "2025-11-20" });
    expect(presetRange("last-quarter", nov)).toEqual({ from: "2025-07-01", to: "2025-09-30" });
    expect(presetRange("last-half", nov)).toEqual({ from: "2025-01-01", to: "2025-06-30" });
    const mar = at("2024-03-10T09:00:00+07:00");
    expect(presetRange("last-month", mar)).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    const jan = at("2025-01-15T09:00:00+07:00");
    expect(presetRange("last-month", jan)).toEqual({ from: "2024-12-01", to: "2024-12-31" });
    expect(presetRange("last-quarter", jan)).toEqual({ from: "2024-10-01", to: "2024-12-31" });
  });

  it("resolves a preset with its day count and name", () => {
    const r = resolveRange({ preset: "last-quarter" }, at("2025-05-02T08:00:00+07:00"));
    expect(r).toEqual({ from: "2025-01-01", to: "2025-03-31", days: 90, preset: "last-quarter" });
  });
});
