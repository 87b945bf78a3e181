import { randomBytes } from "node:crypto";
import { connectAsync, type MqttClient } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SimulatedDevices, startDevices } from "../../../firmware-config/simulator/hall.ts";
import { parseHallConfig } from "../../../server/config/load.ts";
import { hallDevices, topics } from "../../../server/contract/index.ts";
import { mosquittoAcl } from "../../../server/mqtt/mosquitto.ts";
import { type Mosquitto, startMosquitto } from "../../helpers/mosquitto.ts";

const BASE = "qms";
const config = parseHallConfig(
  `id: fw-sim
name: { vi: "Sảnh thử", en: "Test hall" }
services: [{ id: ho-tich, prefix: A, name: { vi: "Hộ tịch", en: "Civil status" } }]
counters: [{ number: 1, serviceIds: [ho-tich] }, { number: 2, serviceIds: [ho-tich] }]
printers: [{ id: printer-1 }]
`,
  "fw-sim.yaml",
);
const t = topics(BASE, config.id);
const credentials = Object.fromEntries(
  hallDevices(config).map((d) => [d.id, randomBytes(12).toString("hex")]),
);
const SERVER_PW = randomBytes(12).toString("hex");

let broker: Mosquitto;
let server: MqttClient;
let devices: SimulatedDevices;
/** Every message the "server" login received, in order. */
const received: { topic: string; payload: string; retain: boolean; qos: number }[] = [];

function nextMessage(pred: (m: (typeof received)[number]) => boolean, ms = 3000) {
  return new Promise<(typeof received)[number]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no such message within " + ms + " ms")), ms);
    const onMsg = (topic: string, p: Buffer, packet: { retain: boolean; qos: number }) => {
      const m = { topic, payload: p.toString(), retain: packet.retain, qos: packet.qos };
      if (!pred(m)) return;
      clearTimeout(timer);
      server.off("message", onMsg);
      resolve(m);
    };
    server.on("message", onMsg);
  });
}

const frame = (seq: number, state: string, number: string | null, text = "") =>
  JSON.stringify({ seq, number, state, text });

async function connectServer(): Promise<MqttClient> {
  const c = await connectAsync(broker.url, {
    username: "server",
    password: SERVER_PW,
    reconnectPeriod: 200,
  });
  c.on("message", (topic, p, packet) =>
    received.push({ topic, payload: p.toString(), retain: packet.retain, qos: packet.qos }),
  );
  await c.subscribeAsync([t.counterButton("+"), t.counterRating("+"), t.deviceStatus("+")], { qos: 1 });
  return c;
}

beforeAll(async () => {
  broker = await startMosquitto(
    { ...credentials, server: SERVER_PW },
    mosquittoAcl(BASE, config.id, hallDevices(config)),
  );
  server = await connectServer();
  await server.publishAsync(t.counterDisplay(1), frame(10, "idle", null, "Quay 1"), { qos: 1, retain: true });
  devices = await startDevices({
    url: broker.url,
    baseTopic: BASE,
    config,
    credentials,
    reconnectPeriod: 200,
  });
});
afterAll(async () => {
  await devices?.stop();
  await server?.endAsync();
  await broker?.stop();
});

describe("device simulator against a real Mosquitto with the generated ACL", () => {
  it("starts a board, a keypad and a rating pad per counter, each announcing itself online (retained)", async () => {
    expect([...devices.boards.keys()].sort()).toEqual([1, 2]);
    expect([...devices.keypads.keys()].sort()).toEqual([1, 2]);
    expect([...devices.ratingPads.keys()].sort()).toEqual([1, 2]);
    // A late subscriber still sees every device online: the birth message is retained.
    const late = await connectAsync(broker.url, { username: "server", password: SERVER_PW });
    const seen = new Map<string, string>();
    late.on("message", (topic, p, packet) => packet.retain && seen.set(topic, p.toString()));
    await late.subscribeAsync(t.deviceStatus("+"), { qos: 1 });
    await new Promise((r) => setTimeout(r, 300));
    await late.endAsync();
    for (const id of ["led-1", "keypad-1", "rating-1", "led-2", "keypad-2", "rating-2"])
      expect(seen.get(t.deviceStatus(id)), id).toBe("online");
  });

  it("shows the retained frame on connect and then only newer, well-formed frames", async () => {
    const board = devices.boards.get(1)!;
    await board.waitFor((v) => v.seq === 10);
    expect(board.lit).toBe("Quay 1");
    await server.publishAsync(t.counterDisplay(1), frame(11, "called", "A012"), { qos: 1, retain: true });
    await board.waitFor((v) => v.seq === 11);
    expect(board.view).toMatchObject({ state: "called", number: "A012" });
    expect(board.lit).toBe("A012");
    const ignoredBefore = board.ignored.length;
    await server.publishAsync(t.counterDisplay(1), frame(9, "idle", null), { qos: 1, retain: true });
    await server.publishAsync(t.counterDisplay(1), "{not json", { qos: 1, retain: true });
    await server.publishAsync(
      t.counterDisplay(1),
      JSON.stringify({ seq: 12, state: "dancing", number: "A1" }),
      { qos: 1 },
    );
    await server.publishAsync(t.counterDisplay(1), frame(13, "serving", "A012"), { qos: 1, retain: true });
    await board.waitFor((v) => v.seq === 13);
    expect(board.ignored.slice(ignoredBefore)).toEqual([
      "stale seq 9 <= 11",
      "not JSON",
      "unknown state dancing",
    ]);
    expect(board.view).toMatchObject({ state: "serving", number: "A012" });
    // The other counter's board saw none of this.
    expect(devices.boards.get(2)!.view.seq).toBe(-1);
    await server.publishAsync(t.counterDisplay(1), frame(14, "closed", null), { qos: 1, retain: true });
    await board.waitFor((v) => v.state === "closed");
    expect(board.lit).toBe("");
  });

  it("publishes keypad actions and ratings with QoS 1, never retained, on its own counter", async () => {
    const button = nextMessage((m) => m.topic === t.counterButton(2));
    await devices.keypads.get(2)!.press("next");
    expect(await button).toEqual({ topic: t.counterButton(2), payload: "next", retain: false, qos: 1 });
    const rating = nextMessage((m) => m.topic === t.counterRating(1));
    await devices.ratingPads.get(1)!.rate(4);
    expect(await rating).toEqual({ topic: t.counterRating(1), payload: "4", retain: false, qos: 1 });
  });

  it("cannot publish to another counter's topics: the ACL drops it", async () => {
    const keypad = devices.keypads.get(1)!;
    const stray = nextMessage((m) => m.topic === t.counterButton(2) && m.payload === "finish", 500);
    await keypad.device.client.publishAsync(t.counterButton(2), "finish", { qos: 1 });
    await expect(stray).rejects.toThrow(/no such message/);
    // Its own topic still works afterwards.
    const own = nextMessage((m) => m.topic === t.counterButton(1));
    await keypad.press("recall");
    expect((await own).payload).toBe("recall");
  });

  it("refuses a device login with a wrong password", async () => {
    await expect(
      connectAsync(broker.url, {
        username: "keypad-1",
        password: "wrong",
        reconnectPeriod: 0,
        clientId: "intruder",
      }),
    ).rejects.toThrow(/Not authorized|Bad username or password/i);
  });

  it("leaves `offline` behind through its last will when a device drops off", async () => {
    const will = nextMessage((m) => m.topic === t.deviceStatus("rating-2") && m.payload === "offline");
    devices.ratingPads.get(2)!.device.crash();
    expect((await will).qos).toBe(1);
    devices.ratingPads.delete(2);
  });

  it("reconnects after a broker restart and shows a server that numbers its frames anew", async () => {
    const board = devices.boards.get(2)!;
    await server.publishAsync(t.counterDisplay(2), frame(500, "serving", "A099"), { qos: 1, retain: true });
    await board.waitFor((v) => v.seq === 500);
    await broker.restart();
    // After the restart the server republishes its state with seq starting again at 1.
    await new Promise<void>((r) => server.once("connect", () => r()));
    await server.publishAsync(t.counterDisplay(2), frame(1, "called", "A100"), { qos: 1, retain: true });
    const v = await board.waitFor((v) => v.number === "A100", 8000);
    expect(v).toMatchObject({ seq: 1, state: "called" });
    // The keypad came back too, with its birth message.
    const online = nextMessage((m) => m.topic === t.deviceStatus("keypad-1") && m.payload === "online", 5000);
    await server.subscribeAsync(t.deviceStatus("keypad-1"), { qos: 1 });
    await online;
    const button = nextMessage((m) => m.topic === t.counterButton(1));
    await devices.keypads.get(1)!.press("finish");
    expect((await button).payload).toBe("finish");
  });
});
