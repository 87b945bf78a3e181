/**
 * Vietnam's public holidays as far as they are known, for halls of the state
 * (cán bộ, công chức, viên chức: Monday–Friday, Saturday and Sunday off). The default of
 * `schedule.holidays` and `schedule.workdays` (config-parts.ts) and what the admin screen
 * offers to add; every hall edits its own copy, because the government decides the days
 * off around Tết and 2/9 each year (usually in the autumn before) and a hall that opens on
 * Saturday mornings may keep different weekends.
 *
 * Labour Code 2019, art. 112: 1/1; Tết âm lịch 5 days (which ones: the Prime Minister);
 * Giỗ Tổ Hùng Vương 10/3 âm lịch; 30/4; 1/5; 2/9 and one day next to it. Art. 111(3): a
 * holiday on a weekly day off is taken on the next working day. The ranges below include
 * the weekend days the announcements count in the break (a hall open on Saturday mornings
 * is closed then too).
 *
 * 2026 (decided; docs/decisions/0101-opening-hours.md cites each notice):
 * - Tết Dương lịch 1/1–4/1, Friday 2/1 swapped with Saturday 10/1 (VPCP 12729/VPCP-KGVX, 25/12/2025);
 * - Tết Nguyên đán Bính Ngọ 14/2–22/2 (Prime Minister's decision relayed by VPCP, October 2025);
 * - Giỗ Tổ Hùng Vương Sunday 26/4, taken Monday 27/4 (art. 111(3));
 * - 30/4 and 1/5 Thursday and Friday;
 * - Quốc khánh 29/8–2/9, Monday 31/8 swapped with Saturday 22/8 (same decision as Tết).
 * 2027 (only what the law and the lunar calendar fix): 1/1 Friday; Giỗ Tổ Friday 16/4
 * (lunar.ts); 30/4 Friday and 1/5 Saturday, taken Monday 3/5; 2/9 Thursday. Not known yet
 * and therefore NOT listed: the five days of Tết Đinh Mùi (mùng 1 = Saturday 6/2/2027) and
 * the day next to 2/9/2027. "Ngày Văn hóa Việt Nam" 24/11 (Politburo Resolution 80-NQ/TW,
 * January 2026) is not listed either until the Labour Code makes it a day off.
 */
import type { Day } from "./config-parts.ts";

// Plain types (not the schema's): the schema's defaults are these lists.
type Text = { vi: string; en: string };
type Holiday = { from: string; to?: string; name: Text };
type Workday = { date: string; as: Day; name: Text };

const h = (from: string, to: string | undefined, vi: string, en: string): Holiday =>
  to === undefined ? { from, name: { vi, en } } : { from, to, name: { vi, en } };

/** Known days off, 2026–2027. */
export const VN_HOLIDAYS: Holiday[] = [
  h("2026-01-01", "2026-01-04", "Tết Dương lịch", "New Year"),
  h("2026-02-14", "2026-02-22", "Tết Nguyên đán Bính Ngọ", "Lunar New Year (Tết)"),
  h(
    "2026-04-25",
    "2026-04-27",
    "Giỗ Tổ Hùng Vương (nghỉ bù thứ Hai 27/4)",
    "Hung Kings' Day (taken Monday 27/4)",
  ),
  h(
    "2026-04-30",
    "2026-05-03",
    "Ngày Giải phóng miền Nam và Quốc tế Lao động",
    "Reunification Day and Labour Day",
  ),
  h("2026-08-29", "2026-09-02", "Quốc khánh", "National Day"),
  h("2027-01-01", "2027-01-03", "Tết Dương lịch", "New Year"),
  h("2027-04-16", "2027-04-18", "Giỗ Tổ Hùng Vương", "Hung Kings' Day"),
  h(
    "2027-04-30",
    "2027-05-03",
    "Ngày Giải phóng miền Nam và Quốc tế Lao động (nghỉ bù thứ Hai 3/5)",
    "Reunification Day and Labour Day (taken Monday 3/5)",
  ),
  h(
    "2027-09-02",
    undefined,
    "Quốc khánh (ngày nghỉ liền kề: chờ thông báo)",
    "National Day (the adjacent day: to be announced)",
  ),
];

/** Known make-up working days (a Saturday worked with the hours of the weekday it replaces). */
export const VN_WORKDAYS: Workday[] = [
  {
    date: "2026-01-10",
    as: "fri",
    name: { vi: "Làm bù cho thứ Sáu 02/01/2026", en: "Works for Friday 2 January 2026" },
  },
  {
    date: "2026-08-22",
    as: "mon",
    name: { vi: "Làm bù cho thứ Hai 31/08/2026", en: "Works for Monday 31 August 2026" },
  },
];

/** Lunar-calendar holidays whose days off are not known yet, for a reminder on the admin screen. */
export const VN_PENDING: { year: number; vi: string; en: string }[] = [
  {
    year: 2027,
    vi: "Lịch nghỉ Tết Nguyên đán Đinh Mùi (mùng 1 Tết: thứ Bảy 06/02/2027)",
    en: "The Tết 2027 days off (Lunar New Year: Saturday 6 February 2027)",
  },
  {
    year: 2027,
    vi: "Ngày nghỉ liền kề Quốc khánh 02/09/2027",
    en: "The day off next to National Day, 2 September 2027",
  },
];
