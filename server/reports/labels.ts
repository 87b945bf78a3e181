/**
 * Human labels and row order of report keys, in Vietnamese (default) or English. Keys are
 * stable machine values (a day, an hour, a service id, a counter number, an officer id, a
 * priority code); labels are for people and may change with the hall config.
 */
import type { HallConfig } from "../contract/config.ts";
import { type Lang, PRIORITIES, PRIORITY_LABELS } from "../contract/domain.ts";
import type { ReportGroup } from "../contract/reports.ts";
import { dayStartMs, vnParts } from "../queue/time.ts";

/** Key of visits never called, in the counter and officer groupings. */
export const NONE_KEY = "not-called";
export const TOTAL_KEY = "total";

/** Hours of day always listed in the hour grouping (07:00–17:59), even when empty. */
export const HOURS_SHOWN = [7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17];

const WEEKDAYS: Record<Lang, string[]> = {
  vi: ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"],
  en: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
};

const TEXT = {
  none: { vi: "Chưa được gọi", en: "Never called" },
  total: { vi: "Tổng cộng", en: "Total" },
  counter: { vi: "Quầy", en: "Counter" },
  "walk-in": { vi: "Lấy số trực tiếp", en: "Walk-in" },
  booked: { vi: "Đặt lịch hẹn", en: "Booked" },
};
/** Keys of the `booking` grouping (issue 14), in their order. */
const BOOKING_KEYS = ["walk-in", "booked"] as const;

export interface LabelContext {
  config: HallConfig;
  staff: ReadonlyMap<number, { username: string; name: string }>;
  lang: Lang;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The stable key of a raw group value from the store (hour as `07`, null as `none`). */
export function keyOf(group: ReportGroup, raw: string | number | null): string {
  if (raw === null) return NONE_KEY;
  if (group === "hour") return pad(Number(raw));
  return String(raw);
}

/** The label of `key` in `group`. */
export function labelOf(group: ReportGroup | "officer" | "counter", key: string, ctx: LabelContext): string {
  const { lang } = ctx;
  if (key === TOTAL_KEY) return TEXT.total[lang];
  if (key === NONE_KEY) return TEXT.none[lang];
  switch (group) {
    case "day": {
      const p = vnParts(dayStartMs(key));
      const dmy = `${pad(p.day)}/${pad(p.month)}/${p.year}`;
      return lang === "vi" ? `${WEEKDAYS.vi[p.weekday]}, ${dmy}` : `${WEEKDAYS.en[p.weekday]} ${dmy}`;
    }
    case "hour": {
      const h = Number(key);
      return `${pad(h)}:00–${pad((h + 1) % 24)}:00`;
    }
    case "service":
      return ctx.config.services.find((s) => s.id === key)?.name[lang] ?? key;
    case "counter": {
      const c = ctx.config.counters.find((x) => String(x.number) === key);
      return c?.name?.[lang] ?? `${TEXT.counter[lang]} ${key}`;
    }
    case "officer": {
      const u = ctx.staff.get(Number(key));
      return u ? `${u.name} (${u.username})` : `#${key}`;
    }
    case "priority":
      return (PRIORITY_LABELS as Record<string, { vi: string; en: string }>)[key]?.[lang] ?? key;
    case "booking":
      return key === "booked" || key === "walk-in" ? TEXT[key][lang] : key;
  }
}

/**
 * Keys listed even when they have no visits, so charts keep a stable axis: hours 07–17,
 * every configured field and counter, every priority category.
 */
export function fixedKeys(group: ReportGroup | "officer" | "counter", config: HallConfig): string[] {
  switch (group) {
    case "hour":
      return HOURS_SHOWN.map(pad);
    case "service":
      return config.services.map((s) => s.id);
    case "counter":
      return config.counters.map((c) => String(c.number));
    case "priority":
      return [...PRIORITIES];
    case "booking":
      return [...BOOKING_KEYS];
    default:
      return [];
  }
}

/** One Vietnamese collator (localeCompare with a locale builds one per comparison). */
const VI_COLLATOR = new Intl.Collator("vi");

/** Sorts keys in the natural order of the grouping; `none` last. */
export function sortKeys(
  group: ReportGroup | "officer" | "counter",
  keys: string[],
  ctx: LabelContext,
): string[] {
  const rank = (k: string): number => {
    if (group === "service") {
      const i = ctx.config.services.findIndex((s) => s.id === k);
      return i < 0 ? 1e6 : i;
    }
    if (group === "priority") {
      const i = (PRIORITIES as readonly string[]).indexOf(k);
      return i < 0 ? 1e6 : i;
    }
    if (group === "booking") {
      const i = (BOOKING_KEYS as readonly string[]).indexOf(k);
      return i < 0 ? 1e6 : i;
    }
    return 0;
  };
  const labels = new Map(keys.map((k) => [k, labelOf(group, k, ctx)]));
  return [...keys].sort((a, b) => {
    if (a === NONE_KEY || b === NONE_KEY) return Number(a === NONE_KEY) - Number(b === NONE_KEY);
    if (group === "hour" || group === "counter") return Number(a) - Number(b);
    if (group === "officer")
      return VI_COLLATOR.compare(labels.get(a)!, labels.get(b)!) || Number(a) - Number(b);
    return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
  });
}
