/**
 * Service-day arithmetic in Asia/Ho_Chi_Minh (UTC+7, no daylight saving since 1975),
 * whatever the machine's zone (CONTRACT.md, `TZ`). Pure: takes instants as UTC ms.
 */
import type { HallConfig } from "../contract/config.ts";
import { DAYS } from "../contract/config.ts";

/** Offset of Asia/Ho_Chi_Minh from UTC in ms. Fixed: Vietnam has no DST. */
export const VN_OFFSET_MS = 7 * 3600_000;

/** Local wall-clock parts of an instant in Asia/Ho_Chi_Minh. */
export function vnParts(ms: number) {
  const d = new Date(ms + VN_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    /** 0 = Monday … 6 = Sunday. */
    weekday: (d.getUTCDay() + 6) % 7,
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** The service day (YYYY-MM-DD in Asia/Ho_Chi_Minh) of an instant. Numbering restarts every service day. */
export function serviceDay(ms: number): string {
  const p = vnParts(ms);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** UTC ms of local midnight starting the given service day `YYYY-MM-DD`. */
export function dayStartMs(day: string): number {
  const [y, m, d] = day.split("-").map(Number);
  return Date.UTC(y!, m! - 1, d!) - VN_OFFSET_MS;
}

/** ISO 8601 with the +07:00 offset, e.g. `2026-11-22T08:05:00.000+07:00`. */
export function isoVn(ms: number): string {
  const d = new Date(ms + VN_OFFSET_MS);
  return `${d.toISOString().slice(0, 23)}+07:00`;
}

/** True when the hall's opening hours include the instant. */
export function isWithinHours(hours: HallConfig["hours"], ms: number): boolean {
  const p = vnParts(ms);
  const key = DAYS[p.weekday]!;
  const hm = `${pad(p.hour)}:${pad(p.minute)}`;
  return hours[key].some(([from, to]) => hm >= from && hm < to);
}

/**
 * When a visit's wait begins (the reports' SQL `START`): its issue, or for a booking checked
 * in before its slot, the slot (decision 0110: a visitor who comes early for a booking is
 * not kept waiting by the hall before the time it promised).
 */
export function waitStart(v: { issuedAt: number; dueAt?: number | null }): number {
  return v.dueAt != null && v.dueAt > v.issuedAt ? v.dueAt : v.issuedAt;
}

/** How long a visit had waited at `until` (ms, from `waitStart`; never below 0). */
export function waitedMs(v: { issuedAt: number; dueAt?: number | null }, until: number): number {
  return Math.max(0, until - waitStart(v));
}
