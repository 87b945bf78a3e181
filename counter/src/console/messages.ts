/**
 * Every visible string of the officer console and the accounts screen, Vietnamese first
 * (DOMAIN.md "Words used in the interface"), English second, on top of the strings all
 * staff apps share (../staff/messages.ts: login, top bar, roles, errors).
 */
import { type Lang, messages } from "../../../ui/i18n.ts";
import { STAFF_MESSAGES } from "../staff/messages.ts";
import type { Action } from "./state.ts";

export { errorText, roleLabel } from "../staff/messages.ts";

export const t = messages({
  ...STAFF_MESSAGES,
  appTitle: { vi: "Bàn làm việc của cán bộ", en: "Officer console" },
  counterN: { vi: "Quầy {n}", en: "Counter {n}" },
  priorityCounter: { vi: "Quầy ưu tiên", en: "Priority counter" },
  accounts: { vi: "Tài khoản", en: "Accounts" },
  backToConsole: { vi: "Về quầy", en: "Back" },
  stale: { vi: "Đang cập nhật…", en: "Updating…" },

  sessionExpired: {
    vi: "Phiên làm việc đã hết hạn, vui lòng đăng nhập lại. Quầy của bạn vẫn được giữ nguyên.",
    en: "Your session has expired, please log in again. Your counter is kept as it was.",
  },

  pickTitle: { vi: "Chọn quầy làm việc", en: "Choose your counter" },
  pickHint: {
    vi: "Mỗi cán bộ phụ trách một quầy tại một thời điểm.",
    en: "An officer holds one counter at a time.",
  },
  free: { vi: "Còn trống", en: "Free" },
  takenBy: { vi: "Đang do {name} phụ trách", en: "Held by {name}" },
  openCounter: { vi: "Mở quầy", en: "Open" },
  forceClose: { vi: "Buộc đóng quầy", en: "Force close" },
  forceCloseTitle: { vi: "Buộc đóng quầy {n}?", en: "Force-close counter {n}?" },
  forceCloseBody: {
    vi: "Quầy đang do {name} phụ trách. Số đang gọi (nếu có) sẽ được đưa lại vào hàng chờ.",
    en: "{name} holds this counter. The number being served, if any, goes back in line.",
  },
  counterClosed: { vi: "Quầy {n} đã được đóng.", en: "Counter {n} has been closed." },
  fields: { vi: "Lĩnh vực", en: "Fields" },

  noCurrent: { vi: "Chưa gọi số nào", en: "No number called" },
  noCurrentHint: {
    vi: "Nhấn “Gọi số tiếp theo” để mời công dân kế tiếp.",
    en: "Press “Call next” to invite the next visitor.",
  },
  statusCalled: { vi: "Đang mời", en: "Called" },
  statusServing: { vi: "Đang phục vụ", en: "Serving" },
  waited: { vi: "Thời gian chờ", en: "Waited" },
  atCounter: { vi: "Tại quầy", en: "At the counter" },
  calledTimes: { vi: "Đã gọi {n} lần", en: "Called {n} times" },
  issuedAt: { vi: "Lấy số lúc {t}", en: "Issued at {t}" },
  pausedTitle: { vi: "Đang tạm nghỉ", en: "Paused" },
  pausedHint: {
    vi: "Quầy không nhận số mới. Nhấn “Tiếp tục” để làm việc lại.",
    en: "No numbers are called here. Press “Resume” to carry on.",
  },
  pauseReasonIs: { vi: "Lý do: {r}", en: "Reason: {r}" },

  "a.next": { vi: "Gọi số tiếp theo", en: "Call next" },
  "a.recall": { vi: "Gọi lại", en: "Recall" },
  "a.no-show": { vi: "Bỏ qua", en: "No-show" },
  "a.start": { vi: "Bắt đầu", en: "Start" },
  "a.finish": { vi: "Hoàn thành", en: "Finish" },
  "a.transfer": { vi: "Chuyển quầy/lĩnh vực", en: "Transfer" },
  "a.call": { vi: "Gọi số cụ thể", en: "Call a number" },
  "a.pause": { vi: "Tạm nghỉ", en: "Pause" },
  "a.resume": { vi: "Tiếp tục", en: "Resume" },
  "a.close": { vi: "Đóng quầy", en: "Close counter" },

  queueTitle: { vi: "Hàng chờ của quầy", en: "Waiting for this counter" },
  queueNote: {
    vi: "Không hiển thị thông tin công dân; số tiếp theo do hệ thống chọn.",
    en: "No visitor details; the system picks the next number.",
  },
  waitingHead: { vi: "Đang chờ", en: "Waiting" },
  waitingN: { vi: "{n} người chờ", en: "{n} waiting" },
  priorityN: { vi: "{n} ưu tiên", en: "{n} priority" },
  bookedN: { vi: "{n} đặt lịch", en: "{n} booked" },
  bookedAt: { vi: "Đặt lịch hẹn {time}", en: "Booked for {time}" },
  longest: { vi: "Chờ lâu nhất", en: "Longest wait" },
  total: { vi: "Tổng cộng", en: "Total" },
  todayTitle: { vi: "Kết quả hôm nay của tôi", en: "My figures today" },
  served: { vi: "Đã phục vụ", en: "Served" },
  meanService: { vi: "TB phục vụ", en: "Mean service" },
  noShows: { vi: "Vắng mặt", en: "No-shows" },

  cancel: { vi: "Hủy", en: "Cancel" },
  confirm: { vi: "Xác nhận", en: "Confirm" },
  pauseTitle: { vi: "Tạm nghỉ quầy", en: "Pause the counter" },
  pauseReason: { vi: "Lý do tạm nghỉ", en: "Reason" },
  "reason.break": { vi: "Nghỉ giữa giờ", en: "Short break" },
  "reason.meeting": { vi: "Họp", en: "Meeting" },
  "reason.dossier": { vi: "Xử lý hồ sơ", en: "Processing dossiers" },
  "reason.fault": { vi: "Sự cố kỹ thuật", en: "Technical problem" },
  reasonOther: { vi: "Lý do khác…", en: "Other reason…" },
  dossierTitle: { vi: "Mã hồ sơ của số {number}", en: "Dossier code of {number}" },
  dossierCode: { vi: "Mã hồ sơ (trên Giấy tiếp nhận hồ sơ)", en: "Dossier code (on the receipt)" },
  procedureCode: { vi: "Mã thủ tục hành chính (không bắt buộc)", en: "Procedure code (optional)" },
  dossierNote: {
    vi: "Mã được ghi vào nhật ký, báo cáo và gửi sang Hệ thống thông tin giải quyết TTHC; không hiện trên bảng. Để trống để gỡ mã.",
    en: "The code goes to the log, the exports and the one-stop system; never to a board. Leave empty to remove it.",
  },
  dossierSave: { vi: "Lưu mã hồ sơ", en: "Save code" },
  dossierLinked: { vi: "Đã gắn mã hồ sơ {code} cho số {number}", en: "Dossier {code} linked to {number}" },
  dossierRemoved: { vi: "Đã gỡ mã hồ sơ của số {number}", en: "Dossier code of {number} removed" },
  dossierIs: { vi: "Mã hồ sơ: {code}", en: "Dossier: {code}" },
  dossierAdd: { vi: "Gắn mã hồ sơ (M)", en: "Add dossier code (M)" },
  dossierEdit: { vi: "Sửa (M)", en: "Edit (M)" },
  transferTitle: { vi: "Chuyển số {number}", en: "Transfer {number}" },
  transferField: { vi: "Chuyển sang lĩnh vực", en: "To field" },
  transferCounter: { vi: "Quầy tiếp nhận", en: "Receiving counter" },
  anyCounter: { vi: "Bất kỳ quầy nào phục vụ lĩnh vực này", en: "Any counter serving this field" },
  closedShort: { vi: "đang đóng", en: "closed" },
  transferNote: {
    vi: "Công dân giữ nguyên thời điểm lấy số khi vào lại hàng chờ.",
    en: "The visitor keeps their original issue time in the new line.",
  },
  callTitle: { vi: "Gọi số cụ thể (ngoài thứ tự)", en: "Call a specific number (out of order)" },
  callNumber: { vi: "Số thứ tự, ví dụ A012", en: "Ticket number, e.g. A012" },
  callReason: {
    vi: "Lý do gọi ngoài thứ tự (bắt buộc, được ghi vào nhật ký)",
    en: "Why out of order (required, written to the audit log)",
  },
  closeTitle: { vi: "Đóng quầy {n}?", en: "Close counter {n}?" },
  closeBody: {
    vi: "Quầy sẽ không nhận số mới cho đến khi được mở lại.",
    en: "No numbers will be called here until it is opened again.",
  },

  called: { vi: "Đã mời số {number}", en: "Called {number}" },
  nobodyWaiting: { vi: "Không có ai đang chờ lĩnh vực của quầy.", en: "Nobody is waiting for this counter." },

  accTitle: { vi: "Tài khoản cán bộ", en: "Staff accounts" },
  accUsername: { vi: "Tên đăng nhập", en: "Username" },
  accName: { vi: "Họ và tên", en: "Full name" },
  accRole: { vi: "Vai trò", en: "Role" },
  accStatus: { vi: "Trạng thái", en: "Status" },
  accActions: { vi: "Thao tác", en: "Actions" },
  active: { vi: "Đang hoạt động", en: "Active" },
  disabled: { vi: "Đã khóa", en: "Disabled" },
  disable: { vi: "Khóa", en: "Disable" },
  enable: { vi: "Mở khóa", en: "Enable" },
  resetPassword: { vi: "Đặt lại mật khẩu", en: "Reset password" },
  newPassword: { vi: "Mật khẩu mới (ít nhất 8 ký tự)", en: "New password (8 characters or more)" },
  save: { vi: "Lưu", en: "Save" },
  createTitle: { vi: "Tạo tài khoản", en: "New account" },
  create: { vi: "Tạo tài khoản", en: "Create" },
  created: { vi: "Đã tạo tài khoản {u}.", en: "Account {u} created." },
  updated: { vi: "Đã cập nhật tài khoản {u}.", en: "Account {u} updated." },
  you: { vi: "(bạn)", en: "(you)" },
});

export type MessageKey = Parameters<typeof t>[0];

/** The button label of an action. */
export const actionLabel = (a: Action, lang: Lang) => t(`a.${a}` as MessageKey, lang);
