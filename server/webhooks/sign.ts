/**
 * Webhook signatures, the Standard Webhooks scheme (standardwebhooks.com; decision 0043):
 *
 *   webhook-id:        msg_…            (the message id: the same on every retry)
 *   webhook-timestamp: 1700000000       (Unix seconds of this attempt)
 *   webhook-signature: v1,<base64>      (HMAC-SHA256 over `${id}.${timestamp}.${body}`)
 *
 * The key is the base64 part of the secret `whsec_<base64>`. A receiver recomputes the
 * HMAC over the raw body, compares in constant time, refuses a timestamp more than 5
 * minutes from its clock (a replayed request), and ignores an id it has already handled.
 * Any Standard Webhooks library verifies these requests.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/** Header names, as sent (lowercase). */
export const WEBHOOK_HEADERS = {
  id: "webhook-id",
  timestamp: "webhook-timestamp",
  signature: "webhook-signature",
} as const;

/** Largest clock difference a receiver should accept (seconds). */
export const WEBHOOK_TOLERANCE_SEC = 300;

function key(secret: string): Buffer {
  return Buffer.from(secret.startsWith("whsec_") ? secret.slice(6) : secret, "base64");
}

/** The `webhook-signature` value of one attempt: `v1,<base64 HMAC-SHA256>`. */
export function signWebhook(secret: string, id: string, timestampSec: number, body: string): string {
  const mac = createHmac("sha256", key(secret)).update(`${id}.${timestampSec}.${body}`).digest("base64");
  return `v1,${mac}`;
}

/** Why a received webhook is refused; null when it is authentic and fresh. */
export type WebhookRefusal = "missing-headers" | "stale-timestamp" | "bad-signature";

/**
 * Checks a received webhook as a receiver must: all three headers, a timestamp within
 * `toleranceSec` of `nowSec`, and one `v1,` signature (of possibly several, space-separated,
 * during a secret rotation) equal in constant time to the HMAC of the raw body.
 */
export function verifyWebhook(
  secret: string,
  headers: { get(name: string): string | null },
  body: string,
  nowSec: number,
  toleranceSec = WEBHOOK_TOLERANCE_SEC,
): WebhookRefusal | null {
  const id = headers.get(WEBHOOK_HEADERS.id);
  const ts = headers.get(WEBHOOK_HEADERS.timestamp);
  const sigs = headers.get(WEBHOOK_HEADERS.signature);
  if (!id || !ts || !sigs || !/^\d{1,12}$/.test(ts)) return "missing-headers";
  if (Math.abs(nowSec - Number(ts)) > toleranceSec) return "stale-timestamp";
  const want = Buffer.from(signWebhook(secret, id, Number(ts), body).slice(3), "base64");
  for (const s of sigs.split(" ")) {
    if (!s.startsWith("v1,")) continue;
    const got = Buffer.from(s.slice(3), "base64");
    if (got.length === want.length && timingSafeEqual(got, want)) return null;
  }
  return "bad-signature";
}
