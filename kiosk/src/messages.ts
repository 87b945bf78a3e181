/**
 * Every string the kiosk shows, Vietnamese first (full diacritics) and English second
 * (STYLE.md habit 7). Words follow shared/DOMAIN.md "Words used in the interface".
 * Error codes of the API are translated here, never the server's message (STYLE.md, errors).
 */
import { type Lang, messages, type Table } from "../../ui/i18n.ts";

/** The table itself (tests check that every entry has both languages). */
export const KIOSK_MESSAGES = {
  langSwitch: { vi: "English", en: "Tiếng Việt" },
  langSwitchLabel: { vi: "Switch to English", en: "Chuyển sang tiếng Việt" },
  chooseField: { vi: "Mời chọn lĩnh vực cần giải quyết", en: "Please choose a field" },
  chooseFieldHint: {
    vi: "Chạm vào lĩnh vực để lấy số thứ tự",
    en: "Touch a field to take a number",
  },
  fieldOpen: { vi: "Đang tiếp nhận", en: "Taking tickets" },
  fieldClosed: { vi: "Tạm ngừng tiếp nhận", en: "Closed now" },
  allClosed: {
    vi: "Hiện chưa tiếp nhận hồ sơ. Vui lòng quay lại trong giờ làm việc.",
    en: "Not taking tickets now. Please come back during opening hours.",
  },
  noFields: { vi: "Chưa có lĩnh vực nào được cấu hình.", en: "No field is configured." },
  priorityQuestion: { vi: "Bạn có thuộc diện ưu tiên không?", en: "Are you a priority visitor?" },
  priorityHint: {
    vi: "Người thuộc diện ưu tiên được phục vụ trước. Cán bộ có thể đề nghị xuất trình giấy tờ.",
    en: "Priority visitors are served first. The officer may ask for a document.",
  },
  priorityNone: { vi: "Không ưu tiên", en: "No priority" },
  priorityNoneHint: { vi: "Lấy số thông thường", en: "Take an ordinary number" },
  priorityOr: { vi: "Hoặc chọn nếu bạn là:", en: "Or choose if you are:" },
  back: { vi: "Quay lại", en: "Back" },
  issuing: { vi: "Đang lấy số…", en: "Taking your number…" },
  yourNumber: { vi: "Số thứ tự của bạn", en: "Your number" },
  issuedAt: { vi: "Giờ lấy số", en: "Issued at" },
  peopleAhead: { vi: "Số người đang chờ trước bạn", en: "People ahead of you" },
  people: { vi: "{n} người", en: "{n}" },
  estimatedWait: { vi: "Thời gian chờ dự kiến", en: "Estimated wait" },
  waitMinutes: { vi: "khoảng {n} phút", en: "about {n} min" },
  waitRange: { vi: "khoảng {n} phút, chậm nhất {m} phút", en: "about {n} min, at most {m} min" },
  waitSoon: { vi: "Sắp đến lượt", en: "Very soon" },
  waitSoonMax: { vi: "Sắp đến lượt, chậm nhất {m} phút", en: "Very soon, at most {m} min" },
  waitUnknown: { vi: "Chưa xác định", en: "Not known yet" },
  priorityBadge: { vi: "Ưu tiên: {label}", en: "Priority: {label}" },
  scanQr: {
    vi: "Quét mã QR để theo dõi lượt trên điện thoại",
    en: "Scan the QR code to follow your turn on your phone",
  },
  pleaseWait: { vi: "Vui lòng chờ đến lượt", en: "Please wait for your turn" },
  done: { vi: "Xong", en: "Done" },
  backIn: { vi: "Tự động quay về sau {n} giây", en: "Returning to start in {n} s" },
  printSending: { vi: "Đang in vé…", en: "Printing your ticket…" },
  printPrinted: { vi: "Đã in vé. Vui lòng nhận vé bên dưới.", en: "Printed. Please take your ticket below." },
  printFailed: { vi: "Không in được vé.", en: "The ticket could not be printed." },
  printOffline: { vi: "Máy in đang không hoạt động.", en: "The printer is not working." },
  printNoPaper: { vi: "Máy in đã hết giấy.", en: "The printer is out of paper." },
  printKeepScreen: {
    vi: "Vui lòng ghi nhớ số thứ tự hoặc chụp ảnh màn hình / quét mã QR.",
    en: "Please note your number, or take a photo / scan the QR code.",
  },
  printNone: {
    vi: "Ki-ốt này không in vé. Vui lòng ghi nhớ số thứ tự hoặc quét mã QR.",
    en: "This kiosk does not print. Please note your number or scan the QR code.",
  },
  printUnknown: { vi: "Vé đã được gửi tới máy in.", en: "The ticket was sent to the printer." },
  reprint: { vi: "In lại vé", en: "Print again" },
  reprintWaiting: { vi: "Máy in chưa sẵn sàng", en: "Printer not ready yet" },
  unavailableTitle: { vi: "Tạm thời không phục vụ", en: "Temporarily unavailable" },
  unavailableBody: {
    vi: "Ki-ốt đang mất kết nối với hệ thống. Vui lòng chờ trong giây lát hoặc liên hệ cán bộ hướng dẫn.",
    en: "The kiosk lost its connection. Please wait a moment or ask a staff member.",
  },
  unavailableRetry: { vi: "Đang thử kết nối lại…", en: "Reconnecting…" },
  loading: { vi: "Đang tải…", en: "Loading…" },
  ok: { vi: "Đồng ý", en: "OK" },
  // The citizen ID card (issue 15, decision 0042).
  cccdHint: {
    vi: "Người từ 60 tuổi: quét mã QR trên thẻ CCCD gắn chip để được ưu tiên ngay.",
    en: "Aged 60 or over: scan the QR code on your chip ID card for priority at once.",
  },
  cccdPrivacyVi: {
    vi: "Ki-ốt chỉ dùng ngày sinh trên thẻ để xác định ưu tiên; không lưu, không in, không hiển thị thông tin của thẻ (Nghị định 13/2023/NĐ-CP).",
    en: "Ki-ốt chỉ dùng ngày sinh trên thẻ để xác định ưu tiên; không lưu, không in, không hiển thị thông tin của thẻ (Nghị định 13/2023/NĐ-CP).",
  },
  cccdPrivacyEn: {
    vi: "The kiosk uses only the birth date on the card to decide priority; nothing from the card is stored, printed or shown (Decree 13/2023).",
    en: "The kiosk uses only the birth date on the card to decide priority; nothing from the card is stored, printed or shown (Decree 13/2023).",
  },
  cccdElderly: { vi: "Ưu tiên người cao tuổi theo CCCD", en: "Elderly priority by citizen ID card" },
  cccdElderlyHint: {
    vi: "Mời chọn lĩnh vực: số ưu tiên được cấp ngay.",
    en: "Choose a field: your priority number is issued at once.",
  },
  cccdRead: { vi: "Đã đọc thẻ CCCD", en: "Citizen ID card read" },
  cccdReadHint: { vi: "Mời chọn lĩnh vực cần giải quyết.", en: "Please choose a field." },
  cccdForget: { vi: "Hủy, không dùng thẻ", en: "Cancel, don't use the card" },
  "scan-not-cccd": {
    vi: "Mã vừa quét không phải mã QR của thẻ CCCD gắn chip. Vui lòng quét mã QR ở mặt trước thẻ, hoặc chọn lĩnh vực để lấy số.",
    en: "That code is not the QR code of a chip ID card. Please scan the QR code on the card, or choose a field to take a number.",
  },
  "scan-unreadable": {
    vi: "Không đọc được thông tin trên thẻ. Vui lòng chọn lĩnh vực và trả lời câu hỏi ưu tiên, hoặc hỏi cán bộ hướng dẫn.",
    en: "The card could not be read. Please choose a field and answer the priority question, or ask a staff member.",
  },
  "scan-wrong-screen": {
    vi: "Vui lòng quét thẻ CCCD khi màn hình đang ở bước chọn lĩnh vực.",
    en: "Please scan your ID card on the screen where you choose a field.",
  },
  "scan-not-here": {
    vi: "Ki-ốt này chưa sẵn sàng đọc thẻ CCCD. Vui lòng chọn lĩnh vực và trả lời câu hỏi ưu tiên.",
    en: "This kiosk cannot read ID cards yet. Please choose a field and answer the priority question.",
  },
  "scan-cccd-on-dossier": {
    vi: "Đây là mã của thẻ CCCD. Vui lòng quét mã trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả.",
    en: "That is the ID card's code. Please scan the code on your dossier receipt.",
  },
  // A booked visitor's check-in (issue 14).
  bookingButton: { vi: "Đã đặt lịch hẹn? Nhận số tại đây", en: "Booked an appointment? Check in here" },
  bookingTitle: { vi: "Nhận số theo lịch hẹn", en: "Check in with your booking" },
  bookingHint: {
    vi: "Quét mã QR lịch hẹn trên điện thoại vào máy quét, hoặc nhập mã 8 ký tự bên dưới.",
    en: "Hold your booking's QR code to the scanner, or type its 8-character code below.",
  },
  bookingGo: { vi: "Nhận số", en: "Get my number" },
  bookingNoKiosk: {
    vi: "Ki-ốt này chưa được cấu hình để nhận số theo lịch hẹn. Vui lòng dùng ki-ốt khác.",
    en: "This kiosk is not set up for booking check-in. Please use another kiosk.",
  },
  bookedAt: {
    vi: "Lịch hẹn {time}: bạn được gọi theo giờ hẹn",
    en: "Booked for {time}: you are called at your time",
  },
  // The dossier code of a visitor collecting a result.
  dossierTitle: { vi: "Nhập mã hồ sơ", en: "Enter your dossier code" },
  dossierHint: {
    vi: "Mã hồ sơ in trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả. Quét mã trên giấy, hoặc nhập bằng bàn phím bên dưới.",
    en: "The dossier code is on your dossier receipt. Scan the code on it, or type it below.",
  },
  dossierContinue: { vi: "Tiếp tục", en: "Continue" },
  dossierSkip: { vi: "Không có mã hồ sơ", en: "I have no dossier code" },
  dossierClear: { vi: "Xóa hết", en: "Clear" },
  dossierDelete: { vi: "Xóa", en: "Delete" },
  dossierBadge: { vi: "Mã hồ sơ: {code}", en: "Dossier: {code}" },
  // Errors of POST /api/tickets, by the API's stable code.
  "err-hall-closed": {
    vi: "Ngoài giờ làm việc, chưa thể lấy số. Vui lòng quay lại trong giờ làm việc.",
    en: "The hall is closed; no numbers can be taken now. Please come back during opening hours.",
  },
  "err-service-closed": {
    vi: "Lĩnh vực này hiện không tiếp nhận. Vui lòng chọn lĩnh vực khác hoặc hỏi cán bộ hướng dẫn.",
    en: "This field is not taking tickets now. Please choose another or ask a staff member.",
  },
  "err-service-not-found": {
    vi: "Lĩnh vực này không còn. Danh sách lĩnh vực đã được cập nhật, vui lòng chọn lại.",
    en: "This field no longer exists. The list was updated; please choose again.",
  },
  "err-too-many-requests": {
    vi: "Ki-ốt đang nhận quá nhiều yêu cầu. Vui lòng chờ khoảng một phút rồi thử lại.",
    en: "Too many requests at this kiosk. Please wait about a minute and try again.",
  },
  "err-invalid-priority": {
    vi: "Loại ưu tiên không hợp lệ, vui lòng chọn lại.",
    en: "Unknown priority category, please choose again.",
  },
  "err-storage-unavailable": {
    vi: "Hệ thống tạm thời không ghi được dữ liệu. Vui lòng thử lại sau ít phút.",
    en: "The system cannot save right now. Please try again in a few minutes.",
  },
  "err-printer-offline": {
    vi: "Máy in chưa hoạt động trở lại, chưa thể in lại.",
    en: "The printer is not back yet; cannot print again.",
  },
  "err-printer-no-paper": {
    vi: "Máy in vẫn hết giấy, chưa thể in lại. Vui lòng báo cán bộ.",
    en: "The printer is still out of paper. Please tell a staff member.",
  },
  "err-print-in-progress": {
    vi: "Vé đang được in, vui lòng chờ.",
    en: "The ticket is printing, please wait.",
  },
  "err-network-error": {
    vi: "Mất kết nối tới hệ thống, vui lòng thử lại.",
    en: "The connection was lost, please try again.",
  },
  "err-invalid-dossier-code": {
    vi: "Mã hồ sơ chưa đúng. Vui lòng kiểm tra lại mã trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả.",
    en: "That dossier code is not right. Please check the code on your dossier receipt.",
  },
  "err-dossier-code-taken": {
    vi: "Mã hồ sơ này đã được lấy số hôm nay. Vui lòng hỏi cán bộ hướng dẫn.",
    en: "A number was already taken today for this dossier code. Please ask a staff member.",
  },
  "err-cccd-already-issued": {
    vi: "Hôm nay thẻ CCCD này đã được lấy số cho lĩnh vực này. Nếu mất vé, vui lòng hỏi cán bộ hướng dẫn.",
    en: "A number was already taken today for this field with this ID card. If you lost it, please ask a staff member.",
  },
  "err-invalid-cccd": {
    vi: "Theo ngày sinh trên thẻ CCCD, quý khách chưa thuộc diện ưu tiên người cao tuổi. Vui lòng chọn đối tượng khác.",
    en: "By the birth date on your ID card you are not in the elderly lane. Please choose another answer.",
  },
  "err-reprint": { vi: "Chưa in lại được, vui lòng thử lại.", en: "Could not print again, please retry." },
  "err-generic": {
    vi: "Chưa lấy được số. Vui lòng thử lại hoặc liên hệ cán bộ hướng dẫn.",
    en: "Could not take a number. Please try again or ask a staff member.",
  },
} satisfies Table;

export const kioskText = messages(KIOSK_MESSAGES);

export type KioskKey = Parameters<typeof kioskText>[0];

/** The visitor-facing text for an API error code (else the `fallback` message). */
export function kioskError(code: string, lang: Lang, fallback: KioskKey = "err-generic"): string {
  const key = `err-${code}` as KioskKey;
  const known = kioskText(key, lang);
  return known === key ? kioskText(fallback, lang) : known;
}
