/**
 * The hall's link to the province (issue 13), off unless QMS_PROVINCE_URL is set: the event
 * shipper (every committed event row, in order, resumable) and the live publisher (summary and
 * online/offline on the province's broker). Both run beside the hall, fed by its event bus,
 * and can neither block nor fail it: a province that is down only delays them.
 */
import type { HallProfileBody } from "../contract/province.ts";
import type { EventBus } from "../events/bus.ts";
import type { Hall } from "../hall/hall.ts";
import type { HallViews } from "../hall/views.ts";
import type { ReportStore } from "../store/reports.ts";
import type { HallStore } from "../store/store.ts";
import type { UserStore } from "../store/users.ts";
import { LivePublisher } from "./live.ts";
import { parseProvinceUrl } from "./settings.ts";
import { EventShipper, type ShipperStatus } from "./shipper.ts";
import { summaryBuilder } from "./summary.ts";

export interface UplinkOptions {
  /** QMS_PROVINCE_URL: `https://HALL-ID:SECRET@province.example`. */
  url: string;
  /** QMS_UPLINK_MQTT_URL: the province's broker, when not the one it announces. */
  mqttUrl?: string;
  /** QMS_PROVINCE_OFFICER_NAMES: send officers' names (default: ids only). */
  officerNames?: boolean;
  hall: Hall;
  /** The read side: the public snapshot the live summary is taken from. */
  views: HallViews;
  store: HallStore;
  reports: ReportStore;
  users: UserStore;
  bus: EventBus;
  /** The topic base on the province's broker before the province announces its own. */
  baseTopic: string;
  version: string;
  log?: (m: string) => void;
  /** Test knobs. */
  batch?: number;
  maxBackoffMs?: number;
  throttleMs?: number;
  /** How often the live summary goes out without a change (default 30 s: waits grow on their own). */
  heartbeatMs?: number;
}

export interface Uplink {
  status(): ShipperStatus & { province: string; mqtt: "connected" | "disconnected" };
  stop(): Promise<void>;
}

/** Starts the link; throws at once on a malformed QMS_PROVINCE_URL (a setting error). */
export function startUplink(o: UplinkOptions): Uplink {
  const link = parseProvinceUrl(o.url);
  if (link.hallId !== o.hall.config.id)
    throw new Error(`QMS_PROVINCE_URL names hall "${link.hallId}" but this hall is "${o.hall.config.id}"`);
  const log = o.log ?? ((m: string) => console.warn(`[uplink] ${m}`));
  const profile = (): HallProfileBody => ({
    config: o.hall.config as unknown as Record<string, unknown>,
    officers: o.officerNames
      ? o.users
          .list()
          .filter((u) => u.role !== "admin")
          .map((u) => ({ id: u.id, name: u.name, username: u.username }))
      : undefined,
    software: o.version,
  });
  const live = new LivePublisher({
    hallId: link.hallId,
    secret: link.secret,
    build: summaryBuilder(o.hall, o.views, o.reports),
    log,
    throttleMs: o.throttleMs,
    heartbeatMs: o.heartbeatMs,
  });
  if (o.mqttUrl) live.connect(o.mqttUrl, o.baseTopic);
  const shipper = new EventShipper({
    link,
    store: o.store,
    profile,
    log,
    batch: o.batch,
    maxBackoffMs: o.maxBackoffMs,
    onHello: (h) => {
      if (h.mqtt) live.connect(o.mqttUrl ?? h.mqtt.url, h.mqtt.baseTopic);
    },
  });
  const offEvent = o.bus.on("event", () => shipper.wake());
  const offChanged = o.bus.on("changed", () => live.changed());
  shipper.start();
  return {
    status: () => ({
      ...shipper.status(),
      province: link.baseUrl,
      mqtt: live.connected ? "connected" : "disconnected",
    }),
    async stop() {
      offEvent();
      offChanged();
      await Promise.all([shipper.stop(), live.stop()]);
    },
  };
}
