/** MQTT test helpers: a subscriber that records messages, and waiting for one. */
import mqtt, { type MqttClient } from "mqtt";

export interface Recorder {
  client: MqttClient;
  messages: { topic: string; payload: string; retain: boolean }[];
  /** Resolves with the first message (already received or future) matching `pred`. */
  waitFor(
    pred: (m: { topic: string; payload: string; retain: boolean }) => boolean,
    timeoutMs?: number,
  ): Promise<{ topic: string; payload: string; retain: boolean }>;
  close(): Promise<void>;
}

export async function connect(url: string, opts: mqtt.IClientOptions = {}): Promise<MqttClient> {
  const c = mqtt.connect(url, { reconnectPeriod: 0, connectTimeout: 3000, protocolVersion: 4, ...opts });
  await new Promise<void>((resolve, reject) => {
    c.once("connect", () => resolve());
    c.once("error", reject);
  });
  return c;
}

export async function record(
  url: string,
  filters: string[],
  opts: mqtt.IClientOptions = {},
): Promise<Recorder> {
  const client = await connect(url, opts);
  const messages: Recorder["messages"] = [];
  const waiters: {
    pred: (m: Recorder["messages"][number]) => boolean;
    resolve: (m: Recorder["messages"][number]) => void;
  }[] = [];
  client.on("message", (topic, payload, packet) => {
    const m = { topic, payload: payload.toString(), retain: packet.retain };
    messages.push(m);
    for (const w of [...waiters])
      if (w.pred(m)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
  });
  await client.subscribeAsync(filters, { qos: 1 });
  return {
    client,
    messages,
    waitFor(pred, timeoutMs = 3000) {
      const found = messages.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const w = {
          pred,
          resolve: (m: Recorder["messages"][number]) => {
            clearTimeout(timer);
            resolve(m);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(w), 1);
          reject(
            new Error(
              `no matching MQTT message within ${timeoutMs} ms; got ${messages.map((x) => x.topic).join(", ")}`,
            ),
          );
        }, timeoutMs);
        waiters.push(w);
      });
    },
    close: () => client.endAsync(),
  };
}
