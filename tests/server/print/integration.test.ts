/**
 * Printing end to end: a whole hall on a real HTTP port and its embedded broker,
 * real printer bridges (device logins from device-credentials.json) writing to
 * files, and the printed bytes decoded by npos.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import mqtt from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningBridge, startBridge } from "../../../kiosk/bridge/bridge.ts";
import type { PrinterStatus, PrintJob, Ticket } from "../../../server/contract/index.ts";
import type { RunningHall } from "../../../server/main.ts";
import { client, login, startTestHall } from "../../helpers/hall.ts";
import { decodeQr } from "../../helpers/tools.ts";
import { decodeEscPos, toPbm } from "./escpos-decode.ts";

let hall: RunningHall;
let dir: string;
let api: ReturnType<typeof client>;
let admin: ReturnType<typeof client>;
let creds: Record<string, string>;
const bridges = new Map<string, RunningBridge>();

function startPrinter(id: string): RunningBridge {
  const b = startBridge(
    {
      brokerUrl: `mqtt://127.0.0.1:${hall.mqttPort}`,
      hall: "phu-lien",
      base: "qms",
      printer: id,
      password: creds[id]!,
      output: join(dir, `${id}.bin`),
      stateFile: join(dir, `${id}.state.json`),
      clientId: `it-${id}`,
      reconnectMs: 100,
      probeIntervalSec: 0,
    },
    { log: () => {} },
  );
  bridges.set(id, b);
  return b;
}
const printed = (id: string) => {
  try {
    return readFileSync(join(dir, `${id}.bin`));
  } catch {
    return Buffer.alloc(0);
  }
};
async function printers(): Promise<PrinterStatus[]> {
  return (await admin("GET", "/api/printers")).body.printers;
}
async function jobState(jobId: string, want: PrintJob["state"]): Promise<PrintJob> {
  const end = Date.now() + 5000;
  for (;;) {
    const job = (await api("GET", `/api/print-jobs/${jobId}`)).body.job as PrintJob;
    if (job.state === want || Date.now() > end) return job;
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "print-int-"));
  hall = await startTestHall({ dataDir: join(dir, "data") });
  admin = client(hall.url, await login(hall.url, "admin"));
  creds = JSON.parse(readFileSync(join(hall.dataDir, "device-credentials.json"), "utf8"));
  // The kiosks are paired: each request carries its kiosk's device token (reprints: kiosk-1's).
  const plain = client(hall.url);
  api = (method, path, body, headers = {}) => {
    const kiosk =
      (body as { kioskId?: string } | undefined)?.kioskId ?? (path.endsWith("/reprint") ? "kiosk-1" : null);
    const token: Record<string, string> = kiosk && creds[kiosk] ? { "x-device-token": creds[kiosk] } : {};
    return plain(method, path, body, { ...token, ...headers });
  };
  await Promise.all([startPrinter("printer-1").ready, startPrinter("printer-2").ready]);
  const end = Date.now() + 5000;
  while (!(await printers()).every((p) => p.online && p.paper === "ok")) {
    if (Date.now() > end) throw new Error("printers never came online");
    await new Promise((r) => setTimeout(r, 20));
  }
});
afterAll(async () => {
  for (const b of bridges.values()) await b.stop().catch(() => {});
  await hall?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("printing a ticket issued at a kiosk", () => {
  it("prints the ticket on the kiosk's text-mode printer: number, field, QR and cut", async () => {
    const before = printed("printer-1").length;
    const r = await api("POST", "/api/tickets", { serviceId: "bhxh", kioskId: "kiosk-1" });
    expect(r.status).toBe(201);
    const ticket = r.body.ticket as Ticket;
    const print = r.body.print as PrintJob;
    expect(print).toMatchObject({ printer: "printer-1", ticketCode: ticket.code });
    expect(print.jobId).toMatch(/^[a-z0-9]+$/);
    expect((await jobState(print.jobId, "printed")).state).toBe("printed");
    const p = decodeEscPos(printed("printer-1").subarray(before));
    const texts = p.lines.map((l) => l.text);
    expect(texts).toContain(ticket.number);
    expect(texts).toContain("Bảo hiểm xã hội – y tế");
    expect(p.qr.map((q) => q.data)).toEqual([ticket.statusUrl]);
    expect(p.endsWithCut).toBe(true);
  });

  it("prints a raster ticket on the kiosk's raster printer, with a QR zbar reads", async () => {
    const before = printed("printer-2").length;
    const r = await api("POST", "/api/tickets", {
      serviceId: "ho-tich",
      kioskId: "kiosk-2",
      priority: "elderly",
    });
    expect(r.status).toBe(201);
    expect((await jobState(r.body.print.jobId, "printed")).state).toBe("printed");
    const p = decodeEscPos(printed("printer-2").subarray(before));
    expect(p.images).toHaveLength(1);
    const pbm = join(dir, "it-raster.pbm");
    writeFileSync(pbm, toPbm(p.images[0]!));
    expect(decodeQr(pbm)).toEqual([r.body.ticket.statusUrl]);
  });

  it("issues without printing when the kiosk is missing or unknown", async () => {
    for (const body of [{ serviceId: "cu-tru" }, { serviceId: "cu-tru", kioskId: "kiosk-99" }]) {
      const r = await api("POST", "/api/tickets", body);
      expect(r.status).toBe(201);
      expect(r.body.print).toBeUndefined();
    }
  });

  it("prints a double-tapped request once and returns the same job", async () => {
    const before = printed("printer-1").length;
    const body = { serviceId: "dat-dai", kioskId: "kiosk-1", requestId: "tap-0000-0001" };
    const [a, b] = await Promise.all([api("POST", "/api/tickets", body), api("POST", "/api/tickets", body)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.ticket.code).toBe(b.body.ticket.code);
    expect(a.body.print.jobId).toBe(b.body.print.jobId);
    await jobState(a.body.print.jobId, "printed");
    const p = decodeEscPos(printed("printer-1").subarray(before));
    expect(p.cuts).toBe(1);
  });

  it("reports an offline printer at once, refuses a reprint until it is back, then reprints the same ticket", async () => {
    await bridges.get("printer-1")!.stop();
    const end = Date.now() + 5000;
    while ((await printers())[0]!.online) {
      if (Date.now() > end) throw new Error("printer-1 still online");
      await new Promise((r) => setTimeout(r, 20));
    }
    const waitingBefore = (await api("GET", "/api/hall")).body.waiting as { count: number }[];
    const r = await api("POST", "/api/tickets", { serviceId: "chung-thuc", kioskId: "kiosk-1" });
    expect(r.status).toBe(201);
    expect(r.body.print).toMatchObject({ state: "offline", printerOnline: false });
    const jobId = r.body.print.jobId as string;
    const refused = await api("POST", `/api/print-jobs/${jobId}/reprint`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("printer-offline");

    const before = printed("printer-1").length;
    await startPrinter("printer-1").ready;
    const end2 = Date.now() + 5000;
    while (!(await api("GET", `/api/print-jobs/${jobId}`)).body.job.printerOnline) {
      if (Date.now() > end2) throw new Error("printer-1 not back");
      await new Promise((res) => setTimeout(res, 20));
    }
    const again = await api("POST", `/api/print-jobs/${jobId}/reprint`);
    expect(again.status).toBe(201);
    expect(again.body.job).toMatchObject({ ticketCode: r.body.ticket.code, reprintOf: jobId });
    expect((await jobState(again.body.job.jobId, "printed")).state).toBe("printed");
    const texts = decodeEscPos(printed("printer-1").subarray(before)).lines.map((l) => l.text);
    expect(texts).toContain(r.body.ticket.number);
    // Still one ticket: the waiting count grew by the one issued above, not by the reprint.
    const waitingAfter = (await api("GET", "/api/hall")).body.waiting as { count: number }[];
    const sum = (w: { count: number }[]) => w.reduce((a, x) => a + x.count, 0);
    expect(sum(waitingAfter)).toBe(sum(waitingBefore) + 1);
  });

  it("keeps printing at one kiosk while the other printer never answers", async () => {
    // A silent "bridge" takes printer-2's login and place: it receives jobs, never acks.
    await bridges.get("printer-2")!.stop();
    bridges.delete("printer-2");
    const silent = await mqtt.connectAsync(`mqtt://127.0.0.1:${hall.mqttPort}`, {
      username: "printer-2",
      password: creds["printer-2"],
      reconnectPeriod: 0,
    });
    await silent.subscribeAsync("qms/phu-lien/printer/printer-2/job/+", { qos: 1 });
    await silent.publishAsync("qms/phu-lien/device/printer-2/status", "online", { qos: 1, retain: true });
    await new Promise((r) => setTimeout(r, 100));
    const stuck = await api("POST", "/api/tickets", { serviceId: "ho-tich", kioskId: "kiosk-2" });
    expect(stuck.body.print.state).toBe("sent");
    const ok = await api("POST", "/api/tickets", { serviceId: "ho-tich", kioskId: "kiosk-1" });
    expect((await jobState(ok.body.print.jobId, "printed")).state).toBe("printed");
    expect((await api("GET", `/api/print-jobs/${stuck.body.print.jobId}`)).body.job.state).toBe("sent");
    await silent.endAsync();
  });

  it("shows printer status to managers only, and 404s an unknown job", async () => {
    expect((await api("GET", "/api/printers")).status).toBe(401);
    const ps = await printers();
    expect(ps.map((p) => p.id)).toEqual(["printer-1", "printer-2"]);
    expect(ps[0]).toMatchObject({ online: true, paper: "ok" });
    const nf = await api("GET", "/api/print-jobs/nosuchjob", undefined, { "accept-language": "en" });
    expect(nf.status).toBe(404);
    expect(nf.body.error).toEqual({ code: "print-job-not-found", message: "No such print job." });
    expect((await api("GET", "/api/print-jobs/..%2F..")).status).toBe(404);
    const doc = (await api("GET", "/api/openapi.json")).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/print-jobs/{jobId}", "/api/printers"]),
    );
  });
});
