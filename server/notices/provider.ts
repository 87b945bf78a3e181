/**
 * A notice provider: one way to reach a visitor (Web Push, Zalo ZNS, SMS). Providers know
 * the vendor's request and its answers; the outbox (server/outbox/) knows when to try and
 * how often; the notice service (service.ts) knows what to say and when. A provider must
 * resolve (never throw) within its own timeout: a slow or failing vendor only ever delays
 * its own messages, never the hall.
 *
 * A booking's confirmation and reminder (appointments) are notices of kind `booked` and
 * `reminder` with an inline phone recipient, written by server/notices/bookings.ts.
 */
import type {
  NoticeChannel,
  NoticeFacts,
  NoticeKind,
  NoticeRecipient,
  NoticeText,
} from "../contract/notices.ts";
import type { DeliveryOutcome } from "../outbox/outbox.ts";

/** What one notice carries to its provider. */
export interface NoticeEnvelope {
  facts: NoticeFacts;
  text: NoticeText;
  lang: "vi" | "en";
  /** The outbox message id: the vendor's request id / tracking id (deduplicates retries). */
  messageId: string;
}

export interface NoticeProvider {
  readonly channel: NoticeChannel;
  /** Enabled in the settings and holding its secrets: offered on the phone page. */
  configured(): boolean;
  /** Whether this kind of recipient is one this provider reaches. */
  accepts(r: NoticeRecipient): boolean;
  /** Whether it can send this kind of notice (Zalo: a template registered for it); absent = all. */
  supports?(kind: NoticeKind): boolean;
  send(to: NoticeRecipient, n: NoticeEnvelope): Promise<DeliveryOutcome>;
}

/** POSTs JSON (or given bytes) with a timeout; network faults and timeouts become outcomes. */
export async function post(
  url: string,
  init: { headers: Record<string, string>; body: string | Uint8Array<ArrayBuffer>; timeoutSec: number },
): Promise<{ status: number; text: string; headers: Headers } | { status: null; error: string }> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: init.headers,
      body: init.body,
      redirect: "manual",
      signal: AbortSignal.timeout(init.timeoutSec * 1000),
    });
    const text = await res.text().catch(() => "");
    return { status: res.status, text, headers: res.headers };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    const what =
      err.name === "TimeoutError" || err.name === "AbortError"
        ? `no answer within ${init.timeoutSec} s`
        : (err.cause?.code ?? err.message ?? String(e));
    return { status: null, error: what };
  }
}

/** `Retry-After` in seconds (capped at an hour), else undefined. */
export function retryAfterMs(v: string | null): number | undefined {
  if (!v || !/^\d{1,6}$/.test(v.trim())) return undefined;
  return Math.min(3600, Number(v)) * 1000;
}
