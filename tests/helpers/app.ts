/**
 * The in-process harness: a whole hall wired exactly as `npm start` wires it
 * (server/main.ts `wireHall`), but on a `:memory:` database, a FakeClock and a fake
 * broker link, with no port and no broker. Requests go through `app.request()` (hono's
 * habit, STYLE.md), so role rules, counter actions, sessions, errors and validation are
 * tested in milliseconds. A few integration tests on top keep the real port, broker and
 * browser (tests/server/integration/, tests/server/mqtt/, the apps' browser tests).
 */
import type { Database } from "bun:sqlite";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadHallConfig } from "../../server/config/load.ts";
import { type HallConfig, hallDevices } from "../../server/contract/config.ts";
import { type Topics, topics } from "../../server/contract/topics.ts";
import { type HallParts, type WiredHall, wireHall } from "../../server/main.ts";
import { type Credentials, SERVER_LOGIN } from "../../server/mqtt/credentials.ts";
import { type Clock, FakeClock } from "../../server/queue/clock.ts";
import { openDatabase } from "../../server/store/db.ts";
import { FakeBrokerLink } from "./fake-link.ts";
import { PASSWORD } from "./hall.ts";

/** A Monday 08:00 in Asia/Ho_Chi_Minh: the default instant of a test hall. */
export const MONDAY_8AM = Date.parse("2026-11-23T08:00:00+07:00");

export interface TestApp extends Omit<WiredHall, "start"> {
  /** What a client at a real port would get for this request, without the port. */
  request(path: string, init?: RequestInit): Promise<Response>;
  clock: Clock;
  link: FakeBrokerLink;
  /** Device passwords and kiosk tokens, as `<dataDir>/device-credentials.json` holds them. */
  credentials: Credentials;
  db: Database;
  topics: Topics;
}

export interface TestAppOptions {
  /** Default: a FakeClock at MONDAY_8AM. */
  clock?: Clock;
  /** Default: the demo hall (server/config/demo-hall.yaml), or the file at hallConfigPath. */
  config?: HallConfig;
  hallConfigPath?: string;
  /** Tickets per minute per client address; default 0 (off). */
  ticketRateLimit?: number;
  publicUrl?: string;
  base?: string;
  /** Reports run inline by default; a test may pass its own runner. */
  reports?: HallParts["reports"];
  /** Where the built pages are; default: a folder without them (pages answer 503). */
  distDir?: string;
  /** More origins the hall is served at (QMS_ALLOWED_ORIGINS). */
  allowedOrigins?: string[];
  /** The client address of a request; default "local" for every request. */
  clientIp?: (req: Request) => string;
  /** The outbox's retry timing (default 10 s doubling to 1 h, give up after 24 h). */
  outboxTiming?: HallParts["outboxTiming"];
  /** Secrets of the notice providers (as QMS_ZALO_ACCESS_TOKEN, QMS_SMS_API_KEY… give them). */
  noticeEnv?: HallParts["noticeEnv"];
}

/**
 * A demo hall in memory; the accounts canbo1…canbo7, quanly and admin share PASSWORD,
 * and `credentials` holds the devices' and kiosks' tokens (X-Device-Token).
 */
export async function createTestApp(o: TestAppOptions = {}): Promise<TestApp> {
  const clock = o.clock ?? new FakeClock(MONDAY_8AM);
  const config = o.config ?? loadHallConfig(o.hallConfigPath);
  const base = o.base ?? "qms";
  const db = openDatabase(":memory:");
  const backupDir = mkdtempSync(join(tmpdir(), "qms-app-backups-"));
  const link = new FakeBrokerLink();
  const token = () => Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64url");
  const credentials: Credentials = Object.fromEntries(
    [SERVER_LOGIN, ...hallDevices(config).map((d) => d.id), ...config.kiosks.map((k) => k.id)].map((id) => [
      id,
      token(),
    ]),
  );
  const w = await wireHall({
    config,
    db,
    clock,
    link,
    base,
    credentials,
    publicUrl: () => o.publicUrl ?? "http://hall.test",
    distDir: o.distDir ?? join(import.meta.dirname, "no-dist"),
    allowedOrigins: o.allowedOrigins,
    clientIp: o.clientIp,
    reports: o.reports,
    outboxTiming: o.outboxTiming,
    noticeEnv: o.noticeEnv,
    noticeCoalesceMs: 0,
    adminPassword: PASSWORD,
    demoPassword: PASSWORD,
    ticketRateLimit: o.ticketRateLimit ?? 0,
    backupDir,
    log: () => {},
  });
  await w.start();
  return {
    ...w,
    request: async (path, init) => w.app.request(path, init),
    clock,
    link,
    credentials,
    db,
    topics: topics(base, config.id),
    async stop() {
      await w.stop();
      db.close();
      rmSync(backupDir, { recursive: true, force: true });
    },
  };
}
