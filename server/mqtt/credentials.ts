/**
 * MQTT logins of the hall's devices, generated once per device of the hall config and
 * kept in `<dataDir>/device-credentials.json` (mode 0600): a JSON map from device id to
 * password, with the reserved id `server` for the server's own client, and the tokens of
 * the kiosks (HTTP only, never an MQTT login). Devices added to the config later get a
 * password at the next start; nothing is ever printed.
 */

import { timingSafeEqual } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DeviceInfo } from "../contract/config.ts";

export const CREDENTIALS_FILE = "device-credentials.json";
export const SERVER_LOGIN = "server";

export type Credentials = Record<string, string>;

function newPassword(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64url");
}

/**
 * Reads the credentials file, adding a password for every device that lacks one;
 * `httpDevices` are devices that only speak HTTP (kiosks: docs/decisions/0023).
 */
export function ensureCredentials(
  dataDir: string,
  devices: readonly DeviceInfo[],
  httpDevices: readonly string[] = [],
): Credentials {
  const path = join(dataDir, CREDENTIALS_FILE);
  let creds: Credentials = {};
  if (existsSync(path)) creds = JSON.parse(readFileSync(path, "utf8")) as Credentials;
  let changed = false;
  for (const id of [SERVER_LOGIN, ...devices.map((d) => d.id), ...httpDevices]) {
    if (!creds[id]) {
      creds[id] = newPassword();
      changed = true;
    }
  }
  if (changed) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(path, `${JSON.stringify(creds, null, 2)}\n`, { mode: 0o600 });
  }
  return creds;
}

/** Constant-time check of a login. */
export function checkLogin(creds: Credentials, username: string, password: string): boolean {
  const want = creds[username];
  if (!want) return false;
  const a = Buffer.from(want);
  const b = Buffer.from(password);
  return a.length === b.length && timingSafeEqual(a, b);
}
