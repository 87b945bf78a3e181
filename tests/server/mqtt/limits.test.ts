/**
 * Oversized and too many MQTT clients (issue 11) on the real embedded broker: a packet
 * announcing more than the client's cap closes the connection as soon as its length is
 * read (before any body is buffered), over TCP and over `/mqtt`; a logged-in printer
 * bridge's or device's kilobytes still pass; connections per address are capped.
 */
import { readFileSync } from "node:fs";
import { type Socket, connect as tcpConnect } from "node:net";
import { join } from "node:path";
import mqtt, { type MqttClient } from "mqtt";
import mqttPacket from "mqtt-packet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { topics } from "../../../server/contract/topics.ts";
import type { RunningHall } from "../../../server/main.ts";
import { ANONYMOUS_MAX_PACKET, LOGIN_MAX_PACKET, PacketGuard } from "../../../server/mqtt/limits.ts";
import { startTestHall } from "../../helpers/hall.ts";

const t = topics("qms", "phu-lien");
let hall: RunningHall;
let small: RunningHall;
let creds: Record<string, string>;

const connectPacket = (o: { username?: string; password?: string; clientId?: string } = {}) =>
  mqttPacket.generate({
    cmd: "connect",
    protocolId: "MQTT",
    protocolVersion: 4,
    clean: true,
    keepalive: 30,
    clientId: o.clientId ?? `raw-${Math.random().toString(36).slice(2, 8)}`,
    username: o.username,
    password: o.password === undefined ? undefined : Buffer.from(o.password),
  });
/** A PUBLISH fixed header that announces `len` bytes (no body). */
function publishHeader(len: number): Buffer {
  const out = [0x30];
  do {
    let b = len % 128;
    len = Math.floor(len / 128);
    if (len > 0) b |= 0x80;
    out.push(b);
  } while (len > 0);
  return Buffer.from(out);
}
const publish = (topic: string, size: number) =>
  mqttPacket.generate({
    cmd: "publish",
    topic,
    payload: Buffer.alloc(size, 0x61),
    qos: 0,
    retain: false,
    dup: false,
  });

/** A raw TCP client: resolves `closed` when the broker closes it; `connack` with its return code. */
function raw(port: number) {
  const s: Socket = tcpConnect(port, "127.0.0.1");
  const data: Buffer[] = [];
  s.on("data", (d: Buffer) => data.push(d));
  s.on("error", () => {});
  const closed = new Promise<true>((r) => s.on("close", () => r(true)));
  const connack = async () => {
    for (let i = 0; i < 100 && Buffer.concat(data).length < 4; i++)
      await new Promise((r) => setTimeout(r, 10));
    return Buffer.concat(data)[3];
  };
  return { s, closed, connack };
}
const within = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<"open">((r) => setTimeout(() => r("open"), ms))]);

/** A raw WebSocket to /mqtt. */
async function rawWs(base: string) {
  const ws = new WebSocket(`${base.replace("http", "ws")}/mqtt`, "mqtt");
  ws.binaryType = "arraybuffer";
  const closed = new Promise<number>((r) => ws.addEventListener("close", (e) => r(e.code)));
  await new Promise((r, j) => {
    ws.addEventListener("open", r);
    ws.addEventListener("error", j);
  });
  return { ws, closed };
}

beforeAll(async () => {
  [hall, small] = await Promise.all([startTestHall(), startTestHall({ mqttMaxPerAddress: 3 })]);
  creds = JSON.parse(readFileSync(join(hall.dataDir, "device-credentials.json"), "utf8"));
});
afterAll(async () => {
  await hall?.stop();
  await small?.stop();
});

describe("packet size caps", () => {
  it("an anonymous PUBLISH announcing 256 MB closes the TCP connection before its body is sent", async () => {
    const c = raw(hall.mqttPort!);
    c.s.write(connectPacket());
    expect(await c.connack()).toBe(0);
    c.s.write(publishHeader(256 * 1024 * 1024 - 1));
    expect(await within(c.closed, 2000)).toBe(true);
  });

  it("an anonymous client may send 4 KiB packets, not more (a large SUBSCRIBE)", async () => {
    const sub = (n: number) =>
      mqttPacket.generate({
        cmd: "subscribe",
        messageId: 1,
        subscriptions: [{ topic: `${t.hallState}${"x".repeat(n)}`, qos: 0 }],
      });
    const ok = raw(hall.mqttPort!);
    ok.s.write(connectPacket());
    await ok.connack();
    ok.s.write(sub(ANONYMOUS_MAX_PACKET - 100));
    expect(await within(ok.closed, 300)).toBe("open");
    ok.s.destroy();
    const big = raw(hall.mqttPort!);
    big.s.write(connectPacket());
    await big.connack();
    big.s.write(sub(ANONYMOUS_MAX_PACKET + 10));
    expect(await within(big.closed, 2000)).toBe(true);
  });

  it("a huge CONNECT is refused before the broker reads its body", async () => {
    const c = raw(hall.mqttPort!);
    c.s.write(Buffer.concat([Buffer.from([0x10]), publishHeader(64 * 1024 * 1024).subarray(1)]));
    expect(await within(c.closed, 2000)).toBe(true);
  });

  it("a logged-in device may send 100 KB, and is closed past the login cap", async () => {
    const c = raw(hall.mqttPort!);
    c.s.write(connectPacket({ username: "keypad-1", password: creds["keypad-1"], clientId: "keypad-1" }));
    expect(await c.connack()).toBe(0);
    c.s.write(publish(t.counterButton(1), 100_000)); // garbage payload: logged and ignored
    expect(await within(c.closed, 300)).toBe("open");
    c.s.write(publishHeader(LOGIN_MAX_PACKET + 1));
    expect(await within(c.closed, 2000)).toBe(true);
  });

  it("over /mqtt: a 256 MB announcement closes the WebSocket", async () => {
    const { ws, closed } = await rawWs(hall.url);
    ws.send(connectPacket());
    ws.send(publishHeader(256 * 1024 * 1024 - 1));
    expect(await within(closed, 2000)).toBe(1009);
  });

  it("the guard follows packets split across chunks and several packets in one chunk", () => {
    const g = new PacketGuard(10);
    const two = Buffer.concat([publishHeader(3), Buffer.from("abc"), publishHeader(10), Buffer.alloc(10)]);
    for (const b of two) expect(g.feed(Buffer.from([b]))).toBe(true);
    expect(g.feed(Buffer.concat([publishHeader(5), Buffer.alloc(5), publishHeader(11)]))).toBe(false);
    expect(new PacketGuard(10).feed(Buffer.from([0x30, 0xff, 0xff, 0xff, 0xff, 0x01]))).toBe(false);
  });
});

describe("connections per address", () => {
  it("the fourth connection from one address is refused (TCP and WebSocket count together)", async () => {
    const opts = { reconnectPeriod: 0, connectTimeout: 2000 };
    const tcp = `mqtt://127.0.0.1:${small.mqttPort}`;
    const clients: MqttClient[] = [];
    for (let i = 0; i < 3; i++) clients.push(await mqtt.connectAsync(tcp, opts));
    const fourth = raw(small.mqttPort!);
    expect(await within(fourth.closed, 2000)).toBe(true);
    const { closed } = await rawWs(small.url);
    expect(await within(closed, 2000)).toBe(1013);
    await clients.pop()!.endAsync();
    await new Promise((r) => setTimeout(r, 50));
    const ws = await mqtt.connectAsync(`${small.url.replace("http", "ws")}/mqtt`, opts);
    expect(ws.connected).toBe(true);
    await Promise.all([...clients, ws].map((c) => c.endAsync()));
  });
});
