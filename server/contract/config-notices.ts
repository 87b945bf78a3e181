/**
 * Notices before a visitor's turn (issue 14, docs/decisions/0115-notices-channels-and-privacy.md):
 * which channels the hall offers on the phone status page and how each reaches its provider.
 * Secrets are not settings: the Zalo OA access token and the SMS gateway's keys come from
 * the environment (QMS_ZALO_ACCESS_TOKEN or QMS_ZALO_ACCESS_TOKEN_FILE, QMS_SMS_API_KEY,
 * QMS_SMS_SECRET_KEY), so the settings API, its history and YAML exports never hold them.
 * A channel appears on the phone page only when it is enabled here and has its secrets.
 */
import { z } from "zod";

/** Official endpoint of Zalo's ZNS template message (developers.zalo.me, "Gửi ZNS"). */
export const ZALO_ZNS_URL = "https://business.openapi.zalo.me/message/template";
/** Zalo's OA token endpoint (renewal with the refresh token; server/notices/zalo-token.ts). */
export const ZALO_OAUTH_URL = "https://oauth.zaloapp.com/v4/oa/access_token";
/** eSMS.vn "Send OTP/Customer care message" (developers.esms.vn): JSON POST, ApiKey/SecretKey in the body. */
export const ESMS_URL = "https://rest.esms.vn/MainService.svc/json/SendMultipleMessage_V4_post_json/";

const url = z.url({ protocol: /^https?$/, message: "settings.url" });
const timeoutSec = z.number().int().min(1, "settings.timeout").max(60, "settings.timeout");
const templateId = z
  .string()
  .regex(/^[0-9A-Za-z_-]{1,40}$/, "settings.template-id")
  .nullable();

/** The ZNS templates the hall registered with Zalo, one per notice; null = not sent by Zalo. */
const ZaloTemplates = z
  .strictObject({
    /** "Sắp đến lượt": params `so_thu_tu`, `linh_vuc`, `so_nguoi`, `so_phut`. */
    near: templateId.default(null),
    /** "Mời đến quầy": params `so_thu_tu`, `quay`. */
    called: templateId.default(null),
    /** "Cảm ơn, mời đánh giá": params `so_thu_tu`, `link`. */
    finished: templateId.default(null),
    /** "Xác nhận lịch hẹn": params `ma_hen`, `linh_vuc`, `gio`, `ngay`, `link`. */
    booked: templateId.default(null),
    /** "Nhắc lịch hẹn": params `ma_hen`, `linh_vuc`, `gio`, `ngay`, `link`. */
    reminder: templateId.default(null),
  })
  .default({ near: null, called: null, finished: null, booked: null, reminder: null });

/**
 * Booking notices (appointments, decision 0115 "Booking reminders"): to a visitor who gave
 * a phone number, by Zalo ZNS (when it has the template) or else SMS.
 */
const BookingNotices = z
  .strictObject({
    /** A confirmation at once (field, day, slot, code, the cancel link). */
    confirm: z.boolean().default(true),
    /**
     * The reminder is due this many minutes before the slot (0 = no reminder). One that
     * would fall at night (before 07:00 or from 21:00) goes out at 19:00 the evening
     * before; none when it would be due within 30 minutes of booking (the confirmation is enough).
     */
    reminderMin: z
      .number()
      .int()
      .min(0, "settings.reminder-lead")
      .max(1440, "settings.reminder-lead")
      .default(60),
  })
  .default({ confirm: true, reminderMin: 60 });

export const NoticesSchema = z
  .strictObject({
    /** "Báo khi còn N người phía trước": the choices offered to visitors. */
    aheadChoices: z
      .array(z.number().int().min(1, "settings.notice-choice").max(50, "settings.notice-choice"))
      .min(1)
      .max(6)
      .default([2, 5, 10]),
    /** "Báo trước khoảng X phút": the choices offered. */
    minutesChoices: z
      .array(z.number().int().min(1, "settings.notice-choice").max(120, "settings.notice-choice"))
      .min(1)
      .max(6)
      .default([5, 10, 20]),
    /** Also notify when called ("Mời số A012 đến quầy 3"). */
    onCall: z.boolean().default(true),
    /** Also notify after service, with the rating link. */
    onFinish: z.boolean().default(true),
    /** Confirmation and reminder of a booking with a phone number. */
    booking: BookingNotices,
    /** Web Push (VAPID; keys generated once per hall in the data directory). */
    push: z
      .strictObject({
        enabled: z.boolean().default(true),
        /** VAPID `sub` claim: a mailto: or https: contact of the hall (push services may write to it). */
        contact: z
          .string()
          .regex(/^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+)$/, "settings.vapid-contact")
          .nullable()
          .default(null),
        timeoutSec: timeoutSec.default(10),
      })
      .default({ enabled: true, contact: null, timeoutSec: 10 }),
    /** Zalo ZNS through the hall's Official Account (the access token: QMS_ZALO_ACCESS_TOKEN[_FILE]). */
    zalo: z
      .strictObject({
        enabled: z.boolean().default(false),
        url: url.default(ZALO_ZNS_URL),
        /** Where the access token is renewed (QMS_ZALO_APP_ID, QMS_ZALO_APP_SECRET, QMS_ZALO_REFRESH_TOKEN). */
        tokenUrl: url.default(ZALO_OAUTH_URL),
        templates: ZaloTemplates,
        timeoutSec: timeoutSec.default(10),
      })
      .default({
        enabled: false,
        url: ZALO_ZNS_URL,
        tokenUrl: ZALO_OAUTH_URL,
        templates: { near: null, called: null, finished: null, booked: null, reminder: null },
        timeoutSec: 10,
      }),
    /** SMS brandname through eSMS.vn's gateway (keys: QMS_SMS_API_KEY, QMS_SMS_SECRET_KEY). */
    sms: z
      .strictObject({
        enabled: z.boolean().default(false),
        url: url.default(ESMS_URL),
        /** The registered brandname (sender name), e.g. "UBND-PHULIEN". */
        brandname: z
          .string()
          .regex(/^[A-Za-z0-9 ._-]{2,11}$/, "settings.brandname")
          .nullable()
          .default(null),
        /** Vietnamese with diacritics (Unicode SMS: 70 characters per part, not every brandname template allows it). */
        unicode: z.boolean().default(false),
        /** eSMS `Sandbox: "1"`: checked and not sent (for trying the settings). */
        sandbox: z.boolean().default(false),
        timeoutSec: timeoutSec.default(10),
      })
      .default({
        enabled: false,
        url: ESMS_URL,
        brandname: null,
        unicode: false,
        sandbox: false,
        timeoutSec: 10,
      }),
  })
  .default({
    aheadChoices: [2, 5, 10],
    minutesChoices: [5, 10, 20],
    onCall: true,
    onFinish: true,
    booking: { confirm: true, reminderMin: 60 },
    push: { enabled: true, contact: null, timeoutSec: 10 },
    zalo: {
      enabled: false,
      url: ZALO_ZNS_URL,
      tokenUrl: ZALO_OAUTH_URL,
      templates: { near: null, called: null, finished: null, booked: null, reminder: null },
      timeoutSec: 10,
    },
    sms: { enabled: false, url: ESMS_URL, brandname: null, unicode: false, sandbox: false, timeoutSec: 10 },
  });

export type NoticesConfig = z.infer<typeof NoticesSchema>;
