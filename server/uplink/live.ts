/**
 * The hall's live state on the province's broker (issue 13): a retained summary under the
 * hall's own prefix (`{b}/{h}/province/summary`: waiting per field, the longest wait, counters
 * open, today's figures; nothing personal) and the hall's availability (`…/status`, `online`
 * retained, `offline` as its last will). Published after changes, at most every `throttleMs`,
 * and every `heartbeatMs` anyway (waits grow without events). Only while connected: a summary
 * is state, so the next connection sends the current one instead of a queue of old ones.
 */
import mqtt, { type MqttClient } from "mqtt";
import { type HallLiveSummary, provinceTopics } from "../contract/province.ts";
import { QOS } from "../contract/topics.ts";
import { redact } from "../mqtt/link.ts";

export interface LivePublisherOptions {
  hallId: string;
  secret: string;
  build: () => HallLiveSummary;
  log?: (m: string) => void;
  throttleMs?: number;
  heartbeatMs?: number;
}

export class LivePublisher {
  private client: MqttClient | null = null;
  private url: string | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private lastAt = Number.NEGATIVE_INFINITY;
  private topics;
  private readonly log: (m: string) => void;

  constructor(private readonly o: LivePublisherOptions) {
    this.topics = provinceTopics("qms", o.hallId);
    this.log = o.log ?? ((m) => console.warn(`[uplink] ${m}`));
  }

  get connected(): boolean {
    return this.client?.connected ?? false;
  }

  /** Connects to `url` (reconnecting forever) under the province's base topic; another URL switches brokers. */
  connect(url: string, baseTopic: string): void {
    if (
      this.url === url &&
      this.client &&
      this.topics.prefix === provinceTopics(baseTopic, this.o.hallId).prefix
    )
      return;
    void this.client?.endAsync(true);
    this.url = url;
    this.topics = provinceTopics(baseTopic, this.o.hallId);
    const client = mqtt.connect(url, {
      clientId: `qms-hall-${this.o.hallId}`,
      username: this.o.hallId,
      password: this.o.secret,
      protocolVersion: 4,
      clean: true,
      reconnectPeriod: 2000,
      connectTimeout: 5000,
      keepalive: 30,
      will: { topic: this.topics.status, payload: Buffer.from("offline"), qos: QOS, retain: true },
    });
    this.client = client;
    let reported = false;
    client.on("connect", () => {
      reported = false;
      this.log(`live state to ${redact(url)}`);
      client.publish(this.topics.status, "online", { qos: QOS, retain: true });
      this.publishNow();
    });
    client.on("error", (e) => {
      if (!reported) this.log(`province broker: ${e.message}`);
      reported = true;
    });
    this.heartbeat ??= setInterval(() => this.publishNow(), this.o.heartbeatMs ?? 30_000);
  }

  /** The hall changed: publish soon (throttled, trailing). */
  changed(): void {
    if (this.timer || !this.connected) return;
    const wait = Math.max(0, this.lastAt + (this.o.throttleMs ?? 250) - performance.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.publishNow();
    }, wait);
  }

  /** Publishes `offline` and disconnects. */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.timer = null;
    this.heartbeat = null;
    const c = this.client;
    this.client = null;
    if (!c) return;
    if (c.connected)
      await new Promise<void>((r) =>
        c.publish(this.topics.status, "offline", { qos: QOS, retain: true }, () => r()),
      );
    await c.endAsync(true);
  }

  private publishNow(): void {
    const c = this.client;
    if (!c?.connected) return;
    try {
      const s = this.o.build();
      this.lastAt = performance.now();
      c.publish(this.topics.summary, JSON.stringify(s), { qos: QOS, retain: true });
    } catch (e) {
      this.log(`live summary failed: ${(e as Error).message}`);
    }
  }
}
