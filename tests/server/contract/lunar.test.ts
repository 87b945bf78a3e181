import { describe, expect, it } from "vitest";
import { HallConfigSchema } from "../../../server/contract/config.ts";
import { VN_HOLIDAYS } from "../../../server/contract/holidays-vn.ts";
import { hungKingsDay, lunarNewYear } from "../../../server/contract/lunar.ts";

describe("the lunar calendar", () => {
  it("gives the published dates of Tết Nguyên đán 2020–2026", () => {
    const published = {
      2020: "2020-01-25",
      2021: "2021-02-12",
      2022: "2022-02-01",
      2023: "2023-01-22",
      2024: "2024-02-10",
      2025: "2025-01-29",
      2026: "2026-02-17",
    };
    for (const [y, d] of Object.entries(published)) expect(lunarNewYear(Number(y))).toBe(d);
  });

  it("gives the published dates of Giỗ Tổ Hùng Vương 2020–2026", () => {
    const published = {
      2020: "2020-04-02",
      2021: "2021-04-21",
      2022: "2022-04-10",
      2023: "2023-04-29",
      2024: "2024-04-18",
      2025: "2025-04-07",
      2026: "2026-04-26",
    };
    for (const [y, d] of Object.entries(published)) expect(hungKingsDay(Number(y))).toBe(d);
  });

  it("agrees with the shipped holidays: Tết 2026 inside its break, Giỗ Tổ 2027 on 16/4", () => {
    const tet = VN_HOLIDAYS.find((h) => h.from.startsWith("2026-02"))!;
    expect(lunarNewYear(2026) >= tet.from && lunarNewYear(2026) <= tet.to!).toBe(true);
    expect(hungKingsDay(2027)).toBe("2027-04-16");
    expect(VN_HOLIDAYS.some((h) => h.from === hungKingsDay(2027))).toBe(true);
  });

  it("ships holidays the schema accepts", () => {
    const r = HallConfigSchema.safeParse({
      id: "x",
      name: { vi: "X", en: "X" },
      services: [{ id: "a", prefix: "A", name: { vi: "A", en: "A" } }],
      counters: [{ number: 1, serviceIds: ["a"] }],
    });
    expect(r.success).toBe(true);
    expect(r.data?.schedule.holidays).toEqual(VN_HOLIDAYS);
  });
});
