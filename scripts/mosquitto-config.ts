/**
 * Writes a Mosquitto 2.0 configuration for the hall's devices (docs/decisions/0021):
 *   npm run mosquitto-config -- --out DIR [--config hall.yaml] [--data ./data] [--base qms]
 *                               [--port 1883] [--bind 0.0.0.0]
 * DIR gets `mosquitto.conf`, `acl`, `passwd` (hashed with mosquitto_passwd), `client-ids`
 * and the `qms_identity` plugin (built with cc; Debian: `apt install mosquitto-dev gcc`).
 * Start the broker with `mosquitto -c DIR/mosquitto.conf` (or include it from
 * /etc/mosquitto/conf.d) and the server with
 * QMS_MQTT_URL=mqtt://server:<password of "server" in <data>/device-credentials.json>@host:1883.
 */
import { chmodSync, chownSync, copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadHallConfig } from "../server/config/load.ts";
import { hallDevices } from "../server/contract/config.ts";
import { ensureCredentials } from "../server/mqtt/credentials.ts";
import {
  mosquittoAcl,
  mosquittoClientIdRules,
  mosquittoConf,
  mosquittoPasswords,
} from "../server/mqtt/mosquitto.ts";

const PLUGIN_SRC = join(
  dirname(fileURLToPath(import.meta.url)),
  "../server/mqtt/mosquitto-plugin/qms_identity.c",
);
const USAGE =
  "usage: npm run mosquitto-config -- --out DIR [--config hall.yaml] [--data ./data] [--base qms] [--port 1883] [--bind ADDRESS]";

const { values } = parseArgs({
  options: {
    out: { type: "string" },
    config: { type: "string" },
    data: { type: "string" },
    base: { type: "string" },
    port: { type: "string" },
    bind: { type: "string" },
  },
});
if (!values.out) {
  console.error(USAGE);
  process.exit(2);
}
const port = Number(values.port ?? 1883);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`--port: 1–65535\n${USAGE}`);
  process.exit(2);
}
const out = resolve(values.out);
mkdirSync(out, { recursive: true });
const config = loadHallConfig(values.config ?? process.env.QMS_HALL_CONFIG);
const devices = hallDevices(config);
const creds = ensureCredentials(resolve(values.data ?? process.env.QMS_DATA_DIR ?? "./data"), devices);
const base = values.base ?? process.env.QMS_BASE_TOPIC ?? "qms";

writeFileSync(join(out, "acl"), mosquittoAcl(base, config.id, devices), { mode: 0o644 });
writeFileSync(join(out, "client-ids"), mosquittoClientIdRules(config.id, devices), { mode: 0o644 });
writeFileSync(
  join(out, "mosquitto.conf"),
  mosquittoConf({ hall: config.id, dir: out, port, bind: values.bind }),
  {
    mode: 0o644,
  },
);
// MQTT logins only: the server and the devices (kiosk tokens are for HTTP).
const logins = new Set(["server", ...devices.map((d) => d.id)]);
const mqttCreds = Object.fromEntries(Object.entries(creds).filter(([id]) => logins.has(id)));
writeFileSync(join(out, "passwd"), mosquittoPasswords(mqttCreds), { mode: 0o600 });
const hashed = Bun.spawnSync(["mosquitto_passwd", "-U", join(out, "passwd")]);
// The broker runs as user mosquitto: the hashed file is given to its group, never to everyone.
const gid = Number(Bun.spawnSync(["getent", "group", "mosquitto"]).stdout.toString().split(":")[2]);
let readable = false;
if (hashed.exitCode === 0 && process.getuid?.() === 0 && Number.isInteger(gid)) {
  chownSync(join(out, "passwd"), 0, gid);
  chmodSync(join(out, "passwd"), 0o640);
  readable = true;
}
for (const f of ["acl", "client-ids", "mosquitto.conf"]) chmodSync(join(out, f), 0o644);

copyFileSync(PLUGIN_SRC, join(out, "qms_identity.c"));
const cc = Bun.spawnSync([
  "cc",
  "-shared",
  "-fPIC",
  "-O2",
  "-o",
  join(out, "qms_identity.so"),
  join(out, "qms_identity.c"),
]);

console.log(`wrote ${out}: mosquitto.conf, acl, passwd, client-ids for ${devices.length} devices + server`);
if (hashed.exitCode !== 0)
  console.warn(
    "mosquitto_passwd not found: passwd holds plain passwords (0600); run `mosquitto_passwd -U passwd` on the broker host",
  );
else if (!readable)
  console.warn(
    "passwd is 0600: give it to the broker's group (chown root:mosquitto passwd; chmod 640 passwd)",
  );
if (cc.exitCode !== 0) {
  console.error(
    `could not build the qms_identity plugin (${cc.stderr.toString().trim().split("\n")[0] ?? "no cc"}):\n` +
      `  apt install gcc mosquitto-dev libmosquitto-dev && cc -shared -fPIC -O2 -o ${out}/qms_identity.so ${out}/qms_identity.c\n` +
      "Mosquitto will not start without it (the config requires it: no broker without the client-id rules).",
  );
  process.exit(1);
}
console.log(`built ${join(out, "qms_identity.so")}; start with: mosquitto -c ${join(out, "mosquitto.conf")}`);
