/**
 * The simulated halls of `shared/science/SCENARIOS.md`, copied here as data: the fields
 * (share, mean service minutes, coefficient of variation), the counters and what they
 * serve, the day's load and priority share. The spec file is the source; this is its
 * transcription, checked by tests/server/sim/scenarios.test.ts.
 */
import type { HallConfig } from "../contract/config.ts";
import { HallConfigSchema } from "../contract/config.ts";

/** A field ("lĩnh vực") of a simulated hall. */
export interface SimField {
  id: string;
  prefix: string;
  name: { vi: string; en: string };
  /** Share of visitors. */
  share: number;
  /** Mean service minutes. */
  mean: number;
  /** Coefficient of variation of the (log-normal) service time. */
  cv: number;
}

/** A hall of the spec. */
export interface Scenario {
  id: string;
  name: string;
  fields: readonly SimField[];
  /** Fields each counter serves (field indexes), counter n + 1 at index n. */
  counters: readonly (readonly number[])[];
  /** The day's offered work divided by its capacity. */
  rhoDay: number;
  /** Probability that a visitor is a priority visitor. */
  prio: number;
  /** Expected people at the door at 07:30 (half as many at 13:30). */
  batch: number;
}

/** Issuing windows, minutes from 07:30: 07:30–11:30 and 13:30–17:00. */
export const WINDOWS: readonly (readonly [number, number])[] = [
  [0, 240],
  [360, 570],
];

/** Relative arrival weight per 30-minute slot: [slot start (min from 07:30), weight]. */
export const SLOT_WEIGHTS: readonly (readonly [number, number])[] = [
  [0, 0.7],
  [30, 1.2],
  [60, 1.4],
  [90, 1.5],
  [120, 1.4],
  [150, 1.2],
  [180, 1.0],
  [210, 0.6],
  [360, 0.8],
  [390, 1.1],
  [420, 1.2],
  [450, 1.1],
  [480, 1.0],
  [510, 0.8],
  [540, 0.5],
];

/** Minutes of one arrival slot. */
export const SLOT_MIN = 30;
/** Minutes a day's counters are planned for (the capacity side of rho_day). */
export const DAY_CAPACITY_MIN = 450;
/** Probability that a called visitor does not come; the counter loses one minute. */
export const NO_SHOW = 0.04;
/** Minutes a no-show occupies the counter. */
export const NO_SHOW_MIN = 1;
/** Share of each priority category among priority visitors (DOMAIN.md categories). */
export const PRIORITY_MIX = [
  ["elderly", 0.65],
  ["disabled", 0.1],
  ["pregnant", 0.1],
  ["merit", 0.07],
  ["child", 0.08],
] as const;

const f = (id: string, prefix: string, vi: string, en: string, share: number, mean: number, cv: number) => ({
  id,
  prefix,
  name: { vi, en },
  share,
  mean,
  cv,
});

/** Commune set C. */
export const COMMUNE_FIELDS: readonly SimField[] = [
  f("chung-thuc", "A", "Chứng thực", "Certification", 0.3, 4, 0.6),
  f("ho-tich", "B", "Hộ tịch", "Civil status", 0.25, 8, 0.7),
  f("cu-tru", "C", "Cư trú", "Residence", 0.15, 7, 0.7),
  f("dat-dai", "D", "Đất đai", "Land", 0.15, 12, 0.8),
  f("bhxh", "E", "Bảo hiểm xã hội – y tế", "Social and health insurance", 0.15, 8, 0.8),
];

/** Skill set K: as C with residence 0.12 and land 0.18. */
export const SKILL_FIELDS: readonly SimField[] = COMMUNE_FIELDS.map((x) =>
  x.id === "cu-tru" ? { ...x, share: 0.12 } : x.id === "dat-dai" ? { ...x, share: 0.18 } : x,
);

/** Provincial set P (12 fields). */
export const PROVINCIAL_FIELDS: readonly SimField[] = [
  f("kinh-doanh", "A", "Đăng ký kinh doanh", "Business registration", 0.14, 10, 0.8),
  f("dat-dai", "B", "Đất đai", "Land", 0.16, 14, 0.9),
  f("xay-dung", "C", "Xây dựng", "Construction", 0.05, 15, 0.9),
  f("ly-lich-tu-phap", "D", "Lý lịch tư pháp", "Judicial record", 0.1, 6, 0.6),
  f("giao-thong", "E", "Giao thông – Giấy phép lái xe", "Transport and licences", 0.12, 7, 0.6),
  f("lao-dong", "F", "Lao động – Thương binh và Xã hội", "Labour and social affairs", 0.08, 9, 0.8),
  f("y-te", "G", "Y tế – Giấy phép", "Health licences", 0.04, 12, 0.8),
  f("giao-duc", "H", "Giáo dục", "Education", 0.03, 8, 0.7),
  f("thue", "K", "Thuế", "Tax", 0.08, 8, 0.8),
  f("bhxh", "L", "Bảo hiểm xã hội", "Social insurance", 0.1, 8, 0.8),
  f("dau-tu", "M", "Đầu tư", "Investment", 0.04, 12, 0.9),
  f("tra-ket-qua", "N", "Trả kết quả", "Result return", 0.06, 3, 0.5),
];

const times = <T>(n: number, x: T): T[] => Array.from({ length: n }, () => x);
const ALL5 = [0, 1, 2, 3, 4];

/** S2's 30 counters, as in the spec's table. */
const S2_COUNTERS: number[][] = [
  ...times(4, [0]),
  [10],
  [0, 10],
  ...times(6, [1]),
  ...times(2, [2]),
  [1, 2],
  [3],
  ...times(2, [4]),
  [3, 7, 11],
  [4, 7, 11],
  [3, 4],
  ...times(2, [5]),
  [6],
  [5, 6],
  ...times(2, [8]),
  ...times(2, [9]),
  [8, 9],
];

/** The five halls of the spec, and S1 and S3 at a 30 % priority share. */
export const SCENARIOS: readonly Scenario[] = [
  {
    id: "S1",
    name: "commune",
    fields: COMMUNE_FIELDS,
    counters: times(6, ALL5),
    rhoDay: 0.8,
    prio: 0.15,
    batch: 10,
  },
  {
    id: "S2",
    name: "provincial",
    fields: PROVINCIAL_FIELDS,
    counters: S2_COUNTERS,
    rhoDay: 0.8,
    prio: 0.1,
    batch: 30,
  },
  {
    id: "S3",
    name: "stressed",
    fields: COMMUNE_FIELDS,
    counters: times(6, ALL5),
    rhoDay: 0.95,
    prio: 0.15,
    batch: 10,
  },
  {
    id: "S4",
    name: "skills",
    fields: SKILL_FIELDS,
    counters: [[0, 1], [0], [1], [1, 2], [2, 4], [4, 3], [3], [3, 0]],
    rhoDay: 0.8,
    prio: 0.15,
    batch: 12,
  },
  {
    id: "S4b",
    name: "chain",
    fields: SKILL_FIELDS,
    counters: [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
      [4, 0],
      [1, 3],
      [3, 0],
      [1, 4],
    ],
    rhoDay: 0.8,
    prio: 0.15,
    batch: 12,
  },
  {
    id: "S1p30",
    name: "commune, 30 % priority",
    fields: COMMUNE_FIELDS,
    counters: times(6, ALL5),
    rhoDay: 0.8,
    prio: 0.3,
    batch: 10,
  },
  {
    id: "S3p30",
    name: "stressed, 30 % priority",
    fields: COMMUNE_FIELDS,
    counters: times(6, ALL5),
    rhoDay: 0.95,
    prio: 0.3,
    batch: 10,
  },
];

/** The scenario with this id (case-insensitive), or undefined. */
export function scenario(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id.toLowerCase() === id.toLowerCase());
}

/** Mean minutes a called visitor occupies a counter: E_eff = (1 − noShow)·Σ share·mean + noShow·1. */
export function effectiveMeanMin(s: Pick<Scenario, "fields">): number {
  const m = s.fields.reduce((acc, x) => acc + x.share * x.mean, 0);
  return (1 - NO_SHOW) * m + NO_SHOW * NO_SHOW_MIN;
}

/**
 * Arrivals per minute at peak weight 1.5:
 * λ_peak = (rho_day·K·450/E_eff − 1.5·batch) / Σ(len·w/1.5).
 */
export function peakRate(s: Scenario): number {
  const slots = SLOT_WEIGHTS.reduce((acc, [, w]) => acc + (SLOT_MIN * w) / 1.5, 0);
  return ((s.rhoDay * s.counters.length * DAY_CAPACITY_MIN) / effectiveMeanMin(s) - 1.5 * s.batch) / slots;
}

/** Expected arrivals per minute at minute `t` from 07:30 (0 outside the issuing windows), door queues excluded. */
export function rateAt(s: Scenario, t: number): number {
  const slot = SLOT_WEIGHTS.find(([start]) => t >= start && t < start + SLOT_MIN);
  return slot ? (peakRate(s) * slot[1]) / 1.5 : 0;
}

/** The hall config of a scenario: its fields, its counters 1…K, targets and hours of the spec. */
export function scenarioConfig(s: Scenario, policy: HallConfig["dispatch"]["policy"]): HallConfig {
  const day = [
    ["07:30", "11:30"],
    ["13:30", "17:00"],
  ];
  return HallConfigSchema.parse({
    id: `sim-${s.id.toLowerCase()}`,
    name: { vi: `Mô phỏng ${s.id} (${s.name})`, en: `Simulated ${s.id} (${s.name})` },
    // Simulated days follow one another on every weekday; the issuing windows come from the days.
    enforceHours: false,
    hours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day },
    dispatch: { policy },
    services: s.fields.map((x) => ({ id: x.id, prefix: x.prefix, name: x.name, defaultServiceMin: x.mean })),
    counters: s.counters.map((fs, i) => ({ number: i + 1, serviceIds: fs.map((k) => s.fields[k]!.id) })),
  });
}
