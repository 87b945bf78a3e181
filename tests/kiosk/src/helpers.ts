/**
 * Shared pieces of the visitor-app browser tests: the kiosk and phone bundles built into
 * a private dist folder (so a concurrent `npm run build`, which wipes dist/, cannot pull
 * the files from under a running test), a real hall on a free port serving them, and one
 * headless Chromium per test file.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import mqtt from "mqtt";
import type { Page } from "playwright-core";
import { topics } from "../../../server/contract/topics.ts";
import type { HallOptions, RunningHall } from "../../../server/main.ts";
import { buildPrivateDist, launchBrowser } from "../../helpers/browser.ts";
import { client, login, startTestHall } from "../../helpers/hall.ts";
import { decodeQr } from "../../helpers/tools.ts";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

/** Builds the kiosk app's pages (production mode) into a fresh dir. */
export function buildVisitorApps(): Promise<{ distDir: string; bytes: Record<string, number> }> {
  return buildPrivateDist((p) => p.app === "kiosk");
}

/** A real hall serving the freshly built visitor apps. */
export async function startVisitorHall(distDir: string, o: HallOptions = {}): Promise<RunningHall> {
  return startTestHall({ distDir, ...o });
}

export { launchBrowser };

/**
 * The kiosk page as a technician installs it: the kiosk id, and its device token in the
 * URL fragment (`#pair=…`, kiosk/README.md); the page keeps the token in localStorage.
 */
export function kioskPath(h: RunningHall, kioskId: string): string {
  const creds = JSON.parse(readFileSync(join(h.dataDir, "device-credentials.json"), "utf8"));
  return `/kiosk?kiosk=${kioskId}#pair=${creds[kioskId]}`;
}

/** Collects uncaught page errors so a test can assert there were none. */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  return errors;
}

/** An officer holding counter `n`, driving it through the HTTP API. */
export async function officerAt(h: RunningHall, n: number, username = `canbo${n}`) {
  const token = await login(h.url, username);
  const api = client(h.url, token);
  const open = await api("POST", `/api/counters/${n}/open`);
  if (open.status !== 200) throw new Error(`open counter ${n}: ${open.status} ${JSON.stringify(open.body)}`);
  const act = async (action: "call-next" | "recall" | "no-show" | "start" | "finish" | "close") => {
    const r = await api("POST", `/api/counters/${n}/${action}`);
    if (r.status >= 300) throw new Error(`${action} at ${n}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as { ticket: { number: string; code: string; status: string } } | null;
  };
  return { api, act };
}

/** Where screenshots go: docs/screenshots/ with UPDATE_SCREENSHOTS=1, else a temp dir. */
/**
 * A keyboard-wedge scan as a USB 2D scanner sends it: every character's keydown, then
 * Enter, in one burst (a scanner sends a whole code in a few milliseconds). Dispatched in
 * the page in one go: `keyboard.type` sends each key over the DevTools protocol, and on a
 * loaded machine its gaps grew past the kiosk's 50 ms median / 300 ms idle rule, so a scan
 * arrived as typing or in pieces (seen in CI). Human typing is still `keyboard.type`.
 */
export async function scanBurst(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => {
    for (const key of [...t, "Enter"])
      window.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
  }, text);
}

export function screenshotDir(): string {
  if (process.env.UPDATE_SCREENSHOTS === "1") return join(ROOT, "docs", "screenshots");
  return mkdtempSync(join(tmpdir(), "qms-shots-"));
}

/** Decodes the QR codes in a PNG with zbarimg (zbar-tools): the payloads, one per code. */
export const readQr = decodeQr;

export interface FakeBridge {
  /** Job ids received, in order. */
  jobs: string[];
  /** The job payloads (the bytes the printer would print), in order. */
  payloads: Buffer[];
  /** Publishes the retained paper state. */
  paper(state: "ok" | "low" | "out"): Promise<void>;
  /** Stops acknowledging jobs (a printer that never answers). */
  mute(on: boolean): void;
  close(): Promise<void>;
}

/**
 * A minimal printer bridge for printer `id`, logged in with its device password from the
 * hall's data dir: announces itself online (retained, with an offline last will), reports
 * paper, and acknowledges each job after `ackDelayMs` (so a test can see "printing").
 * The real bridge (kiosk/bridge/) is tested on its own; here only the protocol matters.
 */
export async function fakeBridge(h: RunningHall, id: string, ackDelayMs = 600): Promise<FakeBridge> {
  const creds = JSON.parse(readFileSync(join(h.dataDir, "device-credentials.json"), "utf8"));
  const t = topics("qms", h.hall.config.id);
  const c = await mqtt.connectAsync(`mqtt://127.0.0.1:${h.mqttPort}`, {
    username: id,
    password: creds[id],
    reconnectPeriod: 0,
    will: { topic: t.deviceStatus(id), payload: Buffer.from("offline"), retain: true, qos: 1 },
  });
  const jobs: string[] = [];
  const payloads: Buffer[] = [];
  let muted = false;
  c.on("message", (topic, payload) => {
    const jobId = topic.split("/").pop()!;
    jobs.push(jobId);
    payloads.push(payload);
    if (!muted) setTimeout(() => void c.publishAsync(t.printerAck(id), jobId, { qos: 1 }), ackDelayMs);
  });
  await c.subscribeAsync(t.printerJob(id, "+"), { qos: 1 });
  await c.publishAsync(t.printerPaper(id), "ok", { qos: 1, retain: true });
  await c.publishAsync(t.deviceStatus(id), "online", { qos: 1, retain: true });
  return {
    jobs,
    payloads,
    paper: async (state) => {
      await c.publishAsync(t.printerPaper(id), state, { qos: 1, retain: true });
    },
    mute: (on) => {
      muted = on;
    },
    close: async () => {
      // The hall may be gone already (its broker with it): then just drop the client.
      if (c.connected) await c.publishAsync(t.deviceStatus(id), "offline", { qos: 1, retain: true });
      await c.endAsync(true);
    },
  };
}
