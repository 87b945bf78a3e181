/**
 * The board's line when the hall issues no tickets now (`HallState.status`, the one
 * schedule rule of decision 0101): "Trung tâm đang nghỉ trưa, làm việc lại lúc 13:30." and
 * its English. Addressed to people already in the hall: numbers issued are still served
 * after the cut-off. Pure.
 */

import type { Text } from "../../server/contract/domain.ts";
import type { HallState } from "../../server/contract/topics.ts";

type Status = NonNullable<HallState["status"]>;

const WEEKDAY_VI = ["Chủ nhật", "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy"];
const WEEKDAY_EN = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** `2026-11-23T13:30:00.000+07:00` → hall date, `13:30`, `24/11`, weekday (read from the text). */
function parts(iso: string) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m;
  const wd = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d))).getUTCDay();
  return { date: `${y}-${mo}-${d}`, dm: `${d}/${mo}`, hm: `${h}:${mi}`, wd };
}

/** Today in the hall (Asia/Ho_Chi_Minh), YYYY-MM-DD. */
export const hallToday = (now = Date.now()) => new Date(now + 7 * 3_600_000).toISOString().slice(0, 10);

/** The board's closed line in both languages; null while the hall issues tickets. */
export function closedLine(s: Status | undefined | null, today: string): Text | null {
  if (!s || s.issuing) return null;
  const p = s.opensAt ? parts(s.opensAt) : null;
  const same = p?.date === today;
  const vi = (head: string) =>
    p ? `${head}, làm việc lại lúc ${p.hm}${same ? "" : ` ${WEEKDAY_VI[p.wd]} ${p.dm}`}.` : `${head}.`;
  const en = (head: string) =>
    p ? `${head}; open again at ${p.hm}${same ? "" : ` on ${WEEKDAY_EN[p.wd]} ${p.dm}`}.` : `${head}.`;
  const name = s.dayName;
  switch (s.reason) {
    case "break":
      return { vi: vi("Trung tâm đang nghỉ trưa"), en: en("The center is on its lunch break") };
    case "before-opening":
      return { vi: vi("Trung tâm chưa đến giờ làm việc"), en: en("The center is not open yet") };
    case "cutoff":
      return {
        vi: "Đã ngừng cấp số hôm nay; các số đã cấp vẫn được phục vụ.",
        en: "No more tickets today; numbers already issued will still be served.",
      };
    case "after-closing":
      return { vi: vi("Trung tâm đã hết giờ làm việc hôm nay"), en: en("The center has closed for today") };
    case "holiday":
      return {
        vi: vi(name ? `Hôm nay nghỉ lễ ${name.vi}` : "Hôm nay nghỉ lễ"),
        en: en(name ? `Closed today: ${name.en}` : "Closed today for a public holiday"),
      };
    case "day-off":
      return { vi: vi("Hôm nay trung tâm không làm việc"), en: en("The center is closed today") };
    default:
      return { vi: vi("Trung tâm tạm ngừng cấp số"), en: en("Ticket issuing is paused") };
  }
}
