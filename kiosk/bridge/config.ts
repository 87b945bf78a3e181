/**
 * Settings of the printer bridge, from command-line flags (`--name value` or
 * `--name=value`) or environment variables; flags win. See kiosk/bridge/README.md.
 */
import { readFileSync } from "node:fs";
import { ID_PATTERN } from "../../server/contract/index.ts";

export interface BridgeConfig {
  /** mqtt://host:port of the hall's broker (credentials in the URL are ignored). */
  brokerUrl: string;
  hall: string;
  base: string;
  /** Printer id of the hall config; also the bridge's MQTT username and device id. */
  printer: string;
  password: string;
  /** Output spec: /dev/usb/lp0, tcp://host:9100, or a file path. */
  output: string;
  /** File remembering printed job ids across reconnects and restarts. */
  stateFile: string;
  /** Fixed MQTT client id, required by the persistent session. */
  clientId: string;
  /** Delay between reconnect attempts (forever). */
  reconnectMs: number;
  /** Seconds between paper probes of a TCP printer; 0 = never. */
  probeIntervalSec: number;
}

const FLAGS: Record<string, { env: string; help: string }> = {
  broker: { env: "QMS_MQTT_URL", help: "broker URL, e.g. mqtt://192.168.1.10:1883" },
  hall: { env: "QMS_HALL", help: "hall id, e.g. phu-lien" },
  base: { env: "QMS_BASE_TOPIC", help: "base topic (default qms)" },
  printer: { env: "QMS_PRINTER_ID", help: "printer id = device login, e.g. printer-1" },
  password: { env: "QMS_DEVICE_PASSWORD", help: "device password" },
  "password-file": { env: "QMS_DEVICE_PASSWORD_FILE", help: "file holding the device password" },
  output: { env: "QMS_PRINTER_OUTPUT", help: "/dev/usb/lp0, tcp://host:9100 or a file" },
  state: { env: "QMS_BRIDGE_STATE", help: "state file (default ./printer-bridge-<printer>.json)" },
  "client-id": { env: "QMS_MQTT_CLIENT_ID", help: "MQTT client id (default qms-bridge-<hall>-<printer>)" },
  "reconnect-ms": { env: "QMS_RECONNECT_MS", help: "reconnect period in ms (default 2000)" },
  "probe-interval": {
    env: "QMS_PROBE_INTERVAL",
    help: "seconds between paper probes of a tcp printer (default 30, 0 = off)",
  },
};

/** Usage text for `--help` and configuration errors. */
export function usage(): string {
  const lines = Object.entries(FLAGS).map(([k, v]) => `  --${k.padEnd(15)} ${v.env.padEnd(26)} ${v.help}`);
  return `Usage: npm run printer-bridge -- [flags]   (flag, environment variable, meaning)\n${lines.join("\n")}`;
}

export class BridgeConfigError extends Error {}

/** Reads the configuration; throws BridgeConfigError naming every problem. */
export function parseBridgeConfig(argv: string[], env: Record<string, string | undefined>): BridgeConfig {
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith("--")) throw new BridgeConfigError(`unexpected argument ${a}\n${usage()}`);
    const eq = a.indexOf("=");
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (!(name in FLAGS)) throw new BridgeConfigError(`unknown flag --${name}\n${usage()}`);
    const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new BridgeConfigError(`--${name} needs a value`);
    flags[name] = value;
  }
  const get = (k: string) => flags[k] ?? env[FLAGS[k]!.env] ?? undefined;
  const problems: string[] = [];
  const hall = get("hall") ?? "";
  const printer = get("printer") ?? "";
  const base = get("base") ?? "qms";
  if (!ID_PATTERN.test(hall)) problems.push("--hall: a lowercase id is required");
  if (!ID_PATTERN.test(printer)) problems.push("--printer: a lowercase id is required");
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(base)) problems.push("--base: lowercase letters, digits, - and _");
  let password = get("password");
  const pwFile = get("password-file");
  if (password === undefined && pwFile) {
    try {
      password = readFileSync(pwFile, "utf8").trim();
    } catch {
      problems.push(`--password-file: cannot read ${pwFile}`);
    }
  }
  if (!password) problems.push("--password or --password-file is required (the printer's device password)");
  const output = get("output") ?? "";
  if (!output) problems.push("--output is required");
  const brokerUrl = get("broker") ?? "mqtt://127.0.0.1:1883";
  try {
    const u = new URL(brokerUrl);
    if (!["mqtt:", "mqtts:", "tcp:", "ws:", "wss:"].includes(u.protocol))
      problems.push(`--broker: unsupported ${u.protocol}`);
  } catch {
    problems.push(`--broker: not a URL: ${brokerUrl}`);
  }
  const num = (k: string, def: number) => {
    const v = get(k);
    if (v === undefined) return def;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) problems.push(`--${k}: a number ≥ 0 is required`);
    return n;
  };
  const reconnectMs = num("reconnect-ms", 2000);
  const probeIntervalSec = num("probe-interval", 30);
  if (problems.length) throw new BridgeConfigError(`${problems.join("\n")}\n${usage()}`);
  return {
    brokerUrl,
    hall,
    base,
    printer,
    password: password!,
    output,
    stateFile: get("state") ?? `./printer-bridge-${printer}.json`,
    clientId: get("client-id") ?? `qms-bridge-${hall}-${printer}`,
    reconnectMs: Math.max(100, reconnectMs),
    probeIntervalSec,
  };
}
