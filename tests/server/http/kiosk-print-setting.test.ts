/**
 * `security.kioskPrintToken` (decision 0025), at a real port with the real broker: the demo
 * hall (`optional`) prints a newly issued ticket for a kiosk without the kiosk's token, as
 * CONTRACT.md says outside checks may rely on; reprints still need the token and stop at
 * the limit; the paper a token-less caller can spend is bounded by the per-address ticket
 * rate limit. A config without the setting gets `required` (device-tokens.test.ts drives it).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import mqtt, { type MqttClient } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_HALL_PATH, parseHallConfig } from "../../../server/config/load.ts";
import { MAX_REPRINTS } from "../../../server/print/jobs.ts";
import { pairedKiosksConfig } from "../../helpers/hall.ts";
import { call, startTestHall, type TestHall } from "./hall-fixture.ts";

const T = "qms/phu-lien";
const RATE = 5;
let hall: TestHall;
let creds: Record<string, string>;
let printer: MqttClient;
const jobs: string[] = [];
const settle = () => new Promise((r) => setTimeout(r, 200));

beforeAll(async () => {
  hall = await startTestHall({ ticketRateLimit: RATE }); // the demo hall's own config
  creds = JSON.parse(readFileSync(join(hall.dataDir, "device-credentials.json"), "utf8"));
  printer = await mqtt.connectAsync(`mqtt://127.0.0.1:${hall.mqttPort}`, {
    username: "printer-1",
    password: creds["printer-1"],
    clientId: "printer-1",
    reconnectPeriod: 0,
  });
  printer.on("message", (topic) => {
    const id = topic.split("/").at(-1)!;
    jobs.push(id);
    printer.publish(`${T}/printer/printer-1/ack`, id, { qos: 1 });
  });
  await printer.subscribeAsync(`${T}/printer/printer-1/job/+`, { qos: 1 });
  await printer.publishAsync(`${T}/printer/printer-1/paper`, "ok", { qos: 1, retain: true });
  await printer.publishAsync(`${T}/device/printer-1/status`, "online", { qos: 1, retain: true });
  await settle();
});
afterAll(async () => {
  await printer?.endAsync();
  await hall?.close();
});

describe("the setting", () => {
  it("is optional in the demo hall and required by default in any other config", () => {
    const demo = parseHallConfig(readFileSync(DEMO_HALL_PATH, "utf8"), "demo-hall.yaml");
    expect(demo.security.kioskPrintToken).toBe("optional");
    const real = readFileSync(DEMO_HALL_PATH, "utf8").replace(
      /\nsecurity:\n {2}kioskPrintToken: optional\n/,
      "\n",
    );
    expect(real).not.toContain("kioskPrintToken");
    expect(parseHallConfig(real, "real.yaml").security.kioskPrintToken).toBe("required");
    expect(
      parseHallConfig(readFileSync(pairedKiosksConfig(), "utf8"), "x.yaml").security.kioskPrintToken,
    ).toBe("required");
    expect(() =>
      parseHallConfig(real.replace("notice:", "security: { kioskPrintToken: maybe }\nnotice:")),
    ).toThrow(/kioskPrintToken/);
  });
});

describe("the demo hall (optional)", () => {
  it("prints a new ticket for a kiosk without its token; a repeated request prints nothing more", async () => {
    const body = { serviceId: "bhxh", kioskId: "kiosk-1", requestId: "demo-0001" };
    const r = await call(hall.base, "POST", "/api/tickets", null, body);
    expect(r.status).toBe(201);
    expect(r.body.print).toMatchObject({ printer: "printer-1" });
    expect(r.body.printRefused).toBeUndefined();
    await settle();
    expect(jobs).toEqual([r.body.print.jobId]);
    const again = await call(hall.base, "POST", "/api/tickets", null, body);
    expect([again.status, again.body.print.jobId]).toEqual([200, r.body.print.jobId]);
    await settle();
    expect(jobs).toHaveLength(1);
  });

  it("still needs the kiosk's token to reprint, and stops at the limit", async () => {
    const r = await call(hall.base, "POST", "/api/tickets", null, { serviceId: "bhxh", kioskId: "kiosk-1" });
    const jobId = r.body.print.jobId as string;
    await settle();
    const before = jobs.length;
    for (let i = 0; i < 20; i++) {
      const x = await call(hall.base, "POST", `/api/print-jobs/${jobId}/reprint`);
      expect([x.status, x.body.error.code]).toEqual([403, "device-not-paired"]);
    }
    const paired = { "x-device-token": creds["kiosk-1"]! };
    const codes: number[] = [];
    for (let i = 0; i < 10; i++) {
      const x = await call(hall.base, "POST", `/api/print-jobs/${jobId}/reprint`, null, undefined, paired);
      codes.push(x.status);
      if (x.status === 201) await settle();
    }
    expect(codes.filter((c) => c === 201)).toHaveLength(MAX_REPRINTS);
    await settle();
    expect(jobs.length - before).toBe(MAX_REPRINTS);
  });

  it("bounds a token-less paper drain by the per-address ticket rate limit", async () => {
    const before = jobs.length;
    const statuses: number[] = [];
    for (let i = 0; i < 3 * RATE; i++)
      statuses.push(
        (await call(hall.base, "POST", "/api/tickets", null, { serviceId: "bhxh", kioskId: "kiosk-1" }))
          .status,
      );
    // Two tickets of this minute were issued by the tests above from the same address.
    expect(statuses.filter((s) => s === 201).length).toBe(RATE - 2);
    expect(statuses.filter((s) => s === 429).length).toBe(2 * RATE + 2);
    await settle();
    expect(jobs.length - before).toBe(RATE - 2);
  });
});
