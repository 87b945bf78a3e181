/**
 * Prints the start URL of every kiosk and counter rating tablet with its device token
 * (docs/decisions/0023-kiosk-device-tokens.md, kiosk/README.md "Installing a kiosk PC"):
 *   npm run device-links -- [--url http://192.168.1.10:3000] [--data ./data] [--config hall.yaml] [--only kiosk-1]
 * The token sits in the URL fragment (`#pair=…`): the page keeps it and removes it from
 * the address bar; a fragment never reaches the server's logs. Treat the output as a secret.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadHallConfig } from "../server/config/load.ts";
import { hallDevices } from "../server/contract/config.ts";
import { ensureCredentials } from "../server/mqtt/credentials.ts";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    data: { type: "string" },
    config: { type: "string" },
    only: { type: "string" },
  },
});
const config = loadHallConfig(values.config ?? process.env.QMS_HALL_CONFIG);
const creds = ensureCredentials(
  resolve(values.data ?? process.env.QMS_DATA_DIR ?? "./data"),
  hallDevices(config),
  config.kiosks.map((k) => k.id),
);
const base = (
  values.url ??
  process.env.QMS_PUBLIC_URL ??
  `http://localhost:${process.env.PORT ?? 3000}`
).replace(/\/$/, "");
const rows: [string, string][] = [
  ...config.kiosks.map((k): [string, string] => [k.id, `${base}/kiosk?kiosk=${k.id}#pair=${creds[k.id]}`]),
  ...config.counters.map((c): [string, string] => [
    `rating-${c.number}`,
    `${base}/counter/rating?counter=${c.number}#pair=${creds[`rating-${c.number}`]}`,
  ]),
].filter(([id]) => !values.only || id === values.only);
if (rows.length === 0) {
  console.error(`no such device: ${values.only}`);
  process.exit(2);
}
for (const [id, url] of rows) console.log(`${id.padEnd(10)} ${url}`);
