/**
 * Web Push (RFC 8030) with VAPID (RFC 8292) and the aes128gcm payload encryption
 * (RFC 8291), by the `web-push` package: it builds the signed, encrypted request
 * (`generateRequestDetails`); this provider sends it with its own timeout. The keys are the
 * hall's (vapid.ts). 201/202 from the push service is delivered; 404/410 means the
 * subscription is gone (permanent); 413 too big (permanent); 429 and 5xx are retried.
 * The payload is the notice's JSON (title, body in both languages, URL), which the phone
 * page's service worker (kiosk/public/phone-sw.js) shows with `showNotification`.
 */
import webpush from "web-push";
import type { NoticeRecipient } from "../contract/notices.ts";
import type { DeliveryOutcome } from "../outbox/outbox.ts";
import { type NoticeEnvelope, type NoticeProvider, post, retryAfterMs } from "./provider.ts";
import type { VapidKeys } from "./vapid.ts";

/** What the service worker receives (JSON, encrypted): shown Vietnamese first, English second. */
export interface PushPayload {
  title: string;
  body: string;
  /** The status page to open on a tap. */
  url?: string;
  /** Notices about the same ticket replace each other on the lock screen. */
  tag: string;
  kind: string;
}

/** The push message of a notice: both languages, the visitor's first. */
export function pushPayload(n: NoticeEnvelope): PushPayload {
  const [a, b] = n.lang === "en" ? (["en", "vi"] as const) : (["vi", "en"] as const);
  return {
    title: `${n.text.title[a]} · ${n.text.title[b]}`,
    body: `${n.text.body[a]}\n${n.text.body[b]}`,
    url: n.facts.url,
    tag: `qms-${n.facts.number}`,
    kind: n.facts.kind,
  };
}

export class WebPushProvider implements NoticeProvider {
  readonly channel = "push" as const;

  constructor(
    private readonly opts: () => { enabled: boolean; subject: string; timeoutSec: number },
    private readonly keys: () => VapidKeys,
  ) {}

  configured(): boolean {
    return this.opts().enabled;
  }

  accepts(r: NoticeRecipient): boolean {
    return r.kind === "push";
  }

  async send(to: NoticeRecipient, n: NoticeEnvelope): Promise<DeliveryOutcome> {
    if (to.kind !== "push")
      return { ok: false, status: null, error: "push needs a subscription", permanent: true };
    const o = this.opts();
    const k = this.keys();
    let req: ReturnType<typeof webpush.generateRequestDetails>;
    try {
      req = webpush.generateRequestDetails(to.subscription, JSON.stringify(pushPayload(n)), {
        vapidDetails: { subject: o.subject, publicKey: k.publicKey, privateKey: k.privateKey },
        TTL: n.facts.kind === "finished" ? 24 * 3600 : 3600,
        urgency: n.facts.kind === "finished" ? "normal" : "high",
        contentEncoding: "aes128gcm",
        topic: undefined,
      });
    } catch (e) {
      return {
        ok: false,
        status: null,
        error: `push request: ${String((e as Error).message ?? e)}`,
        permanent: true,
      };
    }
    const headers: Record<string, string> = {};
    for (const [h, v] of Object.entries(req.headers)) headers[h] = String(v);
    const res = await post(req.endpoint, {
      headers,
      body: new Uint8Array(req.body as Buffer) as Uint8Array<ArrayBuffer>,
      timeoutSec: o.timeoutSec,
    });
    if (res.status === null) return { ok: false, status: null, error: res.error };
    if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
    const gone = res.status === 404 || res.status === 410;
    return {
      ok: false,
      status: res.status,
      error: gone ? `HTTP ${res.status}: the subscription is gone` : `HTTP ${res.status}`,
      permanent: gone || res.status === 413 || res.status === 400 || res.status === 403,
      retryAfterMs: retryAfterMs(res.headers.get("retry-after")),
    };
  }
}
