/**
 * SMS brandname through eSMS.vn (developers.esms.vn, "Send OTP/Customer care message"):
 *
 *   POST https://rest.esms.vn/MainService.svc/json/SendMultipleMessage_V4_post_json/
 *   Content-Type: application/json
 *   { "ApiKey", "SecretKey", "Phone", "Content", "Brandname", "SmsType": "2",
 *     "IsUnicode": "0" | "1", "Sandbox": "0" | "1", "RequestId" }
 *
 * eSMS authenticates by the account's ApiKey and SecretKey in the body (its documented
 * scheme: no signature header), so the gateway URL must be HTTPS in production. It answers
 * HTTP 200 with `{ "CodeResult": "100", "SMSID": … }` when it accepted the message, or
 * another code (table of error codes): a blocked or malformed number (99, 108), an unknown
 * brandname (104), a content that does not match the registered customer-care template
 * (146), an unsupported type (118) are permanent; wrong keys (101), balance (103), a
 * duplicate request id (124: already accepted) and the rest are retried, except 124 which
 * counts as delivered. `RequestId` is the outbox message id, so a retry after a lost
 * answer is not sent twice.
 *
 * The text is Vietnamese only (SMS is one language) and, by default, without diacritics
 * (`sms.unicode: false`): carriers register brandname templates unaccented and a Unicode
 * SMS holds 70 characters per part instead of 160 (decision 0115).
 */
import type { NoticesConfig } from "../contract/config-notices.ts";
import { type NoticeRecipient, stripDiacritics } from "../contract/notices.ts";
import type { DeliveryOutcome } from "../outbox/outbox.ts";
import { type NoticeEnvelope, type NoticeProvider, post } from "./provider.ts";

const PERMANENT = new Set(["99", "104", "108", "118", "146", "177"]);

/** The SMS text of a notice: Vietnamese, unaccented unless the hall chose Unicode. */
export function smsContent(n: NoticeEnvelope, unicode: boolean): string {
  const vi = n.text.body.vi;
  return unicode ? vi : stripDiacritics(vi);
}

export class EsmsProvider implements NoticeProvider {
  readonly channel = "sms" as const;

  constructor(
    private readonly config: () => NoticesConfig["sms"],
    private readonly keys: () => { apiKey: string; secretKey: string } | null,
  ) {}

  configured(): boolean {
    const c = this.config();
    return c.enabled && !!c.brandname && !!this.keys();
  }

  accepts(r: NoticeRecipient): boolean {
    return r.kind === "phone";
  }

  async send(to: NoticeRecipient, n: NoticeEnvelope): Promise<DeliveryOutcome> {
    const c = this.config();
    const keys = this.keys();
    if (to.kind !== "phone")
      return { ok: false, status: null, error: "SMS needs a phone number", permanent: true };
    if (!c.enabled || !c.brandname || !keys)
      return { ok: false, status: null, error: "SMS is not configured" };
    const body = JSON.stringify({
      ApiKey: keys.apiKey,
      SecretKey: keys.secretKey,
      Phone: to.phone,
      Content: smsContent(n, c.unicode),
      Brandname: c.brandname,
      SmsType: "2",
      IsUnicode: c.unicode ? "1" : "0",
      Sandbox: c.sandbox ? "1" : "0",
      RequestId: n.messageId,
    });
    const res = await post(c.url, {
      headers: { "content-type": "application/json" },
      body,
      timeoutSec: c.timeoutSec,
    });
    if (res.status === null) return { ok: false, status: null, error: res.error };
    if (res.status < 200 || res.status >= 300)
      return { ok: false, status: res.status, error: `HTTP ${res.status}` };
    let answer: { CodeResult?: unknown; ErrorMessage?: unknown };
    try {
      answer = JSON.parse(res.text);
    } catch {
      return {
        ok: false,
        status: res.status,
        error: "the SMS gateway answered with something that is not JSON",
      };
    }
    const code = String(answer.CodeResult ?? "");
    if (code === "100" || code === "124") return { ok: true, status: res.status };
    const error = `eSMS CodeResult ${code || "?"}${answer.ErrorMessage ? `: ${String(answer.ErrorMessage)}` : ""}`;
    return { ok: false, status: res.status, error, permanent: PERMANENT.has(code) };
  }
}
