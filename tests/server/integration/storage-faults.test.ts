/** A locked database gives a clear 503 and leaves the state whole. */
import { Database } from "bun:sqlite";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningHall } from "../../../server/main.ts";
import { client, startTestHall } from "../../helpers/hall.ts";

let h: RunningHall;
beforeAll(async () => {
  h = await startTestHall({ sqliteBusyMs: 100 });
});
afterAll(() => h?.stop());

describe("storage faults", () => {
  it("answers 503 storage-unavailable while another process holds the write lock, then goes on without a gap", async () => {
    const anon = client(h.url);
    expect((await anon("POST", "/api/tickets", { serviceId: "ho-tich" })).body.ticket.number).toBe("A001");
    const other = new Database(join(h.dataDir, "qms.sqlite"));
    other.exec("BEGIN EXCLUSIVE");
    try {
      const r = await anon("POST", "/api/tickets", { serviceId: "ho-tich" });
      expect(r.status).toBe(503);
      expect(r.body.error.code).toBe("storage-unavailable");
      expect(r.body.error.message).toContain("thử lại");
    } finally {
      other.exec("ROLLBACK");
      other.close();
    }
    const after = await anon("POST", "/api/tickets", { serviceId: "ho-tich" });
    expect(after.status).toBe(201);
    expect(after.body.ticket.number).toBe("A002");
    const hall = await anon("GET", "/api/hall");
    expect(hall.body.waiting.find((w: { serviceId: string }) => w.serviceId === "ho-tich").count).toBe(2);
  });
});

describe("a full disk", () => {
  const mountPoint = `/tmp/qms-tinyfs-${process.pid}`;
  const canMount = (() => {
    if (process.getuid?.() !== 0) return false;
    const { mkdirSync } = require("node:fs") as typeof import("node:fs");
    mkdirSync(mountPoint, { recursive: true });
    const r = Bun.spawnSync(["mount", "-t", "tmpfs", "-o", "size=1200k", "tmpfs", mountPoint]);
    return r.exitCode === 0;
  })();

  // Needs root to mount a tiny tmpfs (CI runs as root); elsewhere this case cannot be made.
  it.skipIf(!canMount)(
    "answers 503 storage-unavailable, loses no acknowledged ticket, and recovers when space returns",
    async () => {
      const { writeFileSync, rmSync } = await import("node:fs");
      const hall = await startTestHall({ dataDir: `${mountPoint}/data` });
      try {
        const anon = client(hall.url);
        const ok: string[] = [];
        writeFileSync(`${mountPoint}/filler`, Buffer.alloc(700 * 1024));
        let refused: { status: number; body: { error: { code: string } } } | null = null;
        for (let i = 0; i < 5000 && !refused; i++) {
          const r = await anon("POST", "/api/tickets", {
            serviceId: "dat-dai",
            kioskId: "kiosk-1",
            requestId: `full-disk-${i}`,
          });
          if (r.status === 201) ok.push(r.body.ticket.code);
          else refused = r;
        }
        expect(refused?.status).toBe(503);
        expect(refused?.body.error.code).toBe("storage-unavailable");
        rmSync(`${mountPoint}/filler`);
        const after = await anon("POST", "/api/tickets", { serviceId: "dat-dai" });
        expect(after.status).toBe(201);
        expect(after.body.ticket.number).toBe(`C${String(ok.length + 1).padStart(3, "0")}`);
        for (const code of ok.slice(-5)) expect((await anon("GET", `/api/tickets/${code}`)).status).toBe(200);
      } finally {
        await hall.stop();
        const check = new Database(`${mountPoint}/data/qms.sqlite`, { readonly: true });
        expect(
          check.query<{ integrity_check: string }, []>("PRAGMA integrity_check").get()!.integrity_check,
        ).toBe("ok");
        check.close();
        Bun.spawnSync(["umount", mountPoint]);
      }
    },
  );
});
