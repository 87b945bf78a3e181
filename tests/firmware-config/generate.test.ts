import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDocument, parse as parseYaml } from "yaml";
import { collect, parseEsphomeYaml, Secret } from "../../firmware-config/esphome-yaml.ts";
import { parseBridgeConfig } from "../../kiosk/bridge/config.ts";
import { loadHallConfig } from "../../server/config/load.ts";
import { hallDevices } from "../../server/contract/index.ts";
import { entries, resolveDeviceFile } from "./resolve-esphome.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const demo = loadHallConfig();
let tmp: string;
let out: string;
let passwords: string[];

function generate(args: string[], env: Record<string, string> = {}) {
  // The real CLI, as `npm run firmware-config` runs it (tests run under Bun: `bun --bun vitest`).
  const bun = process.versions.bun ? [process.execPath] : ["node", "scripts/bun.mjs"];
  return spawnSync(bun[0]!, [...bun.slice(1), "firmware-config/generate.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
}

beforeAll(() => {
  tmp = mkdtempSync("/tmp/fw-gen-");
  out = join(tmp, "out");
  // A server data dir with real-looking device passwords: none may leak into the output.
  const dataDir = join(tmp, "data");
  mkdirSync(dataDir);
  const creds = Object.fromEntries(
    hallDevices(demo).map((d) => [d.id, randomBytes(18).toString("base64url")]),
  );
  passwords = Object.values(creds);
  writeFileSync(join(dataDir, "device-credentials.json"), JSON.stringify(creds));
  const r = generate(["--out", out, "--broker", "10.20.0.5:42100"], {
    QMS_DATA_DIR: dataDir,
    QMS_MQTT_URL: "mqtt://qms-server:s3rverSecret@10.20.0.5:42100",
  });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function allFiles(dir: string, prefix = ""): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? allFiles(dir, join(prefix, e.name)) : [join(prefix, e.name)],
  );
}

describe("npm run firmware-config", () => {
  it("writes one ESPHome file per LED board, keypad and rating pad and one settings file per printer", () => {
    const files = allFiles(out).sort();
    const expected = hallDevices(demo).map((d) =>
      d.kind === "printer-bridge" ? `${d.id}.bridge.env` : `${d.id}.yaml`,
    );
    for (const f of expected) expect(files).toContain(f);
    expect(files.filter((f) => !f.includes("/") && /\.(yaml|env)$/.test(f)).sort()).toEqual(
      [...expected, "secrets.example.yaml"].sort(),
    );
    expect(files).toEqual(
      expect.arrayContaining([
        "packages/common.yaml",
        "packages/led-board.yaml",
        "packages/keypad.yaml",
        "packages/rating-pad.yaml",
      ]),
    );
  });

  it("writes YAML that parses, with ESPHome's !secret and !include tags", () => {
    for (const f of allFiles(out).filter((f) => f.endsWith(".yaml"))) {
      const text = readFileSync(join(out, f), "utf8");
      expect(() => parseEsphomeYaml(text), f).not.toThrow();
      // Without ESPHome's tags a YAML parser flags them: the device files really use them.
      const plain = parseDocument(text).warnings.map((w) => w.code);
      if (/^(led|keypad|rating)-\d+\.yaml$/.test(f)) expect(plain, f).toContain("TAG_RESOLVE_FAILED");
    }
  });

  it("leaves no substitution undefined once packages are merged", () => {
    for (const d of hallDevices(demo).filter((d) => d.kind !== "printer-bridge")) {
      const r = resolveDeviceFile(join(out, `${d.id}.yaml`));
      expect(r.missing, d.id).toEqual([]);
      expect(r.config.esphome).toMatchObject({ name: expect.stringMatching(/^[a-z0-9-]{1,24}$/) });
      expect(r.config.mqtt).toMatchObject({
        broker: "10.20.0.5",
        port: "42100",
        username: d.id,
        client_id: d.id,
      });
    }
  });

  it("writes no device password, nor the server's, anywhere", () => {
    for (const f of allFiles(out)) {
      const text = readFileSync(join(out, f), "utf8");
      for (const pw of [...passwords, "s3rverSecret"]) expect(text.includes(pw), `${pw} in ${f}`).toBe(false);
    }
  });

  it("gives every password, Wi-Fi and OTA secret only as a !secret that secrets.example.yaml names", () => {
    const example = parseYaml(readFileSync(join(out, "secrets.example.yaml"), "utf8")) as Record<
      string,
      string
    >;
    const used = new Set<string>();
    for (const f of allFiles(out).filter(
      (f) => /^[a-z0-9-]+\.yaml$/.test(f) && f !== "secrets.example.yaml",
    )) {
      const doc = parseEsphomeYaml(readFileSync(join(out, f), "utf8"));
      for (const s of collect(doc, Secret)) {
        expect(Object.keys(example), f).toContain(s.name);
        used.add(s.name);
      }
      const resolved = resolveDeviceFile(join(out, f)).config;
      const secretKeys = entries(resolved).filter((e) => /password|ssid/.test(e.key));
      expect(secretKeys.length, f).toBeGreaterThan(0);
      for (const e of secretKeys)
        expect(e.value, `${f}: ${[...e.path, e.key].join(".")}`).toBeInstanceOf(Secret);
    }
    expect(Object.values(example).every((v) => v === "change-me" || v === "hall-wifi-name")).toBe(true);
    // …and names no secret that nothing uses.
    expect(Object.keys(example).sort()).toEqual([...used].sort());
  });

  it("keeps the committed firmware-config/secrets.example.yaml equal to the demo hall's", () => {
    const demoOut = join(tmp, "demo");
    const r = generate(["--out", demoOut], { QMS_MQTT_URL: "", QMS_HALL_CONFIG: "" });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("placeholder");
    expect(readFileSync(join(ROOT, "firmware-config/secrets.example.yaml"), "utf8")).toBe(
      readFileSync(join(demoOut, "secrets.example.yaml"), "utf8"),
    );
  });

  it("writes printer bridge settings the bridge accepts, with the password only in a file it names", () => {
    const text = readFileSync(join(out, "printer-1.bridge.env"), "utf8");
    const env = Object.fromEntries(
      text
        .split("\n")
        .filter((l) => l && !l.startsWith("#"))
        .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
    );
    expect(env).toEqual({
      QMS_MQTT_URL: "mqtt://10.20.0.5:42100",
      QMS_HALL: "phu-lien",
      QMS_BASE_TOPIC: "qms",
      QMS_PRINTER_ID: "printer-1",
      QMS_PRINTER_OUTPUT: "/dev/usb/lp0",
      QMS_DEVICE_PASSWORD_FILE: "/etc/qms/printer-1.password",
    });
    // The bridge's own parser reads these names (kiosk/bridge/config.ts), given a password.
    const cfg = parseBridgeConfig([], {
      ...env,
      QMS_DEVICE_PASSWORD_FILE: undefined,
      QMS_DEVICE_PASSWORD: "x",
    });
    expect(cfg).toMatchObject({
      brokerUrl: "mqtt://10.20.0.5:42100",
      hall: "phu-lien",
      base: "qms",
      printer: "printer-1",
    });
  });

  it("fails with a readable message on an invalid hall config", () => {
    const bad = join(tmp, "bad.yaml");
    writeFileSync(bad, "id: Not An Id\n");
    const r = generate(["--out", join(tmp, "bad-out"), "--config", bad]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("invalid hall config");
  });

  it("exits 2 with the usage when --out is missing", () => {
    const r = generate([]);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain("usage: npm run firmware-config");
  });
});
