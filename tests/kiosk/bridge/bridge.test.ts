import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { appendFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type BridgeEvents, type RunningBridge, startBridge } from "../../../kiosk/bridge/bridge.ts";
import type { BridgeConfig } from "../../../kiosk/bridge/config.ts";
import type { PrinterOutput } from "../../../kiosk/bridge/output.ts";
import { LOGINS, startBroker, type TestBroker, testClient, waitFor } from "./helpers.ts";

let broker: TestBroker;
let dir: string;
const running: RunningBridge[] = [];
let n = 0;

beforeAll(async () => {
  broker = await startBroker();
  dir = mkdtempSync(join(tmpdir(), "print-bridge-"));
});
afterEach(async () => {
  for (const b of running.splice(0)) await b.stop().catch(() => {});
});
afterAll(async () => {
  await broker.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A bridge config with its own output file, state file and client id. */
function config(over: Partial<BridgeConfig> = {}): BridgeConfig {
  n++;
  return {
    brokerUrl: broker.url,
    hall: "phu-lien",
    base: "qms",
    printer: "printer-1",
    password: LOGINS["printer-1"]!,
    output: join(dir, `out-${n}.bin`),
    stateFile: join(dir, `state-${n}.json`),
    clientId: `bridge-test-${n}`,
    reconnectMs: 100,
    probeIntervalSec: 0,
    ...over,
  };
}

function start(cfg: BridgeConfig, output?: PrinterOutput, events?: BridgeEvents): RunningBridge {
  const b = startBridge(cfg, { output, log: () => {}, events });
  running.push(b);
  return b;
}

const job = (s: string) => Buffer.from(`\x1b@${s}\n\x1dVA\x18`, "latin1");
const fileBytes = (path: string) => {
  try {
    return readFileSync(path);
  } catch {
    return Buffer.alloc(0);
  }
};
const acks = (c: Awaited<ReturnType<typeof testClient>>) =>
  c.got.filter((m) => m.topic === "qms/phu-lien/printer/printer-1/ack").map((m) => m.payload);

/** Drops the bridge's TCP connection from the broker side (no DISCONNECT: the last will fires). */
function dropConnection(clientId: string): void {
  const c = (broker.aedes as unknown as { clients: Record<string, { conn: { destroy(): void } }> }).clients[
    clientId
  ];
  if (!c) throw new Error(`client ${clientId} not connected`);
  c.conn.destroy();
}

describe("printer bridge against a real MQTT broker", () => {
  it("writes a job's bytes to its output, acknowledges it, and reports online and paper ok (retained)", async () => {
    const cfg = config();
    const bridge = start(cfg);
    await bridge.ready;
    const c = await testClient(broker.url);
    await c.publishAsync("qms/phu-lien/printer/printer-1/job/job-a", job("A001"), { qos: 1 });
    await waitFor(() => acks(c).includes("job-a"), 5000, "ack");
    expect(fileBytes(cfg.output).equals(job("A001"))).toBe(true);
    // A late subscriber sees the retained status and paper.
    const late = await testClient(broker.url);
    await waitFor(() => late.got.some((m) => m.topic.endsWith("/paper")), 2000, "retained paper");
    expect(late.got).toContainEqual({
      topic: "qms/phu-lien/device/printer-1/status",
      payload: "online",
      retain: true,
    });
    expect(late.got).toContainEqual({
      topic: "qms/phu-lien/printer/printer-1/paper",
      payload: "ok",
      retain: true,
    });
    await c.endAsync();
    await late.endAsync();
  });

  it("prints jobs sent while it was disconnected once it is back, and never a job twice", async () => {
    const cfg = config();
    const bridge = start(cfg);
    await bridge.ready;
    const c = await testClient(broker.url);
    await c.publishAsync("qms/phu-lien/printer/printer-1/job/job-1", job("B001"), { qos: 1 });
    await waitFor(() => acks(c).includes("job-1"));

    dropConnection(cfg.clientId);
    await waitFor(
      () => c.got.some((m) => m.topic.endsWith("device/printer-1/status") && m.payload === "offline"),
      3000,
      "last will",
    );
    // Published while the bridge is away: the persistent session keeps it.
    await c.publishAsync("qms/phu-lien/printer/printer-1/job/job-2", job("B002"), { qos: 1 });
    await waitFor(() => acks(c).includes("job-2"), 5000, "ack after reconnect");
    // The server (or a redelivery) sends job-1 again: acknowledged, not printed.
    await c.publishAsync("qms/phu-lien/printer/printer-1/job/job-1", job("B001"), { qos: 1 });
    await waitFor(() => acks(c).filter((a) => a === "job-1").length === 2, 3000, "second ack");
    expect(fileBytes(cfg.output).equals(Buffer.concat([job("B001"), job("B002")]))).toBe(true);
    await c.endAsync();
  });

  it("does not print again a job redelivered because the connection dropped before its PUBACK", async () => {
    const cfg = config();
    let dropNext = true;
    let printed = 0;
    // An output that loses the connection while the printer is busy with the job.
    const output: PrinterOutput = {
      describe: "file (test)",
      async write(bytes) {
        await appendFile(cfg.output, bytes);
        printed++;
        if (dropNext) {
          dropNext = false;
          dropConnection(cfg.clientId);
          await new Promise((r) => setTimeout(r, 50));
        }
      },
      paper: async () => "ok",
    };
    const duplicates: string[] = [];
    const bridge = start(cfg, output, { duplicate: (id) => duplicates.push(id) });
    await bridge.ready;
    const c = await testClient(broker.url);
    await c.publishAsync("qms/phu-lien/printer/printer-1/job/job-x", job("C001"), { qos: 1 });
    // The broker never got the PUBACK, so it redelivers job-x after the reconnect;
    // the bridge acknowledges it (from its state file) without printing.
    await waitFor(() => duplicates.includes("job-x"), 8000, "redelivery of job-x");
    await waitFor(() => acks(c).includes("job-x"), 3000, "ack of job-x");
    expect(printed).toBe(1);
    expect(fileBytes(cfg.output).equals(job("C001"))).toBe(true);
    await c.endAsync();
  });

  it("remembers printed jobs across a restart of the bridge", async () => {
    const cfg = config();
    let bridge = start(cfg);
    await bridge.ready;
    const c = await testClient(broker.url);
    await c.publishAsync("qms/phu-lien/printer/printer-1/job/job-r", job("D001"), { qos: 1 });
    await waitFor(() => acks(c).includes("job-r"));
    await bridge.stop();
    running.length = 0;
    expect(c.got.filter((m) => m.topic.endsWith("device/printer-1/status")).at(-1)?.payload).toBe("offline");
    bridge = start(cfg);
    await bridge.ready;
    await c.publishAsync("qms/phu-lien/printer/printer-1/job/job-r", job("D001"), { qos: 1 });
    await waitFor(() => acks(c).filter((a) => a === "job-r").length === 2);
    expect(fileBytes(cfg.output).equals(job("D001"))).toBe(true);
    await c.endAsync();
  });

  it("answers an error ack when the printer cannot be written, and an empty job is refused", async () => {
    const cfg = config({ output: join(dir, "no-such-dir", "printer.bin") });
    const bridge = start(cfg);
    await bridge.ready;
    const c = await testClient(broker.url);
    await c.publishAsync("qms/phu-lien/printer/printer-1/job/job-e", job("E001"), { qos: 1 });
    await c.publishAsync("qms/phu-lien/printer/printer-1/job/job-0", Buffer.alloc(0), { qos: 1 });
    await waitFor(() => acks(c).length === 2);
    expect(acks(c)[0]).toMatch(/^job-e error .*ENOENT/);
    expect(acks(c)[1]).toBe("job-0 error empty-job");
    await c.endAsync();
  });

  it("cannot log in with a wrong password", async () => {
    const cfg = config({ password: "wrong" });
    const bridge = start(cfg);
    const ready = await Promise.race([
      bridge.ready.then(() => true),
      new Promise((r) => setTimeout(() => r(false), 500)),
    ]);
    expect(ready).toBe(false);
    expect(broker.refused).toContain("printer-1");
  });
});

describe("printer bridge program", () => {
  it("runs from the command line, prints and acknowledges, and says offline when stopped", async () => {
    const { spawn } = await import("node:child_process");
    const cfg = config();
    const c = await testClient(broker.url);
    const proc = spawn(
      process.execPath,
      [
        join(import.meta.dirname, "../../../kiosk/bridge/main.ts"),
        `--broker=${broker.url}`,
        "--hall=phu-lien",
        "--printer=printer-1",
        `--output=${cfg.output}`,
        `--state=${cfg.stateFile}`,
        `--client-id=${cfg.clientId}`,
      ],
      { env: { PATH: process.env.PATH ?? "", QMS_DEVICE_PASSWORD: LOGINS["printer-1"] }, stdio: "ignore" },
    );
    try {
      const online = () =>
        c.got.filter((m) => m.topic === "qms/phu-lien/device/printer-1/status").at(-1)?.payload === "online";
      await waitFor(online, 10_000, "bridge online");
      await c.publishAsync("qms/phu-lien/printer/printer-1/job/job-cli", job("F001"), { qos: 1 });
      await waitFor(() => acks(c).includes("job-cli"), 5000, "ack from the CLI bridge");
      expect(fileBytes(cfg.output).equals(job("F001"))).toBe(true);
      proc.kill("SIGTERM");
      await waitFor(() => !online(), 5000, "offline on SIGTERM");
    } finally {
      proc.kill("SIGKILL");
      await c.endAsync();
    }
  });
});
