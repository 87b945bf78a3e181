/**
 * The hall on an external Mosquitto broker (Debian `mosquitto`), with the ACL and
 * passwords generated from the hall config: the server's login works, a keypad acts,
 * anonymous boards read the retained state, and refused topics are not delivered.
 * Issue 11's attacks against the generated config (`npm run mosquitto-config`, with the
 * qms_identity plugin): taking a device's client id, the printer bridge's persistent
 * session, anonymous persistent sessions, oversized packets.
 */

import { chmodSync, mkdirSync, mkdtempSync } from "node:fs";
import { join } from "node:path";
import { type Subprocess, spawn, spawnSync } from "bun";
import mqtt from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadHallConfig } from "../../../server/config/load.ts";
import { hallDevices } from "../../../server/contract/config.ts";
import type { RunningHall } from "../../../server/main.ts";
import { ensureCredentials } from "../../../server/mqtt/credentials.ts";
import { mosquittoAcl } from "../../../server/mqtt/mosquitto.ts";
import { client, login, startTestHall } from "../../helpers/hall.ts";
import { connect, record } from "../../helpers/mqtt.ts";
import { freePort } from "../../helpers/ports.ts";
import { requireFile, requireTool } from "../../helpers/tools.ts";

const T = "qms/phu-lien";
let broker: Subprocess | null = null;
let hall: RunningHall | null = null;
let url = "";
let dir = "";
let creds: Record<string, string> = {};

beforeAll(async () => {
  const mosquitto = requireTool("mosquitto");
  requireFile("/usr/include/mosquitto_plugin.h", "mosquitto-dev"); // the qms_identity plugin's build
  requireTool("gcc");
  dir = mkdtempSync("/tmp/qms-mosq-");
  chmodSync(dir, 0o755); // files must be readable by user mosquitto
  const dataDir = join(dir, "data");
  mkdirSync(dataDir, { recursive: true });
  const port = await freePort();
  // The real generator: conf, ACL, hashed passwords, client-id rules and the plugin.
  const gen = spawnSync(
    [
      "node",
      "scripts/bun.mjs",
      "scripts/mosquitto-config.ts",
      "--out",
      join(dir, "broker"),
      "--data",
      dataDir,
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
    ],
    { stderr: "pipe", stdout: "pipe" },
  );
  expect(gen.exitCode, gen.stderr.toString()).toBe(0);
  chmodSync(join(dir, "broker"), 0o755);
  creds = ensureCredentials(dataDir, hallDevices(loadHallConfig()));
  broker = spawn([mosquitto, "-c", join(dir, "broker", "mosquitto.conf")], {
    stdout: "ignore",
    stderr: "pipe",
  });
  url = `mqtt://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    try {
      await (await connect(url)).endAsync();
      break;
    } catch {
      await Bun.sleep(100);
    }
  }
  hall = await startTestHall({ dataDir, mqttUrl: `mqtt://server:${creds.server}@127.0.0.1:${port}` });
});

afterAll(async () => {
  await hall?.stop();
  broker?.kill();
  await broker?.exited;
});

describe("an external Mosquitto broker", () => {
  it("carries the server's retained state to anonymous boards", async () => {
    expect((await client(hall!.url)("GET", "/api/health")).body.mqtt).toBe("connected");
    const board = await record(url, [`${T}/hall/state`, `${T}/server/status`, `${T}/counter/+/display`]);
    await board.waitFor((m) => m.topic === `${T}/server/status` && m.payload === "online" && m.retain);
    await board.waitFor((m) => m.topic === `${T}/hall/state` && m.retain);
    await board.waitFor(
      (m) => m.topic === `${T}/counter/3/display` && JSON.parse(m.payload).state === "closed",
    );
    await board.close();
  });

  it("lets a keypad call the next number for the officer at its counter", async () => {
    const officer = client(hall!.url, await login(hall!.url, "canbo3"));
    await officer("POST", "/api/counters/3/open");
    const t = (await client(hall!.url)("POST", "/api/tickets", { serviceId: "dat-dai" })).body.ticket;
    const board = await record(url, [`${T}/counter/3/display`, `${T}/hall/call`]);
    const keypad = await connect(url, { username: "keypad-3", password: creds["keypad-3"] });
    await keypad.publishAsync(`${T}/counter/3/button`, "next", { qos: 1 });
    const cue = await board.waitFor((m) => m.topic === `${T}/hall/call`);
    expect(JSON.parse(cue.payload)).toMatchObject({ number: t.number, counter: 3 });
    await board.waitFor(
      (m) => m.topic === `${T}/counter/3/display` && JSON.parse(m.payload).number === t.number,
    );
    await keypad.endAsync();
    await board.close();
  });

  it("does not deliver what the ACL refuses: anonymous publishes, another counter's keypad, others' print jobs", async () => {
    const spy = await record(url, [`${T}/counter/+/button`, `${T}/printer/#`], {
      username: "server",
      password: creds.server,
    });
    const anon = await connect(url);
    anon.publish(`${T}/counter/1/button`, "next", { qos: 0 });
    const keypad = await connect(url, { username: "keypad-3", password: creds["keypad-3"] });
    keypad.publish(`${T}/counter/1/button`, "next", { qos: 0 });
    const printer = await record(url, [`${T}/printer/printer-2/job/+`], {
      username: "printer-1",
      password: creds["printer-1"],
    });
    await (await connect(url, { username: "server", password: creds.server })).publishAsync(
      `${T}/printer/printer-2/job/j1`,
      "x",
      { qos: 1 },
    );
    await Bun.sleep(300);
    expect(spy.messages.filter((m) => m.topic.endsWith("/button"))).toHaveLength(0);
    expect(spy.messages.filter((m) => m.topic.includes("/job/"))).toHaveLength(1);
    expect(printer.messages).toHaveLength(0);
    await Promise.all([anon.endAsync(), keypad.endAsync(), spy.close(), printer.close()]);
  });

  it("writes an ACL that names every device", () => {
    const acl = mosquittoAcl("qms", "phu-lien", hallDevices(loadHallConfig()));
    expect(acl).toContain("user keypad-7\n");
    expect(acl).toContain(`topic write ${T}/counter/7/button`);
    expect(acl).toContain(`topic read ${T}/printer/printer-1/job/+`);
    expect(acl.split("\nuser ").length - 1).toBe(24);
  });

  it("refuses an anonymous client that takes a device's client id; the device stays connected", async () => {
    const keypad = await connect(url, {
      username: "keypad-1",
      password: creds["keypad-1"],
      clientId: "keypad-1",
    });
    let dropped = false;
    keypad.on("close", () => {
      dropped = true;
    });
    // The attack, literally.
    const sub = spawnSync(
      [
        "mosquitto_sub",
        "-i",
        "keypad-1",
        "-t",
        `${T}/server/status`,
        "-p",
        url.split(":")[2]!,
        "-h",
        "127.0.0.1",
        "-C",
        "1",
        "-W",
        "2",
      ],
      { stderr: "pipe", stdout: "pipe" },
    );
    expect(sub.exitCode).not.toBe(0);
    expect(sub.stderr.toString()).toMatch(/not authori[sz]ed/i);
    for (const id of [
      "qms-server-phu-lien",
      "qms-bridge-phu-lien-printer-1",
      "qms-bridge-x",
      "server",
      "printer-1-x",
    ])
      await expect(connect(url, { clientId: id })).rejects.toMatchObject({ code: 5 });
    await expect(
      connect(url, { clientId: "keypad-1", username: "keypad-3", password: creds["keypad-3"] }),
    ).rejects.toMatchObject({ code: 5 });
    (await connect(url, { clientId: "qms-display-abc123" })).end(true); // the hall board's id is free
    await Bun.sleep(100);
    expect(dropped).toBe(false);
    expect(keypad.connected).toBe(true);
    await keypad.endAsync();
  });

  it("keeps the printer bridge's queued jobs from the thief of its persistent session", async () => {
    const id = "qms-bridge-phu-lien-printer-1";
    const login = { username: "printer-1", password: creds["printer-1"], clientId: id, clean: false };
    const bridge = await connect(url, login);
    await bridge.subscribeAsync(`${T}/printer/printer-1/job/+`, { qos: 1 });
    await bridge.endAsync();
    const server = await connect(url, { username: "server", password: creds.server });
    await server.publishAsync(`${T}/printer/printer-1/job/j9`, "ticket abcdefghijklmnop", { qos: 1 });
    await server.endAsync();
    await expect(connect(url, { clientId: id, clean: false })).rejects.toMatchObject({ code: 5 });
    await expect(connect(url, { clientId: "board-9", clean: false })).rejects.toMatchObject({ code: 5 });
    // Back: the queued job arrives right after CONNACK, so listen before connecting.
    const back = mqtt.connect(url, { ...login, reconnectPeriod: 0, protocolVersion: 4 });
    const job = await new Promise<string>((resolve, reject) => {
      back.on("message", (topic, payload) => topic.endsWith("/job/j9") && resolve(payload.toString()));
      back.on("error", reject);
      setTimeout(() => reject(new Error("no queued job")), 3000);
    });
    expect(job).toBe("ticket abcdefghijklmnop");
    await back.endAsync();
  });

  it("closes a client that announces a packet over max_packet_size", async () => {
    const { connect: tcp } = await import("node:net");
    const s = tcp(Number(url.split(":")[2]), "127.0.0.1");
    const closed = new Promise<boolean>((r) => s.on("close", () => r(true)));
    s.on("error", () => {});
    s.on("data", () => {}); // read, so that the broker's close is seen
    // CONNECT (anonymous, clean), then a PUBLISH header announcing 256 MB.
    const id = Buffer.from("big-1");
    const body = Buffer.concat([
      Buffer.from([0, 4, 0x4d, 0x51, 0x54, 0x54, 4, 0x02, 0, 30, 0, id.length]),
      id,
    ]);
    s.write(
      Buffer.concat([Buffer.from([0x10, body.length]), body, Buffer.from([0x30, 0xff, 0xff, 0xff, 0x7f])]),
    );
    const r = await Promise.race([closed, Bun.sleep(2000).then(() => false)]);
    expect(r).toBe(true);
    s.destroy();
  });
});
