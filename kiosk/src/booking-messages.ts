/**
 * Every string of the booking page (`/hen`, issue 14) and the hall's poster, Vietnamese
 * first with full diacritics, English second.
 */
import { type Lang, messages, type Table } from "../../ui/i18n.ts";

export const BOOKING_MESSAGES = {
  langSwitch: { vi: "English", en: "Tiếng Việt" },
  title: { vi: "Đặt lịch hẹn", en: "Book an appointment" },
  loading: { vi: "Đang tải…", en: "Loading…" },
  step1: { vi: "1. Chọn lĩnh vực", en: "1. Choose a field" },
  step2: { vi: "2. Chọn ngày", en: "2. Choose a day" },
  step3: { vi: "3. Chọn giờ", en: "3. Choose a time" },
  step4: { vi: "4. Xác nhận", en: "4. Confirm" },
  noFields: {
    vi: "Hiện trung tâm chưa nhận đặt lịch. Bạn vẫn có thể lấy số tại ki-ốt.",
    en: "The hall is not taking bookings now. You can still take a ticket at the kiosk.",
  },
  closedDay: { vi: "Nghỉ", en: "Closed" },
  freeN: { vi: "còn {n}", en: "{n} left" },
  full: { vi: "Hết chỗ", en: "Full" },
  today: { vi: "Hôm nay", en: "Today" },
  noSlots: { vi: "Ngày này không còn giờ trống.", en: "No free time left on this day." },
  back: { vi: "‹ Quay lại", en: "‹ Back" },
  phoneLabel: { vi: "Số điện thoại (không bắt buộc)", en: "Phone number (optional)" },
  phoneHint: {
    vi: "Chỉ để gửi xác nhận và nhắc lịch trước giờ hẹn qua Zalo hoặc SMS. Bỏ trống nếu không cần.",
    en: "Only for a confirmation and a reminder before your time, by Zalo or SMS. Leave it empty if you need neither.",
  },
  confirm: { vi: "Đặt lịch", en: "Book" },
  summary: { vi: "{field} · {day} lúc {slot}", en: "{field} · {day} at {slot}" },
  yourCode: { vi: "Mã lịch hẹn của bạn", en: "Your booking code" },
  keepCode: {
    vi: "Hãy chụp màn hình hoặc ghi lại mã này. Khi đến, quét mã QR hoặc nhập mã tại ki-ốt để nhận số.",
    en: "Take a screenshot or note this code. When you arrive, scan the QR or type the code at the kiosk to get your number.",
  },
  window: {
    vi: "Nhận số tại ki-ốt từ {from} đến {until}.",
    en: "Check in at the kiosk from {from} to {until}.",
  },
  lateHint: {
    vi: "Nếu đến muộn hơn, lịch hẹn hết hiệu lực; bạn lấy số thường tại ki-ốt.",
    en: "If you come later, the booking lapses; take a normal ticket at the kiosk.",
  },
  reminderOn: {
    vi: "Xác nhận và lời nhắc trước giờ hẹn được gửi qua Zalo hoặc SMS đến số điện thoại bạn đã nhập.",
    en: "A confirmation and a reminder before your time go by Zalo or SMS to the phone number you gave.",
  },
  reminderAt: {
    vi: "Lời nhắc sẽ được gửi lúc {time}.",
    en: "The reminder will be sent at {time}.",
  },
  "status-booked": { vi: "Đã đặt", en: "Booked" },
  "status-cancelled": { vi: "Đã hủy", en: "Cancelled" },
  "status-checked-in": { vi: "Đã nhận số {number}", en: "Checked in: number {number}" },
  "status-no-show": { vi: "Quá giờ, lịch hẹn hết hiệu lực", en: "Missed: the booking has lapsed" },
  followTicket: { vi: "Theo dõi số thứ tự", en: "Follow your number" },
  cancel: { vi: "Hủy lịch hẹn", en: "Cancel the booking" },
  cancelConfirm: { vi: "Hủy lịch hẹn lúc {slot}?", en: "Cancel the booking at {slot}?" },
  cancelYes: { vi: "Hủy lịch", en: "Cancel it" },
  cancelNo: { vi: "Giữ lịch", en: "Keep it" },
  another: { vi: "Đặt lịch khác", en: "Book another" },
  notFound: {
    vi: "Không tìm thấy lịch hẹn này. Vui lòng kiểm tra lại đường dẫn hoặc mã.",
    en: "This booking was not found. Please check the link or the code.",
  },
  privacy: {
    vi: "Số điện thoại chỉ dùng để xác nhận và nhắc lịch, không hiển thị công khai và được xóa theo thời hạn lưu trữ của trung tâm.",
    en: "Your phone number is used only for the confirmation and the reminder, never shown publicly, and deleted after the hall's retention period.",
  },
  "err-generic": { vi: "Có lỗi xảy ra, vui lòng thử lại.", en: "Something went wrong, please try again." },
  "err-network-error": { vi: "Mất kết nối, vui lòng thử lại.", en: "No connection, please try again." },
  posterTitle: { vi: "ĐẶT LỊCH HẸN TRƯỚC", en: "BOOK YOUR VISIT AHEAD" },
  posterScan: {
    vi: "Quét mã QR bằng điện thoại để chọn lĩnh vực, ngày và giờ đến. Không cần tài khoản.",
    en: "Scan the QR code with your phone to choose a field, a day and a time. No account needed.",
  },
  posterArrive: {
    vi: "Khi đến: quét mã lịch hẹn tại ki-ốt (trước giờ hẹn {early} phút đến sau {late} phút) để nhận số.",
    en: "On arrival: scan your booking at the kiosk ({early} min before to {late} min after your time) to get your number.",
  },
  posterFields: { vi: "Lĩnh vực nhận đặt lịch:", en: "Fields you can book:" },
  print: { vi: "In áp phích", en: "Print the poster" },
} satisfies Table;

export const bookingText = messages(BOOKING_MESSAGES);

/** A day as the page names it: "Thứ Ba 24/11" / "Tue 24/11". */
export function dayLabel(date: string, lang: Lang): string {
  const d = new Date(`${date}T12:00:00+07:00`);
  const wd = d.getUTCDay();
  const vi = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"][wd];
  const en = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][wd];
  const dm = `${date.slice(8, 10)}/${date.slice(5, 7)}`;
  return `${lang === "en" ? en : vi} ${dm}`;
}
