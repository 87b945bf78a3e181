/**
 * The MQTT side every virtual device shares, as the ESPHome configs say
 * (packages/common.yaml): login with username = device id, client id = device id,
 * last will `offline` and birth `online`, both retained QoS 1 on the device's status
 * topic, and automatic reconnect.
 */
import { connectAsync, type MqttClient } from "mqtt";
import { type DeviceInfo, QOS, topics } from "../../server/contract/index.ts";

export interface DeviceLink {
  /** e.g. `mqtt://127.0.0.1:1883` */
  url: string;
  baseTopic: string;
  hallId: string;
  /** The device's MQTT password (device-credentials.json). */
  password: string;
  /** Milliseconds between reconnect attempts (default 1000). */
  reconnectPeriod?: number;
  /** Called with one line per notable event (log output of the device). */
  log?: (line: string) => void;
}

/** A connected virtual device: its client, its topics and a clean stop. */
export interface VirtualDevice {
  readonly info: DeviceInfo;
  readonly client: MqttClient;
  readonly statusTopic: string;
  /** Publishes `offline` (as ESPHome's shutdown_message) and disconnects. */
  stop(): Promise<void>;
  /** Drops the connection without a goodbye, so the broker publishes the last will. */
  crash(): void;
}

/** True when `p` settles (either way) within `ms`. */
export async function settlesWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((r) => {
    timer = setTimeout(() => r(false), ms);
  });
  const done = p.then(
    () => true as const,
    () => true as const,
  );
  const r = await Promise.race([done, timeout]);
  clearTimeout(timer);
  return r;
}

/** Connects one device, with its will, and publishes `online` on every (re)connect. */
export async function connectDevice(info: DeviceInfo, link: DeviceLink): Promise<VirtualDevice> {
  const statusTopic = topics(link.baseTopic, link.hallId).deviceStatus(info.id);
  const log = link.log ?? (() => {});
  const client = await connectAsync(link.url, {
    username: info.id,
    password: link.password,
    clientId: info.id,
    protocolVersion: 4,
    clean: true,
    reconnectPeriod: link.reconnectPeriod ?? 1000,
    connectTimeout: 5000,
    will: { topic: statusTopic, payload: Buffer.from("offline"), qos: QOS, retain: true },
  });
  const birth = () => client.publish(statusTopic, "online", { qos: QOS, retain: true });
  client.on("connect", () => {
    log(`${info.id}: connected`);
    birth();
  });
  client.on("offline", () => log(`${info.id}: offline, reconnecting`));
  client.on("error", (e) => log(`${info.id}: ${e.message}`));
  await client.publishAsync(statusTopic, "online", { qos: QOS, retain: true });
  return {
    info,
    client,
    statusTopic,
    async stop() {
      // A broker that never acknowledges must not hang the simulator: after 2 s the
      // socket is closed anyway and the will says `offline` instead.
      const goodbye = async () => {
        if (client.connected) await client.publishAsync(statusTopic, "offline", { qos: QOS, retain: true });
        await client.endAsync();
      };
      if (!(await settlesWithin(goodbye(), 2000))) await client.endAsync(true);
    },
    crash() {
      // Closing the socket without DISCONNECT makes the broker send the will (MQTT-3.1.2-8).
      client.options.reconnectPeriod = 0;
      client.stream.destroy();
      client.end(true);
    },
  };
}
