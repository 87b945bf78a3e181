/**
 * The hall on an external Mosquitto broker (Debian `mosquitto`), with the ACL and
 * passwords generated from the hall config: the server's login works, a keypad acts,
 * anonymous boards read the retained state, and refused topics are not delivered.
 */

import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { type Subprocess, spawn, spawnSync } from "bun";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadHallConfig } from "../../../server/config/load.ts";
import { hallDevices } from "../../../server/contract/config.ts";
import type { RunningHall } from "../../../server/main.ts";
import { ensureCredentials } from "../../../server/mqtt/credentials.ts";
import { mosquittoAcl, mosquittoPasswords } from "../../../server/mqtt/mosquitto.ts";
import { client, login, startTestHall } from "../../helpers/hall.ts";
import { connect, record } from "../../helpers/mqtt.ts";

const T = "qms/phu-lien";
const hasMosquitto = spawnSync(["which", "mosquitto"]).exitCode === 0;
let broker: Subprocess | null = null;
let hall: RunningHall | null = null;
let url = "";
let creds: Record<string, string> = {};

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
  const p = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return p;
}

beforeAll(async () => {
  if (!hasMosquitto) return;
  const dir = mkdtempSync("/tmp/qms-mosq-");
  chmodSync(dir, 0o755); // files must be readable by user mosquitto
  const dataDir = join(dir, "data");
  const config = loadHallConfig();
  mkdirSync(dataDir, { recursive: true });
  creds = ensureCredentials(dataDir, hallDevices(config));
  writeFileSync(join(dir, "acl"), mosquittoAcl("qms", config.id, hallDevices(config)), { mode: 0o644 });
  writeFileSync(join(dir, "passwd"), mosquittoPasswords(creds), { mode: 0o644 });
  expect(spawnSync(["mosquitto_passwd", "-U", join(dir, "passwd")]).exitCode).toBe(0);
  chmodSync(join(dir, "passwd"), 0o644);
  const port = await freePort();
  writeFileSync(
    join(dir, "mosquitto.conf"),
    [
      `listener ${port} 127.0.0.1`,
      "allow_anonymous true",
      `password_file ${dir}/passwd`,
      `acl_file ${dir}/acl`,
      "persistence false",
    ].join("\n"),
  );
  broker = spawn(["mosquitto", "-c", join(dir, "mosquitto.conf")], { stdout: "ignore", stderr: "ignore" });
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

describe.skipIf(!hasMosquitto)("an external Mosquitto broker", () => {
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
});
