/**
 * A broker link with no broker, for the in-process harness (tests/helpers/app.ts): what
 * the server publishes is kept (retained topics as a broker would keep them), and a test
 * delivers a device's message as the broker would, when the server subscribed to a
 * filter that matches it. The real broker is exercised by the integration tests
 * (tests/server/integration/, tests/server/mqtt/).
 */
import type { BrokerLink, LinkHandlers } from "../../server/mqtt/link.ts";

export interface Published {
  topic: string;
  payload: string;
  retain: boolean;
}

/** Whether MQTT filter `filter` (with `+` and `#`) matches `topic` (MQTT 3.1.1 §4.7). */
export function filterMatches(filter: string, topic: string): boolean {
  const f = filter.split("/");
  const t = topic.split("/");
  for (let i = 0; i < f.length; i++) {
    if (f[i] === "#") return true;
    if (i >= t.length || (f[i] !== "+" && f[i] !== t[i])) return false;
  }
  return f.length === t.length;
}

export class FakeBrokerLink implements BrokerLink {
  connected = false;
  /** Every publish of the server, in order. */
  readonly published: Published[] = [];
  /** What a subscriber connecting now would get: the last retained payload per topic. */
  readonly retained = new Map<string, string>();
  private subscriptions: string[] = [];
  private handlers: LinkHandlers | null = null;

  async start(subscriptions: string[], h: LinkHandlers): Promise<void> {
    this.subscriptions = subscriptions;
    this.handlers = h;
    this.connected = true;
    h.onConnect();
  }

  publish(topic: string, payload: Buffer, retain: boolean): void {
    const text = payload.toString("utf8");
    this.published.push({ topic, payload: text, retain });
    if (retain) this.retained.set(topic, text);
  }

  async stop(last?: { topic: string; payload: string }): Promise<void> {
    if (last && this.connected) this.publish(last.topic, Buffer.from(last.payload), true);
    this.connected = false;
  }

  /** A device publishes `payload` on `topic`: true when the server was subscribed and got it. */
  deliver(topic: string, payload: string | Buffer): boolean {
    if (!this.connected || !this.handlers) return false;
    if (!this.subscriptions.some((f) => filterMatches(f, topic))) return false;
    this.handlers.onMessage(topic, Buffer.isBuffer(payload) ? payload : Buffer.from(payload));
    return true;
  }

  /** The retained payload of `topic`, parsed as JSON (undefined when nothing is retained). */
  // biome-ignore lint/suspicious/noExplicitAny: payloads are asserted by shape
  retainedJson(topic: string): any {
    const p = this.retained.get(topic);
    return p === undefined ? undefined : JSON.parse(p);
  }
}
