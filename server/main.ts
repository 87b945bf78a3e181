/**
 * The one place that wires concrete pieces together (STYLE.md habit 2): config, SQLite
 * store, queue core, hall use cases, event bus, HTTP app, SSE, MQTT broker and gateway.
 * `startHall()` runs a whole hall in-process (tests use port 0); run this file to start
 * the hall from the environment variables of CONTRACT.md.
 */

import type { Database } from "bun:sqlite";
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync } from "node:fs";
import { networkInterfaces } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Server } from "bun";
import { AppointmentService } from "./appointments/service.ts";
import { CccdGuard } from "./cccd/guard.ts";
import { DEMO_HALL_PATH, loadHallConfig } from "./config/load.ts";
import { type DeviceInfo, type HallConfig, hallDevices, WEBHOOK_SECRET_PATTERN } from "./contract/config.ts";
import { topics } from "./contract/topics.ts";
import { EventBus } from "./events/bus.ts";
import { WaitEstimates } from "./hall/estimates.ts";
import { Hall } from "./hall/hall.ts";
import { Frame, HallViews } from "./hall/views.ts";
import { createApp } from "./http/app.ts";
import { Auth } from "./http/auth.ts";
import { clientAddress, parseTrustedProxies } from "./http/client-address.ts";
import { DeviceAuth } from "./http/device-auth.ts";
import { API_CSP, BASE_HEADERS } from "./http/headers.ts";
import { RateLimiter } from "./http/rate-limit.ts";
import { LiveFeeds } from "./http/sse/feeds.ts";
import { SseHub } from "./http/sse/hub.ts";
import { KernelSendQueues } from "./http/sse/kernel-queues.ts";
import { Acl } from "./mqtt/acl.ts";
import { type EmbeddedBroker, startEmbeddedBroker, type WsData } from "./mqtt/broker.ts";
import { CREDENTIALS_FILE, type Credentials, ensureCredentials } from "./mqtt/credentials.ts";
import { MqttGateway } from "./mqtt/gateway.ts";
import { AedesLink, type BrokerLink, MqttJsLink, redact } from "./mqtt/link.ts";
import { proxyWebSocketToBroker } from "./mqtt/ws-proxy.ts";
import { BookingNotices } from "./notices/bookings.ts";
import { WebPushProvider } from "./notices/push.ts";
import { NoticeService } from "./notices/service.ts";
import { EsmsProvider } from "./notices/sms.ts";
import { ensureVapidKeys, memoryVapidKeys, type VapidKeys } from "./notices/vapid.ts";
import { ZaloZnsProvider } from "./notices/zalo.ts";
import { type ZaloTokenDeps, ZaloTokenKeeper, zaloTokenFile, zaloTokenMemory } from "./notices/zalo-token.ts";
import { Outbox, type OutboxOptions } from "./outbox/outbox.ts";
import { PrintJobTracker } from "./print/jobs.ts";
import { TicketPrinting } from "./print/service.ts";
import type { Clock } from "./queue/clock.ts";
import { QueueCore } from "./queue/core.ts";
import { ServiceTimes } from "./queue/stats.ts";
import { isoVn, serviceDay } from "./queue/time.ts";
import { inlineRunner, type ReportRunner, WorkerReportRunner } from "./reports/runner.ts";
import { seedUsers } from "./seed-users.ts";
import { HallCare } from "./settings/backups.ts";
import { bootstrapSettings, SettingsService } from "./settings/service.ts";
import { staffingInput } from "./sim/staffing.ts";
import {
  inlineStaffing,
  StaffingAdvisor,
  type StaffingRunner,
  WorkerStaffingRunner,
} from "./sim/staffing-runner.ts";
import { AppointmentStore } from "./store/appointments.ts";
import { openDatabase } from "./store/db.ts";
import { LoginLogStore } from "./store/login-log.ts";
import { NoticeStore } from "./store/notices.ts";
import { OutboxStore } from "./store/outbox.ts";
import { ReportStore } from "./store/reports.ts";
import { SettingsStore } from "./store/settings.ts";
import { HallStore } from "./store/store.ts";
import { UserStore } from "./store/users.ts";
import { systemClock } from "./system-clock.ts";
import { startUplink, type Uplink } from "./uplink/index.ts";
import { WebhookChannel } from "./webhooks/channel.ts";
import { visitWebhooks } from "./webhooks/visit.ts";

export const VERSION = "0.1.0";
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export interface HallOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  hallConfigPath?: string;
  /** The visit webhook's URL and signing secret, over the hall config's (QMS_WEBHOOK_URL, QMS_WEBHOOK_SECRET). */
  webhookUrl?: string;
  webhookSecret?: string;
  /** Secrets of the notice providers (QMS_ZALO_ACCESS_TOKEN[_FILE], QMS_SMS_API_KEY, QMS_SMS_SECRET_KEY). */
  noticeEnv?: NoticeEnv;
  mqttUrl?: string;
  mqttPort?: number;
  /** Simultaneous MQTT connections (TCP + WebSocket) from one address; 0 = no cap. */
  mqttMaxPerAddress?: number;
  baseTopic?: string;
  adminPassword?: string;
  /** One known password for the demo hall's officer and manager accounts (else each its own). */
  demoPassword?: string;
  publicUrl?: string;
  /** More origins the hall is served at, besides its own and the public URL (decision 0024). */
  allowedOrigins?: string[];
  /**
   * Reverse proxies whose `X-Forwarded-For` names the client (QMS_TRUSTED_PROXIES): the
   * per-address limits then count the visitor, not the proxy (server/http/client-address.ts).
   */
  trustedProxies?: string[];
  ticketRateLimit?: number;
  /** Live streams (SSE) at once from one address; 0 = no cap. */
  sseMaxPerAddress?: number;
  /** The hall's clock (default: the machine's); tests pass a FakeClock. */
  clock?: Clock;
  distDir?: string;
  sqliteSync?: "normal" | "full";
  sqliteBusyMs?: number;
  /** Retry timing of the outbox (tests shorten it). */
  outboxTiming?: HallParts["outboxTiming"];
  /** QMS_PROVINCE_URL (server/uplink/settings.ts): the province, with this hall's credential; unset = no uplink. */
  provinceUrl?: string;
  /** QMS_PROVINCE_OFFICER_NAMES: the province may see officers' names (default: ids only). */
  provinceOfficerNames?: boolean;
  /** QMS_UPLINK_MQTT_URL: the province's broker, when not the one it announces. */
  uplinkMqttUrl?: string;
  /** Test knobs of the uplink (batch size, longest backoff, summary throttle). */
  uplinkTuning?: { batch?: number; maxBackoffMs?: number; throttleMs?: number; heartbeatMs?: number };
  log?: (line: string) => void;
}

export interface RunningHall {
  url: string;
  port: number;
  mqttUrl: string;
  mqttPort: number | null;
  /** The embedded broker (null with an external one). */
  broker: EmbeddedBroker | null;
  hall: Hall;
  views: HallViews;
  gateway: MqttGateway;
  outbox: Outbox;
  /** Notices to visitors (issue 14). */
  notices: NoticeService;
  /** The province link, when QMS_PROVINCE_URL is set. */
  uplink: Uplink | null;
  bus: EventBus;
  /** The live streams' hub (its bounds and counts: tests, benches). */
  sse: SseHub;
  dataDir: string;
  stop(): Promise<void>;
}

/** Reads the start-up settings of CONTRACT.md from the environment. */
export function optionsFromEnv(env: Record<string, string | undefined> = process.env): HallOptions {
  const num = (v: string | undefined) => (v === undefined || v === "" ? undefined : Number(v));
  return {
    port: num(env.PORT) ?? 3000,
    dataDir: env.QMS_DATA_DIR || "./data",
    hallConfigPath: env.QMS_HALL_CONFIG || undefined,
    webhookUrl: env.QMS_WEBHOOK_URL || undefined,
    webhookSecret: env.QMS_WEBHOOK_SECRET || undefined,
    noticeEnv: {
      zaloToken: env.QMS_ZALO_ACCESS_TOKEN || undefined,
      zaloTokenFile: env.QMS_ZALO_ACCESS_TOKEN_FILE || undefined,
      zaloAppId: env.QMS_ZALO_APP_ID || undefined,
      zaloAppSecret: env.QMS_ZALO_APP_SECRET || undefined,
      zaloRefreshToken: env.QMS_ZALO_REFRESH_TOKEN || undefined,
      smsApiKey: env.QMS_SMS_API_KEY || undefined,
      smsSecretKey: env.QMS_SMS_SECRET_KEY || undefined,
    },
    mqttUrl: env.QMS_MQTT_URL || undefined,
    mqttPort: num(env.QMS_MQTT_PORT) ?? 1883,
    mqttMaxPerAddress: num(env.QMS_MQTT_MAX_PER_ADDRESS),
    baseTopic: env.QMS_BASE_TOPIC || "qms",
    adminPassword: env.QMS_ADMIN_PASSWORD || undefined,
    demoPassword: env.QMS_DEMO_PASSWORD || undefined,
    publicUrl: env.QMS_PUBLIC_URL || undefined,
    allowedOrigins: env.QMS_ALLOWED_ORIGINS?.split(/[\s,]+/).filter(Boolean),
    trustedProxies: parseTrustedProxies(env.QMS_TRUSTED_PROXIES),
    ticketRateLimit: num(env.QMS_TICKET_RATE_LIMIT) ?? 20,
    sseMaxPerAddress: num(env.QMS_SSE_MAX_PER_ADDRESS),
    sqliteSync: env.QMS_SQLITE_SYNC === "full" ? "full" : "normal",
    provinceUrl: env.QMS_PROVINCE_URL || undefined,
    provinceOfficerNames: env.QMS_PROVINCE_OFFICER_NAMES === "true" || env.QMS_PROVINCE_OFFICER_NAMES === "1",
    uplinkMqttUrl: env.QMS_UPLINK_MQTT_URL || undefined,
  };
}

/**
 * What a hall is made of once its database, clock and broker link are chosen: store,
 * queue core, hall use cases, event bus, MQTT gateway, printing, auth, SSE and the HTTP
 * app. `startHall()` gives it a SQLite file, a real broker and a port; the tests' in-process
 * harness (tests/helpers/app.ts) gives it `:memory:`, a FakeClock and a fake broker link,
 * and calls `app.request()`. Nothing here opens a port or touches the data directory.
 */
export interface HallParts {
  /**
   * The config file's configuration: version 1 of the settings on the first start, a new
   * version when the file's text changed since; otherwise the settings in force win
   * (server/settings/service.ts `bootstrapSettings`).
   */
  config: HallConfig;
  /** The config file's text (to notice that it changed); absent = the object's JSON. */
  configText?: string;
  /** An open, migrated database (openDatabase): a file, or `:memory:`. */
  db: Database;
  clock: Clock;
  /** The gateway's way to the broker (embedded, external, or a test's fake). */
  link: BrokerLink;
  /** MQTT base topic. */
  base: string;
  /** Device passwords and kiosk tokens (ensureCredentials): what DeviceAuth checks. */
  credentials: Credentials;
  /** Base of the URLs in QR codes and status links (known only after listen). */
  publicUrl: () => string;
  distDir: string;
  /** Where reports run (default: inline, in the caller's thread). */
  reports?: (store: ReportStore, config: () => HallConfig) => ReportRunner;
  /** Where the staffing advice is simulated (default: inline, in the caller's thread). */
  staffing?: () => StaffingRunner;
  adminPassword?: string;
  demoPassword?: string;
  ticketRateLimit?: number;
  /** Lookups of ticket codes that do not exist per address in 10 minutes (default 30; 0 = off). */
  codeGuessLimit?: number;
  /** More origins the hall is served at (QMS_ALLOWED_ORIGINS). */
  allowedOrigins?: string[];
  /** Live streams at once from one address (default 20; 0 = no cap). */
  sseMaxPerAddress?: number;
  /** How often time-dependent views are rebuilt (waits, estimates; default 15 s). */
  refreshMs?: number;
  /** The client address of a request (default "local"). */
  clientIp?: (req: Request) => string;
  /** Bytes the kernel holds unsent for a live stream's connection (sse/kernel-queues.ts). */
  sseKernelQueue?: (req: Request) => (() => number) | null;
  /** Keeps a long-lived request (SSE) open past the server's idle timeout. */
  keepAlive?: (req: Request) => void;
  /** Health details added by the transport (e.g. the MQTT WebSocket path). */
  health?: () => Record<string, unknown>;
  /** Pre-render sample tickets in the background (the server: yes; tests: no). */
  warmUp?: boolean;
  /** Retry timing of the outbox (tests shorten it); default 10 s doubling to 1 h, give up after 24 h. */
  outboxTiming?: Pick<OutboxOptions, "baseMs" | "maxMs" | "giveUpMs">;
  /** `QMS_WEBHOOK_URL` / `QMS_WEBHOOK_SECRET`: override the settings' webhook, never saved in them. */
  webhookEnv?: { url?: string; secret?: string };
  /** Secrets of the notice providers: never settings (decision 0115). */
  noticeEnv?: NoticeEnv;
  /** The hall's VAPID keys (startHall: `<dataDir>/vapid.json`); absent = fresh keys in memory. */
  vapid?: VapidKeys;
  /** Where the Zalo token keeper saves its tokens (startHall: `<dataDir>/zalo-token.json`); absent = memory. */
  zaloTokenStore?: Pick<ZaloTokenDeps, "load" | "save">;
  /** How long the notices' threshold pass coalesces changes (default 250 ms). */
  noticeCoalesceMs?: number;
  /**
   * The hall's devices and kiosks after a settings change: give new ones their credentials
   * and broker logins (startHall: the credentials file and the embedded broker).
   */
  onDevices?: (devices: DeviceInfo[], kiosks: string[]) => void;
  /** Where backups are written (`<dataDir>/backups`); absent = no backups (in-memory tests). */
  backupDir?: string;
  log: (line: string) => void;
}

export interface WiredHall {
  app: ReturnType<typeof createApp>;
  hall: Hall;
  gateway: MqttGateway;
  /** Messages to outside systems (the visit webhook; issue 14's notices). */
  outbox: Outbox;
  /** Notices to visitors before their turn (issue 14). */
  notices: NoticeService;
  bus: EventBus;
  views: HallViews;
  live: LiveFeeds;
  sse: SseHub;
  settings: SettingsService;
  /** Backups and the retention job (decision 0103); null without `backupDir`. */
  care: HallCare | null;
  /** Appointments (issue 14); `sweep()` is the no-show job. */
  appointments: AppointmentService;
  /** Connects the gateway (retained state out, device messages in). */
  start(waitMs?: number): Promise<void>;
  /** Stops timers, reports, the gateway and SSE streams (the caller closes db, server, broker). */
  stop(): Promise<void>;
}

/** Wires the pieces of one hall; see HallParts. */
export async function wireHall(p: HallParts): Promise<WiredHall> {
  const { db, clock, base } = p;
  const store = new HallStore(db);
  const users = new UserStore(db);
  const now = clock.now();
  const settingsStore = new SettingsStore(db);
  const boot = bootstrapSettings(settingsStore, { config: p.config, text: p.configText }, now, p.log);
  const config = boot.config;
  const t = topics(base, config.id);
  const times = new ServiceTimes(new Map(config.services.map((s) => [s.id, s.defaultServiceMin * 60_000])));
  for (const s of store.recentServiceTimes()) times.add(s.serviceId, s.ms);
  const newCode = () => base32(crypto.getRandomValues(new Uint8Array(10)));
  const core = new QueueCore(config, store.loadCoreState(serviceDay(now), isoVn), times, newCode, isoVn);
  const bus = new EventBus();
  // Every waiting ticket's estimate in one run, once per change, shared by the issue
  // route, ticket lookups and the live views (hall/estimates.ts, decision 0104).
  const estimates: WaitEstimates = new WaitEstimates({
    estimateAll: (now) => core.estimateAll(now),
    estimateSome: (ids, now) => core.estimateSome(ids, now),
    version: (): number => hall.version,
    now: () => clock.now(),
  });
  const hall: Hall = new Hall({
    core,
    store,
    clock,
    bus,
    publicUrl: p.publicUrl,
    configVersion: boot.version,
    estimate: (id, now) => estimates.all(now).get(id) ?? null,
  });
  const views = new HallViews({
    hall,
    core,
    store,
    config: () => hall.config,
    bus,
    now: () => clock.now(),
    publicUrl: p.publicUrl,
    // The queue core's one-pass estimate: every waiting ticket at once, once per change.
    estimate: (_ids, now) => estimates.all(now),
    user: (id) => {
      const u = users.byId(id);
      return u ? { id: u.id, username: u.username, name: u.name, role: u.role } : null;
    },
  });
  const settings = new SettingsService(
    {
      store: settingsStore,
      clock,
      bus,
      hall,
      userName: (id) => {
        const u = users.byId(id);
        return u ? { id: u.id, username: u.username, name: u.name } : null;
      },
    },
    boot,
  );

  // Outside systems (issue 15, decision 0043): the outbox, written in the hall's own
  // transactions, delivered by its worker; the signed visit webhook is its first channel.
  const outboxStore = new OutboxStore(db);
  let notices: NoticeService | null = null;
  const outbox = new Outbox({
    store: outboxStore,
    clock,
    channels: [
      new WebhookChannel(() => withWebhookEnv(hall.config, p.webhookEnv), systemClock, `qms-hall/${VERSION}`),
    ],
    log: p.log,
    onSettled: (s) => notices?.settled(s),
    ...p.outboxTiming,
  });
  // Notices to visitors (issue 14, decision 0115): Web Push, Zalo ZNS and SMS providers,
  // channels of the same outbox; triggers from the read side and the hall's commits.
  const vapid = p.vapid ?? memoryVapidKeys();
  const env = p.noticeEnv ?? {};
  // The OA access token renewed in the hall when the Zalo app's id, secret and a refresh token are given.
  const zaloKeeper =
    env.zaloAppId && env.zaloAppSecret
      ? new ZaloTokenKeeper({
          appId: env.zaloAppId,
          appSecret: env.zaloAppSecret,
          seedRefreshToken: env.zaloRefreshToken ?? null,
          tokenUrl: () => hall.config.notices.zalo.tokenUrl,
          now: () => clock.now(),
          ...(p.zaloTokenStore ?? zaloTokenMemory()),
          log: (msg, extra) => p.log(extra ? `${msg} ${JSON.stringify(extra)}` : msg),
        })
      : null;
  const zaloTick = zaloKeeper ? setInterval(() => void zaloKeeper.tick(), 60_000) : null;
  zaloTick?.unref?.();
  void zaloKeeper?.tick();
  notices = new NoticeService({
    db,
    hall,
    views,
    store: new NoticeStore(db),
    outbox,
    bus,
    config: () => hall.config,
    publicUrl: p.publicUrl,
    vapidPublicKey: () => vapid.publicKey,
    log: p.log,
    coalesceMs: p.noticeCoalesceMs,
    providers: [
      new WebPushProvider(
        () => ({
          enabled: hall.config.notices.push.enabled,
          subject: vapidSubject(hall.config.notices.push.contact, p.publicUrl(), hall.config.id),
          timeoutSec: hall.config.notices.push.timeoutSec,
        }),
        () => vapid,
      ),
      new ZaloZnsProvider(
        () => hall.config.notices.zalo,
        () => zaloKeeper?.token() ?? zaloToken(env),
      ),
      new EsmsProvider(
        () => hall.config.notices.sms,
        () =>
          env.smsApiKey && env.smsSecretKey ? { apiKey: env.smsApiKey, secretKey: env.smsSecretKey } : null,
      ),
    ],
  });
  for (const ch of notices.channels()) outbox.addChannel(ch);
  notices.start();
  hall.onCommit(
    visitWebhooks({
      outbox,
      store: outboxStore,
      config: () => withWebhookEnv(hall.config, p.webhookEnv),
      dossierOf: (id) => hall.dossierOf(id),
    }),
  );

  const gateway = new MqttGateway({
    link: p.link,
    base,
    topics: t,
    hall,
    views,
    bus,
    isActive: (id) => users.byId(id)?.disabled === false,
    now: () => clock.now(),
  });

  // Printing (issue 3): jobs go out through the gateway; acks, paper and availability
  // of the printer bridges come back through its device handlers.
  const tracker = new PrintJobTracker({
    base,
    hall: config.id,
    printers: config.printers.map((x) => x.id),
    publish: (topic, bytes) => {
      if (!gateway.publish(topic, bytes)) throw new Error("broker not connected");
    },
    now: () => clock.now(),
  });
  gateway.addHandler((parsed, payload) => tracker.handleParsed(parsed, payload));
  // Print jobs and printers on the typed bus: the kiosks' and managers' streams follow them.
  tracker.onChange((c) => bus.emit("print", c));
  const printing = new TicketPrinting(() => hall.config, tracker);
  // A settings change: printers and devices follow (the gateway republishes the boards itself).
  bus.on("config", ({ config: next }) => {
    tracker.setPrinters(
      next.printers.map((x) => x.id),
      (id) => (gateway.devices.has(id) ? gateway.devices.get(id)!.status === "online" : undefined),
    );
    p.onDevices?.(
      hallDevices(next),
      next.kiosks.map((k) => k.id),
    );
  });
  const stopWarmUp = p.warmUp ? printing.startWarmUp() : () => {};

  const auth = new Auth(users, { now: () => clock.now(), log: new LoginLogStore(db) });
  await seedUsers(users, config.id, p.adminPassword, p.log, p.demoPassword, clock.now());
  const reportStore = new ReportStore(db);
  const reports = p.reports
    ? p.reports(reportStore, () => hall.config)
    : inlineRunner(reportStore, () => hall.config);
  const sse = new SseHub({ maxPerAddress: p.sseMaxPerAddress, kernelQueue: p.sseKernelQueue, log: p.log });
  const deviceList = () =>
    hallDevices(hall.config).map((x) => {
      const s = gateway.devices.get(x.id);
      return { ...x, online: s?.status === "online", lastSeen: s ? isoVn(s.at) : null };
    });
  const live = new LiveFeeds({
    views,
    hub: sse,
    bus,
    now: () => clock.now(),
    printing: tracker,
    devices: deviceList,
    reports,
    log: p.log,
  });
  // Waiting times grow and estimates drift without events: every view that depends on
  // time is rebuilt every refreshMs, and the boards and streams get it if it changed.
  const refresh = setInterval(() => {
    views.refresh();
    bus.emit("refresh", {});
  }, p.refreshMs ?? 15_000);
  const staffingRunner = p.staffing ? p.staffing() : inlineStaffing;
  const advisor = new StaffingAdvisor(
    staffingRunner,
    (at) => staffingInput(core, at),
    () => hall.lastEventId(),
  );
  const care = p.backupDir
    ? new HallCare({
        db,
        dir: p.backupDir,
        config: () => hall.config,
        clock,
        marks: settingsStore,
        log: p.log,
      })
    : null;
  // Appointments (issue 14): bookings, check-in, and the no-show job on the clock.
  const appointments = new AppointmentService({
    hall,
    store: new AppointmentStore(db),
    bus,
    random: (n) => crypto.getRandomValues(new Uint8Array(n)),
  });
  // A booking with a phone number: its confirmation and reminder (decision 0115).
  const noticeStore = new NoticeStore(db);
  const bookingNotices = new BookingNotices({
    notices,
    outbox,
    store: noticeStore,
    config: () => hall.config,
    bookingUrl: (code) => appointments.url({ code }),
  });
  appointments.onCommit((e) => bookingNotices.react(e));
  // No-shows on the clock; the first sweep at start also hands the wait estimate today's bookings.
  const sweepAppointments = () => {
    try {
      appointments.sweep();
    } catch (e) {
      p.log(`Lịch hẹn vắng mặt / appointment sweep failed: ${(e as Error).message}`);
    }
  };
  sweepAppointments();
  const noShows = setInterval(sweepAppointments, 30_000);
  const app = createApp({
    appointments,
    hall,
    settings,
    care: care ?? undefined,
    auth,
    devicesAuth: new DeviceAuth(p.credentials, () => hall.config),
    users,
    views,
    estimates,
    live,
    ticketLimiter: new RateLimiter(p.ticketRateLimit ?? 20, 60_000, () => clock.now()),
    lookupLimiter: new RateLimiter(p.codeGuessLimit ?? 30, 10 * 60_000, () => clock.now()),
    publicUrl: p.publicUrl,
    allowedOrigins: p.allowedOrigins,
    clientIp: p.clientIp ?? (() => "local"),
    keepAlive: p.keepAlive ?? (() => {}),
    distDir: p.distDir,
    health: () => ({
      mqtt: gateway.connected ? "connected" : "disconnected",
      mqttBaseTopic: base,
      ...p.health?.(),
      sseClients: sse.size,
      sseDropped: sse.stats.dropped,
      sseFrames: { encoded: Frame.encoded, published: sse.stats.published, sent: sse.stats.sent },
      heapMb: Math.round(process.memoryUsage().heapUsed / 1e5) / 10,
    }),
    version: VERSION,
    printing,
    reports,
    staffing: (at) => advisor.advice(at),
    cccd: new CccdGuard(() => clock.now()),
    outbox: {
      store: outboxStore,
      worker: outbox,
      configured: (ch) => {
        if (ch !== "webhook") return notices?.available().includes(ch as "push") ?? false;
        const w = withWebhookEnv(hall.config, p.webhookEnv).webhook;
        return !!w.url && !!w.secret;
      },
    },
    devices: deviceList,
    notices,
  });

  let stopped = false;
  return {
    app,
    hall,
    gateway,
    outbox,
    notices,
    bus,
    views,
    live,
    sse,
    settings,
    care,
    appointments,
    start: async (waitMs) => {
      await gateway.start(waitMs);
      outbox.start();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(refresh);
      clearInterval(noShows);
      if (zaloTick) clearInterval(zaloTick);
      notices?.stop();
      live.stop();
      await outbox.stop();
      stopWarmUp();
      tracker.stop();
      reports.close();
      staffingRunner.close();
      await gateway.stop().catch(() => {});
      sse.closeAll();
    },
  };
}

/**
 * The webhook's URL and secret from the environment win over the hall config's, so that the
 * signing secret need not sit in a config file (decision 0043). Bad values stop the start.
 */
function checkedWebhookEnv(o: HallOptions): HallParts["webhookEnv"] {
  if (!o.webhookUrl && !o.webhookSecret) return undefined;
  const url = o.webhookUrl;
  const secret = o.webhookSecret;
  if (url !== undefined && (!/^https?:\/\//.test(url) || !URL.canParse(url)))
    throw new Error(`QMS_WEBHOOK_URL: not an http(s) URL: ${url}`);
  if (secret !== undefined && !WEBHOOK_SECRET_PATTERN.test(secret))
    throw new Error("QMS_WEBHOOK_SECRET: expected whsec_ + base64 of 24–64 random bytes");
  return { url, secret };
}

/** Secrets of the notice providers, from the environment only (decision 0115). */
export interface NoticeEnv {
  zaloToken?: string;
  /** A file holding the OA access token, read at each send (an outside job refreshes it). */
  zaloTokenFile?: string;
  /** The Zalo app (QMS_ZALO_APP_ID, QMS_ZALO_APP_SECRET) and a refresh token (QMS_ZALO_REFRESH_TOKEN): the hall renews the access token itself. */
  zaloAppId?: string;
  zaloAppSecret?: string;
  zaloRefreshToken?: string;
  smsApiKey?: string;
  smsSecretKey?: string;
}

/** The Zalo OA access token now: the file's content (refreshed outside), else the variable. */
function zaloToken(env: NoticeEnv): string | null {
  if (env.zaloTokenFile) {
    try {
      const t = readFileSync(env.zaloTokenFile, "utf8").trim();
      if (t) return t;
    } catch {
      /* unreadable now: fall back to the variable, else not configured */
    }
  }
  return env.zaloToken ?? null;
}

/**
 * The VAPID `sub` claim: the hall's contact setting, else its public URL when HTTPS, else a
 * mailto of the hall id (push services only use it to reach the sender).
 */
function vapidSubject(contact: string | null, publicUrl: string, hallId: string): string {
  if (contact) return contact;
  if (/^https:\/\//.test(publicUrl) && !/^https:\/\/localhost/.test(publicUrl)) return publicUrl;
  return `mailto:qms@${hallId}.invalid`;
}

/** The settings in force with the environment's webhook address and secret over them. */
function withWebhookEnv(c: HallConfig, env: HallParts["webhookEnv"]): HallConfig {
  if (!env) return c;
  return {
    ...c,
    webhook: { ...c.webhook, url: env.url ?? c.webhook.url, secret: env.secret ?? c.webhook.secret },
  };
}

/** Starts a whole hall: store, core, HTTP, SSE, broker (embedded unless mqttUrl) and gateway. */
export async function startHall(o: HallOptions = {}): Promise<RunningHall> {
  const log = o.log ?? ((l: string) => console.log(l));
  const clock = o.clock ?? systemClock;
  const dataDir = resolve(o.dataDir ?? "./data");
  makePrivateDir(dataDir, log);
  const configPath = o.hallConfigPath || DEMO_HALL_PATH;
  const fileConfig = loadHallConfig(configPath);
  const configText = readFileSync(configPath, "utf8");
  const webhookEnv = checkedWebhookEnv(o);
  const base = o.baseTopic ?? "qms";

  const dbPath = join(dataDir, "qms.sqlite");
  makePrivateFiles(dbPath);
  const db = openDatabase(dbPath, { synchronous: o.sqliteSync, busyTimeoutMs: o.sqliteBusyMs });
  // The settings in force (the file on the first start, or when it changed): devices,
  // credentials and the broker follow them, not the file.
  const config = bootstrapSettings(
    new SettingsStore(db),
    { config: fileConfig, text: configText },
    clock.now(),
    log,
  ).config;
  const t = topics(base, config.id);
  if (config.security.kioskPrintToken === "optional" && config.id !== "phu-lien")
    log(
      "Cảnh báo / warning: security.kioskPrintToken = optional — ki-ốt in vé không cần mã thiết bị / kiosks print without their device token (docs/decisions/0025)",
    );

  const devices = hallDevices(config);
  const creds = ensureCredentials(
    dataDir,
    devices,
    config.kiosks.map((k) => k.id),
  );
  const acl = new Acl(base, config.id);
  let broker: EmbeddedBroker | null = null;
  if (!o.mqttUrl) {
    broker = await startEmbeddedBroker({
      port: o.mqttPort ?? 1883,
      host: o.host,
      acl,
      credentials: creds,
      devices,
      hallId: config.id,
      maxPerAddress: o.mqttMaxPerAddress,
    });
  }
  const link = o.mqttUrl
    ? new MqttJsLink(o.mqttUrl, {
        clientId: `qms-server-${config.id}`,
        will: { topic: t.serverStatus, payload: "offline" },
      })
    : new AedesLink(broker!.aedes);

  let server: Server<WsData> | null = null;
  const clientIps = new WeakMap<Request, string>();
  const trustedProxies = new Set(o.trustedProxies ?? []);
  const clientIp = (req: Request): string => {
    let ip = clientIps.get(req);
    if (ip === undefined) {
      ip = clientAddress(server?.requestIP(req)?.address, req.headers.get("x-forwarded-for"), trustedProxies);
      clientIps.set(req, ip);
    }
    return ip;
  };
  let uplink: Uplink | null = null;
  // What the kernel holds for each stream's socket counts against its bound (decision 0116).
  const kernelQueues = new KernelSendQueues(() => server?.port);
  // The public URL depends on the port, known only after listen when port is 0.
  let publicUrl = "";
  const w = await wireHall({
    config: fileConfig,
    configText,
    db,
    clock,
    link,
    base,
    credentials: creds,
    publicUrl: () => publicUrl,
    distDir: o.distDir ?? join(ROOT, "dist"),
    // Reports read the same file from a worker thread, so a year report never blocks the hall.
    reports: (_store, hallConfig) => new WorkerReportRunner({ dbPath, config: hallConfig }),
    // The staffing advice simulates the rest of the day: a worker, so calls never wait on it.
    staffing: () => new WorkerStaffingRunner(),
    adminPassword: o.adminPassword,
    demoPassword: o.demoPassword,
    ticketRateLimit: o.ticketRateLimit,
    allowedOrigins: o.allowedOrigins,
    sseMaxPerAddress: o.sseMaxPerAddress,
    // Asked by the rate limiters and the route of one request: read from the socket once
    // (behind a trusted reverse proxy, the address it forwarded).
    clientIp,
    sseKernelQueue: (req) => {
      const port = server?.requestIP(req)?.port;
      return port ? () => kernelQueues.of(port) : null;
    },
    keepAlive: (req) => server?.timeout(req, 0),
    health: () => ({ mqttWebSocket: "/mqtt", province: uplink?.status() ?? null }),
    warmUp: true,
    outboxTiming: o.outboxTiming,
    webhookEnv,
    noticeEnv: o.noticeEnv,
    vapid: ensureVapidKeys(dataDir),
    zaloTokenStore: zaloTokenFile(join(dataDir, "zalo-token.json")),
    onDevices: (list, kiosks) => {
      // New counters, printers and kiosks get their passwords and tokens in the same
      // credentials file (the objects the broker and DeviceAuth read are updated in place).
      Object.assign(creds, ensureCredentials(dataDir, list, kiosks));
      broker?.setDevices(list);
    },
    backupDir: join(dataDir, "backups"),
    log,
  });
  const { app, hall, gateway, bus, outbox } = w;

  const wsProxy = o.mqttUrl
    ? proxyWebSocketToBroker(o.mqttUrl, { maxPerAddress: o.mqttMaxPerAddress })
    : null;
  server = Bun.serve<WsData>({
    port: o.port ?? 3000,
    hostname: o.host ?? "0.0.0.0",
    idleTimeout: 30,
    development: false,
    fetch(req, srv) {
      const url = new URL(req.url);
      if (url.pathname === "/mqtt") {
        const proto = req.headers.get("sec-websocket-protocol");
        const headers = proto?.split(",").some((x) => x.trim() === "mqtt")
          ? { "Sec-WebSocket-Protocol": "mqtt" }
          : undefined;
        // The per-address cap of MQTT over WebSocket counts the client behind a trusted proxy too.
        if (srv.upgrade(req, { data: { client: clientIp(req) }, headers })) return undefined;
        return new Response("MQTT over WebSocket: upgrade required", {
          status: 426,
          headers: { ...BASE_HEADERS, "content-security-policy": API_CSP },
        });
      }
      return app.fetch(req, { server: srv });
    },
    websocket: broker?.websocket ?? wsProxy!,
  });
  const httpPort = server.port!;
  publicUrl = (o.publicUrl ?? `http://${lanAddress()}:${httpPort}`).replace(/\/$/, "");

  await w.start();

  // The daily retention job, then the daily backup (decision 0103): checked every minute
  // against the settings in force.
  const backupTimer = setInterval(() => void w.care?.tick(), 60_000);
  // The province link (issue 13): off unless QMS_PROVINCE_URL is set; never blocks the hall.
  if (o.provinceUrl)
    uplink = startUplink({
      url: o.provinceUrl,
      mqttUrl: o.uplinkMqttUrl,
      officerNames: o.provinceOfficerNames,
      hall,
      views: w.views,
      store: new HallStore(db),
      reports: new ReportStore(db),
      users: new UserStore(db),
      bus,
      baseTopic: base,
      version: VERSION,
      log: (m) => log(`[uplink] ${m}`),
      ...o.uplinkTuning,
    });

  const mqttUrl = o.mqttUrl ? redact(o.mqttUrl) : `mqtt://${lanAddress()}:${broker!.port}`;
  let stopped = false;
  return {
    url: `http://localhost:${httpPort}`,
    port: httpPort,
    mqttUrl,
    mqttPort: broker?.port ?? null,
    broker,
    hall,
    views: w.views,
    gateway,
    outbox,
    notices: w.notices,
    uplink,
    bus,
    sse: w.sse,
    dataDir,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(backupTimer);
      kernelQueues.stop();
      await uplink?.stop();
      await w.stop();
      server?.stop(true);
      await broker?.close();
      db.close();
    },
  };
}

/**
 * The data directory holds visitors' tickets, staff password hashes and device secrets:
 * only the server's user may enter it (0700), created so or tightened at start.
 */
function makePrivateDir(dir: string, log: (l: string) => void): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const mode = statSync(dir).mode & 0o777;
  if (mode !== 0o700) {
    chmodSync(dir, 0o700);
    log(`Thư mục dữ liệu đã được khóa lại / data directory made private: ${dir} (${mode.toString(8)} → 700)`);
  }
}

/**
 * The database and its WAL/SHM files are 0600. SQLite gives the -wal and -shm files the
 * mode of the database file, so the file is created 0600 before SQLite opens it, and
 * files of an older install are tightened.
 */
function makePrivateFiles(dbPath: string): void {
  if (!existsSync(dbPath)) closeSync(openSync(dbPath, "a", 0o600));
  for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`, join(dirname(dbPath), CREDENTIALS_FILE)])
    if (existsSync(f) && (statSync(f).mode & 0o777) !== 0o600) chmodSync(f, 0o600);
}

/** RFC 4648 base32, lowercase, no padding: 10 bytes → 16 characters (80 bits). */
function base32(bytes: Uint8Array): string {
  const abc = "abcdefghijklmnopqrstuvwxyz234567";
  let bits = 0;
  let value = 0;
  let out = "";
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += abc[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += abc[(value << (5 - bits)) & 31];
  return out;
}

/** The machine's first LAN IPv4 address (what phones can reach), else localhost. */
function lanAddress(): string {
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) if (a.family === "IPv4" && !a.internal) return a.address;
  return "localhost";
}

if (import.meta.main) {
  let opts: HallOptions;
  try {
    opts = optionsFromEnv();
  } catch (e) {
    console.error(`Không khởi động được / cannot start: ${(e as Error).message}`);
    process.exit(2);
  }
  const h = await startHall(opts).catch((e: Error) => {
    console.error(`Không khởi động được / cannot start: ${e.message}`);
    process.exit(1);
  });
  // The address people open: the public one when set (behind HTTPS), else this machine on the LAN.
  const u = opts.publicUrl?.replace(/\/$/, "") ?? h.url.replace("localhost", lanAddress());
  console.log(`
Hệ thống xếp hàng đã chạy / the hall is running: ${h.hall.config.name.vi}
  Ki-ốt / kiosk        ${u}/kiosk?kiosk=${h.hall.config.kiosks[0]?.id ?? "kiosk-1"}
  Màn hình / display   ${u}/display
  Cán bộ / officer     ${u}/counter
  Quản lý / manager    ${u}/manager
  Quản trị / admin     ${u}/admin${
    h.hall.config.services.some((s) => s.appointments.enabled)
      ? `
  Đặt lịch / booking   ${u}/hen  (áp phích QR / QR poster: ${u}/hen/poster)`
      : ""
  }
  API                  ${u}/api/openapi.json
  MQTT                 ${h.mqttUrl}  (WebSocket: ${u.replace("http", "ws")}/mqtt)
  Dữ liệu / data       ${h.dataDir}
`);
  const shutdown = async () => {
    await h.stop();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}
