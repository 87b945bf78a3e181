/**
 * How the gateway reaches the broker. With an external broker: an mqtt.js client with
 * the server's last will (reconnects forever). With the embedded broker: in-process
 * publish and subscribe on aedes itself, which skips a loopback TCP round trip and an
 * encode/decode per message (the broker cannot outlive the process, so no will is needed).
 */
import type { Aedes } from "aedes";
import mqtt, { type MqttClient } from "mqtt";
import { QOS } from "../contract/topics.ts";

export interface LinkHandlers {
  onConnect(): void;
  onMessage(topic: string, payload: Buffer): void;
  log(level: "info" | "warn", msg: string): void;
}

export interface BrokerLink {
  readonly connected: boolean;
  /** Connects; resolves on the first connection or after `waitMs`. */
  start(subscriptions: string[], h: LinkHandlers, waitMs: number): Promise<void>;
  publish(topic: string, payload: Buffer, retain: boolean): void;
  /** Publishes a last retained message (e.g. server offline) and disconnects. */
  stop(last?: { topic: string; payload: string }): Promise<void>;
}

/** An mqtt.js client to an external broker, with a retained last will. */
export class MqttJsLink implements BrokerLink {
  private client: MqttClient | null = null;

  constructor(
    private readonly url: string,
    private readonly opts: {
      clientId: string;
      username?: string;
      password?: string;
      will: { topic: string; payload: string };
    },
  ) {}

  get connected(): boolean {
    return this.client?.connected ?? false;
  }

  async start(subscriptions: string[], h: LinkHandlers, waitMs: number): Promise<void> {
    const client = mqtt.connect(this.url, {
      clientId: this.opts.clientId,
      username: this.opts.username,
      password: this.opts.password,
      protocolVersion: 4,
      clean: true,
      reconnectPeriod: 1000,
      connectTimeout: 5000,
      keepalive: 30,
      will: {
        topic: this.opts.will.topic,
        payload: Buffer.from(this.opts.will.payload),
        qos: QOS,
        retain: true,
      },
    });
    this.client = client;
    client.on("connect", () => {
      h.log("info", `connected to ${redact(this.url)}`);
      client.subscribe(subscriptions, { qos: QOS });
      h.onConnect();
    });
    client.on("error", (e) => h.log("warn", `broker error: ${e.message}`));
    client.on("offline", () => h.log("warn", "broker unreachable; retrying"));
    client.on("message", (topic, payload) => h.onMessage(topic, payload));
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, waitMs);
      client.once("connect", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  publish(topic: string, payload: Buffer, retain: boolean): void {
    if (this.client?.connected) this.client.publish(topic, payload, { qos: QOS, retain });
  }

  async stop(last?: { topic: string; payload: string }): Promise<void> {
    const c = this.client;
    this.client = null;
    if (!c) return;
    if (c.connected && last)
      await new Promise<void>((r) =>
        c.publish(last.topic, last.payload, { qos: QOS, retain: true }, () => r()),
      );
    await c.endAsync(true);
  }
}

/** In-process publish/subscribe on the embedded aedes broker. */
export class AedesLink implements BrokerLink {
  private running = false;
  private readonly subs: {
    topic: string;
    fn: (p: { topic: string; payload: Buffer | string }, cb: () => void) => void;
  }[] = [];

  constructor(private readonly aedes: Aedes) {}

  get connected(): boolean {
    return this.running;
  }

  async start(subscriptions: string[], h: LinkHandlers): Promise<void> {
    for (const topic of subscriptions) {
      const fn = (p: { topic: string; payload: Buffer | string }, cb: () => void) => {
        h.onMessage(p.topic, Buffer.isBuffer(p.payload) ? p.payload : Buffer.from(p.payload));
        cb();
      };
      this.subs.push({ topic, fn });
      await new Promise<void>((r) => this.aedes.subscribe(topic, fn as never, () => r()));
    }
    this.running = true;
    h.onConnect();
  }

  publish(topic: string, payload: Buffer, retain: boolean): void {
    if (!this.running) return;
    this.aedes.publish({ cmd: "publish", topic, payload, qos: QOS, retain, dup: false } as never, () => {});
  }

  async stop(last?: { topic: string; payload: string }): Promise<void> {
    if (!this.running) return;
    if (last) this.publish(last.topic, Buffer.from(last.payload), true);
    this.running = false;
    for (const s of this.subs) this.aedes.unsubscribe(s.topic, s.fn as never, () => {});
  }
}

export const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
