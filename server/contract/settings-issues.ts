/**
 * Why a hall configuration was refused, in Vietnamese first and English second: the
 * messages of the schema's codes (`settings.*`, config.ts and config-parts.ts), of the
 * checks against the hall's state (a field with people waiting, a counter in use), and
 * the names of the settings themselves, so that a refusal reads
 * "Lĩnh vực “Đất đai” › Ký tự đầu số: ký tự “A” đã được lĩnh vực “Hộ tịch” dùng."
 * Pure data and string work: the server's describer (server/config/issues.ts) and the
 * admin screens use it.
 */
import type { Lang } from "./domain.ts";

type Msg = { vi: string; en: string };

/** Message per code; `{name}` is filled from the issue's params. */
export const SETTINGS_ISSUES = {
  id: {
    vi: "chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang",
    en: "lowercase ASCII letters, digits and hyphens only",
  },
  "text-vi": { vi: "cần có nội dung tiếng Việt", en: "the Vietnamese text is required" },
  "text-en": { vi: "cần có nội dung tiếng Anh", en: "the English text is required" },
  "text-long": { vi: "quá dài (tối đa 300 ký tự)", en: "too long (300 characters at most)" },
  hhmm: { vi: "giờ phải có dạng HH:MM, ví dụ 07:30", en: "a time must be HH:MM, e.g. 07:30" },
  "span-order": { vi: "giờ kết thúc phải sau giờ bắt đầu", en: "the end must come after the start" },
  "too-many-spans": { vi: "quá nhiều khoảng giờ trong một ngày", en: "too many spans in one day" },
  "spans-overlap": { vi: "hai khoảng giờ {a} và {b} chồng lên nhau", en: "the spans {a} and {b} overlap" },
  date: { vi: "ngày phải có dạng YYYY-MM-DD và có thật", en: "a date must be a real YYYY-MM-DD" },
  datetime: { vi: "thời điểm không hợp lệ", en: "not a valid date and time" },
  cutoff: { vi: "số phút phải từ 0 đến 240", en: "minutes must be 0 to 240" },
  "too-many": { vi: "quá nhiều mục", en: "too many entries" },
  prefix: { vi: "ký tự đầu số là một chữ cái in hoa (A–Z)", en: "the prefix is one capital letter (A–Z)" },
  positive: { vi: "phải lớn hơn 0", en: "must be greater than 0" },
  "too-long": { vi: "giá trị quá lớn", en: "the value is too large" },
  "counter-number": { vi: "số quầy phải từ 1 đến 999", en: "a counter number is 1 to 999" },
  "counter-no-fields": {
    vi: "mỗi quầy phục vụ ít nhất một lĩnh vực",
    en: "a counter serves at least one field",
  },
  columns: { vi: "số ký tự mỗi dòng phải từ 24 đến 64", en: "characters per line must be 24 to 64" },
  priority: { vi: "không có đối tượng ưu tiên này", en: "no such priority category" },
  retention: { vi: "số ngày lưu giữ phải từ 1 đến 3650", en: "the retention period is 1 to 3650 days" },
  "no-services": { vi: "trung tâm cần ít nhất một lĩnh vực", en: "a hall needs at least one field" },
  "no-counters": { vi: "trung tâm cần ít nhất một quầy", en: "a hall needs at least one counter" },
  "duplicate-service": { vi: "mã lĩnh vực “{id}” bị trùng", en: "the field id “{id}” is used twice" },
  "duplicate-prefix": {
    vi: "ký tự “{prefix}” đã được lĩnh vực “{other}” dùng",
    en: "the prefix “{prefix}” is already used by “{other}”",
  },
  "duplicate-counter": { vi: "quầy số {counter} bị trùng", en: "counter {counter} is listed twice" },
  "unknown-service": { vi: "không có lĩnh vực “{service}”", en: "there is no field “{service}”" },
  "unknown-counter": { vi: "không có quầy số {counter}", en: "there is no counter {counter}" },
  "unserved-field": {
    vi: "lĩnh vực “{service}” đang tiếp nhận nhưng không quầy nào phục vụ (hãy phân công một quầy hoặc tạm ngừng tiếp nhận)",
    en: "the field “{service}” takes tickets but no counter serves it (assign a counter or close the field)",
  },
  "unserved-field-today": {
    vi: "với phân công hôm nay, không quầy nào phục vụ lĩnh vực “{service}”",
    en: "with today's assignments no counter serves the field “{service}”",
  },
  "duplicate-printer": { vi: "mã máy in “{id}” bị trùng", en: "the printer id “{id}” is used twice" },
  "text-needs-codepage": {
    vi: "máy in in chữ (text) cần bảng mã tiếng Việt WPC1258; không có bảng mã thì chọn in ảnh (raster)",
    en: "a text-mode printer needs its WPC1258 code page; without one, print raster",
  },
  "duplicate-kiosk": { vi: "mã ki-ốt “{id}” bị trùng", en: "the kiosk id “{id}” is used twice" },
  "unknown-printer": { vi: "không có máy in “{id}”", en: "there is no printer “{id}”" },
  "reserved-id": {
    vi: "mã “{id}” trùng với mã của một thiết bị khác",
    en: "the id “{id}” is already a device's id",
  },
  "duplicate-priority": {
    vi: "đối tượng ưu tiên “{id}” bị trùng",
    en: "the priority category “{id}” is listed twice",
  },
  "holiday-order": {
    vi: "ngày kết thúc phải từ ngày bắt đầu trở đi",
    en: "the last day must not be before the first",
  },
  "holiday-long": { vi: "một đợt nghỉ dài tối đa 31 ngày", en: "one holiday lasts 31 days at most" },
  "duplicate-workday": { vi: "ngày làm bù {date} bị trùng", en: "the make-up day {date} is listed twice" },
  "workday-holiday": {
    vi: "ngày {date} vừa là ngày làm bù vừa thuộc kỳ nghỉ “{holiday}”",
    en: "{date} is both a make-up working day and part of “{holiday}”",
  },
  regex: { vi: "không phải một biểu thức chính quy hợp lệ", en: "not a valid regular expression" },
  url: {
    vi: "địa chỉ phải bắt đầu bằng http:// hoặc https://",
    en: "the address must start with http:// or https://",
  },
  "webhook-secret": {
    vi: "khóa ký phải có dạng whsec_ và 24–64 byte mã base64",
    en: "the signing secret is whsec_ followed by base64 of 24–64 bytes",
  },
  "webhook-needs-secret": {
    vi: "gửi sang hệ thống một cửa cần có khóa ký",
    en: "a webhook address needs a signing secret",
  },
  timeout: { vi: "số giây phải từ 1 đến 60", en: "seconds must be 1 to 60" },
  "slot-length": { vi: "độ dài khung giờ phải từ 5 đến 120 phút", en: "a slot is 5 to 120 minutes long" },
  percent: { vi: "tỉ lệ phải từ 0 đến 100", en: "a share is 0 to 100" },
  "ahead-days": { vi: "số ngày phải từ 0 đến 90", en: "days must be 0 to 90" },
  "check-in": { vi: "số phút không hợp lệ", en: "minutes out of range" },
  "template-id": {
    vi: "mã mẫu ZNS chỉ gồm chữ, số, - và _ (tối đa 40 ký tự)",
    en: "a ZNS template id is letters, digits, - and _ (40 at most)",
  },
  "reminder-lead": {
    vi: "số phút nhắc trước phải từ 0 (không nhắc) đến 1440",
    en: "the reminder lead is 0 (none) to 1440 minutes",
  },
  "notice-choice": { vi: "lựa chọn ngoài khoảng cho phép", en: "a choice out of range" },
  "vapid-contact": {
    vi: "liên hệ phải có dạng mailto:địa-chỉ hoặc https://…",
    en: "the contact is mailto:address or https://…",
  },
  brandname: {
    vi: "tên thương hiệu (brandname) gồm 2–11 chữ không dấu, số, dấu cách, . _ -",
    en: "a brandname is 2–11 plain letters, digits, spaces, . _ -",
  },
  // Checks against the hall's state (server/settings/guard.ts), not the schema.
  "hall-id": {
    vi: "không đổi được mã trung tâm khi đang chạy (mã nằm trong mọi chủ đề MQTT và thiết bị)",
    en: "the hall id cannot change while it runs (every MQTT topic and device carries it)",
  },
  "field-has-waiting": {
    vi: "lĩnh vực “{service}” còn {n} người đang chờ hoặc đang được phục vụ: không xóa được, hãy tạm ngừng tiếp nhận",
    en: "the field “{service}” still has {n} visitors waiting or at a counter: close it for new tickets instead of deleting it",
  },
  "field-needs-counter": {
    vi: "lĩnh vực “{service}” còn {n} người đang chờ: phải còn ít nhất một quầy phục vụ",
    en: "the field “{service}” still has {n} visitors waiting: keep at least one counter serving it",
  },
  "counter-in-use": {
    vi: "quầy {counter} đang mở hoặc còn khách được chuyển đến: đóng quầy trước khi xóa",
    en: "counter {counter} is open or has visitors transferred to it: close it before deleting it",
  },
  "prefix-in-use-today": {
    vi: "ký tự “{prefix}” hôm nay vẫn đang được lĩnh vực “{other}” dùng; đổi được từ ngày mai",
    en: "the prefix “{prefix}” is still used today by “{other}”; it can change from tomorrow",
  },
} as const satisfies Record<string, Msg>;

export type SettingsIssueCode = keyof typeof SETTINGS_ISSUES;

/** Names of the settings, for "where" a problem is. */
const KEYS: Record<string, Msg> = {
  id: { vi: "Mã", en: "Id" },
  name: { vi: "Tên", en: "Name" },
  enforceHours: { vi: "Áp dụng giờ làm việc", en: "Enforce the hours" },
  hours: { vi: "Giờ làm việc", en: "Opening hours" },
  schedule: { vi: "Lịch", en: "Schedule" },
  cutoffMin: { vi: "Ngừng cấp số trước giờ nghỉ (phút)", en: "Stop issuing before closing (min)" },
  holidays: { vi: "Ngày nghỉ lễ", en: "Holidays" },
  workdays: { vi: "Ngày làm bù", en: "Make-up working days" },
  override: { vi: "Điều chỉnh đột xuất", en: "Manual override" },
  until: { vi: "Đến lúc", en: "Until" },
  reason: { vi: "Lý do", en: "Reason" },
  state: { vi: "Trạng thái", en: "State" },
  from: { vi: "Từ ngày", en: "From" },
  to: { vi: "Đến ngày", en: "To" },
  date: { vi: "Ngày", en: "Date" },
  as: { vi: "Làm việc như", en: "Works as" },
  targets: { vi: "Mục tiêu", en: "Targets" },
  waitMin: { vi: "Thời gian chờ tối đa (phút)", en: "Wait target (min)" },
  priorityWaitMin: { vi: "Thời gian chờ ưu tiên (phút)", en: "Priority wait (min)" },
  starvationMin: {
    vi: "Chờ lâu nhất trước khi được gọi (phút)",
    en: "Longest wait before being called (min)",
  },
  ratingWindowMin: { vi: "Thời gian cho phép đánh giá (phút)", en: "Rating window (min)" },
  dispatch: { vi: "Điều phối", en: "Dispatch" },
  policy: { vi: "Cách gọi số", en: "Policy" },
  services: { vi: "Lĩnh vực", en: "Field" },
  prefix: { vi: "Ký tự đầu số", en: "Prefix" },
  defaultServiceMin: { vi: "Thời gian giải quyết thường (phút)", en: "Typical service time (min)" },
  open: { vi: "Tiếp nhận", en: "Taking tickets" },
  counters: { vi: "Quầy", en: "Counter" },
  number: { vi: "Số quầy", en: "Number" },
  serviceIds: { vi: "Lĩnh vực phục vụ", en: "Fields served" },
  priority: { vi: "Quầy ưu tiên", en: "Priority counter" },
  dayAssignments: { vi: "Phân công trong ngày", en: "Today's assignments" },
  priorities: { vi: "Đối tượng ưu tiên", en: "Priority category" },
  enabled: { vi: "Bật", en: "On" },
  label: { vi: "Tên hiển thị", en: "Label" },
  printers: { vi: "Máy in", en: "Printer" },
  model: { vi: "Loại máy", en: "Model" },
  codepage: { vi: "Bảng mã", en: "Code page" },
  mode: { vi: "Cách in", en: "Mode" },
  columns: { vi: "Số ký tự mỗi dòng", en: "Characters per line" },
  kiosks: { vi: "Ki-ốt", en: "Kiosk" },
  printer: { vi: "Máy in", en: "Printer" },
  notice: { vi: "Thông báo trên bảng", en: "Board notice" },
  voice: { vi: "Giọng đọc", en: "Voice" },
  volume: { vi: "Âm lượng", en: "Volume" },
  board: { vi: "Bảng hiển thị", en: "Board" },
  showWaiting: { vi: "Hiện số người chờ", en: "Show waiting" },
  showRecent: { vi: "Hiện các số đã gọi", en: "Show earlier calls" },
  retention: { vi: "Lưu giữ dữ liệu", en: "Data retention" },
  visitDays: { vi: "Số ngày giữ thông tin lượt giao dịch", en: "Days visit details are kept" },
  backup: { vi: "Sao lưu", en: "Backups" },
  time: { vi: "Giờ sao lưu", en: "Time" },
  keep: { vi: "Số bản giữ lại", en: "Copies kept" },
  askDossier: { vi: "Hỏi mã hồ sơ", en: "Ask for the dossier code" },
  appointments: { vi: "Đặt lịch hẹn", en: "Appointments" },
  slotMin: { vi: "Độ dài khung giờ (phút)", en: "Slot length (min)" },
  capacity: { vi: "Số người mỗi khung giờ", en: "Visitors per slot" },
  bookablePct: { vi: "Phần dành cho đặt lịch (%)", en: "Share bookable (%)" },
  aheadDays: { vi: "Đặt trước tối đa (ngày)", en: "Book ahead (days)" },
  checkInEarlyMin: { vi: "Nhận số sớm nhất trước giờ hẹn (phút)", en: "Check-in opens before (min)" },
  checkInLateMin: { vi: "Nhận số muộn nhất sau giờ hẹn (phút)", en: "Check-in closes after (min)" },
  cccd: { vi: "Thẻ CCCD", en: "Citizen ID card" },
  onePerFieldPerDay: { vi: "Mỗi thẻ một số mỗi lĩnh vực mỗi ngày", en: "One ticket per card, field and day" },
  dossier: { vi: "Mã hồ sơ", en: "Dossier codes" },
  codePattern: { vi: "Dạng mã hồ sơ", en: "Dossier code format" },
  procedurePattern: { vi: "Dạng mã thủ tục", en: "Procedure code format" },
  webhook: { vi: "Gửi sang hệ thống một cửa", en: "Webhook" },
  url: { vi: "Địa chỉ", en: "Address" },
  secret: { vi: "Khóa ký", en: "Signing secret" },
  waitForRating: { vi: "Chờ đánh giá rồi mới gửi", en: "Wait for the rating" },
  timeoutSec: { vi: "Thời gian chờ trả lời (giây)", en: "Timeout (s)" },
  notices: { vi: "Thông báo cho người dân", en: "Notices to visitors" },
  aheadChoices: { vi: "Lựa chọn số người phía trước", en: "People-ahead choices" },
  minutesChoices: { vi: "Lựa chọn số phút", en: "Minutes choices" },
  onCall: { vi: "Báo khi được gọi", en: "Notify when called" },
  onFinish: { vi: "Báo sau khi phục vụ (mời đánh giá)", en: "Notify after service (rating link)" },
  push: { vi: "Thông báo trên trình duyệt (Web Push)", en: "Web Push" },
  contact: { vi: "Liên hệ (VAPID)", en: "Contact (VAPID)" },
  zalo: { vi: "Zalo ZNS", en: "Zalo ZNS" },
  templates: { vi: "Mẫu tin ZNS", en: "ZNS templates" },
  near: { vi: "Sắp đến lượt", en: "Turn is near" },
  called: { vi: "Được gọi", en: "Called" },
  finished: { vi: "Đã phục vụ", en: "Served" },
  sms: { vi: "Tin nhắn SMS", en: "SMS" },
  brandname: { vi: "Tên thương hiệu (brandname)", en: "Brandname" },
  unicode: { vi: "Có dấu (Unicode)", en: "Unicode (diacritics)" },
  sandbox: { vi: "Chạy thử (không gửi thật)", en: "Sandbox (not sent)" },
  vi: { vi: "Tiếng Việt", en: "Vietnamese" },
  en: { vi: "Tiếng Anh", en: "English" },
  mon: { vi: "Thứ Hai", en: "Monday" },
  tue: { vi: "Thứ Ba", en: "Tuesday" },
  wed: { vi: "Thứ Tư", en: "Wednesday" },
  thu: { vi: "Thứ Năm", en: "Thursday" },
  fri: { vi: "Thứ Sáu", en: "Friday" },
  sat: { vi: "Thứ Bảy", en: "Saturday" },
  sun: { vi: "Chủ nhật", en: "Sunday" },
};

const get = (o: unknown, k: string | number): unknown =>
  o !== null && typeof o === "object" ? (o as Record<string | number, unknown>)[k] : undefined;
const nameOf = (o: unknown, lang: Lang): string | undefined => {
  const n = get(o, "name");
  const v = typeof n === "string" ? n : (get(n, lang) ?? get(n, "vi"));
  return typeof v === "string" && v.trim() ? v.trim() : undefined;
};

/**
 * Where a setting is, in words: `["services", 2, "prefix"]` of a config whose third field
 * is "Đất đai" reads `Lĩnh vực “Đất đai” › Ký tự đầu số`. `config` is what was sent (it
 * may be invalid), used to name items.
 */
export function settingLabel(path: readonly (string | number)[], config: unknown, lang: Lang): string {
  const parts: string[] = [];
  let node: unknown = config;
  let section = "";
  for (const seg of path) {
    const next = get(node, seg);
    if (typeof seg === "number") {
      const item = ((): string => {
        if (section === "counters") {
          const n = get(next, "number");
          return `${KEYS.counters![lang]} ${typeof n === "number" ? n : seg + 1}`;
        }
        const label = KEYS[section]?.[lang] ?? section;
        const name =
          section === "priorities" || section === "printers" || section === "kiosks"
            ? ((get(next, "id") as string | undefined) ?? nameOf(next, lang))
            : nameOf(next, lang);
        return name ? `${label} “${name}”` : `${label} ${lang === "vi" ? "thứ" : "#"} ${seg + 1}`;
      })();
      // "Lĩnh vực" then "Lĩnh vực “Đất đai”": the item replaces its list's name.
      if (parts.length && parts[parts.length - 1] === (KEYS[section]?.[lang] ?? section)) parts.pop();
      parts.push(item);
    } else {
      section = seg;
      parts.push(KEYS[seg]?.[lang] ?? seg);
    }
    node = next;
  }
  return parts.join(" › ");
}

/** The message of an issue code in `lang`, `{name}` filled from `params`. */
export function settingsIssueMessage(
  code: SettingsIssueCode,
  lang: Lang,
  params?: Record<string, unknown>,
): string {
  return SETTINGS_ISSUES[code][lang].replace(/\{(\w+)\}/g, (_m, k: string) => String(params?.[k] ?? ""));
}

/** True when `s` is the code of a settings issue (with or without its `settings.` prefix). */
export function isSettingsIssue(s: string): s is SettingsIssueCode {
  return Object.hasOwn(SETTINGS_ISSUES, s);
}
