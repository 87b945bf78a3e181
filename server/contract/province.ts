/**
 * The province level (issue 13; docs/decisions/0090-province-level.md): what a hall's
 * uplink sends to the province server, what the province publishes and serves. Shared by
 * the hall's uplink (`server/uplink/`), the province server (`province/`) and the province
 * dashboard, so a renamed field breaks the build, not the link. Imports only the contract.
 *
 * HTTP (the hall authenticates with `Authorization: Basic base64(hallId:secret)`, the
 * userinfo of its `QMS_PROVINCE_URL`):
 *   GET  /api/uplink            → UplinkHello: the last event id the province holds, its broker
 *   PUT  /api/uplink/profile    ← HallProfileBody: the hall's config (fields, counters, hours, target)
 *   POST /api/uplink/events     ← IngestBody → IngestResponse; events strictly after `after`, in id order
 * MQTT on the province's broker (the hall logs in with the same id and secret):
 *   {b}/{h}/province/summary    retained, QoS 1  HallLiveSummary JSON
 *   {b}/{h}/province/status     retained, QoS 1  online | offline (the hall's last will)
 */
import { z } from "zod";
import { PRIORITIES, type Text, TICKET_STATUSES } from "./domain.ts";
import {
  AUDIT_EVENT_TYPES,
  COUNTER_EVENT_TYPES,
  EVENT_ROW_VERSION,
  EVENT_SCHEMA_VERSION,
  type HallEventType,
  SETTINGS_EVENT_TYPES,
  TICKET_EVENT_TYPES,
} from "./events.ts";
import { REPORT_PRESETS, type ReportRange, type WaitFigures, type WaitReportRow } from "./reports.ts";
import { ID_PATTERN } from "./topics.ts";

/** Most events one ingest request may carry; the uplink sends at most this many per batch. */
export const INGEST_MAX_EVENTS = 1000;
/** Largest ingest body in bytes (1,000 events are about 250 kB). */
export const INGEST_MAX_BYTES = 2_000_000;

const id = z.string().regex(ID_PATTERN, "lowercase ASCII id: [a-z0-9-]");
const posInt = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
/** An ISO 8601 instant with an explicit offset (`+07:00` or `Z`), parsed without loss of milliseconds. */
const instant = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, "ISO 8601 with offset")
  .refine((s) => Number.isFinite(Date.parse(s)), "not a real instant");
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD");
const eventType = z.enum([
  ...TICKET_EVENT_TYPES,
  ...COUNTER_EVENT_TYPES,
  ...AUDIT_EVENT_TYPES,
  ...SETTINGS_EVENT_TYPES,
]);
/** Type-specific details: small, flat, no nested personal records. */
const data = z
  .record(z.string().max(40), z.union([z.string().max(200), z.number(), z.boolean(), z.null()]))
  .refine((d) => Object.keys(d).length <= 16, "at most 16 keys")
  .optional();

/** The version-1 ticket snapshot (PublicTicket), as far as the province reads it. */
const PublicTicketSchema = z.object({
  id: posInt,
  number: z.string().min(1).max(16),
  serviceId: id,
  priority: z.enum(PRIORITIES),
  status: z.enum(TICKET_STATUSES),
  issuedAt: instant,
  rating: z.number().int().min(1).max(4).optional(),
});

/** One event in version 1 (the live-feed form of `HallEvent`). */
export const EventV1Schema = z.object({
  v: z.literal(EVENT_SCHEMA_VERSION),
  id: posInt,
  type: eventType,
  at: instant,
  hallId: id,
  ticket: PublicTicketSchema.optional(),
  counter: z.number().int().min(1).max(999).optional(),
  officerId: z.number().int().min(0).nullable().optional(),
  data,
});

/** One event in version 2 (the row form, `HallEventRow`). */
export const EventV2Schema = z.object({
  v: z.literal(EVENT_ROW_VERSION),
  id: posInt,
  type: eventType,
  at: instant,
  hallId: id,
  ticketId: posInt.optional(),
  serviceId: id.optional(),
  counter: z.number().int().min(1).max(999).optional(),
  officerId: z.number().int().min(0).nullable().optional(),
  data,
  issued: z
    .object({
      number: z.string().min(1).max(16),
      serviceDay: day,
      priority: z.enum(PRIORITIES),
      /** A checked-in booking's slot (issue 14): its wait counts from the slot when it came early. */
      dueAt: instant.optional(),
    })
    .optional(),
  ticket: PublicTicketSchema.optional(),
});
export type EventV1 = z.infer<typeof EventV1Schema>;
export type EventV2 = z.infer<typeof EventV2Schema>;

/**
 * Body of `POST /api/uplink/events`: events with ids strictly increasing, all after `after`,
 * which must be the last id the province acknowledged (a retried batch that overlaps what is
 * already stored is accepted: the repeated events are checked and skipped, never counted twice).
 * Each event is checked against the schema of its own `v`.
 */
export const IngestBody = z.object({
  after: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  events: z.array(z.unknown()).min(1).max(INGEST_MAX_EVENTS),
});
export type IngestBody = z.infer<typeof IngestBody>;

/** Answer of `POST /api/uplink/events`. */
export interface IngestResponse {
  hallId: string;
  /** The last event id the province now holds for this hall: the next batch goes after it. */
  lastEventId: number;
  accepted: number;
  /** Events of the batch the province already had (a retry), skipped. */
  duplicates: number;
}

/** Answer of `GET /api/uplink`: where the hall resumes, and the broker for its live state. */
export interface UplinkHello {
  hallId: string;
  lastEventId: number;
  /** Event-schema versions the ingest reads. */
  versions: number[];
  /** The province's broker (the hall logs in with its id and secret); null = none. */
  mqtt: { url: string; baseTopic: string } | null;
}

/**
 * Body of `PUT /api/uplink/profile`: the hall's config (fields, counters, hours, targets:
 * what the province needs to label and compute the hall's reports exactly as the hall does)
 * and, only when the hall allows it (`QMS_PROVINCE_OFFICER_NAMES`), its officers' names.
 */
export const HallProfileBody = z.object({
  config: z.record(z.string(), z.unknown()),
  officers: z
    .array(z.object({ id: z.number().int().min(0), name: z.string().min(1).max(128) }))
    .max(5000)
    .optional(),
  software: z.string().max(40).optional(),
});
export type HallProfileBody = z.infer<typeof HallProfileBody>;

const WaitFiguresSchema = z.object({
  tickets: count,
  served: count,
  noShows: count,
  cancelled: count,
  called: count,
  meanWaitSec: z.number().nullable(),
  medianWaitSec: z.number().nullable(),
  p90WaitSec: z.number().nullable(),
  maxWaitSec: z.number().nullable(),
  breaches: count,
  withinTargetPct: z.number().nullable(),
  meanServiceSec: z.number().nullable(),
  ratings: count,
  satisfiedPct: z.number().nullable(),
});

/**
 * Retained `{b}/{h}/province/summary`: the hall now, with nothing personal (no ticket codes
 * or numbers, no visitor data, no officer names): waiting per field, the longest wait,
 * counters open, and today's figures by the hall's own report definitions.
 */
export const HallLiveSummarySchema = z.object({
  v: z.literal(1),
  /** Increases with every summary of a hall run; a consumer ignores an older one. */
  seq: count,
  hallId: id,
  at: instant,
  waiting: z
    .array(
      z.object({
        serviceId: id,
        count,
        longestWaitSec: count,
        priorityCount: count.optional(),
      }),
    )
    .max(64),
  waitingTotal: count,
  longestWaitSec: count,
  countersOpen: count,
  countersPaused: count,
  countersTotal: count,
  targetMin: z.number().positive(),
  /** Today's waits-report total (docs/decisions/0030-report-definitions.md). */
  today: WaitFiguresSchema,
  /** The newest event id of the hall's log when the summary was built. */
  lastEventId: count,
});
export type HallLiveSummary = z.infer<typeof HallLiveSummarySchema>;

/** The topics of one hall on the province's broker. Never concatenate them elsewhere. */
export function provinceTopics(base: string, hall: string) {
  const p = `${base}/${hall}/province`;
  return { prefix: p, summary: `${p}/summary`, status: `${p}/status`, all: `${p}/#` };
}

/** Filters the province server subscribes to: every hall's summary and status. */
export function provinceFilters(base: string) {
  return { summary: `${base}/+/province/summary`, status: `${base}/+/province/status` };
}

/** Parses `{b}/{h}/province/summary|status`; null for anything else. */
export function parseProvinceTopic(
  base: string,
  topic: string,
): { hallId: string; kind: "summary" | "status" } | null {
  const parts = topic.split("/");
  if (parts.length !== 4 || parts[0] !== base || parts[2] !== "province") return null;
  const hallId = parts[1]!;
  if (!ID_PATTERN.test(hallId)) return null;
  if (parts[3] === "summary" || parts[3] === "status") return { hallId, kind: parts[3] };
  return null;
}

// ------------------------------------------------------------------ the province server

/** Province staff roles: `admin` manages halls and accounts; `viewer` watches and reports. */
export const PROVINCE_ROLES = ["admin", "viewer"] as const;
export type ProvinceRole = (typeof PROVINCE_ROLES)[number];

/** One hall of `GET /api/halls` (and of the live wall's frames). */
export interface ProvinceHall {
  id: string;
  name: Text;
  /** District or area ("huyện/khu vực") the province groups halls by; null when not set. */
  area: string | null;
  /** The hall's live link: its retained status on the province broker. */
  online: boolean;
  statusAt: string | null;
  /** Newest event the province holds, and when it happened at the hall. */
  lastEventId: number;
  lastEventAt: string | null;
  /** Event-schema version of the hall's last batch (1 = an older hall). */
  eventVersion: number | null;
  /** The hall's own latest live summary; null before the first. */
  live: HallLiveSummary | null;
  /** Today's figures from the province's store (what the reports will say). */
  today: WaitFigures;
  /** Past the target: someone waits longer than the target now, or today's mean wait is over it. */
  overTarget: boolean;
}

/** Body of `GET /api/halls`. */
export interface ProvinceHalls {
  targetMin: number;
  generatedAt: string;
  halls: ProvinceHall[];
}

/** How a province report may group its rows. */
export const PROVINCE_GROUPS = [
  "hall",
  "area",
  "service",
  "day",
  "month",
  "quarter",
  "half",
  "year",
  "hour",
] as const;
export type ProvinceGroup = (typeof PROVINCE_GROUPS)[number];

/** Query of `GET /api/reports/waits` on the province: the hall's report query plus filters. */
export const ProvinceReportQuery = z.object({
  from: z.string().max(32).optional(),
  to: z.string().max(32).optional(),
  preset: z.enum(REPORT_PRESETS).optional(),
  groupBy: z.string().max(32).optional(),
  format: z.enum(["json", "csv", "xlsx"]).optional(),
  /** Comma-separated hall ids / areas / field ids to keep. */
  hall: z.string().max(4000).optional(),
  area: z.string().max(4000).optional(),
  service: z.string().max(4000).optional(),
});
export type ProvinceReportQuery = z.infer<typeof ProvinceReportQuery>;

/** A row of a province report: the hall's waits-report figures, grouped across halls. */
export type ProvinceReportRow = WaitReportRow;

/** Body of the province's `GET /api/reports/waits`. */
export interface ProvinceWaitReport {
  targetMin: number;
  groupBy: ProvinceGroup;
  range: ReportRange;
  timeZone: "Asia/Ho_Chi_Minh";
  generatedAt: string;
  /** Halls whose visits are counted. */
  halls: number;
  rows: ProvinceReportRow[];
  total: ProvinceReportRow;
}

/** One hall of the ranking (Decision 766/QĐ-TTg spirit: waits within the target and satisfaction). */
export interface RankingRow {
  rank: number;
  hallId: string;
  name: string;
  area: string | null;
  tickets: number;
  meanWaitSec: number | null;
  withinTargetPct: number | null;
  breaches: number;
  ratings: number;
  satisfiedPct: number | null;
  /** Mean of the two percentages (each 0–100); null when the hall has neither. */
  score: number | null;
  /** Mean wait ≤ the target (the government's "average at most 15 minutes"). */
  meetsWait: boolean | null;
  /** Satisfaction ≥ the year's target (90 % in 2025, 95 % from 2030). */
  meetsSatisfaction: boolean | null;
}

/** Body of `GET /api/reports/ranking`. */
export interface Ranking {
  targetMin: number;
  satisfactionTargetPct: number;
  range: ReportRange;
  generatedAt: string;
  rows: RankingRow[];
}

/**
 * The satisfaction target of a year (DOMAIN.md: at least 90 % in 2025, at least 95 % by
 * 2030; the ward plan asks 95 %): 90 before 2030, 95 from 2030.
 */
export function satisfactionTargetPct(year: number): number {
  return year >= 2030 ? 95 : 90;
}

/** The data keys of each event type that leave the hall (no free text, nothing personal). */
export const UPLINK_DATA_KEYS: Partial<Record<HallEventType, readonly string[]>> = {
  called: ["waitSec", "outOfOrder"],
  recalled: ["callCount"],
  finished: ["serviceSec"],
  transferred: ["fromServiceId", "toServiceId", "toCounter", "reason"],
  cancelled: ["reason"],
  rated: ["score", "source"],
  "counter-closed": ["forced", "holder"],
  "counter-resumed": ["pausedSec"],
};
