/**
 * The province server (issue 13; docs/decisions/0090-province-level.md), the one place that
 * wires its pieces: the PostgreSQL store (PGlite under the data folder by default, a server by
 * URL), the MQTT broker (embedded aedes by default, an external Mosquitto/EMQX by URL), the
 * live wall, the HTTP API and the dashboard. `startProvince()` runs it in-process (tests use
 * port 0); `npm run province` runs it from the environment (province/README.md), and
 * `npm run province -- add-hall ID` and friends are the command line (cli.ts).
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { networkInterfaces } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Server } from "bun";
import { Auth } from "../server/http/auth.ts";
import { clientAddress, parseTrustedProxies } from "../server/http/client-address.ts";
import { redact } from "../server/mqtt/link.ts";
import { serviceDay } from "../server/queue/time.ts";
import { createProvinceApp } from "./http/app.ts";
import { ProvinceAuth } from "./http/auth.ts";
import { IngestQueue } from "./ingest/queue.ts";
import { LiveWall } from "./live/wall.ts";
import { ProvinceAcl } from "./mqtt/acl.ts";
import { type ProvinceBroker, startProvinceBroker } from "./mqtt/broker.ts";
import { embeddedLink, externalLink, type ProvinceLink } from "./mqtt/link.ts";
import { MonthCache } from "./reports/month-cache.ts";
import { ProvinceStore } from "./store/store.ts";

export const PROVINCE_VERSION = "0.1.0";
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** Where a running server leaves its URL and a local admin token for the command line. */
export const SERVER_FILE = "server.json";

export interface ProvinceOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  databaseUrl?: string;
  /** External broker for the province server itself (`mqtt://province:PASSWORD@host:1883`); unset = embedded. */
  mqttUrl?: string;
  /** TCP port of the embedded broker (0 = any free port). */
  mqttPort?: number;
  /** The broker URL halls are told to use (default: the embedded broker on this machine's LAN address). */
  mqttPublicUrl?: string;
  baseTopic?: string;
  adminPassword?: string;
  targetMin?: number;
  distDir?: string;
  /** The dashboard's public URL behind a proxy (QMS_PROVINCE_PUBLIC_URL); default: this machine's LAN address and port. */
  publicUrl?: string;
  /** More origins the dashboard is served at (QMS_PROVINCE_ALLOWED_ORIGINS). */
  allowedOrigins?: string[];
  /**
   * Reverse proxies whose `X-Forwarded-For` names the client (QMS_PROVINCE_TRUSTED_PROXIES):
   * without them, behind a proxy one hall sending a wrong secret would hold back every hall's
   * ingest (the failures are counted per address; server/http/client-address.ts).
   */
  trustedProxies?: string[];
  now?: () => number;
  log?: (line: string) => void;
}

export interface RunningProvince {
  url: string;
  port: number;
  /** The broker URL given to halls (no credentials). */
  mqttUrl: string;
  mqttPort: number | null;
  store: ProvinceStore;
  wall: LiveWall;
  dataDir: string;
  stop(): Promise<void>;
}

/** Reads the province's settings from the environment (province/README.md). */
export function provinceOptionsFromEnv(
  env: Record<string, string | undefined> = process.env,
): ProvinceOptions {
  const num = (v: string | undefined) => (v === undefined || v === "" ? undefined : Number(v));
  return {
    port: num(env.QMS_PROVINCE_PORT) ?? 3100,
    dataDir: env.QMS_PROVINCE_DATA_DIR || "./data-province",
    databaseUrl: env.QMS_PROVINCE_DATABASE_URL || undefined,
    mqttUrl: env.QMS_PROVINCE_MQTT_URL || undefined,
    mqttPort: num(env.QMS_PROVINCE_MQTT_PORT) ?? 1884,
    mqttPublicUrl: env.QMS_PROVINCE_MQTT_PUBLIC_URL || undefined,
    baseTopic: env.QMS_BASE_TOPIC || "qms",
    adminPassword: env.QMS_PROVINCE_ADMIN_PASSWORD || undefined,
    publicUrl: env.QMS_PROVINCE_PUBLIC_URL || undefined,
    allowedOrigins: (env.QMS_PROVINCE_ALLOWED_ORIGINS ?? "")
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean),
    trustedProxies: parseTrustedProxies(env.QMS_PROVINCE_TRUSTED_PROXIES, "QMS_PROVINCE_TRUSTED_PROXIES"),
  };
}

/** The password of the province server's own broker login, made once and kept in the store. */
export async function provinceMqttPassword(store: ProvinceStore): Promise<string> {
  const have = await store.staff.setting("mqtt.provincePassword");
  if (have) return have;
  const pw = randomBytes(18).toString("base64url");
  await store.staff.setSetting("mqtt.provincePassword", pw);
  return pw;
}

/** First start: the `admin` account, with QMS_PROVINCE_ADMIN_PASSWORD or a random password printed once. */
async function seedAdmin(store: ProvinceStore, password: string | undefined, log: (l: string) => void) {
  if ((await store.staff.count()) > 0) return;
  const pw = password ?? randomBytes(12).toString("base64url");
  await store.staff.create(
    {
      username: "admin",
      passwordHash: await Auth.hashPassword(pw),
      name: "Quản trị cấp tỉnh",
      role: "admin",
    },
    Date.now(),
  );
  if (!password) log(`Tài khoản quản trị / admin account: admin / ${pw}  (chỉ in một lần / shown once)`);
}

/** Starts the province server. */
export async function startProvince(o: ProvinceOptions = {}): Promise<RunningProvince> {
  const log = o.log ?? ((l: string) => console.log(l));
  const plog = (m: string) => log(`[province] ${m}`);
  const now = o.now ?? Date.now;
  const dataDir = resolve(o.dataDir ?? "./data-province");
  mkdirSync(dataDir, { recursive: true });
  const base = o.baseTopic ?? "qms";
  const targetMin = o.targetMin ?? 15;

  const store = await ProvinceStore.open({ databaseUrl: o.databaseUrl, dataDir });
  await seedAdmin(store, o.adminPassword, log);
  const mqttPassword = await provinceMqttPassword(store);
  const wall = new LiveWall(store, { targetMin, now, log: plog });
  await wall.start();

  let broker: ProvinceBroker | null = null;
  let link: ProvinceLink;
  if (o.mqttUrl) link = await externalLink(o.mqttUrl, base, wall, plog);
  else {
    broker = await startProvinceBroker({
      port: o.mqttPort ?? 1884,
      host: o.host,
      acl: new ProvinceAcl(base),
      halls: store.halls,
      provincePassword: mqttPassword,
      log: plog,
    });
    link = await embeddedLink(broker.aedes, base, wall, plog);
  }
  const mqttPublicUrl = (
    o.mqttPublicUrl ??
    (o.mqttUrl
      ? redact(o.mqttUrl).replace(/\/\/[^@/]*@/, "//")
      : `mqtt://${o.host && o.host !== "0.0.0.0" ? o.host : lanAddress()}:${broker!.port}`)
  ).replace(/\/$/, "");

  const localToken = randomBytes(24).toString("base64url");
  let server: Server<undefined> | null = null;
  const trusted = new Set(o.trustedProxies ?? []);
  const clientIp = (req: Request): string =>
    clientAddress(server?.requestIP(req)?.address, req.headers.get("x-forwarded-for"), trusted);
  const auth = new ProvinceAuth(store.staff, store.halls, now, clientIp, localToken);
  // Whole months in memory for the long reports: back from the file of the last run at once
  // (checked against the store by each report), then the last twelve months that are missing
  // or changed are read from the store in the background; reports wait for that read.
  const monthCache = new MonthCache();
  const cacheFile = join(dataDir, MONTH_CACHE_FILE);
  const t0 = performance.now();
  const held = monthCache.load(cacheFile);
  if (held > 0)
    plog(`report cache: ${held} hall-months read back in ${Math.round(performance.now() - t0)} ms`);
  const app = createProvinceApp({
    store,
    auth,
    wall,
    monthCache,
    ingestQueue: new IngestQueue(store.sql.kind === "pglite" ? 1 : 4),
    now,
    targetMin,
    mqtt: { url: mqttPublicUrl, baseTopic: base, connected: () => link.connected },
    clientIp,
    keepAlive: (req) => server?.timeout(req, 0),
    distDir: o.distDir ?? join(ROOT, "dist"),
    publicUrl: () =>
      (
        o.publicUrl ??
        `http://${o.host && o.host !== "0.0.0.0" ? o.host : lanAddress()}:${server?.port ?? o.port ?? 3100}`
      ).replace(/\/$/, ""),
    allowedOrigins: o.allowedOrigins,
    version: PROVINCE_VERSION,
    log: plog,
  });
  server = Bun.serve({
    port: o.port ?? 3100,
    hostname: o.host ?? "0.0.0.0",
    idleTimeout: 30,
    development: false,
    fetch: (req, srv) => app.fetch(req, { server: srv }),
  });
  const port = server.port!;
  let saved = Promise.resolve();
  void monthCache
    .fill(store.reports, monthsBefore(serviceDay(now()), 12), `${serviceDay(now()).slice(0, 7)}-01`)
    .then((read) => {
      if (read > 0) saved = saveCache(monthCache, cacheFile, plog);
    })
    .catch((e) => plog(`report cache not filled: ${(e as Error).message}`));
  // A turn of the event loop held for over a second is logged: the live wall, the broker and
  // every request wait on it (the database runs in its own thread or server, so it should not).
  let turn = performance.now();
  const loopWatch = setInterval(() => {
    const late = performance.now() - turn - 500;
    turn = performance.now();
    if (late > 1000) plog(`event loop held for ${Math.round(late)} ms`);
  }, 500);
  const url = `http://localhost:${port}`;
  const serverFile = join(dataDir, SERVER_FILE);
  writeFileSync(serverFile, JSON.stringify({ pid: process.pid, url, token: localToken }), { mode: 0o600 });

  let stopped = false;
  return {
    url,
    port,
    mqttUrl: mqttPublicUrl,
    mqttPort: broker?.port ?? null,
    store,
    wall,
    dataDir,
    async stop() {
      if (stopped) return;
      stopped = true;
      rmSync(serverFile, { force: true });
      clearInterval(loopWatch);
      wall.stop();
      await saved;
      await saveCache(monthCache, cacheFile, plog);
      server?.stop(true);
      await link.stop().catch(() => {});
      await broker?.close();
      await store.close();
    },
  };
}

/** The report cache's file in the data folder (reports/month-cache.ts). */
export const MONTH_CACHE_FILE = "month-cache.bin";

/** Keeps the report cache for the next start (a failure only costs the next start a read from the store). */
async function saveCache(cache: MonthCache, file: string, log: (m: string) => void): Promise<void> {
  try {
    cache.save(file);
  } catch (e) {
    log(`report cache not saved: ${(e as Error).message}`);
  }
}

/** The first day of the month `n` months before the month of `day` (YYYY-MM-DD). */
function monthsBefore(day: string, n: number): string {
  const [y, m] = day.split("-").map(Number) as [number, number];
  const k = y * 12 + (m - 1) - n;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, "0")}-01`;
}

/** The machine's first LAN IPv4 address, else localhost. */
export function lanAddress(): string {
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) if (a.family === "IPv4" && !a.internal) return a.address;
  return "localhost";
}

if (import.meta.main) {
  const { runCli } = await import("./cli.ts");
  await runCli(process.argv.slice(2)).catch((e: Error) => {
    console.error(`Không chạy được / cannot run: ${e.message}`);
    process.exit(2);
  });
}
