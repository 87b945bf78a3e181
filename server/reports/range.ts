/**
 * Report ranges: `from`/`to` service days (inclusive, YYYY-MM-DD in Asia/Ho_Chi_Minh) or a
 * calendar preset relative to `now`. Bad input is refused with a contract error code:
 * 400 `invalid-range` (malformed, impossible or inverted dates, or both a preset and dates),
 * 400 `range-too-large` (more than REPORT_MAX_DAYS days: one response must stay small and
 * fast; split the period). Definitions: docs/decisions/0030-report-definitions.md.
 */
import { REPORT_MAX_DAYS, REPORT_PRESETS, type ReportPreset, type ReportRange } from "../contract/reports.ts";
import { dayStartMs, serviceDay, vnParts } from "../queue/time.ts";
import { DomainError } from "../queue/types.ts";

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `s` is a real calendar date `YYYY-MM-DD` between 2000 and 2099. */
export function isServiceDay(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 2000 || y > 2099) return false;
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** Number of service days from `from` to `to`, both included. */
export function daysInRange(from: string, to: string): number {
  return Math.round((dayStartMs(to) - dayStartMs(from)) / DAY_MS) + 1;
}

/** The service day `n` days after `day` (n may be negative). */
export function addDays(day: string, n: number): string {
  return serviceDay(dayStartMs(day) + n * DAY_MS + DAY_MS / 2);
}

const pad = (n: number) => String(n).padStart(2, "0");
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const lastDayOf = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** First and last day of the `months`-month calendar period that contains (year, month). */
function period(year: number, month: number, months: number): [string, string] {
  const first = Math.floor((month - 1) / months) * months + 1;
  const last = first + months - 1;
  return [ymd(year, first, 1), ymd(year, last, lastDayOf(year, last))];
}

/**
 * The range of a preset at instant `now`: the current month, quarter, half-year or year
 * from its first day to today (Asia/Ho_Chi_Minh), or the previous complete one (`last-…`).
 */
export function presetRange(preset: ReportPreset, now: number): { from: string; to: string } {
  const today = serviceDay(now);
  const { year, month } = vnParts(now);
  if (preset === "today") return { from: today, to: today };
  const months = { month: 1, quarter: 3, half: 6, year: 12 }[preset.replace("last-", "") as "month"];
  const [from] = period(year, month, months);
  if (!preset.startsWith("last-")) return { from, to: today };
  const prev = vnParts(dayStartMs(from) - DAY_MS);
  const [pf, pt] = period(prev.year, prev.month, months);
  return { from: pf, to: pt };
}

/**
 * Resolves and checks the range of a report request: either `preset`, or both `from` and
 * `to`. Throws DomainError `invalid-range` or `range-too-large` with a `reason` detail.
 */
export function resolveRange(q: { from?: string; to?: string; preset?: string }, now: number): ReportRange {
  const bad = (reason: string) => new DomainError("invalid-range", { reason });
  if (q.preset !== undefined && q.preset !== "") {
    if (q.from || q.to) throw bad("give either preset or from/to, not both");
    if (!(REPORT_PRESETS as readonly string[]).includes(q.preset))
      throw bad(`unknown preset; one of ${REPORT_PRESETS.join(", ")}`);
    const preset = q.preset as ReportPreset;
    const r = presetRange(preset, now);
    return { ...r, days: daysInRange(r.from, r.to), preset };
  }
  if (!q.from || !q.to) throw bad("from and to (YYYY-MM-DD) are required, or a preset");
  if (!isServiceDay(q.from)) throw bad("from is not a date YYYY-MM-DD");
  if (!isServiceDay(q.to)) throw bad("to is not a date YYYY-MM-DD");
  if (q.from > q.to) throw bad("from is after to");
  const days = daysInRange(q.from, q.to);
  if (days > REPORT_MAX_DAYS)
    throw new DomainError("range-too-large", {
      reason: `at most ${REPORT_MAX_DAYS} days per request; split the period`,
      maxDays: REPORT_MAX_DAYS,
      days,
    });
  return { from: q.from, to: q.to, days };
}
