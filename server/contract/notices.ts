/**
 * Notices to visitors (issue 14, docs/decisions/0115): who may receive them (a Web Push
 * subscription, or a Vietnamese mobile number for Zalo ZNS and SMS), and their words,
 * Vietnamese with full diacritics first and English second. Shared by the server (the
 * notices it sends) and the phone page (what it checks before sending).
 */

/** The ways out to a visitor. */
export const NOTICE_CHANNELS = ["push", "zalo", "sms"] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];

/**
 * What a notice is about. `booked` (the confirmation of a booking) and `reminder` (before
 * its slot) are for appointments, outside the queue (decision 0115, "Booking reminders").
 */
export const NOTICE_KINDS = ["near", "called", "finished", "booked", "reminder"] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** A Web Push subscription as `PushSubscription.toJSON()` gives it. */
export interface PushSubscriptionJson {
  endpoint: string;
  expirationTime?: number | null;
  keys: { p256dh: string; auth: string };
}

/** One recipient: a browser's push subscription, or a phone number `84…` (Zalo, SMS). */
export type NoticeRecipient =
  | { kind: "push"; subscription: PushSubscriptionJson }
  | { kind: "phone"; phone: string };

/**
 * Vietnamese mobile prefixes after 0 (since the 2018 move to 10 digits): Viettel 032–039,
 * 086, 096–098; VinaPhone 081–085, 088, 091, 094; MobiFone 070, 076–079, 089, 090, 093;
 * Vietnamobile 052, 056, 058, 092; Gmobile 059, 099; Itelecom 087; Reddi 055.
 */
const MOBILE = /^(3[2-9]|5[25689]|7[06-9]|8[1-9]|9[0-46-9])\d{7}$/;

/**
 * A Vietnamese mobile number in its international form without "+" (`84912345678`), from
 * what a visitor types: `0912 345 678`, `+84 912-345-678`, `84912345678`, `912345678`.
 * Null when it is not a Vietnamese mobile number (a landline, too short, letters).
 */
export function normalizeVnMobile(input: string): string | null {
  const s = input.replace(/[\s.\-()]/g, "");
  if (!/^\+?\d{9,12}$/.test(s)) return null;
  const national = s.startsWith("+84")
    ? s.slice(3)
    : s.startsWith("84") && s.length === 11
      ? s.slice(2)
      : s.startsWith("0")
        ? s.slice(1)
        : s;
  return MOBILE.test(national) ? `84${national}` : null;
}

/** `84912345678` → `091****678`: how staff screens and logs may show a number. */
export function maskPhone(phone84: string): string {
  const national = `0${phone84.slice(2)}`;
  return `${national.slice(0, 3)}****${national.slice(-3)}`;
}

/** What a notice says: the ticket, where to go, and the figures that made it due. */
export interface NoticeFacts {
  kind: NoticeKind;
  number: string;
  /** The field's name. */
  service?: { vi: string; en: string };
  counter?: number | null;
  ahead?: number | null;
  minutes?: number | null;
  /** The status page (rating link after service). */
  url?: string;
  /** A reminder's own words (an appointment), both languages; else made from the facts. */
  text?: { vi: string; en: string };
  /** An appointment's day `YYYY-MM-DD` (`booked`, `reminder`; `number` is the booking code). */
  date?: string;
  /** An appointment's slot start `HH:MM`. */
  slot?: string;
}

/** `2026-12-03` → `03/12/2026`, as Vietnamese write dates. */
function dmy(date: string | undefined): string {
  const [y, m, d] = (date ?? "").split("-");
  return y && m && d ? `${d}/${m}/${y}` : "";
}

/** The title and body of a notice, Vietnamese and English. */
export interface NoticeText {
  title: { vi: string; en: string };
  body: { vi: string; en: string };
}

/** The words of a notice in both languages (Web Push shows Vietnamese first, then English). */
export function noticeText(f: NoticeFacts): NoticeText {
  const n = f.number;
  switch (f.kind) {
    case "near": {
      const ahead = f.ahead ?? 0;
      const mins = f.minutes;
      const vi =
        ahead === 0
          ? `Số ${n}: bạn là người tiếp theo. Vui lòng có mặt gần các quầy.`
          : `Số ${n}: còn ${ahead} người trước bạn${mins ? `, khoảng ${mins} phút` : ""}. Vui lòng quay lại sảnh.`;
      const en =
        ahead === 0
          ? `Ticket ${n}: you are next. Please stay near the counters.`
          : `Ticket ${n}: ${ahead} ${ahead === 1 ? "person" : "people"} ahead${mins ? `, about ${mins} min` : ""}. Please come back to the hall.`;
      return { title: { vi: "Sắp đến lượt bạn", en: "Your turn is near" }, body: { vi, en } };
    }
    case "called":
      return {
        title: { vi: `Mời số ${n}`, en: `Ticket ${n}, please` },
        body: {
          vi: `Mời số ${n} đến quầy ${f.counter ?? "?"}.`,
          en: `Ticket ${n}, please go to counter ${f.counter ?? "?"}.`,
        },
      };
    case "finished":
      return {
        title: { vi: "Cảm ơn bạn", en: "Thank you" },
        body: {
          vi: `Số ${n} đã được phục vụ. Mời bạn đánh giá mức độ hài lòng${f.url ? `: ${f.url}` : "."}`,
          en: `Ticket ${n} has been served. Please rate your visit${f.url ? `: ${f.url}` : "."}`,
        },
      };
    case "booked": {
      const what = { vi: f.service?.vi ?? "", en: f.service?.en ?? "" };
      return {
        title: { vi: "Đã đặt lịch hẹn", en: "Booking confirmed" },
        body: f.text ?? {
          vi: `Đã đặt lịch ${what.vi} lúc ${f.slot} ngày ${dmy(f.date)}, mã ${n}. Khi đến, quét hoặc nhập mã tại ki-ốt.${f.url ? ` Xem/hủy: ${f.url}` : ""}`,
          en: `Booked: ${what.en} at ${f.slot} on ${dmy(f.date)}, code ${n}. On arrival, scan or type the code at the kiosk.${f.url ? ` View/cancel: ${f.url}` : ""}`,
        },
      };
    }
    case "reminder": {
      const what = { vi: f.service?.vi ?? "", en: f.service?.en ?? "" };
      return {
        title: { vi: "Nhắc lịch hẹn", en: "Reminder" },
        body: f.text ?? {
          vi: `Nhắc lịch: ${what.vi} lúc ${f.slot} ngày ${dmy(f.date)}, mã ${n}. Khi đến, quét hoặc nhập mã tại ki-ốt.${f.url ? ` Không đến được, hủy: ${f.url}` : ""}`,
          en: `Reminder: ${what.en} at ${f.slot} on ${dmy(f.date)}, code ${n}. On arrival, scan or type the code at the kiosk.${f.url ? ` Cannot come? Cancel: ${f.url}` : ""}`,
        },
      };
    }
  }
}

/**
 * Vietnamese without diacritics ("Mời số" → "Moi so"): brandname SMS templates registered
 * with the carriers are mostly unaccented, and an unaccented message is 160 characters per
 * part instead of 70 (decision 0115).
 */
export function stripDiacritics(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D");
}
