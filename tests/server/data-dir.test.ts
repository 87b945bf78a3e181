/**
 * Files (issue 11): the data directory is created 0700 and the database, its WAL and
 * SHM files and the device credentials 0600; an older install's looser modes are
 * tightened at start.
 */
import { chmodSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startTestHall } from "../helpers/hall.ts";

const mode = (p: string) => (statSync(p).mode & 0o777).toString(8);

describe("the data directory", () => {
  it("is private, and so are the database, its WAL and SHM files and the device secrets", async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "qms-perm-")), "data");
    const hall = await startTestHall({ dataDir });
    await fetch(`${hall.url}/api/tickets`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ serviceId: "ho-tich" }),
    });
    expect(mode(dataDir)).toBe("700");
    for (const f of ["qms.sqlite", "qms.sqlite-wal", "qms.sqlite-shm", "device-credentials.json"])
      expect([f, mode(join(dataDir, f))]).toEqual([f, "600"]);
    await hall.stop();
  });

  it("is tightened when an older install left it readable by others", async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "qms-perm-")), "data");
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    writeFileSync(join(dataDir, "device-credentials.json"), "{}", { mode: 0o644 });
    const first = await startTestHall({ dataDir });
    await first.stop();
    chmodSync(join(dataDir, "qms.sqlite"), 0o644);
    chmodSync(dataDir, 0o755);
    const lines: string[] = [];
    const hall = await startTestHall({ dataDir, log: (l) => lines.push(l) });
    expect(mode(dataDir)).toBe("700");
    expect(mode(join(dataDir, "qms.sqlite"))).toBe("600");
    expect(mode(join(dataDir, "device-credentials.json"))).toBe("600");
    expect(lines.join("\n")).toContain("755 → 700");
    await hall.stop();
  });
});
