/**
 * Number, date and duration formats of the manager's dashboard: vi-VN conventions in
 * Vietnamese (1.234 and 8,6 — a dot groups thousands, a comma marks decimals), en-GB in
 * English (day before month, like the Vietnamese date). Durations in reports are minutes
 * with one decimal (how halls report, e.g. "8,6 phút/lượt"); live waits are m:ss.
 */
import type { Lang } from "../../../ui/i18n.ts";

const locale = (l: Lang) => (l === "vi" ? "vi-VN" : "en-GB");
const cache = new Map<string, Intl.NumberFormat>();
function nf(l: Lang, digits: number): Intl.NumberFormat {
  const k = `${l}:${digits}`;
  let f = cache.get(k);
  if (!f) {
    f = new Intl.NumberFormat(locale(l), { minimumFractionDigits: digits, maximumFractionDigits: digits });
    cache.set(k, f);
  }
  return f;
}

/** An integer with thousands grouping ("1.234"); "—" for null. */
export function fmtInt(n: number | null | undefined, l: Lang): string {
  return n == null ? "—" : nf(l, 0).format(Math.round(n));
}

/** A number with one decimal ("8,6"); "—" for null or a non-finite value. */
export function fmtDec(n: number | null | undefined, l: Lang, digits = 1): string {
  return n == null || !Number.isFinite(n) ? "—" : nf(l, digits).format(n);
}

/** A percentage with one decimal ("92,3 %" in vi-VN, "92.3%" in English). */
export function fmtPct(n: number | null | undefined, l: Lang): string {
  if (n == null) return "—";
  return l === "vi" ? `${fmtDec(n, l)} %` : `${fmtDec(n, l)}%`;
}

/** Seconds as minutes with one decimal, without the unit ("8,6"); "—" for null. */
export function fmtMin(sec: number | null | undefined, l: Lang): string {
  return sec == null ? "—" : fmtDec(sec / 60, l);
}

/** Seconds as hours and minutes ("3 giờ 05" / "3 h 05"), for counter time over a period. */
export function fmtHours(sec: number | null | undefined, l: Lang): string {
  if (sec == null) return "—";
  const m = Math.round(sec / 60);
  const h = Math.floor(m / 60);
  const mm = String(m % 60).padStart(2, "0");
  return l === "vi" ? `${fmtInt(h, l)} giờ ${mm}` : `${fmtInt(h, l)} h ${mm}`;
}

/** A service day `YYYY-MM-DD` as `dd/mm/yyyy`. */
export function fmtDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : day;
}

/** An ISO instant as `HH:mm` in Asia/Ho_Chi_Minh (the hall's time, whatever the PC's zone). */
export function fmtTime(iso: string | number): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  return d.toLocaleTimeString("vi-VN", { hour: "2-digit", minute: "2-digit", timeZone: "Asia/Ho_Chi_Minh" });
}

/** Today's service day (YYYY-MM-DD in Asia/Ho_Chi_Minh) at epoch ms `now`. */
export function vnDay(now: number): string {
  return new Date(now + 7 * 3_600_000).toISOString().slice(0, 10);
}
