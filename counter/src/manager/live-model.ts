/**
 * What the live hall view shows, derived from what the server said (pure functions, unit
 * tested): one row per field (line, longest wait, today's figures, arrivals, capacity and
 * the staffing hint), one card per counter, and the notices that need a manager's eye.
 * Waits keep growing between snapshots: a snapshot taken at `fetchedAt` (server clock)
 * is aged by `now − fetchedAt`, as the officer console does.
 */
import type { OutboxChannelFigures } from "../../../server/contract/api/outbox.ts";
import type { DeviceStatus } from "../../../server/contract/config.ts";
import type { HallSnapshot, Priority, ServiceInfo } from "../../../server/contract/domain.ts";
import type { PrinterStatus } from "../../../server/contract/print.ts";
import type { WaitReport, WaitReportRow } from "../../../server/contract/reports.ts";
import type { Lang } from "../../../ui/i18n.ts";
import { secondsBetween, type WaitLevel, waitLevel } from "../../../ui/wait.ts";
import type { ManagedCounter } from "./data.ts";
import { mt } from "./messages.ts";
import {
  estimateArrivals,
  hallPool,
  type Pool,
  poolFor,
  type StaffingHint,
  staffingHint,
} from "./staffing.ts";

/** Mean service time assumed for a field with no measured visits (the config's default, 6 min). */
export const DEFAULT_SERVICE_SEC = 360;
/** Fewest served visits whose mean service time is trusted for the hint. */
const MIN_SERVED = 5;

export interface FieldRow {
  serviceId: string;
  name: string;
  waiting: number;
  priorityCount: number;
  /** Longest wait now, seconds (0 when nobody waits). */
  longestSec: number;
  level: WaitLevel;
  /** Today's row of the waits report for this field, when loaded. */
  today: WaitReportRow | null;
  perHour: number;
  rateSource: "live" | "report";
  serviceSec: number;
  /** The working counters that can serve the field, and what they carry (staffing.ts). */
  pool: Pool;
  /** Counters open (not paused) that serve the field, and all counters that may. */
  countersOpen: number;
  countersAll: number;
  hint: StaffingHint;
}

export interface LiveInputs {
  services: readonly ServiceInfo[];
  hall: HallSnapshot | null;
  counters: readonly ManagedCounter[];
  todayByService: WaitReport | null;
  todayByHour: WaitReport | null;
  /** Mean service seconds per field over the last weeks (fallback when today has few visits). */
  pastServiceSec: ReadonlyMap<string, number>;
  /** Issue instants per field seen live on the event stream. */
  seen: ReadonlyMap<string, readonly number[]>;
  watchedSince: number | null;
  fetchedAt: number;
  now: number;
  targetMin: number;
  lang: Lang;
}

/** A counter is working when it is open and not paused (it calls numbers). */
const working = (c: ManagedCounter) => c.open && !c.paused;

/** One row per field of the hall, in the hall's order. */
export function fieldRows(x: LiveInputs): FieldRow[] {
  const grow = Math.max(0, Math.floor((x.now - x.fetchedAt) / 1000));
  const targetSec = x.targetMin * 60;
  const today = new Map((x.todayByService?.rows ?? []).map((r) => [r.key, r]));
  const hours = new Map((x.todayByHour?.rows ?? []).map((r) => [r.key, r.tickets]));
  const allToday = x.todayByService?.total.tickets ?? 0;
  const hallService = x.todayByService?.total.meanServiceSec ?? null;
  const base = x.services.map((s) => {
    const line = x.hall?.waiting.find((w) => w.serviceId === s.id);
    const t = today.get(s.id) ?? null;
    const rate = estimateArrivals({
      seen: x.seen.get(s.id) ?? [],
      watchedSince: x.watchedSince,
      now: x.now,
      hourTickets: hours,
      fieldToday: t?.tickets ?? 0,
      allToday,
    });
    const serviceSec =
      t && t.served >= MIN_SERVED && t.meanServiceSec
        ? t.meanServiceSec
        : (x.pastServiceSec.get(s.id) ?? hallService ?? DEFAULT_SERVICE_SEC);
    return { s, line, t, rate, serviceSec };
  });
  const capacity = x.counters.map((c) => ({ working: working(c), serviceIds: c.serviceIds }));
  const demand = new Map(
    base.map((b) => [
      b.s.id,
      { perHour: b.rate.perHour, serviceSec: b.serviceSec, waiting: b.line?.count ?? 0 },
    ]),
  );
  return base.map(({ s, line, t, rate, serviceSec }) => {
    const waiting = line?.count ?? 0;
    const longestSec = waiting > 0 ? (line?.longestWaitSec ?? 0) + grow : 0;
    const pool = poolFor(s.id, capacity, demand);
    return {
      serviceId: s.id,
      name: s.name[x.lang],
      waiting,
      priorityCount: line?.priorityCount ?? 0,
      longestSec,
      level: waiting > 0 ? waitLevel(longestSec, x.targetMin) : "ok",
      today: t,
      perHour: rate.perHour,
      rateSource: rate.source,
      serviceSec,
      pool,
      countersOpen: x.counters.filter((c) => working(c) && c.serviceIds.includes(s.id)).length,
      countersAll: x.counters.filter((c) => c.serviceIds.includes(s.id)).length,
      hint: staffingHint(pool, targetSec),
    };
  });
}

/**
 * The hall-wide hint (staffing.ts `hallPool`): the fewest counters the hall needs
 * if any counter could serve any field, from the same demand as the fields' rows.
 */
export function hallHint(
  rows: readonly FieldRow[],
  counters: readonly ManagedCounter[],
  targetMin: number,
): StaffingHint {
  const demand = new Map(
    rows.map((r) => [r.serviceId, { perHour: r.perHour, serviceSec: r.serviceSec, waiting: r.waiting }]),
  );
  const pool = hallPool(
    counters.map((c) => ({ working: working(c), serviceIds: c.serviceIds })),
    demand,
  );
  return staffingHint(pool, targetMin * 60);
}

export type CounterState = "closed" | "paused" | "idle" | "called" | "serving";

export interface CounterCard {
  number: number;
  name: string;
  priorityCounter: boolean;
  state: CounterState;
  officer: string | null;
  pauseReason: string | null;
  serviceIds: string[];
  current: {
    number: string;
    serviceId: string;
    priority: Priority;
    /** The visitor's wait before this call: call − issue. */
    waitedSec: number;
    level: WaitLevel;
    /** Time at this counter since the call (or since service started). */
    atDeskSec: number;
  } | null;
}

/** The counters' cards, in number order. */
export function counterCards(
  counters: readonly ManagedCounter[],
  now: number,
  targetMin: number,
  lang: Lang,
): CounterCard[] {
  return [...counters]
    .sort((a, b) => a.number - b.number)
    .map((c) => {
      const t = c.current;
      const state: CounterState = !c.open
        ? "closed"
        : c.paused
          ? "paused"
          : t?.status === "serving"
            ? "serving"
            : t?.status === "called"
              ? "called"
              : "idle";
      const waitedSec = t ? secondsBetween(t.issuedAt, t.calledAt ?? now) : 0;
      return {
        number: c.number,
        name: c.name?.[lang] ?? String(c.number),
        priorityCounter: c.priorityCounter,
        state,
        officer: c.open ? c.officer : null,
        pauseReason: c.paused ? (c.pauseReason ?? null) : null,
        serviceIds: c.serviceIds,
        current: t
          ? {
              number: t.number,
              serviceId: t.serviceId,
              priority: t.priority,
              waitedSec,
              level: waitLevel(waitedSec, targetMin),
              atDeskSec: secondsBetween(t.startedAt ?? t.calledAt, now),
            }
          : null,
      };
    });
}

export interface Notice {
  key: string;
  level: "over" | "near" | "info";
  text: string;
  /** Epoch ms, for notices of an event. */
  at?: number;
  /** Events are dismissed by hand; conditions disappear when fixed. */
  dismissable: boolean;
}

/** A "Không hài lòng" rating seen on the event stream. */
export interface UnhappyRating {
  eventId: number;
  at: number;
  counter: number | null;
  number: string;
}

/**
 * The notice list: unhappy ratings (newest first), then conditions: printers out of or
 * low on paper, offline after being seen, failing; devices that went offline; the fields
 * with someone waiting past the target, and those whose hint asks for more counters (one
 * notice each: the table shows every line in colour already). A device or
 * printer never seen is not a notice (the panel shows it as "never seen"): in a hall
 * without that hardware it would be noise all day.
 */
export function notices(
  x: {
    ratings: readonly UnhappyRating[];
    printers: readonly PrinterStatus[];
    devices: readonly DeviceStatus[];
    fields: readonly FieldRow[];
    /** The hall-wide hint (`hallHint`), for the staffing notice. */
    hall?: StaffingHint;
    targetMin: number;
    /** Messages to outside systems per channel (issue 15): failures raise a notice. */
    outbox?: readonly OutboxChannelFigures[];
  },
  lang: Lang,
): Notice[] {
  const out: Notice[] = [];
  for (const r of [...x.ratings].sort((a, b) => b.at - a.at))
    out.push({
      key: `rated-${r.eventId}`,
      level: "over",
      at: r.at,
      dismissable: true,
      text: mt("nUnhappy", lang, { counter: r.counter ?? "?", number: r.number }),
    });
  for (const p of x.printers) {
    if (p.paper === "out") out.push(cond(`paper-${p.id}`, "over", mt("nPaperOut", lang, { id: p.id })));
    else if (p.paper === "low") out.push(cond(`paper-${p.id}`, "near", mt("nPaperLow", lang, { id: p.id })));
    if (!p.online && p.lastSeen)
      out.push(cond(`printer-${p.id}`, "over", mt("nPrinterOffline", lang, { id: p.id })));
    else if (p.online && (p.recentFailures ?? 0) > 0)
      out.push(
        cond(`fail-${p.id}`, "near", mt("nPrintFailures", lang, { id: p.id, n: p.recentFailures ?? 0 })),
      );
  }
  const NOTICE_NAMES: Record<string, string> = { push: "Web Push", zalo: "Zalo", sms: "SMS" };
  for (const c of x.outbox ?? []) {
    // The visitors' notices (issue 14) are not the one-stop system: their own words.
    const channel = NOTICE_NAMES[c.channel];
    if (c.failed > 0)
      out.push(
        cond(
          `outbox-${c.channel}`,
          "over",
          channel
            ? mt("nNoticesFailed", lang, { n: c.failed, channel })
            : mt("nOutboxFailed", lang, { n: c.failed }),
        ),
      );
    else if (c.retrying > 0)
      out.push(
        cond(
          `outbox-${c.channel}`,
          "near",
          channel
            ? mt("nNoticesRetrying", lang, { n: c.retrying, channel })
            : mt("nOutboxRetrying", lang, { n: c.retrying }),
        ),
      );
  }
  const printerIds = new Set(x.printers.map((p) => p.id));
  for (const d of x.devices)
    if (!d.online && d.lastSeen && !printerIds.has(d.id))
      out.push(
        cond(
          `device-${d.id}`,
          "near",
          mt("nDeviceOffline", lang, { kind: mt(`kind.${d.kind}`, lang), id: d.id }),
        ),
      );
  // Lines are red in the table already: one notice each for long waits and for staffing.
  const late = x.fields.filter((f) => f.level === "over");
  if (late.length > 0)
    out.push(
      cond(
        "long-waits",
        "over",
        mt("nLongWait", lang, { n: x.targetMin, fields: late.map((f) => f.name).join(", ") }),
      ),
    );
  const short = x.fields.filter((f) => f.hint.more > 0 && f.waiting > 0);
  if (short.length > 0) {
    const fields = short.map((f) => `${f.name} (+${f.hint.more})`).join(", ");
    const more = x.hall?.more ?? 0;
    out.push(
      cond(
        "staffing",
        "info",
        more > 0 ? mt("nStaffing", lang, { fields, n: more }) : mt("nRebalance", lang, { fields }),
      ),
    );
  }
  return out;
}

const cond = (key: string, level: Notice["level"], text: string): Notice => ({
  key,
  level,
  text,
  dismissable: false,
});
