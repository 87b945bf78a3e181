/**
 * The province's command line as an operator uses it: `add-hall` prints the credential once
 * as `ID:SECRET` on its last line (directly on the store when no server runs, through the
 * running server's API otherwise — PGlite has one user at a time), the server prints its URLs
 * at start, and `mosquitto-config` writes the broker's files.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "bun";
import { afterAll, describe, expect, it } from "vitest";
import { ProvinceStore } from "../../province/store/store.ts";
import { freshDataDir } from "./pglite.ts";
import { type ProvinceProcess, spawnProvince } from "./process.ts";

const ROOT = join(import.meta.dirname, "../..");
let server: ProvinceProcess | null = null;

function cli(dataDir: string, ...args: string[]) {
  const r = spawnSync([process.execPath, "province/main.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, QMS_PROVINCE_DATA_DIR: dataDir, QMS_PROVINCE_PORT: "3100" },
  });
  return { code: r.exitCode, out: r.stdout.toString(), err: r.stderr.toString() };
}

const lastLine = (s: string) => s.trim().split("\n").at(-1)!;

afterAll(async () => {
  await server?.kill9();
});

describe("npm run province -- …", () => {
  it("add-hall prints the credential once, as ID:SECRET on its last line, and it works", async () => {
    const dataDir = await freshDataDir();
    const r = cli(dataDir, "add-hall", "xa-an-phu", "--name", "Xã An Phú", "--area", "Khu vực 2");
    expect(r.code).toBe(0);
    expect(lastLine(r.out)).toMatch(/^xa-an-phu:[A-Za-z0-9_-]{24}$/);
    expect(r.out).toContain("QMS_PROVINCE_URL=http://xa-an-phu:");
    const again = cli(dataDir, "add-hall", "xa-an-phu");
    expect(again.code).not.toBe(0);
    expect(again.err).toContain("already exists");
    expect(cli(dataDir, "add-hall", "Xã An Phú").code).not.toBe(0); // not an id
    const store = await ProvinceStore.open({ dataDir });
    const secret = lastLine(r.out).split(":")[1]!;
    expect(await store.halls.verify("xa-an-phu", secret)).toBe(true);
    expect(await store.halls.get("xa-an-phu")).toMatchObject({
      name: { vi: "Xã An Phú" },
      area: "Khu vực 2",
    });
    await store.close();
    // The broker's files for an external Mosquitto: the hall's own prefix only, hashes not secrets.
    const out = mkdtempSync(join(tmpdir(), "qms-mosq-cfg-"));
    const m = cli(dataDir, "mosquitto-config", "--out", out, "--port", "18830");
    expect(m.code).toBe(0);
    expect(readFileSync(join(out, "acl"), "utf8")).toContain(
      "user xa-an-phu\ntopic write qms/xa-an-phu/province/summary",
    );
    const passwd = readFileSync(join(out, "passwd"), "utf8");
    expect(passwd).toMatch(/^xa-an-phu:\$7\$101\$/m);
    expect(passwd).not.toContain(secret);
    expect(existsSync(join(out, "mosquitto.conf"))).toBe(true);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
    // Four processes that each open the PGlite database (20–40 s each on a machine
    // loaded to 20 on 2 cores).
  }, 240_000);

  it("with the server running, add-hall goes through it; the server prints its URLs", async () => {
    const dataDir = await freshDataDir();
    const port = 30000 + Math.floor(Math.random() * 20000);
    server = await spawnProvince(port, {
      QMS_PROVINCE_DATA_DIR: dataDir,
      QMS_PROVINCE_MQTT_PORT: "0",
      QMS_PROVINCE_ADMIN_PASSWORD: "province-secret-1",
    });
    await expect.poll(() => server!.log(), { timeout: 10_000 }).toContain("/api/halls");
    expect(server.log()).toMatch(/Bảng điều khiển \/ dashboard +http:\/\/[\d.]+:\d+\//);
    const r = cli(dataDir, "add-hall", "xa-moi");
    expect(r.code).toBe(0);
    const [id, secret] = lastLine(r.out).split(":");
    expect(id).toBe("xa-moi");
    const hello = await fetch(`${server.url}/api/uplink`, {
      headers: { authorization: `Basic ${Buffer.from(`xa-moi:${secret}`).toString("base64")}` },
    });
    expect(hello.status).toBe(200);
    expect(await hello.json()).toMatchObject({ hallId: "xa-moi", lastEventId: 0, versions: [1, 2] });
  }, 120_000);
});
