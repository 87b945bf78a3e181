/**
 * The hall's VAPID keys (RFC 8292): generated once, on the first start, and kept in the
 * data directory (`vapid.json`, 0600, like the device credentials). Changing them would
 * orphan every push subscription of the day, so they are never rotated by the server;
 * deleting the file makes new ones (visitors then subscribe again).
 */
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import webpush from "web-push";

export const VAPID_FILE = "vapid.json";

export interface VapidKeys {
  /** base64url of the uncompressed P-256 public key (65 bytes): the page's `applicationServerKey`. */
  publicKey: string;
  privateKey: string;
}

/** Reads the keys of `dataDir`, or generates and writes them (0600). */
export function ensureVapidKeys(dataDir: string): VapidKeys {
  const path = join(dataDir, VAPID_FILE);
  if (existsSync(path)) {
    if ((statSync(path).mode & 0o777) !== 0o600) chmodSync(path, 0o600);
    const k = JSON.parse(readFileSync(path, "utf8")) as VapidKeys;
    if (typeof k.publicKey === "string" && typeof k.privateKey === "string") return k;
    throw new Error(`${path}: not a VAPID key file (delete it to make new keys)`);
  }
  const k = webpush.generateVAPIDKeys();
  writeFileSync(path, `${JSON.stringify(k, null, 2)}\n`, { mode: 0o600, flag: "wx" });
  return k;
}

/** Fresh keys kept in memory (in-process tests). */
export function memoryVapidKeys(): VapidKeys {
  return webpush.generateVAPIDKeys();
}
