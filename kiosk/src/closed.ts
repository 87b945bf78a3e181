/**
 * Why the kiosk takes no tickets now, in words a visitor reads: the server's answer of
 * the one schedule rule (`status` of `GET /api/services`, server/queue/schedule.ts) →
 * "Hôm nay nghỉ lễ Quốc khánh. Trung tâm làm việc lại lúc 07:30 thứ Năm 03/09." Pure.
 */
import type { Lang } from "../../ui/i18n.ts";

/** The part of `GET /api/services` `status` the message needs. */
export interface ClosedStatus {
  issuing: boolean;
  reason: string | null;
  dayName: { vi: string; en: string } | null;
  opensAt: string | null;
}

const WEEKDAY_VI = ["Chủ nhật", "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy"];
const WEEKDAY_EN = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** `2026-09-03T07:30:00.000+07:00` → its hall-local date and time, read from the text. */
function parts(iso: string) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m;
  const wd = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d))).getUTCDay();
  return { date: `${y}-${mo}-${d}`, dm: `${d}/${mo}`, hm: `${h}:${mi}`, wd };
}

/** When issuing resumes, relative to `today` (YYYY-MM-DD, hall time). */
function reopen(opensAt: string | null, today: string, l: Lang): string {
  const p = opensAt ? parts(opensAt) : null;
  if (!p) return "";
  if (l === "en")
    return p.date === today
      ? ` Tickets again at ${p.hm}.`
      : ` Open again ${WEEKDAY_EN[p.wd]} ${p.dm} at ${p.hm}.`;
  return p.date === today
    ? ` Cấp số lại lúc ${p.hm}.`
    : ` Trung tâm làm việc lại lúc ${p.hm} ${WEEKDAY_VI[p.wd]} ${p.dm}.`;
}

/** Today in the hall (Asia/Ho_Chi_Minh, no daylight saving), YYYY-MM-DD. */
export const hallToday = (now = Date.now()) => new Date(now + 7 * 3_600_000).toISOString().slice(0, 10);

/** The banner of a kiosk whose hall issues nothing now; null while it issues. */
export function closedMessage(s: ClosedStatus, today: string, l: Lang): string | null {
  if (s.issuing) return null;
  const name = s.dayName?.[l] ?? "";
  const vi: Record<string, string> = {
    holiday: name ? `Hôm nay nghỉ lễ: ${name}.` : "Hôm nay nghỉ lễ.",
    "day-off": "Hôm nay trung tâm không làm việc.",
    "before-opening": "Chưa đến giờ cấp số.",
    break: "Đang giờ nghỉ trưa.",
    cutoff: "Đã ngừng cấp số thứ tự hôm nay.",
    "after-closing": "Đã hết giờ làm việc hôm nay.",
    manual: "Trung tâm tạm ngừng cấp số.",
  };
  const en: Record<string, string> = {
    holiday: `Closed today${name ? `: ${name}` : " for a public holiday"}.`,
    "day-off": "The center is closed today.",
    "before-opening": "Not issuing tickets yet.",
    break: "Lunch break.",
    cutoff: "No more tickets today.",
    "after-closing": "Closed for today.",
    manual: "Ticket issuing is paused.",
  };
  const table = l === "en" ? en : vi;
  const head =
    table[s.reason ?? ""] ?? (l === "en" ? "Not taking tickets now." : "Hiện chưa tiếp nhận hồ sơ.");
  return head + reopen(s.opensAt, today, l);
}
