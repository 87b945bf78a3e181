/**
 * Zalo ZNS (Zalo Notification Service) through the hall's Official Account, as Zalo
 * documents it (developers.zalo.me, "Gửi ZNS"; error codes: zalo.cloud/zns/guidelines/handle-error-code):
 *
 *   POST https://business.openapi.zalo.me/message/template
 *   access_token: <the OA's access token>
 *   Content-Type: application/json
 *   { "phone": "84912345678", "template_id": "…", "template_data": { … }, "tracking_id": "…" }
 *
 * Zalo answers HTTP 200 with `{ "error": 0, "message": "Success", "data": { "msg_id", … } }`,
 * or a negative `error`. Template, phone and data errors are permanent (retrying sends the
 * same rejected request); an unknown error, a bad or expired token (renewed by the hall,
 * zalo-token.ts, or outside: the token file is read at each attempt) and quota are retried with backoff.
 * `tracking_id` is the outbox message id, so the hall can match Zalo's delivery reports.
 */
import type { NoticesConfig } from "../contract/config-notices.ts";
import type { NoticeRecipient } from "../contract/notices.ts";
import type { DeliveryOutcome } from "../outbox/outbox.ts";
import { type NoticeEnvelope, type NoticeProvider, post } from "./provider.ts";

/**
 * Codes after which the same request can never succeed: phone invalid (-108), template id
 * invalid (-109), template data empty/invalid (-111, -112), the user cannot receive ZNS
 * (-118 no Zalo account, -119 cannot receive, -139 refused), no permission for the
 * template (-115..-117 as documented "template not approved / not allowed").
 */
const PERMANENT = new Set([-108, -109, -111, -112, -115, -116, -117, -118, -119, -139]);

/** The ZNS template params of each notice (the hall registers its templates with these names). */
export function zaloTemplateData(n: NoticeEnvelope): Record<string, string> {
  const f = n.facts;
  if (f.kind === "booked" || f.kind === "reminder") {
    // A booking (its own templates): the code, the field, the slot, the day, the cancel link.
    const [y, m, d] = (f.date ?? "").split("-");
    return {
      ma_hen: f.number,
      linh_vuc: f.service?.vi ?? "",
      gio: f.slot ?? "",
      ngay: y && m && d ? `${d}/${m}/${y}` : "",
      link: f.url ?? "",
    };
  }
  const data: Record<string, string> = { so_thu_tu: f.number };
  if (f.kind === "near") {
    data.so_nguoi = String(f.ahead ?? 0);
    data.so_phut = f.minutes == null ? "" : String(f.minutes);
    if (f.service) data.linh_vuc = f.service.vi;
  }
  if (f.kind === "called") data.quay = String(f.counter ?? "");
  if (f.kind === "finished" && f.url) data.link = f.url;
  return data;
}

export class ZaloZnsProvider implements NoticeProvider {
  readonly channel = "zalo" as const;

  constructor(
    private readonly config: () => NoticesConfig["zalo"],
    /** The OA access token now (env or token file, read at each attempt), or null. */
    private readonly token: () => string | null,
  ) {}

  configured(): boolean {
    const c = this.config();
    return c.enabled && !!this.token() && Object.values(c.templates).some((t) => t !== null);
  }

  accepts(r: NoticeRecipient): boolean {
    return r.kind === "phone";
  }

  /** The template of a notice kind, or null when the hall registered none for it. */
  templateFor(kind: NoticeEnvelope["facts"]["kind"]): string | null {
    const t = this.config().templates;
    return t[kind] ?? null;
  }

  /** Zalo sends a kind only when the hall registered its template. */
  supports(kind: NoticeEnvelope["facts"]["kind"]): boolean {
    return this.templateFor(kind) !== null;
  }

  async send(to: NoticeRecipient, n: NoticeEnvelope): Promise<DeliveryOutcome> {
    const c = this.config();
    const token = this.token();
    if (to.kind !== "phone")
      return { ok: false, status: null, error: "zalo needs a phone number", permanent: true };
    if (!c.enabled || !token) return { ok: false, status: null, error: "Zalo ZNS is not configured" };
    const template = this.templateFor(n.facts.kind);
    if (!template)
      return { ok: false, status: null, error: `no ZNS template for "${n.facts.kind}"`, permanent: true };
    const body = JSON.stringify({
      phone: to.phone,
      template_id: template,
      template_data: zaloTemplateData(n),
      tracking_id: n.messageId,
    });
    const res = await post(c.url, {
      headers: { "content-type": "application/json", access_token: token },
      body,
      timeoutSec: c.timeoutSec,
    });
    if (res.status === null) return { ok: false, status: null, error: res.error };
    if (res.status < 200 || res.status >= 300)
      return { ok: false, status: res.status, error: `HTTP ${res.status}` };
    let answer: { error?: unknown; message?: unknown };
    try {
      answer = JSON.parse(res.text);
    } catch {
      return { ok: false, status: res.status, error: "Zalo answered with something that is not JSON" };
    }
    const code = typeof answer.error === "number" ? answer.error : Number.NaN;
    if (code === 0) return { ok: true, status: res.status };
    const error = `Zalo error ${Number.isNaN(code) ? "?" : code}: ${String(answer.message ?? "")}`.trim();
    return { ok: false, status: res.status, error, permanent: PERMANENT.has(code) };
  }
}
