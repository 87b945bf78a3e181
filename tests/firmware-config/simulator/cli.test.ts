import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { connectAsync, type MqttClient } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseHallConfig } from "../../../server/config/load.ts";
import { hallDevices, topics } from "../../../server/contract/index.ts";
import { mosquittoAcl } from "../../../server/mqtt/mosquitto.ts";
import { type Mosquitto, startMosquitto } from "../../helpers/mosquitto.ts";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const HALL_YAML = `id: fw-cli
name: { vi: "Sảnh thử", en: "Test hall" }
services: [{ id: ho-tich, prefix: A, name: { vi: "Hộ tịch", en: "Civil status" } }]
counters: [{ number: 1, serviceIds: [ho-tich] }, { number: 2, serviceIds: [ho-tich] }]
`;
const config = parseHallConfig(HALL_YAML, "fw-cli.yaml");
const t = topics("qms", config.id);
const credentials = Object.fromEntries(
  hallDevices(config).map((d) => [d.id, randomBytes(12).toString("hex")]),
);
const SERVER_PW = randomBytes(12).toString("hex");

let tmp: string;
let broker: Mosquitto;
let server: MqttClient;
let proc: ChildProcessWithoutNullStreams;
let stdout = "";

function waitOutput(re: RegExp, ms = 8000): Promise<string> {
  return new Promise((resolve, reject) => {
    const until = Date.now() + ms;
    const tick = () => {
      const m = re.exec(stdout);
      if (m) return resolve(m[0]);
      if (Date.now() > until) return reject(new Error(`no ${re} in output:\n${stdout}`));
      setTimeout(tick, 20);
    };
    tick();
  });
}

beforeAll(async () => {
  tmp = mkdtempSync("/tmp/fw-cli-");
  writeFileSync(join(tmp, "hall.yaml"), HALL_YAML);
  writeFileSync(join(tmp, "device-credentials.json"), JSON.stringify(credentials));
  broker = await startMosquitto(
    { ...credentials, server: SERVER_PW },
    mosquittoAcl("qms", config.id, hallDevices(config)),
  );
  server = await connectAsync(broker.url, { username: "server", password: SERVER_PW });
  await server.subscribeAsync([t.counterButton("+"), t.counterRating("+")], { qos: 1 });
  const bun = process.versions.bun ? [process.execPath] : ["node", "scripts/bun.mjs"];
  // `npm run devices -- …` runs this file; spawned directly to talk to its stdin.
  proc = spawn(
    bun[0]!,
    [
      ...bun.slice(1),
      "firmware-config/simulator/main.ts",
      "--url",
      broker.url,
      "--data-dir",
      tmp,
      "--config",
      join(tmp, "hall.yaml"),
    ],
    { cwd: ROOT, env: { ...process.env, QMS_BASE_TOPIC: "" } },
  );
  proc.stdout.on("data", (b: Buffer) => {
    stdout += b.toString();
  });
  proc.stderr.on("data", (b: Buffer) => {
    stdout += b.toString();
  });
  await waitOutput(/devices: 2 LED boards, 2 keypads, 2 rating pads/);
});
afterAll(async () => {
  if (proc && proc.exitCode === null) proc.kill("SIGTERM");
  await server?.endAsync();
  await broker?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe("npm run devices (interactive)", () => {
  it("presses keypad and rating pad buttons typed on stdin", async () => {
    const got: string[] = [];
    server.on("message", (topic, p) => got.push(`${topic} ${p.toString()}`));
    proc.stdin.write("2 next\n");
    await waitOutput(/keypad-2 → next/);
    proc.stdin.write("1 rate 3\n");
    await waitOutput(/rating-1 → 3 \(Hài lòng\)/);
    const until = Date.now() + 2000;
    while (got.length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(got).toEqual([`${t.counterButton(2)} next`, `${t.counterRating(1)} 3`]);
  });

  it("prints a board as soon as its display changes, and all boards on `boards`", async () => {
    const frame = { seq: 7, number: "A007", state: "called", text: "MOI SO A007" };
    await server.publishAsync(t.counterDisplay(1), JSON.stringify(frame), { qos: 1, retain: true });
    await waitOutput(/led-1 +\[ A007 +\] +called +seq 7/);
    proc.stdin.write("boards\n");
    await waitOutput(/led-2 +\[ +\] +closed +seq -1/);
  });

  it("rejects unknown buttons and scores without pressing anything, then quits", async () => {
    proc.stdin.write("1 dance\n1 rate 9\n9 next\n");
    await waitOutput(/unknown button dance/);
    await waitOutput(/rate needs a score 1-4/);
    await waitOutput(/no keypad at counter 9/);
    const exited = new Promise<number | null>((r) => proc.once("exit", (code) => r(code)));
    proc.stdin.write("quit\n");
    expect(await exited).toBe(0);
  });
});
