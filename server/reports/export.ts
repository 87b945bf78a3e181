/**
 * CSV and XLSX exports of the reports, with exactly the columns of the JSON rows
 * (contract/reports.ts `*_COLUMNS`) and the `total` row last.
 *
 * CSV: RFC 4180 (CRLF, quotes doubled), UTF-8 with a byte-order mark — without the BOM,
 * Excel on Windows reads UTF-8 as the ANSI code page and shows "Há»™ tá»‹ch" for "Hộ tịch".
 * Numbers use a dot: Excel with Vietnamese regional settings expects a decimal comma and
 * may misread "12.5", which is why the XLSX export exists (typed numeric cells, no
 * locale guessing). Text cells that start with = + - @ are prefixed with ' so that a
 * name typed by a user cannot run as a spreadsheet formula (OWASP "CSV injection").
 * XLSX: exceljs; a second sheet explains each column, the range, the target and the zone.
 */
import { PassThrough } from "node:stream";
import type { Lang } from "../contract/domain.ts";
import {
  BREACH_COLUMNS,
  type BreachList,
  OFFICER_REPORT_COLUMNS,
  type OfficerReport,
  type ReportRange,
  WAIT_REPORT_COLUMNS,
  type WaitReport,
} from "../contract/reports.ts";

export type Cell = string | number | null;

/** A report flattened to a table: the same columns as its JSON rows. */
export interface Table {
  title: string;
  columns: readonly string[];
  rows: Cell[][];
  /** Name/value lines of the notes sheet (range, target, time zone, generated at). */
  about: [string, string][];
}

const DESCRIPTIONS: Record<string, { vi: string; en: string }> = {
  key: { vi: "Mã nhóm", en: "Group key" },
  label: { vi: "Tên nhóm", en: "Group name" },
  tickets: {
    vi: "Số lượt (số thứ tự đã cấp; chuyển quầy không tính lượt mới)",
    en: "Visits (tickets issued; a transfer is not a new visit)",
  },
  served: { vi: "Đã giải quyết xong", en: "Served (finished)" },
  noShows: { vi: "Vắng mặt khi được gọi", en: "No-shows" },
  cancelled: { vi: "Đã hủy (công dân bỏ về hoặc hết ngày)", en: "Cancelled (gave up, or left at day end)" },
  called: { vi: "Đã được gọi (có thời gian chờ)", en: "Called (with a measured wait)" },
  meanWaitSec: { vi: "Thời gian chờ trung bình (giây)", en: "Mean wait (s)" },
  medianWaitSec: { vi: "Trung vị thời gian chờ (giây, hạng gần nhất)", en: "Median wait (s, nearest rank)" },
  p90WaitSec: { vi: "Bách phân vị 90 thời gian chờ (giây)", en: "90th percentile wait (s)" },
  maxWaitSec: { vi: "Thời gian chờ dài nhất (giây)", en: "Longest wait (s)" },
  breaches: { vi: "Số lượt chờ quá chỉ tiêu", en: "Visits over the target" },
  withinTargetPct: { vi: "% lượt chờ trong chỉ tiêu", en: "% within the target" },
  meanServiceSec: { vi: "Thời gian giải quyết trung bình (giây)", en: "Mean service time (s)" },
  ratings: { vi: "Số lượt đánh giá", en: "Ratings" },
  satisfiedPct: { vi: "% hài lòng (đánh giá 3–4)", en: "% satisfied (ratings 3–4)" },
  firstCalls: { vi: "Số lượt gọi lần đầu", en: "First calls" },
  transfers: { vi: "Số lượt chuyển quầy/lĩnh vực", en: "Transfers" },
  openSec: { vi: "Thời gian mở quầy (giây)", en: "Counter open (s)" },
  pausedSec: { vi: "Thời gian tạm nghỉ (giây)", en: "Paused (s)" },
  busySec: { vi: "Thời gian phục vụ (giây)", en: "Busy with visitors (s)" },
  idleSec: { vi: "Thời gian chờ khách (giây)", en: "Idle (s)" },
  number: { vi: "Số thứ tự", en: "Ticket number" },
  serviceDay: { vi: "Ngày", en: "Service day" },
  serviceId: { vi: "Mã lĩnh vực", en: "Field id" },
  serviceName: { vi: "Lĩnh vực", en: "Field" },
  priority: { vi: "Đối tượng ưu tiên", en: "Priority category" },
  hour: { vi: "Giờ lấy số", en: "Hour of issue" },
  issuedAt: { vi: "Thời điểm lấy số", en: "Issued at" },
  calledAt: { vi: "Thời điểm gọi lần đầu", en: "First called at" },
  waitSec: { vi: "Thời gian chờ (giây)", en: "Wait (s)" },
  counter: { vi: "Quầy gọi lần đầu", en: "Counter of the first call" },
  officer: { vi: "Cán bộ gọi lần đầu", en: "Officer of the first call" },
  status: { vi: "Trạng thái", en: "Status" },
  dossierCode: { vi: "Mã hồ sơ (Hệ thống một cửa)", en: "Dossier code (one-stop system)" },
  // The province's ranking of halls (province/reports/ranking.ts).
  rank: { vi: "Hạng", en: "Rank" },
  hallId: { vi: "Mã trung tâm", en: "Hall id" },
  name: { vi: "Trung tâm", en: "Hall" },
  area: { vi: "Khu vực", en: "Area" },
  score: {
    vi: "Điểm (trung bình % trong chỉ tiêu và % hài lòng)",
    en: "Score (mean of % within target and % satisfied)",
  },
  meetsWait: { vi: "Chờ trung bình đạt chỉ tiêu", en: "Mean wait within the target" },
  meetsSatisfaction: { vi: "Mức hài lòng đạt chỉ tiêu năm", en: "Satisfaction meets the year's target" },
};

const T = {
  waits: { vi: "Báo cáo thời gian chờ", en: "Wait-time report" },
  officers: { vi: "Báo cáo theo cán bộ / quầy", en: "Officer / counter report" },
  breaches: { vi: "Danh sách lượt chờ quá chỉ tiêu", en: "Visits over the wait target" },
  range: { vi: "Khoảng thời gian", en: "Range" },
  groupBy: { vi: "Nhóm theo", en: "Grouped by" },
  target: { vi: "Chỉ tiêu thời gian chờ (phút)", en: "Wait target (min)" },
  zone: { vi: "Múi giờ", en: "Time zone" },
  generated: { vi: "Lập lúc", en: "Generated at" },
  count: { vi: "Tổng số lượt", en: "Count" },
  notes: { vi: "Ghi chú", en: "Notes" },
  column: { vi: "Cột", en: "Column" },
  meaning: { vi: "Ý nghĩa", en: "Meaning" },
};

const rangeText = (r: ReportRange) => `${r.from} – ${r.to}${r.preset ? ` (${r.preset})` : ""}`;

function pick<R extends object>(row: R, columns: readonly (keyof R)[]): Cell[] {
  return columns.map((c) => (row[c] ?? null) as Cell);
}

/** The waits report as a table (rows, then the total); also the province's across-halls report (its groupings). */
export function waitTable(
  r: Pick<WaitReport, "rows" | "total" | "range" | "targetMin" | "timeZone" | "generatedAt"> & {
    groupBy: string;
  },
  lang: Lang,
): Table {
  return {
    title: T.waits[lang],
    columns: WAIT_REPORT_COLUMNS,
    rows: [...r.rows, r.total].map((x) => pick(x, WAIT_REPORT_COLUMNS)),
    about: [
      [T.range[lang], rangeText(r.range)],
      [T.groupBy[lang], r.groupBy],
      [T.target[lang], String(r.targetMin)],
      [T.zone[lang], r.timeZone],
      [T.generated[lang], r.generatedAt],
    ],
  };
}

/** The officers report as a table (rows, then the total). */
export function officerTable(r: OfficerReport, lang: Lang): Table {
  return {
    title: T.officers[lang],
    columns: OFFICER_REPORT_COLUMNS,
    rows: [...r.rows, r.total].map((x) => pick(x, OFFICER_REPORT_COLUMNS)),
    about: [
      [T.range[lang], rangeText(r.range)],
      [T.groupBy[lang], r.groupBy],
      [T.target[lang], String(r.targetMin)],
      [T.zone[lang], r.timeZone],
      [T.generated[lang], r.generatedAt],
    ],
  };
}

/** The breach list as a table. */
export function breachTable(r: BreachList, lang: Lang): Table {
  return {
    title: T.breaches[lang],
    columns: BREACH_COLUMNS,
    rows: r.rows.map((x) => pick(x, BREACH_COLUMNS)),
    about: [
      [T.range[lang], rangeText(r.range)],
      [T.count[lang], String(r.count)],
      [T.target[lang], String(r.targetMin)],
      [T.zone[lang], r.timeZone],
      [T.generated[lang], r.generatedAt],
    ],
  };
}

/** A text cell made safe for spreadsheets: a leading = + - @ (or tab/CR) cannot start a formula. */
export function safeText(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

function csvCell(c: Cell): string {
  if (c === null) return "";
  if (typeof c === "number") return String(c);
  const s = safeText(c);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** CSV text of a table: BOM, header of column names, CRLF line ends. */
export function toCsv(t: Table): string {
  const lines = [t.columns.join(","), ...t.rows.map((r) => r.map(csvCell).join(","))];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/**
 * XLSX bytes of a table: the data sheet (same columns) and a notes sheet. Written with
 * exceljs's streaming writer, about twice as fast as the in-memory workbook on a
 * 60,000-row breach list.
 */
export async function toXlsx(t: Table, lang: Lang): Promise<Uint8Array> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    out.on("end", () => resolve());
    out.on("error", reject);
  });
  // Loaded on the first export: exceljs takes about half a second to load, which every
  // start paid before (cold start, issue 2's goal of < 1 s).
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = "qms-hall";
  const ws = wb.addWorksheet(lang === "vi" ? "Báo cáo" : "Report", {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  ws.columns = t.columns.map((c) => ({
    key: c,
    width: Math.min(40, Math.max(10, c.length + 2, c === "label" ? 28 : 0)),
  }));
  const header = ws.addRow([...t.columns]);
  header.font = { bold: true };
  header.commit();
  for (const r of t.rows) ws.addRow(r.map((c) => (typeof c === "string" ? safeText(c) : c))).commit();
  ws.commit();
  const notes = wb.addWorksheet(T.notes[lang]);
  notes.columns = [{ width: 28 }, { width: 70 }];
  const title = notes.addRow([t.title]);
  title.font = { bold: true, size: 13 };
  title.commit();
  for (const line of t.about) notes.addRow(line).commit();
  notes.addRow([]).commit();
  const head = notes.addRow([T.column[lang], T.meaning[lang]]);
  head.font = { bold: true };
  head.commit();
  for (const c of t.columns) notes.addRow([c, DESCRIPTIONS[c]?.[lang] ?? c]).commit();
  notes.commit();
  await wb.commit();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}

/** Download file name, ASCII only: `bao-cao-cho-service-2025-01-01-2025-03-31.csv`. */
export function fileName(
  kind: "waits" | "officers" | "breaches",
  range: ReportRange,
  groupBy: string | null,
  ext: string,
) {
  const base = { waits: "bao-cao-cho", officers: "bao-cao-can-bo", breaches: "danh-sach-qua-chi-tieu" }[kind];
  return `${base}${groupBy ? `-${groupBy}` : ""}-${range.from}-${range.to}.${ext}`;
}
