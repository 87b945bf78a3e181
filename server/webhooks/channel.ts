/**
 * The webhook channel of the outbox: POSTs a message's payload to the hall's webhook URL,
 * signed (./sign.ts). 2xx is delivered; anything else, a timeout or a refused connection is
 * a failed attempt the outbox retries; `Retry-After` of a 429/503 is honoured.
 * The URL, the secret and the timeout are read from the hall config at each attempt, so a
 * changed setting applies to the messages still waiting. The `webhook-timestamp` is the
 * machine's wall time (`wallClock`), not the hall's clock: it is what a receiver compares
 * with its own clock to refuse a replayed request.
 */
import type { HallConfig } from "../contract/config.ts";
import type { DeliveryOutcome, OutboxChannel } from "../outbox/outbox.ts";
import type { Clock } from "../queue/clock.ts";
import type { OutboxMessage } from "../store/outbox.ts";
import { signWebhook, WEBHOOK_HEADERS } from "./sign.ts";

export class WebhookChannel implements OutboxChannel {
  readonly name = "webhook";

  constructor(
    private readonly config: () => HallConfig,
    private readonly wallClock: Clock,
    private readonly userAgent: string,
  ) {}

  async deliver(m: OutboxMessage): Promise<DeliveryOutcome> {
    const { url, secret, timeoutSec } = this.config().webhook;
    if (!url || !secret) return { ok: false, status: null, error: "webhook URL or secret not configured" };
    const ts = Math.floor(this.wallClock.now() / 1000);
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": this.userAgent,
          [WEBHOOK_HEADERS.id]: m.messageId,
          [WEBHOOK_HEADERS.timestamp]: String(ts),
          [WEBHOOK_HEADERS.signature]: signWebhook(secret, m.messageId, ts, m.payload),
        },
        body: m.payload,
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutSec * 1000),
      });
      // The body is not needed; reading it frees the connection.
      await res.arrayBuffer().catch(() => undefined);
      if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
      return {
        ok: false,
        status: res.status,
        error: `HTTP ${res.status}`,
        retryAfterMs: retryAfter(res.headers.get("retry-after")),
      };
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      const what =
        err.name === "TimeoutError" || err.name === "AbortError"
          ? `no answer within ${timeoutSec} s`
          : (err.cause?.code ?? err.message ?? String(e));
      return { ok: false, status: null, error: what };
    }
  }
}

/** `Retry-After` in seconds (capped at an hour), else undefined. */
function retryAfter(v: string | null): number | undefined {
  if (!v || !/^\d{1,6}$/.test(v.trim())) return undefined;
  return Math.min(3600, Number(v)) * 1000;
}
