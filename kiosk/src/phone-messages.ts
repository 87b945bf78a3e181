/**
 * Every string of the phone status page (`/t/{code}`), Vietnamese first with full
 * diacritics, English second (STYLE.md habit 7). The rating levels are the four of
 * shared/DOMAIN.md ("After service the visitor rates it …").
 */
import { type Lang, messages, type Table } from "../../ui/i18n.ts";

/** The table itself (tests check that every entry has both languages). */
export const PHONE_MESSAGES = {
  langSwitch: { vi: "English", en: "Tiếng Việt" },
  title: { vi: "Theo dõi số thứ tự", en: "Follow your turn" },
  yourNumber: { vi: "Số thứ tự của bạn", en: "Your number" },
  loading: { vi: "Đang tải…", en: "Loading…" },
  notFoundTitle: { vi: "Không tìm thấy số thứ tự", en: "Ticket not found" },
  notFoundBody: {
    vi: "Mã trên đường dẫn không đúng hoặc đã hết hạn. Vui lòng quét lại mã QR trên vé.",
    en: "The code in this link is wrong or has expired. Please scan the QR code on your ticket again.",
  },
  loadError: {
    vi: "Chưa tải được thông tin. Đang thử lại…",
    en: "Could not load your ticket. Retrying…",
  },
  "status-waiting": { vi: "Đang chờ", en: "Waiting" },
  "status-called": { vi: "Đến lượt bạn!", en: "It's your turn!" },
  "status-serving": { vi: "Đang phục vụ", en: "Being served" },
  "status-done": { vi: "Đã hoàn thành", en: "Finished" },
  "status-no-show": { vi: "Đã bỏ qua (vắng mặt)", en: "Skipped (not present)" },
  "status-cancelled": { vi: "Đã hủy số", en: "Cancelled" },
  goToCounter: { vi: "Mời bạn đến", en: "Please go to" },
  counter: { vi: "Quầy {n}", en: "Counter {n}" },
  servingAt: { vi: "Bạn đang được phục vụ tại Quầy {n}.", en: "You are being served at counter {n}." },
  noShowBody: {
    vi: "Bạn đã không có mặt khi được gọi. Vui lòng lấy số mới tại ki-ốt hoặc hỏi cán bộ hướng dẫn.",
    en: "You were not there when called. Please take a new number at the kiosk or ask a staff member.",
  },
  cancelledBody: {
    vi: "Số này đã được hủy. Nếu vẫn cần giải quyết, vui lòng lấy số mới tại ki-ốt.",
    en: "This number was cancelled. If you still need service, take a new number at the kiosk.",
  },
  peopleAhead: { vi: "Số người đang chờ trước bạn", en: "People ahead of you" },
  estimatedWait: { vi: "Thời gian chờ dự kiến", en: "Estimated wait" },
  waitMinutes: { vi: "khoảng {n} phút", en: "about {n} min" },
  waitRange: { vi: "khoảng {n} phút, chậm nhất {m} phút", en: "about {n} min, at most {m} min" },
  waitSoon: { vi: "Sắp đến lượt", en: "Very soon" },
  waitSoonMax: { vi: "Sắp đến lượt, chậm nhất {m} phút", en: "Very soon, at most {m} min" },
  waitUnknown: { vi: "Chưa xác định", en: "Not known yet" },
  issuedAt: { vi: "Giờ lấy số", en: "Issued at" },
  calledAt: { vi: "Giờ gọi", en: "Called at" },
  stayNear: {
    vi: "Trang này tự cập nhật. Bạn có thể ngồi chờ, khi đến lượt điện thoại sẽ báo.",
    en: "This page updates by itself. When it's your turn, your phone will alert you.",
  },
  soundOn: { vi: "Bật âm thanh báo", en: "Turn on the alert sound" },
  soundReady: { vi: "Đã bật âm thanh báo", en: "Alert sound is on" },
  updatedAt: { vi: "Cập nhật lúc {t}", en: "Updated at {t}" },
  reconnecting: { vi: "Đang kết nối lại…", en: "Reconnecting…" },
  cancel: { vi: "Hủy số", en: "Cancel my number" },
  cancelConfirm: {
    vi: "Bạn chắc chắn muốn hủy số {number}? Bạn sẽ mất lượt và phải lấy số mới.",
    en: "Cancel number {number}? You will lose your turn and need a new number.",
  },
  cancelYes: { vi: "Hủy số", en: "Yes, cancel" },
  cancelNo: { vi: "Không, giữ số", en: "No, keep it" },
  rateTitle: { vi: "Bạn có hài lòng với sự phục vụ?", en: "Were you satisfied with the service?" },
  "rate-4": { vi: "Rất hài lòng", en: "Very satisfied" },
  "rate-3": { vi: "Hài lòng", en: "Satisfied" },
  "rate-2": { vi: "Bình thường", en: "Neutral" },
  "rate-1": { vi: "Không hài lòng", en: "Not satisfied" },
  ratedThanks: { vi: "Cảm ơn bạn đã đánh giá!", en: "Thank you for your rating!" },
  ratedAs: { vi: "Bạn đã đánh giá: {level}", en: "Your rating: {level}" },
  priority: { vi: "Ưu tiên: {label}", en: "Priority: {label}" },
  "err-ticket-not-waiting": {
    vi: "Số này không còn chờ nên không hủy được.",
    en: "This number is no longer waiting, so it cannot be cancelled.",
  },
  "err-not-finished": {
    vi: "Chỉ đánh giá được sau khi đã giải quyết xong.",
    en: "You can rate only after the service is finished.",
  },
  "err-rating-closed": { vi: "Đã hết thời gian đánh giá.", en: "The rating window has closed." },
  "err-too-many-requests": {
    vi: "Thao tác quá nhanh, vui lòng thử lại sau ít phút.",
    en: "Too many requests, please try again shortly.",
  },
  "err-network-error": {
    vi: "Mất kết nối, vui lòng thử lại.",
    en: "No connection, please try again.",
  },
  "err-generic": { vi: "Có lỗi xảy ra, vui lòng thử lại.", en: "Something went wrong, please try again." },
  close: { vi: "Đóng", en: "Close" },
  bookNext: { vi: "Đặt lịch hẹn cho lần sau", en: "Book an appointment for next time" },
  privacy: {
    vi: "Trang này không lưu thông tin cá nhân của bạn.",
    en: "This page keeps no personal data about you.",
  },
  notifyTitle: { vi: "Báo trước khi đến lượt", en: "Notify me before my turn" },
  notifyIntro: {
    vi: "Bạn có thể ra ngoài. Chúng tôi sẽ báo khi sắp đến lượt.",
    en: "You may step out. We will tell you when your turn is near.",
  },
  notifyOpen: { vi: "Nhận thông báo", en: "Get notified" },
  notifyMore: { vi: "Thêm cách nhận báo khác", en: "Add another way" },
  notifyWhen: { vi: "Báo khi", en: "Notify when" },
  notifyAhead: { vi: "còn {n} người", en: "{n} people ahead" },
  notifyMinutes: { vi: "trước ~{n} phút", en: "~{n} min before" },
  notifyHow: { vi: "Báo qua", en: "Notify by" },
  "channel-push": { vi: "Thông báo trên điện thoại này", en: "A notification on this phone" },
  "channel-zalo": { vi: "Tin nhắn Zalo", en: "Zalo message" },
  "channel-sms": { vi: "Tin nhắn SMS", en: "Text message (SMS)" },
  notifyPhone: { vi: "Số điện thoại di động", en: "Mobile number" },
  notifyPhoneHint: { vi: "Ví dụ 0912 345 678", en: "e.g. 0912 345 678" },
  notifyAlso: {
    vi: "Chúng tôi cũng báo khi gọi số của bạn và gửi đường dẫn đánh giá sau khi xong.",
    en: "We also tell you when your number is called, and send the rating link afterwards.",
  },
  notifyPrivacy: {
    vi: "Số điện thoại chỉ dùng để báo lượt và được xóa ngay khi bạn xong việc.",
    en: "Your number is used only for these notices and is deleted as soon as you are done.",
  },
  notifySubmit: { vi: "Đăng ký nhận báo", en: "Notify me" },
  notifyCancelForm: { vi: "Để sau", en: "Not now" },
  notifyOn: { vi: "Đã đăng ký: {how}, {when}", en: "You will be notified: {how}, {when}" },
  notifySent: { vi: "Đã gửi thông báo sắp đến lượt.", en: "The “turn is near” notice was sent." },
  notifyStop: { vi: "Ngừng báo", en: "Stop" },
  notifyPushUnsupported: {
    vi: "Trình duyệt này chưa nhận được thông báo. Trên iPhone, hãy “Thêm vào Màn hình chính” rồi mở lại trang.",
    en: "This browser cannot receive notifications. On an iPhone, “Add to Home Screen” first, then open the page from there.",
  },
  "err-invalid-phone": {
    vi: "Số điện thoại di động Việt Nam không hợp lệ (ví dụ 0912 345 678).",
    en: "Not a valid Vietnamese mobile number (e.g. 0912 345 678).",
  },
  "err-notice-channel-unavailable": {
    vi: "Trung tâm chưa bật cách nhận thông báo này.",
    en: "This hall does not offer this way of being notified.",
  },
  "err-notice-threshold-required": {
    vi: "Hãy chọn báo khi còn mấy người hoặc trước mấy phút.",
    en: "Choose when to be notified.",
  },
  "err-invalid-push-subscription": {
    vi: "Không đăng ký được thông báo trên trình duyệt này.",
    en: "Could not set up notifications in this browser.",
  },
  pushDenied: {
    vi: "Bạn đã chặn thông báo. Hãy cho phép thông báo trong cài đặt trình duyệt, hoặc chọn Zalo/SMS.",
    en: "Notifications are blocked. Allow them in the browser settings, or choose Zalo/SMS.",
  },
} satisfies Table;

export const phoneText = messages(PHONE_MESSAGES);

export type PhoneKey = Parameters<typeof phoneText>[0];

/** The visitor-facing text for an API error code. */
export function phoneError(code: string, lang: Lang): string {
  const key = `err-${code}` as PhoneKey;
  const known = phoneText(key, lang);
  return known === key ? phoneText("err-generic", lang) : known;
}
