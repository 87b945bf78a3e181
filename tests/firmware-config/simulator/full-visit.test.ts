import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDeviceCredentials } from "../../../firmware-config/simulator/credentials.ts";
import { type SimulatedDevices, startDevices } from "../../../firmware-config/simulator/hall.ts";
import { loadHallConfig } from "../../../server/config/load.ts";
import { type Ticket, topics } from "../../../server/contract/index.ts";
import { type RunningHall, startHall } from "../../../server/main.ts";

const PASSWORD = "fw-visit-pass-1";
let dataDir: string;
let hall: RunningHall;
let devices: SimulatedDevices;

async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; json: T }> {
  const res = await fetch(hall.url + path, {
    method,
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : null) as T };
}

beforeAll(async () => {
  dataDir = mkdtempSync("/tmp/fw-visit-");
  // The whole hall in-process: HTTP and the embedded broker on free ports.
  hall = await startHall({
    port: 0,
    mqttPort: 0,
    host: "127.0.0.1",
    dataDir,
    adminPassword: PASSWORD,
    demoPassword: PASSWORD,
    ticketRateLimit: 0,
    publicUrl: "http://127.0.0.1",
    log: () => {},
  });
  // Each virtual device logs in with its own password from the server's data dir.
  devices = await startDevices({
    url: `mqtt://127.0.0.1:${hall.mqttPort}`,
    baseTopic: "qms",
    config: loadHallConfig(),
    credentials: loadDeviceCredentials(hall.dataDir),
    counters: [3],
  });
});
afterAll(async () => {
  await devices?.stop();
  await hall?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("a full visit driven by the device simulator against the real hall server", () => {
  it("keypad next → LED board shows the number → keypad finish → rating pad 4 → ticket rated", async () => {
    const board = devices.boards.get(3)!;
    const keypad = devices.keypads.get(3)!;
    const pad = devices.ratingPads.get(3)!;
    // The board shows the retained frame of a closed counter first.
    await board.waitFor((v) => v.state === "closed" && v.seq >= 0);

    const login = await api<{ token: string }>("POST", "/api/auth/login", {
      username: "canbo3",
      password: PASSWORD,
    });
    expect(login.status).toBe(200);
    const token = login.json.token;
    expect((await api("POST", "/api/counters/3/open", undefined, token)).status).toBe(200);
    await board.waitFor((v) => v.state === "idle");

    const issued = await api<{ ticket: Ticket }>("POST", "/api/tickets", { serviceId: "chung-thuc" });
    expect(issued.status).toBe(201);
    const { code, number } = issued.json.ticket;

    const pressedAt = performance.now();
    await keypad.press("next");
    const called = await board.waitFor((v) => v.state === "called" && v.number === number, 2000);
    const latencyMs = performance.now() - pressedAt;
    expect(board.lit).toBe(number);
    expect(latencyMs).toBeLessThan(1000);
    console.log(`keypad next → board shows ${number}: ${latencyMs.toFixed(0)} ms (seq ${called.seq})`);

    await keypad.press("finish");
    await board.waitFor((v) => v.state === "idle" && v.seq > called.seq);
    const done = await api<{ ticket: Ticket }>("GET", `/api/tickets/${code}`);
    expect(done.json.ticket.status).toBe("done");

    await pad.rate(4);
    const deadline = Date.now() + 3000;
    let rated: Ticket | undefined;
    while (Date.now() < deadline) {
      rated = (await api<{ ticket: Ticket }>("GET", `/api/tickets/${code}`)).json.ticket;
      if (rated.rating !== undefined) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(rated?.rating).toBe(4);
  });

  it("is seen by the server as online, and as offline through its will when it drops off", async () => {
    const seen = (id: string) => hall.gateway.devices.get(id)?.status;
    for (const id of ["led-3", "keypad-3", "rating-3"]) expect(seen(id), id).toBe("online");
    devices.ratingPads.get(3)!.device.crash();
    devices.ratingPads.delete(3);
    const deadline = Date.now() + 3000;
    while (seen("rating-3") !== "offline" && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(seen("rating-3")).toBe("offline");
  });
});

describe("the simulator's printer bridge against the real hall server", () => {
  it("logs in with its device password, prints a job into its file and acknowledges it", async () => {
    const bridgeDir = mkdtempSync("/tmp/fw-bridge-");
    const withBridge = await startDevices({
      url: `mqtt://127.0.0.1:${hall.mqttPort}`,
      baseTopic: "qms",
      config: loadHallConfig(),
      credentials: loadDeviceCredentials(hall.dataDir),
      counters: [],
      bridgeDir,
    });
    try {
      expect([...withBridge.bridges.keys()].sort()).toEqual(["printer-1", "printer-2"]);
      expect(withBridge.boards.size + withBridge.keypads.size + withBridge.ratingPads.size).toBe(0);
      const seen = () => hall.gateway.devices.get("printer-1")?.status;
      const until = Date.now() + 3000;
      while (seen() !== "online" && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      expect(seen()).toBe("online");

      const bridge = withBridge.bridges.get("printer-1")!;
      const t = topics("qms", "phu-lien");
      const acked = new Promise<string>((resolve) => {
        bridge.bridge.client.on("packetsend", (p: { cmd?: string; topic?: string; payload?: unknown }) => {
          if (p.cmd === "publish" && p.topic === t.printerAck("printer-1")) resolve(String(p.payload));
        });
      });
      // A job as the server sends one: ESC @, a line of text, a cut (GS V 0).
      const job = Buffer.concat([
        Buffer.from([0x1b, 0x40]),
        Buffer.from("A001\n"),
        Buffer.from([0x1d, 0x56, 0x00]),
      ]);
      expect(hall.gateway.publish(t.printerJob("printer-1", "fwjob1"), job)).toBe(true);
      const ack = await Promise.race([
        acked,
        new Promise<string>((_, r) => setTimeout(() => r(new Error("no ack")), 5000)),
      ]);
      expect(ack).toBe("fwjob1");
      expect(readFileSync(bridge.outputPath)).toEqual(job);
      // The other printer's bridge printed nothing.
      expect(() => readFileSync(withBridge.bridges.get("printer-2")!.outputPath)).toThrow();
    } finally {
      await withBridge.stop();
      rmSync(bridgeDir, { recursive: true, force: true });
    }
  });
});
