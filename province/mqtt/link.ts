/**
 * The province server's side of the broker: it subscribes to every hall's summary and status
 * and hands valid ones to the live wall. On the embedded broker it subscribes in process; on an
 * external broker (QMS_PROVINCE_MQTT_URL, e.g. Mosquitto or an EMQX cluster) it is an mqtt.js
 * client with the `province` login, reconnecting forever (retained messages come back on
 * each subscription). Garbage is logged and ignored: a summary must parse, and its hall must
 * be the hall of its topic.
 */
import type { Aedes } from "aedes";
import mqtt, { type MqttClient } from "mqtt";
import {
  type HallLiveSummary,
  HallLiveSummarySchema,
  parseProvinceTopic,
  provinceFilters,
} from "../../server/contract/province.ts";
import { QOS } from "../../server/contract/topics.ts";
import { redact } from "../../server/mqtt/link.ts";
import { PROVINCE_LOGIN } from "./acl.ts";

export interface WallSink {
  onSummary(s: HallLiveSummary): void;
  onStatus(hallId: string, online: boolean): void;
}

export interface ProvinceLink {
  readonly connected: boolean;
  stop(): Promise<void>;
}

/** Routes one message to the wall; false when it was refused (and logged). */
export function route(
  base: string,
  topic: string,
  payload: Buffer,
  sink: WallSink,
  log: (m: string) => void,
): boolean {
  const t = parseProvinceTopic(base, topic);
  if (!t) return false;
  const text = payload.toString("utf8");
  if (t.kind === "status") {
    if (text !== "online" && text !== "offline") {
      log(`ignored status "${text.slice(0, 40)}" of ${t.hallId}`);
      return false;
    }
    sink.onStatus(t.hallId, text === "online");
    return true;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    log(`ignored a summary of ${t.hallId} that is not JSON`);
    return false;
  }
  const p = HallLiveSummarySchema.safeParse(raw);
  if (!p.success) {
    log(`ignored a malformed summary of ${t.hallId}: ${p.error.issues[0]?.message}`);
    return false;
  }
  if (p.data.hallId !== t.hallId) {
    log(`ignored a summary of ${p.data.hallId} published under ${t.hallId}`);
    return false;
  }
  sink.onSummary(p.data);
  return true;
}

/** Subscribes in process on the embedded broker. */
export async function embeddedLink(
  aedes: Aedes,
  base: string,
  sink: WallSink,
  log: (m: string) => void,
): Promise<ProvinceLink> {
  const f = provinceFilters(base);
  const subs: [string, (p: { topic: string; payload: Buffer | string }, cb: () => void) => void][] = [];
  for (const filter of [f.summary, f.status]) {
    const fn = (p: { topic: string; payload: Buffer | string }, cb: () => void) => {
      route(base, p.topic, Buffer.isBuffer(p.payload) ? p.payload : Buffer.from(p.payload), sink, log);
      cb();
    };
    subs.push([filter, fn]);
    await new Promise<void>((r) => aedes.subscribe(filter, fn as never, () => r()));
  }
  let running = true;
  return {
    get connected() {
      return running;
    },
    async stop() {
      running = false;
      for (const [filter, fn] of subs) aedes.unsubscribe(filter, fn as never, () => {});
    },
  };
}

/** An mqtt.js client on an external broker (`mqtt://province:PASSWORD@host:1883`). */
export async function externalLink(
  url: string,
  base: string,
  sink: WallSink,
  log: (m: string) => void,
): Promise<ProvinceLink> {
  const f = provinceFilters(base);
  const u = new URL(url);
  const client: MqttClient = mqtt.connect(url, {
    clientId: `qms-province-${process.pid}`,
    username: decodeURIComponent(u.username) || PROVINCE_LOGIN,
    password: decodeURIComponent(u.password),
    protocolVersion: 4,
    clean: true,
    reconnectPeriod: 1000,
    connectTimeout: 5000,
    keepalive: 30,
  });
  client.on("connect", () => {
    log(`connected to ${redact(url)}`);
    client.subscribe([f.summary, f.status], { qos: QOS });
  });
  client.on("error", (e) => log(`broker error: ${e.message}`));
  client.on("offline", () => log("broker unreachable; retrying"));
  client.on("message", (topic, payload) => route(base, topic, payload, sink, log));
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 5000);
    client.once("connect", () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return {
    get connected() {
      return client.connected;
    },
    stop: () => client.endAsync(true),
  };
}
