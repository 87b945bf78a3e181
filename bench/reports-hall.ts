/**
 * A busy provincial public administrative service center, for the one-year report
 * generator (bench/gen-year.ts): eight fields, 43 counters (two priority counters), and the
 * demand profile the simulation draws from. Shares and service times are plausible figures
 * for a provincial "Trung tâm Phục vụ hành chính công", not measurements of a real one.
 */
import { type HallConfig, HallConfigSchema } from "../server/contract/index.ts";

/** Field id, prefix, names, share of visitors, mean service minutes. */
export const FIELDS = [
  { id: "ho-tich", prefix: "A", vi: "Hộ tịch", en: "Civil status", share: 0.18, serviceMin: 7 },
  { id: "chung-thuc", prefix: "B", vi: "Chứng thực", en: "Certification", share: 0.25, serviceMin: 3.5 },
  { id: "dat-dai", prefix: "C", vi: "Đất đai", en: "Land", share: 0.13, serviceMin: 11 },
  { id: "cu-tru", prefix: "D", vi: "Cư trú", en: "Residence", share: 0.12, serviceMin: 6 },
  {
    id: "bhxh",
    prefix: "E",
    vi: "Bảo hiểm xã hội – y tế",
    en: "Social and health insurance",
    share: 0.1,
    serviceMin: 6,
  },
  {
    id: "chinh-sach",
    prefix: "F",
    vi: "Chính sách – Người có công",
    en: "Social policy",
    share: 0.06,
    serviceMin: 7,
  },
  {
    id: "kinh-doanh",
    prefix: "G",
    vi: "Hộ kinh doanh",
    en: "Household business",
    share: 0.08,
    serviceMin: 9,
  },
  { id: "xay-dung", prefix: "H", vi: "Xây dựng", en: "Construction", share: 0.08, serviceMin: 10 },
] as const;

/** Counters per field (primary), with a second field on some for flexibility. */
const COUNTERS_PER_FIELD: Record<string, number> = {
  "ho-tich": 8,
  "chung-thuc": 6,
  "dat-dai": 7,
  "cu-tru": 5,
  bhxh: 4,
  "chinh-sach": 3,
  "kinh-doanh": 4,
  "xay-dung": 4,
};

/** Share of priority visitors per category (DOMAIN.md "Priority visitors"); the rest `none`. */
export const PRIORITY_SHARES = [
  ["elderly", 0.055],
  ["disabled", 0.008],
  ["pregnant", 0.008],
  ["merit", 0.006],
  ["child", 0.008],
] as const;

/**
 * Relative arrival rate per half hour from 07:00 (index 0) to 16:30 (index 19): people
 * queue at the kiosk before 07:30, a morning peak, almost nobody over lunch, an afternoon peak.
 */
export const HALF_HOUR_PROFILE = [
  0.35, 1.0, 1.45, 1.55, 1.5, 1.3, 1.1, 0.9, 0.5, 0.06, 0.04, 0.04, 0.25, 1.2, 1.3, 1.15, 1.0, 0.8, 0.55, 0.2,
];

/** Relative daily volume Monday … Saturday (Saturday is a morning only). */
export const WEEKDAY_FACTOR = [1.15, 1.05, 1.0, 1.0, 0.95, 0.55];

/** Relative volume per month (January before Tết is busy, the Tết month is quiet). */
export const MONTH_FACTOR = [1.2, 0.8, 1.05, 1.0, 0.95, 1.0, 1.05, 1.0, 0.95, 1.0, 1.05, 1.1];

/** The hall config of the generated year. */
export function provincialHall(): HallConfig {
  const counters: {
    number: number;
    serviceIds: string[];
    priority?: boolean;
    name?: { vi: string; en: string };
  }[] = [];
  let n = 1;
  const ids = FIELDS.map((f) => f.id);
  for (const [i, f] of FIELDS.entries()) {
    const k = COUNTERS_PER_FIELD[f.id]!;
    for (let j = 0; j < k; j++) {
      // Every third counter also serves the next field, so lines can borrow capacity.
      const serviceIds = j % 3 === 2 ? [f.id, ids[(i + 1) % ids.length]!] : [f.id];
      counters.push({ number: n++, serviceIds });
    }
  }
  for (let j = 0; j < 2; j++)
    counters.push({
      number: n++,
      serviceIds: [...ids],
      priority: true,
      name: { vi: `Quầy ưu tiên ${j + 1}`, en: `Priority counter ${j + 1}` },
    });
  return HallConfigSchema.parse({
    id: "tinh-demo",
    name: {
      vi: "Trung tâm Phục vụ hành chính công tỉnh (dữ liệu mô phỏng)",
      en: "Provincial service center (simulated)",
    },
    enforceHours: true,
    hours: {
      mon: [
        ["07:30", "11:30"],
        ["13:30", "17:00"],
      ],
      tue: [
        ["07:30", "11:30"],
        ["13:30", "17:00"],
      ],
      wed: [
        ["07:30", "11:30"],
        ["13:30", "17:00"],
      ],
      thu: [
        ["07:30", "11:30"],
        ["13:30", "17:00"],
      ],
      fri: [
        ["07:30", "11:30"],
        ["13:30", "17:00"],
      ],
      sat: [["07:30", "11:30"]],
      sun: [],
    },
    services: FIELDS.map((f) => ({
      id: f.id,
      prefix: f.prefix,
      name: { vi: f.vi, en: f.en },
      defaultServiceMin: f.serviceMin,
    })),
    counters,
  });
}

/**
 * Public holidays of Vietnam (Labour Code 2019, art. 112) for the years the bench uses:
 * New Year, Tết (five days around the lunar new year), Hùng Kings, 30/4–1/5, 2/9 (+1).
 * Dates of Tết and Hùng Kings follow the lunar calendar, so they are listed per year.
 */
export const HOLIDAYS: Record<number, string[]> = {
  2024: [
    "2024-01-01",
    "2024-02-08",
    "2024-02-09",
    "2024-02-12",
    "2024-02-13",
    "2024-02-14",
    "2024-04-18",
    "2024-04-29",
    "2024-04-30",
    "2024-05-01",
    "2024-09-02",
    "2024-09-03",
  ],
  2025: [
    "2025-01-01",
    "2025-01-27",
    "2025-01-28",
    "2025-01-29",
    "2025-01-30",
    "2025-01-31",
    "2025-04-07",
    "2025-04-30",
    "2025-05-01",
    "2025-09-01",
    "2025-09-02",
  ],
  2026: [
    "2026-01-01",
    "2026-02-16",
    "2026-02-17",
    "2026-02-18",
    "2026-02-19",
    "2026-02-20",
    "2026-04-27",
    "2026-04-30",
    "2026-05-01",
    "2026-09-01",
    "2026-09-02",
  ],
};
