/**
 * Stable error codes of the HTTP API with their Vietnamese and English messages.
 * The UI translates the code, never an English message (STYLE.md, "errors").
 * A `{name}` in a message is filled from the error's `details.name` (a list is joined
 * with ", "), so that `unknown-field` can name the field in both languages.
 */
export const ERRORS = {
  "invalid-json": {
    status: 400,
    vi: "Dữ liệu gửi lên không phải JSON hợp lệ.",
    en: "The request body is not valid JSON.",
  },
  "invalid-request": { status: 400, vi: "Dữ liệu gửi lên không hợp lệ.", en: "The request is not valid." },
  "unknown-field": {
    status: 400,
    vi: "Dữ liệu gửi lên có trường không được hỗ trợ: {fields}.",
    en: "The request has fields this endpoint does not take: {fields}.",
  },
  "invalid-range": { status: 400, vi: "Khoảng thời gian không hợp lệ.", en: "The date range is not valid." },
  "invalid-group": {
    status: 400,
    vi: "Cách nhóm báo cáo không hợp lệ.",
    en: "The report grouping is not valid.",
  },
  "range-too-large": {
    status: 400,
    vi: "Khoảng thời gian quá dài cho một lần truy vấn.",
    en: "The date range is too large for one request.",
  },
  unauthorized: { status: 401, vi: "Vui lòng đăng nhập.", en: "Please log in." },
  "invalid-credentials": {
    status: 401,
    vi: "Tên đăng nhập hoặc mật khẩu không đúng.",
    en: "Wrong username or password.",
  },
  "session-expired": {
    status: 401,
    vi: "Phiên làm việc đã hết hạn, vui lòng đăng nhập lại.",
    en: "Your session has expired, please log in again.",
  },
  forbidden: {
    status: 403,
    vi: "Bạn không có quyền thực hiện thao tác này.",
    en: "You are not allowed to do this.",
  },
  "not-your-counter": {
    status: 403,
    vi: "Quầy này đang do cán bộ khác phụ trách.",
    en: "This counter is held by another officer.",
  },
  "account-disabled": { status: 403, vi: "Tài khoản đã bị khóa.", en: "This account is disabled." },
  "cross-origin-request": {
    status: 403,
    vi: "Yêu cầu gửi từ một trang web khác, không được chấp nhận.",
    en: "Requests sent from another website are not accepted.",
  },
  "not-found": { status: 404, vi: "Không tìm thấy.", en: "Not found." },
  "service-not-found": { status: 404, vi: "Không tìm thấy lĩnh vực này.", en: "No such field." },
  "ticket-not-found": { status: 404, vi: "Không tìm thấy số thứ tự này.", en: "No such ticket." },
  "counter-not-found": { status: 404, vi: "Không tìm thấy quầy này.", en: "No such counter." },
  "user-not-found": { status: 404, vi: "Không tìm thấy tài khoản này.", en: "No such user." },
  "print-job-not-found": { status: 404, vi: "Không tìm thấy lệnh in này.", en: "No such print job." },
  "printer-offline": { status: 409, vi: "Máy in đang mất kết nối.", en: "The printer is offline." },
  "printer-no-paper": { status: 409, vi: "Máy in đã hết giấy.", en: "The printer is out of paper." },
  "print-in-progress": { status: 409, vi: "Vé đang được in.", en: "The ticket is still printing." },
  "kiosk-not-found": { status: 404, vi: "Không tìm thấy ki-ốt này.", en: "No such kiosk." },
  "method-not-allowed": { status: 405, vi: "Phương thức không được hỗ trợ.", en: "Method not allowed." },
  "payload-too-large": {
    status: 413,
    vi: "Dữ liệu gửi lên quá lớn.",
    en: "The request body is too large.",
  },
  "unsupported-media-type": {
    status: 415,
    vi: "Dữ liệu gửi lên phải có Content-Type: application/json.",
    en: "The request body must be sent as Content-Type: application/json.",
  },
  "counter-taken": {
    status: 409,
    vi: "Quầy đang do cán bộ khác phụ trách.",
    en: "This counter is already held by another officer.",
  },
  "counter-not-open": { status: 409, vi: "Quầy chưa mở.", en: "The counter is not open." },
  "counter-paused": { status: 409, vi: "Quầy đang tạm nghỉ.", en: "The counter is paused." },
  "already-holding-counter": {
    status: 409,
    vi: "Bạn đang phụ trách một quầy khác.",
    en: "You already hold another counter.",
  },
  "ticket-in-progress": {
    status: 409,
    vi: "Hãy hoàn thành hoặc bỏ qua số đang gọi trước.",
    en: "Finish or skip the current ticket first.",
  },
  "no-current-ticket": {
    status: 409,
    vi: "Quầy không có số nào đang gọi.",
    en: "No ticket is called at this counter.",
  },
  "invalid-phone": {
    status: 422,
    vi: "Số điện thoại di động Việt Nam không hợp lệ (ví dụ 0912 345 678).",
    en: "Not a valid Vietnamese mobile number (e.g. 0912 345 678).",
  },
  "invalid-push-subscription": {
    status: 422,
    vi: "Trình duyệt không gửi được thông tin đăng ký nhận thông báo hợp lệ.",
    en: "The browser did not give a valid push subscription.",
  },
  "notice-threshold-required": {
    status: 422,
    vi: "Hãy chọn báo khi còn mấy người phía trước hoặc trước khoảng mấy phút.",
    en: "Choose how many people ahead, or how many minutes before, to be notified.",
  },
  "notice-channel-unavailable": {
    status: 409,
    vi: "Trung tâm chưa bật cách nhận thông báo này.",
    en: "This hall does not offer this way of being notified.",
  },
  "ticket-not-waiting": {
    status: 409,
    vi: "Số thứ tự này không còn chờ.",
    en: "This ticket is not waiting.",
  },
  "not-finished": {
    status: 409,
    vi: "Chỉ đánh giá được sau khi đã giải quyết xong.",
    en: "You can rate only after the service is finished.",
  },
  "already-rated": {
    status: 409,
    vi: "Số thứ tự này đã được đánh giá.",
    en: "This ticket has already been rated.",
  },
  "rating-closed": { status: 409, vi: "Đã hết thời gian đánh giá.", en: "The rating window has closed." },
  "hall-closed": {
    status: 409,
    vi: "Ngoài giờ làm việc, chưa thể lấy số.",
    en: "The hall is closed; tickets cannot be issued now.",
  },
  "service-closed": {
    status: 409,
    vi: "Lĩnh vực này hiện không tiếp nhận.",
    en: "This field is not taking tickets now.",
  },
  "username-taken": { status: 409, vi: "Tên đăng nhập đã tồn tại.", en: "This username is already taken." },
  "same-service": {
    status: 409,
    vi: "Số thứ tự đã thuộc lĩnh vực này.",
    en: "The ticket is already in this field.",
  },
  "invalid-settings": {
    status: 422,
    vi: "Cài đặt chưa hợp lệ, chưa có gì được áp dụng: {field}: {reason}",
    en: "The settings are not valid and nothing was applied: {field}: {reason}",
  },
  "settings-conflict": {
    status: 409,
    vi: "Cài đặt vừa được người khác lưu (phiên bản {current}). Hãy tải lại rồi sửa tiếp.",
    en: "Someone else has just saved the settings (version {current}). Reload them and edit again.",
  },
  "settings-in-use": {
    status: 409,
    vi: "Chưa áp dụng được vì ảnh hưởng người đang chờ: {reason}",
    en: "Not applied, it would strand visitors: {reason}",
  },
  "settings-version-required": {
    status: 428,
    vi: "Thiếu phiên bản cài đặt đang sửa (If-Match).",
    en: "The version being edited is missing (If-Match).",
  },
  "settings-version-not-found": {
    status: 404,
    vi: "Không có phiên bản cài đặt này.",
    en: "No such settings version.",
  },
  "backup-not-found": { status: 404, vi: "Không tìm thấy bản sao lưu này.", en: "No such backup." },
  "backup-in-progress": {
    status: 409,
    vi: "Đang sao lưu, vui lòng chờ trong giây lát.",
    en: "A backup is running, please wait a moment.",
  },
  "invalid-priority": { status: 422, vi: "Loại ưu tiên không hợp lệ.", en: "Unknown priority category." },
  "invalid-rating": { status: 422, vi: "Điểm đánh giá phải từ 1 đến 4.", en: "The rating must be 1 to 4." },
  "device-not-paired": {
    status: 403,
    vi: "Thiết bị chưa được ghép nối với hệ thống (thiếu hoặc sai mã thiết bị).",
    en: "This device is not paired with the hall (device token missing or wrong).",
  },
  "reprint-limit": {
    status: 409,
    vi: "Vé này đã được in lại đủ số lần cho phép.",
    en: "This ticket has been reprinted as often as allowed.",
  },
  "too-many-streams": {
    status: 429,
    vi: "Quá nhiều kết nối trực tiếp từ địa chỉ này; hãy đóng bớt các trang đang mở.",
    en: "Too many live connections from this address; close some of the open pages.",
  },
  "invalid-dossier-code": {
    status: 422,
    vi: "Mã hồ sơ không đúng định dạng.",
    en: "The dossier code is not in the expected format.",
  },
  "invalid-procedure-code": {
    status: 422,
    vi: "Mã thủ tục hành chính không đúng định dạng.",
    en: "The procedure code is not in the expected format.",
  },
  "dossier-code-taken": {
    status: 409,
    vi: "Mã hồ sơ này đã gắn với một lượt khác trong ngày.",
    en: "This dossier code is already linked to another visit today.",
  },
  "invalid-cccd": {
    status: 422,
    vi: "Thông tin đọc từ CCCD không hợp lệ.",
    en: "The citizen ID card reading is not valid.",
  },
  "cccd-disabled": {
    status: 409,
    vi: "Trung tâm không dùng CCCD tại ki-ốt.",
    en: "This hall does not read citizen ID cards at the kiosk.",
  },
  "cccd-key-expired": {
    status: 409,
    vi: "Khóa đọc CCCD của ki-ốt đã hết hạn, vui lòng thử lại.",
    en: "The kiosk's card key has expired; please try again.",
  },
  "cccd-already-issued": {
    status: 409,
    vi: "Hôm nay thẻ CCCD này đã được lấy số cho lĩnh vực này.",
    en: "A number was already taken today for this field with this citizen ID card.",
  },
  "outbox-message-not-found": {
    status: 404,
    vi: "Không tìm thấy tin gửi đi này.",
    en: "No such outgoing message.",
  },
  "outbox-message-not-failed": {
    status: 409,
    vi: "Chỉ gửi lại được tin đã thất bại.",
    en: "Only a failed message can be sent again.",
  },
  // Appointments (issue 14, docs/decisions/0110-appointment-rules.md).
  "appointment-not-found": {
    status: 404,
    vi: "Không tìm thấy lịch hẹn này. Vui lòng kiểm tra lại mã.",
    en: "No such appointment. Please check the code.",
  },
  "appointment-service-unknown": {
    status: 422,
    vi: "Không có lĩnh vực này để đặt lịch.",
    en: "There is no such field to book.",
  },
  "appointments-off": {
    status: 409,
    vi: "Lĩnh vực này chưa nhận đặt lịch hẹn; vui lòng lấy số tại ki-ốt.",
    en: "This field does not take appointments; please take a ticket at the kiosk.",
  },
  "appointment-day-closed": {
    status: 422,
    vi: "Ngày này trung tâm không làm việc (nghỉ lễ, ngày nghỉ hoặc lĩnh vực không tiếp nhận).",
    en: "The hall does not serve this field on that day (holiday, day off or field closed).",
  },
  "appointment-slot-invalid": {
    status: 422,
    vi: "Không có khung giờ này trong ngày đã chọn.",
    en: "There is no such slot on that day.",
  },
  "appointment-slot-past": {
    status: 422,
    vi: "Khung giờ này đã qua, vui lòng chọn khung giờ khác.",
    en: "This slot has passed; please choose another one.",
  },
  "appointment-too-far": {
    status: 422,
    vi: "Chỉ đặt lịch trước tối đa {aheadDays} ngày.",
    en: "Appointments can be booked at most {aheadDays} days ahead.",
  },
  "appointment-slot-full": {
    status: 409,
    vi: "Khung giờ này đã hết chỗ, vui lòng chọn khung giờ khác.",
    en: "This slot is full; please choose another one.",
  },
  "appointment-phone-taken": {
    status: 409,
    vi: "Số điện thoại này đã có lịch hẹn vào khung giờ này.",
    en: "This phone number already has an appointment in this slot.",
  },
  "appointment-not-active": {
    status: 409,
    vi: "Lịch hẹn này đã được hủy, đã nhận số hoặc đã quá hạn.",
    en: "This appointment was cancelled, already checked in or has expired.",
  },
  "check-in-too-early": {
    status: 409,
    vi: "Chưa đến giờ nhận số của lịch hẹn. Vui lòng quay lại lúc {comeBackAt}.",
    en: "It is too early to check in for this appointment. Please come back at {comeBackAt}.",
  },
  "check-in-too-late": {
    status: 409,
    vi: "Đã quá giờ nhận số của lịch hẹn ({slot}). Vui lòng lấy số thường tại ki-ốt.",
    en: "The check-in time for this appointment ({slot}) has passed. Please take a normal ticket at the kiosk.",
  },
  "too-many-requests": {
    status: 429,
    vi: "Thao tác quá nhanh, vui lòng thử lại sau ít phút.",
    en: "Too many requests, please try again shortly.",
  },
  // Province level (issue 13, contract/province.ts): the ingest of hall events and the province server.
  "out-of-order": {
    status: 409,
    vi: "Sự kiện gửi lên không nối tiếp sự kiện cuối cùng tỉnh đã nhận.",
    en: "The events do not follow the last event the province acknowledged.",
  },
  "event-conflict": {
    status: 409,
    vi: "Sự kiện trùng mã nhưng khác nội dung với sự kiện tỉnh đã lưu.",
    en: "An event repeats a stored id with different content.",
  },
  "foreign-hall": {
    status: 403,
    vi: "Không được ghi dữ liệu của trung tâm khác.",
    en: "This credential may not write another hall's data.",
  },
  "unsupported-event-version": {
    status: 422,
    vi: "Phiên bản lược đồ sự kiện không được hỗ trợ.",
    en: "Unsupported event-schema version.",
  },
  "invalid-event": { status: 422, vi: "Sự kiện không hợp lệ.", en: "An event is not valid." },
  "unknown-ticket": {
    status: 422,
    vi: "Sự kiện nhắc đến số thứ tự chưa được cấp.",
    en: "An event refers to a ticket that was never issued.",
  },
  "hall-not-found": { status: 404, vi: "Không tìm thấy trung tâm này.", en: "No such hall." },
  "hall-exists": { status: 409, vi: "Mã trung tâm đã tồn tại.", en: "This hall id already exists." },
  "backup-failed": {
    status: 503,
    vi: "Chưa sao lưu được: {reason}. Dữ liệu đang dùng không bị ảnh hưởng.",
    en: "The backup could not be written: {reason}. The data in use is not affected.",
  },
  "storage-unavailable": {
    status: 503,
    vi: "Hệ thống tạm thời không ghi được dữ liệu, vui lòng thử lại.",
    en: "Storage is temporarily unavailable, please retry.",
  },
} as const satisfies Record<string, { status: number; vi: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** The one error body of the API (its schema, for the OpenAPI document: api/define.ts). */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/** True when `s` is one of the stable error codes. */
export function isErrorCode(s: string): s is ErrorCode {
  return Object.hasOwn(ERRORS, s);
}

/**
 * The message of `code` in `lang`, with each `{name}` filled from `details.name`
 * (lists joined with ", "); a placeholder without a value is left out with its colon.
 */
export function errorMessage(code: ErrorCode, lang: "vi" | "en", details?: unknown): string {
  const d = (details && typeof details === "object" ? details : {}) as Record<string, unknown>;
  return ERRORS[code][lang].replace(/(: )?\{(\w+)\}/g, (_m, colon: string | undefined, name: string) => {
    const v = d[name];
    if (v === undefined || v === null) return "";
    return (colon ?? "") + (Array.isArray(v) ? v.join(", ") : String(v));
  });
}
