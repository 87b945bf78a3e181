/**
 * Device logins from the server's data folder: `<QMS_DATA_DIR>/device-credentials.json`,
 * a JSON object device id → password, written by the server (server/mqtt/).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const CREDENTIALS_FILE = "device-credentials.json";

/** Reads the device passwords; throws with the path when the file is missing or malformed. */
export function loadDeviceCredentials(dataDir: string): Record<string, string> {
  const path = join(dataDir, CREDENTIALS_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new Error(`${path}: cannot read device credentials: ${(e as Error).message}`);
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw))
    throw new Error(`${path}: expected a JSON object`);
  const out: Record<string, string> = {};
  for (const [id, pw] of Object.entries(raw)) {
    if (typeof pw !== "string" || !pw) throw new Error(`${path}: password of ${id} is not a string`);
    out[id] = pw;
  }
  return out;
}
