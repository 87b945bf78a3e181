import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { decodePaperStatus, openOutput } from "../../../kiosk/bridge/output.ts";

/** A fake raw network printer on 127.0.0.1: records bytes, answers DLE EOT 4 with `status`. */
async function fakePrinter(status: number): Promise<{ port: number; received: Buffer[]; server: Server }> {
  const received: Buffer[] = [];
  const server = createServer((s: Socket) => {
    const chunks: Buffer[] = [];
    s.on("data", (d: Buffer) => {
      chunks.push(d);
      if (d.includes(Buffer.from([0x10, 0x04, 0x04]))) s.write(Buffer.from([status]));
    });
    s.on("end", () => {
      received.push(Buffer.concat(chunks));
      s.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const a = server.address();
  return { port: typeof a === "object" && a ? a.port : 0, received, server };
}

const dir = mkdtempSync(join(tmpdir(), "print-output-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("printer outputs", () => {
  it("appends jobs to a plain file, which always has paper", async () => {
    const out = openOutput(join(dir, "a.bin"));
    await out.write(Uint8Array.from([1, 2]));
    await out.write(Uint8Array.from([3]));
    expect([...readFileSync(join(dir, "a.bin"))]).toEqual([1, 2, 3]);
    expect(await out.paper()).toBe("ok");
    expect(openOutput(`file:${join(dir, "b.bin")}`).describe).toBe(`file ${join(dir, "b.bin")}`);
  });

  it("does not claim to know the paper of a /dev printer", async () => {
    const out = openOutput("/dev/usb/lp0");
    expect(out.describe).toBe("device /dev/usb/lp0");
    expect(await out.paper()).toBeNull();
  });

  it("sends a job to a raw TCP printer and reads its paper sensor with DLE EOT 4", async () => {
    const p = await fakePrinter(0x1e); // 0x12 fixed bits + near-end (bits 2-3)
    const out = openOutput(`tcp://127.0.0.1:${p.port}`);
    await out.write(Uint8Array.from([0x1b, 0x40, 0x41, 0x0a]));
    expect(await out.paper()).toBe("low");
    expect([...p.received[0]!]).toEqual([0x1b, 0x40, 0x41, 0x0a]);
    p.server.close();
  });

  it("rejects a write to a TCP printer that is not there", async () => {
    const p = await fakePrinter(0x12);
    p.server.close();
    await new Promise((r) => setTimeout(r, 20));
    await expect(openOutput(`tcp://127.0.0.1:${p.port}`).write(Uint8Array.from([1]), 1000)).rejects.toThrow();
  });

  it("decodes the roll paper sensor status byte", () => {
    expect(decodePaperStatus(0x12)).toBe("ok");
    expect(decodePaperStatus(0x1e)).toBe("low");
    expect(decodePaperStatus(0x72)).toBe("out");
    expect(decodePaperStatus(0x7e)).toBe("out");
    expect(decodePaperStatus(0x00)).toBeNull(); // fixed bits missing: not a status byte
  });
});
