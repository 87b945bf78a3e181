/**
 * Writes Mosquitto's ACL and password files for the hall's devices:
 *   npm run mosquitto-config -- --out DIR [--config hall.yaml] [--data ./data] [--base qms]
 * then point mosquitto.conf at DIR/acl and DIR/passwd, and start the server with
 * QMS_MQTT_URL=mqtt://server:<password of "server" in DIR/passwd.plain>@host:1883.
 */
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadHallConfig } from "../server/config/load.ts";
import { hallDevices } from "../server/contract/config.ts";
import { ensureCredentials } from "../server/mqtt/credentials.ts";
import { mosquittoAcl, mosquittoPasswords } from "../server/mqtt/mosquitto.ts";

const { values } = parseArgs({
  options: {
    out: { type: "string" },
    config: { type: "string" },
    data: { type: "string" },
    base: { type: "string" },
  },
});
if (!values.out) {
  console.error(
    "usage: npm run mosquitto-config -- --out DIR [--config hall.yaml] [--data ./data] [--base qms]",
  );
  process.exit(2);
}
const out = resolve(values.out);
mkdirSync(out, { recursive: true });
const config = loadHallConfig(values.config ?? process.env.QMS_HALL_CONFIG);
const devices = hallDevices(config);
const creds = ensureCredentials(resolve(values.data ?? process.env.QMS_DATA_DIR ?? "./data"), devices);
writeFileSync(
  join(out, "acl"),
  mosquittoAcl(values.base ?? process.env.QMS_BASE_TOPIC ?? "qms", config.id, devices),
);
writeFileSync(join(out, "passwd"), mosquittoPasswords(creds), { mode: 0o640 });
const hashed = Bun.spawnSync(["mosquitto_passwd", "-U", join(out, "passwd")]);
if (hashed.exitCode !== 0) {
  writeFileSync(join(out, "passwd.plain"), mosquittoPasswords(creds), { mode: 0o600 });
  console.warn(
    "mosquitto_passwd not found: run `mosquitto_passwd -U passwd` on the broker host to hash the file",
  );
}
chmodSync(join(out, "acl"), 0o644);
console.log(`wrote ${join(out, "acl")} and ${join(out, "passwd")} for ${devices.length} devices + server`);
