/**
 * Paper and ratings (issue 11), at a real port with the real broker: printing and
 * reprinting for a kiosk need that kiosk's device token, a ticket is reprinted at most
 * MAX_REPRINTS times, and a counter's rating endpoint takes only its tablet's token.
 * The hall here is configured as a real hall is (`security.kioskPrintToken: required`);
 * the demo hall's optional first print is kiosk-print-setting.test.ts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import mqtt, { type MqttClient } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_REPRINTS } from "../../../server/print/jobs.ts";
import { pairedKiosksConfig } from "../../helpers/hall.ts";
import { call, issue, login, startTestHall, type TestHall } from "./hall-fixture.ts";

const T = "qms/phu-lien";
let hall: TestHall;
let creds: Record<string, string>;
let printer: MqttClient;
const jobs: string[] = [];
const tok = (id: string) => ({ "x-device-token": creds[id]! });

beforeAll(async () => {
  hall = await startTestHall({ hallConfigPath: pairedKiosksConfig() });
  creds = JSON.parse(readFileSync(join(hall.dataDir, "device-credentials.json"), "utf8"));
  // printer-1's bridge, reduced to what matters: online, paper ok, every job acknowledged.
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
  await new Promise((r) => setTimeout(r, 100));
});
afterAll(async () => {
  await printer?.endAsync();
  await hall?.close();
});

const settle = () => new Promise((r) => setTimeout(r, 200));

describe("printing for a kiosk", () => {
  it("without the kiosk's token issues the ticket but prints nothing", async () => {
    for (const headers of [{}, tok("kiosk-2"), { "x-device-token": "x".repeat(24) }]) {
      const r = await call(
        hall.base,
        "POST",
        "/api/tickets",
        null,
        { serviceId: "bhxh", kioskId: "kiosk-1" },
        headers,
      );
      expect(r.status).toBe(201);
      expect(r.body.print).toBeUndefined();
      expect(r.body.printRefused).toBe("device-not-paired");
    }
    await settle();
    expect(jobs).toEqual([]);
  });

  it("with it prints; reprints need a token of a kiosk at that printer, and stop after the limit", async () => {
    const r = await call(
      hall.base,
      "POST",
      "/api/tickets",
      null,
      { serviceId: "bhxh", kioskId: "kiosk-1" },
      tok("kiosk-1"),
    );
    expect(r.body.print).toMatchObject({ printer: "printer-1" });
    const jobId = r.body.print.jobId;
    await settle();
    expect(jobs).toEqual([jobId]);

    for (const headers of [{}, tok("kiosk-2"), tok("printer-1")]) {
      const x = await call(hall.base, "POST", `/api/print-jobs/${jobId}/reprint`, null, undefined, headers);
      expect([x.status, x.body.error.code]).toEqual([403, "device-not-paired"]);
    }
    // The issue's attack: reprints in a loop, now with the kiosk's own token.
    const codes: number[] = [];
    for (let i = 0; i < 20; i++) {
      const x = await call(
        hall.base,
        "POST",
        `/api/print-jobs/${jobId}/reprint`,
        null,
        undefined,
        tok("kiosk-1"),
      );
      codes.push(x.status);
      if (x.status === 201)
        await settle(); // acknowledged before the next one
      else expect(x.body.error.code).toBe("reprint-limit");
    }
    expect(codes.filter((c) => c === 201)).toHaveLength(MAX_REPRINTS);
    await settle();
    expect(jobs).toHaveLength(1 + MAX_REPRINTS);
  });
});

describe("ratings at a counter", () => {
  it("are refused without the counter's tablet token, so nobody can rate every counter in a loop", async () => {
    const officer = await login(hall.base, "canbo2");
    const opened = await call(hall.base, "POST", "/api/counters/2/open", officer);
    const t = await issue(hall.base, opened.body.counter.serviceIds[0]);
    await call(hall.base, "POST", "/api/counters/2/call-next", officer);
    await call(hall.base, "POST", "/api/counters/2/finish", officer);
    for (let n = 1; n <= 7; n++) {
      const x = await call(hall.base, "POST", `/api/counters/${n}/rating`, null, { score: 1 });
      expect([n, x.status, x.body.error.code]).toEqual([n, 403, "device-not-paired"]);
    }
    const other = await call(
      hall.base,
      "POST",
      "/api/counters/2/rating",
      null,
      { score: 1 },
      tok("rating-3"),
    );
    expect(other.status).toBe(403);
    expect((await call(hall.base, "GET", "/api/counters/2/rating")).body.last).toMatchObject({
      number: t.number,
      rated: false,
    });
    const ok = await call(hall.base, "POST", "/api/counters/2/rating", null, { score: 4 }, tok("rating-2"));
    expect(ok.status).toBe(201);
    const again = await call(
      hall.base,
      "POST",
      "/api/counters/2/rating",
      null,
      { score: 1 },
      tok("rating-2"),
    );
    expect(again.body.error.code).toBe("already-rated");
  });

  it("a kiosk token is not an MQTT login", async () => {
    const e = await mqtt
      .connectAsync(`mqtt://127.0.0.1:${hall.mqttPort}`, {
        username: "kiosk-1",
        password: creds["kiosk-1"],
        reconnectPeriod: 0,
      })
      .then(
        (c) => c.endAsync().then(() => "connected"),
        (err: { code?: number }) => err.code,
      );
    expect(e).toBe(5);
  });
});
