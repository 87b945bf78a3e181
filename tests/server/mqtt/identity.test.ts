/**
 * Device takeover over MQTT (issue 11), on the real embedded broker over TCP and over
 * the `/mqtt` WebSocket: a client id that names a device (or the server's, or the
 * printer bridge's) is refused without that device's login and the real device stays
 * connected; anonymous clients get no persistent session; the thief of the bridge's
 * persistent client id gets no print job, and the bridge still gets it afterwards.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import mqtt, { type IClientOptions, type MqttClient } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { topics } from "../../../server/contract/topics.ts";
import type { RunningHall } from "../../../server/main.ts";
import { startTestHall } from "../../helpers/hall.ts";

const t = topics("qms", "phu-lien");
let hall: RunningHall;
let creds: Record<string, string>;
const logs: string[] = [];
const open: MqttClient[] = [];

type Transport = "tcp" | "ws";
const url = (tr: Transport) =>
  tr === "tcp" ? `mqtt://127.0.0.1:${hall.mqttPort}` : `${hall.url.replace("http", "ws")}/mqtt`;

/** Connects; resolves with the client or rejects with the CONNACK refusal. */
function connect(tr: Transport, o: IClientOptions = {}): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const c = mqtt.connect(url(tr), { reconnectPeriod: 0, connectTimeout: 3000, protocolVersion: 4, ...o });
    c.once("connect", () => {
      open.push(c);
      resolve(c);
    });
    c.once("error", (e) => {
      c.end(true);
      reject(e);
    });
  });
}
const device = (tr: Transport, id: string, o: IClientOptions = {}) =>
  connect(tr, { username: id, password: creds[id], clientId: id, ...o });
const refusal = (p: Promise<MqttClient>) =>
  p.then(
    () => "connected",
    (e: Error & { code?: number }) => e.code ?? e.message,
  );

beforeAll(async () => {
  hall = await startTestHall({ log: (l) => logs.push(l) });
  creds = JSON.parse(readFileSync(join(hall.dataDir, "device-credentials.json"), "utf8"));
});
afterAll(async () => {
  await Promise.all(open.map((c) => c.endAsync(true).catch(() => {})));
  await hall?.stop();
});

describe.each(["tcp", "ws"] as const)("client ids over %s", (tr) => {
  it("an anonymous client cannot take a device's client id, and the device stays connected", async () => {
    const keypad = await device(tr, "keypad-1");
    let dropped = false;
    keypad.on("close", () => {
      dropped = true;
    });
    // mosquitto_sub -i keypad-1 -t qms/phu-lien/server/status
    expect(await refusal(connect(tr, { clientId: "keypad-1" }))).toBe(5);
    for (const id of [
      "keypad-1-x",
      "qms-server-phu-lien",
      "qms-bridge-phu-lien-printer-1",
      "qms-bridge-x",
      "server",
      "printer-1",
    ])
      expect(await refusal(connect(tr, { clientId: id }))).toBe(5);
    await new Promise((r) => setTimeout(r, 100));
    expect(dropped).toBe(false);
    expect(keypad.connected).toBe(true);
    await keypad.endAsync();
  });

  it("another device's login cannot take it either; a wrong password is refused", async () => {
    const keypad = await device(tr, "keypad-2");
    expect(await refusal(device(tr, "keypad-3", { clientId: "keypad-2" }))).toBe(5);
    expect(
      await refusal(connect(tr, { clientId: "keypad-2", username: "keypad-2", password: "guess" })),
    ).toBe(4);
    expect(keypad.connected).toBe(true);
    await keypad.endAsync();
  });

  it("anonymous clients get no persistent session; a clean one (the hall board's id too) reads the public state", async () => {
    (await connect(tr, { clientId: "qms-display-abc123" })).end(true);
    expect(await refusal(connect(tr, { clientId: "board-17", clean: false }))).toBe(5);
    const board = await connect(tr, { clientId: "board-17" });
    const state = new Promise<string>((resolve) => board.on("message", (topic) => resolve(topic)));
    await board.subscribeAsync(t.hallState, { qos: 1 });
    expect(await state).toBe(t.hallState);
    await board.endAsync();
  });
});

describe("the printer bridge's persistent session", () => {
  it("its thief is refused and gets no print job; the bridge gets the job when it returns", async () => {
    const id = "qms-bridge-phu-lien-printer-1";
    const bridge = await device("tcp", "printer-1", { clientId: id, clean: false });
    await bridge.subscribeAsync(t.printerJob("printer-1", "+"), { qos: 1 });
    await bridge.endAsync();
    // A job queued for the bridge while it is away (QoS 1, persistent session).
    hall.gateway.publish(t.printerJob("printer-1", "job1"), "ticket with code abcdefghijklmnop");
    await new Promise((r) => setTimeout(r, 50));

    for (const tr of ["tcp", "ws"] as const) {
      expect(await refusal(connect(tr, { clientId: id, clean: false }))).toBe(5);
      expect(await refusal(device(tr, "keypad-1", { clientId: id, clean: false }))).toBe(5);
    }
    const back = await new Promise<{ topic: string; session: boolean }>((resolve, reject) => {
      const c = mqtt.connect(url("tcp"), {
        username: "printer-1",
        password: creds["printer-1"],
        clientId: id,
        clean: false,
        reconnectPeriod: 0,
      });
      open.push(c);
      let session = false;
      c.on("connect", (ack) => {
        session = ack.sessionPresent;
      });
      c.on("message", (topic) => resolve({ topic, session }));
      c.on("error", reject);
    });
    expect(back).toEqual({ topic: t.printerJob("printer-1", "job1"), session: true });
  });
});
