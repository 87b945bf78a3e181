import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BridgeConfigError, parseBridgeConfig } from "../../../kiosk/bridge/config.ts";

const root = join(import.meta.dirname, "..", "..", "..");

describe("printer bridge configuration", () => {
  it("reads flags and environment, flags first, with defaults", () => {
    const c = parseBridgeConfig(["--printer", "printer-1", "--output=/dev/usb/lp0"], {
      QMS_HALL: "phu-lien",
      QMS_DEVICE_PASSWORD: "s3cret",
      QMS_PRINTER_ID: "printer-9",
      QMS_MQTT_URL: "mqtt://192.168.1.10:1883",
    });
    expect(c).toEqual({
      brokerUrl: "mqtt://192.168.1.10:1883",
      hall: "phu-lien",
      base: "qms",
      printer: "printer-1",
      password: "s3cret",
      output: "/dev/usb/lp0",
      stateFile: "./printer-bridge-printer-1.json",
      clientId: "qms-bridge-phu-lien-printer-1",
      reconnectMs: 2000,
      probeIntervalSec: 30,
    });
  });

  it("names every missing or bad setting", () => {
    let err: unknown;
    try {
      parseBridgeConfig(["--printer", "Printer 1", "--broker", "http://x"], {});
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BridgeConfigError);
    const m = (err as Error).message;
    for (const s of ["--hall", "--printer", "--password", "--output", "--broker"]) expect(m).toContain(s);
    expect(() => parseBridgeConfig(["--colour", "red"], {})).toThrow(/unknown flag --colour/);
  });

  it("runs as `npm run printer-bridge` and exits 2 with usage on bad settings", () => {
    const help = spawnSync("node", ["scripts/bun.mjs", "kiosk/bridge/main.ts", "--help"], {
      cwd: root,
      encoding: "utf8",
    });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("--output");
    const bad = spawnSync("node", ["scripts/bun.mjs", "kiosk/bridge/main.ts", "--hall", "x"], {
      cwd: root,
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "" },
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--printer");
  });
});
