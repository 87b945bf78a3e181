/**
 * `npm run firmware-config -- --out DIR [--config hall.yaml] [--broker host[:port]]
 *   [--base-topic qms] [--printer-output printer-1=tcp://10.0.0.50:9100]`
 *
 * Writes the ESPHome files, printer bridge settings and secrets.example.yaml of a hall
 * into DIR (see firmware-config/README.md). Defaults follow the server's environment:
 * QMS_HALL_CONFIG, QMS_BASE_TOPIC, QMS_MQTT_URL / QMS_MQTT_PORT. Writes no secret.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ConfigError, loadHallConfig } from "../server/config/load.ts";
import { buildFirmwareConfig } from "./build.ts";

const DEFAULT_BROKER_HOST = "qms-server.local";

/** Splits `host[:port]`; the port defaults to `fallbackPort`. */
export function parseBroker(value: string, fallbackPort: number): { host: string; port: number } {
  const m = /^([A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(value);
  if (!m) throw new Error(`--broker: expected host[:port], got ${JSON.stringify(value)}`);
  const port = m[2] ? Number(m[2]) : fallbackPort;
  if (port < 1 || port > 65535) throw new Error(`--broker: port out of range: ${port}`);
  return { host: m[1]!, port };
}

/** The broker the devices should reach, from --broker or the server's environment. */
function brokerFrom(arg: string | undefined, env: NodeJS.ProcessEnv): { host: string; port: number } {
  const envPort = Number(env.QMS_MQTT_PORT) || 1883;
  if (arg) return parseBroker(arg, envPort);
  if (env.QMS_MQTT_URL) {
    // Only host and port are taken: the server's own login in the URL is not the devices'.
    const u = new URL(env.QMS_MQTT_URL);
    return { host: u.hostname, port: Number(u.port) || 1883 };
  }
  return { host: DEFAULT_BROKER_HOST, port: envPort };
}

/** Runs the generator with command-line arguments; returns the exit code. */
export function main(argv: string[], env: NodeJS.ProcessEnv = process.env): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: "string" },
      config: { type: "string" },
      broker: { type: "string" },
      "base-topic": { type: "string" },
      "printer-output": { type: "string", multiple: true },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help || !values.out) {
    console.log(
      "usage: npm run firmware-config -- --out DIR [--config hall.yaml] [--broker host[:port]]\n" +
        "         [--base-topic qms] [--printer-output <printerId>=<output>]…",
    );
    return values.help ? 0 : 2;
  }
  const configPath = values.config || env.QMS_HALL_CONFIG || "";
  const config = loadHallConfig(configPath);
  const broker = brokerFrom(values.broker, env);
  const outputs = new Map<string, string>();
  for (const spec of values["printer-output"] ?? []) {
    const i = spec.indexOf("=");
    if (i < 1) throw new Error(`--printer-output: expected <printerId>=<output>, got ${spec}`);
    outputs.set(spec.slice(0, i), spec.slice(i + 1));
  }
  const files = buildFirmwareConfig({
    config,
    baseTopic: values["base-topic"] || env.QMS_BASE_TOPIC || "qms",
    brokerHost: broker.host,
    brokerPort: broker.port,
    printerOutput: (id) => outputs.get(id) ?? "/dev/usb/lp0",
    source: configPath ? configPath.split(/[\\/]/).pop()! : "the demo hall",
  });
  const outDir = resolve(values.out);
  for (const [rel, text] of files) {
    const path = join(outDir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  console.log(`firmware-config: wrote ${files.size} files for hall ${config.id} to ${outDir}`);
  if (broker.host === DEFAULT_BROKER_HOST)
    console.log(
      `  broker ${broker.host}:${broker.port} is a placeholder: pass --broker <server LAN address>`,
    );
  console.log("  next: copy secrets.example.yaml to secrets.yaml there and fill it in");
  return 0;
}

if (import.meta.main) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    console.error(e instanceof ConfigError ? e.message : `firmware-config: ${(e as Error).message}`);
    process.exitCode = 1;
  }
}
