/**
 * What a queue ticket says, as a list of blocks that both renderers (text mode in
 * WPC1258, raster mode as one image) draw in order. Vietnamese first with full
 * diacritics, English second and smaller (shared/STYLE.md, visitor-facing text).
 */
import type { Lang, Text } from "../contract/index.ts";

/** Everything printed on a ticket. */
export interface TicketPrintData {
  hallName: Text;
  /** Visible number, e.g. `A012`. */
  number: string;
  serviceName: Text;
  /** Priority category label, or null for an ordinary visitor. */
  priority: Text | null;
  /** Issue time, ms since the epoch; printed in Asia/Ho_Chi_Minh. */
  issuedAt: number;
  /** People ahead of this ticket. */
  ahead: number;
  /** Estimated wait in minutes, or null when unknown. */
  estimatedWaitMin: number | null;
  /** The upper figure ("chậm nhất"), about the 80th percentile; null when unknown. */
  estimatedWaitMaxMin: number | null;
  /** The ticket's status page, carried by the QR code. */
  statusUrl: string;
  /** The visitor's language at the kiosk: English lines print at normal size when "en". */
  lang: Lang;
  /** A checked-in booking's slot time (issue 14), ms since the epoch; absent for a walk-in. */
  bookedAt?: number | null;
}

/**
 * Text styles of the ticket. Each renderer maps them to its own means
 * (text mode: GS ! multipliers, ESC E, font B; raster: font size and weight).
 */
export type TicketStyle = "title" | "subtitle" | "label" | "number" | "field" | "body" | "small" | "footer";

export type TicketBlock =
  | { kind: "text"; text: string; style: TicketStyle }
  | { kind: "rule" }
  | { kind: "qr"; data: string }
  | { kind: "gap" };

/** Time zone of every Vietnamese hall (one zone, UTC+7, no daylight saving). */
export const HALL_TIME_ZONE = "Asia/Ho_Chi_Minh";

/** Asia/Ho_Chi_Minh is UTC+7 all year (no daylight saving since 1975). */
const HALL_OFFSET_MS = 7 * 3600_000;
const two = (n: number) => String(n).padStart(2, "0");

/**
 * Formats ms since the epoch as `HH:mm dd/MM/yyyy` in Asia/Ho_Chi_Minh, the Vietnamese order
 * (by arithmetic: Intl's formatToParts cost ~0.1 ms a call on the issue path).
 */
export function formatIssueTime(ms: number): string {
  const d = new Date(ms + HALL_OFFSET_MS);
  return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())} ${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/**
 * The wait lines: "Thời gian chờ dự kiến: khoảng X phút, chậm nhất Y phút" / "Estimated
 * wait: about X min, at most Y min", each cut after its comma into two lines so that
 * neither wraps mid-phrase on a 48-column printer (only "khoảng X phút" when no upper
 * figure above the estimate is known); null when there is no estimate.
 */
export function waitLines(est: number | null, max: number | null): { vi: string[]; en: string[] } | null {
  if (est === null) return null;
  if (max === null || max <= est)
    return { vi: [`Thời gian chờ dự kiến: khoảng ${est} phút`], en: [`Estimated wait: about ${est} min`] };
  return {
    vi: [`Thời gian chờ dự kiến: khoảng ${est} phút,`, `chậm nhất ${max} phút`],
    en: [`Estimated wait: about ${est} min,`, `at most ${max} min`],
  };
}

/** The blocks of one ticket, top to bottom. */
export function layoutTicket(d: TicketPrintData): TicketBlock[] {
  const en: TicketStyle = d.lang === "en" ? "body" : "small";
  const t = (text: string, style: TicketStyle): TicketBlock => ({ kind: "text", text, style });
  const wait = waitLines(d.estimatedWaitMin, d.estimatedWaitMaxMin);
  const blocks: TicketBlock[] = [
    t(d.hallName.vi, "title"),
    t(d.hallName.en, en),
    { kind: "rule" },
    t("SỐ THỨ TỰ", "label"),
    t("Your number", en),
    t(d.number, "number"),
    t(d.serviceName.vi, "field"),
    t(d.serviceName.en, en),
  ];
  if (d.priority)
    blocks.push(t(`Ưu tiên: ${d.priority.vi}`, "subtitle"), t(`Priority: ${d.priority.en}`, en));
  if (d.bookedAt != null) {
    const hm = formatIssueTime(d.bookedAt).slice(0, 5);
    blocks.push(t(`Lịch hẹn: ${hm}`, "subtitle"), t(`Appointment: ${hm}`, en));
  }
  blocks.push(
    { kind: "gap" },
    t(`Giờ lấy số: ${formatIssueTime(d.issuedAt)}`, "body"),
    t(`Issued at ${formatIssueTime(d.issuedAt)}`, en),
    t(`Số người đang chờ trước bạn: ${d.ahead}`, "body"),
    t(`People ahead of you: ${d.ahead}`, en),
  );
  if (wait) blocks.push(...wait.vi.map((x) => t(x, "body")), ...wait.en.map((x) => t(x, en)));
  blocks.push(
    { kind: "qr", data: d.statusUrl },
    t("Quét mã để theo dõi lượt của bạn", "small"),
    t("Scan to follow your turn", "small"),
    { kind: "rule" },
    t("Vui lòng chờ đến lượt", "footer"),
    t("Please wait for your turn", en),
  );
  return blocks;
}

/**
 * Splits text into lines of at most `width` units as measured by `measure`, at
 * spaces, balanced for centred text: the same number of lines as a greedy wrap,
 * but as even as possible ("Trung tâm … công / phường Phú Liên", not a lone
 * "Liên" on the second line). A word longer than a line is cut where it overflows.
 */
export function wrapText(text: string, width: number, measure: (s: string) => number): string[] {
  const greedy = wrapGreedy(text, width, measure);
  if (greedy.length < 2) return greedy;
  // The line count only grows as the width shrinks: find the narrowest width that
  // still gives the greedy line count.
  let lo = 1;
  let hi = width;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (wrapGreedy(text, mid, measure).length <= greedy.length) hi = mid;
    else lo = mid + 1;
  }
  return wrapGreedy(text, hi, measure);
}

function wrapGreedy(text: string, width: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  let cur = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = cur ? `${cur} ${word}` : word;
    if (measure(next) <= width) {
      cur = next;
      continue;
    }
    if (cur) lines.push(cur);
    cur = word;
    while (measure(cur) > width) {
      const chars = [...cur];
      let n = chars.length - 1;
      while (n > 1 && measure(chars.slice(0, n).join("")) > width) n--;
      lines.push(chars.slice(0, n).join(""));
      cur = chars.slice(n).join("");
    }
  }
  if (cur) lines.push(cur);
  return lines;
}
