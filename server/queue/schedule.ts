/**
 * Opening hours as one rule (docs/decisions/0101-opening-hours.md): the weekly hours with
 * their lunch break, public holidays, make-up working days ("ngày làm bù", a Saturday
 * worked with a weekday's hours), per-field hours, the issuing cut-off before each
 * session ends ("ngừng cấp số lúc 16:45") and a manual override. `issueState()` answers
 * "is this field issuing at t, and if not why and until when"; `counterExpected()` "is
 * this counter expected open at t"; `expectedOpenMs()` how long a counter or the hall is
 * expected open on a day (the reports' working time). The kiosk, the board, the console,
 * the reports and the API all ask these; nothing else reads `hours`.
 *
 * Pure: instants are UTC ms, days and wall-clock times are Asia/Ho_Chi_Minh (time.ts).
 * Precedence on a date: a holiday closes the day; else a make-up day works with the hours
 * of its `as` weekday; else the weekday's hours. A field's own hours narrow the hall's. A
 * closed field and a manual closing stop issuing whatever the hours; a manual opening
 * issues whatever the hours. `enforceHours: false` (the demo) ignores hours, cut-off and
 * holidays for issuing, but the plan and the expected times stay what the schedule says.
 */
import type { CounterConfig, Day, HallConfig, ServiceConfig } from "../contract/config.ts";
import { DAYS } from "../contract/config.ts";
import type { Text } from "../contract/domain.ts";
import { dayStartMs, serviceDay, vnParts } from "./time.ts";

const DAY_MS = 86_400_000;
const MIN_MS = 60_000;
/** How far ahead `opensAt` is looked for (a closed field has no opening until reopened). */
const LOOKAHEAD_DAYS = 60;

/** What of the config the rule reads. */
export type ScheduleConfig = Pick<
  HallConfig,
  "hours" | "schedule" | "services" | "counters" | "dayAssignments" | "enforceHours"
>;

export type DayKind = "workday" | "day-off" | "holiday" | "makeup";

/** One service day as the schedule has it. */
export interface DayPlan {
  date: string;
  weekday: Day;
  kind: DayKind;
  /** The weekday whose hours apply (a make-up day's `as`); null on a holiday. */
  hoursOf: Day | null;
  /** The holiday's or the make-up day's name. */
  name: Text | null;
  /** The hall's sessions, minutes after local midnight, `[from, to)`, in order. */
  sessions: [number, number][];
}

/** Why a field does not issue tickets now. */
export const CLOSED_REASONS = [
  "field-closed",
  "manual",
  "holiday",
  "day-off",
  "before-opening",
  "break",
  "cutoff",
  "after-closing",
  "field-hours",
] as const;
export type ClosedReason = (typeof CLOSED_REASONS)[number];

/** Whether a field (or the hall) issues tickets at an instant. */
export interface IssueState {
  issuing: boolean;
  /** Why not (null while issuing). */
  reason: ClosedReason | null;
  /** The day's plan (its holiday's name, its sessions). */
  day: DayPlan;
  /** While issuing: when it stops at the latest (cut-off, end of session, end of a manual opening); null = no end known. */
  until: number | null;
  /** While not issuing: the next instant it issues (within 60 days); null = not foreseeable (a closed field). */
  opensAt: number | null;
  /** The manual override in force at t. */
  override: "open" | "closed" | null;
  /** The next instant at which the answer may change (a kiosk refreshes then). */
  nextChange: number;
}

const toMin = (hm: string) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));
const spansOf = (spans: readonly (readonly [string, string])[]): [number, number][] =>
  spans.map(([a, b]) => [toMin(a), toMin(b)] as [number, number]).sort((x, y) => x[0] - y[0]);

/** The weekday of a service day `YYYY-MM-DD`. */
export function weekdayOf(date: string): Day {
  return DAYS[vnParts(dayStartMs(date)).weekday]!;
}

/** The plan of a service day: holiday, make-up day, or the weekday's hours. */
export function dayPlan(cfg: Pick<ScheduleConfig, "hours" | "schedule">, date: string): DayPlan {
  const weekday = weekdayOf(date);
  const holiday = cfg.schedule.holidays.find((h) => date >= h.from && date <= (h.to ?? h.from));
  if (holiday) return { date, weekday, kind: "holiday", hoursOf: null, name: holiday.name, sessions: [] };
  const makeup = cfg.schedule.workdays.find((w) => w.date === date);
  if (makeup)
    return {
      date,
      weekday,
      kind: "makeup",
      hoursOf: makeup.as,
      name: makeup.name,
      sessions: spansOf(cfg.hours[makeup.as]),
    };
  const sessions = spansOf(cfg.hours[weekday]);
  return {
    date,
    weekday,
    kind: sessions.length ? "workday" : "day-off",
    hoursOf: weekday,
    name: null,
    sessions,
  };
}

/** A field's sessions on a day: the hall's, narrowed by the field's own hours if it has any. */
export function fieldSessions(
  plan: DayPlan,
  service: Pick<ServiceConfig, "hours"> | undefined,
): [number, number][] {
  if (!service?.hours) return plan.sessions;
  if (plan.hoursOf === null) return [];
  return intersect(plan.sessions, spansOf(service.hours[plan.hoursOf]));
}

/** The counters as assigned on a service day: the day's assignments over the standing ones. */
export function countersOn(
  cfg: Pick<ScheduleConfig, "counters" | "dayAssignments">,
  date: string,
): CounterConfig[] {
  const day = cfg.dayAssignments?.date === date ? cfg.dayAssignments : null;
  if (!day) return cfg.counters;
  return cfg.counters.map((c) => {
    const a = day.counters.find((x) => x.number === c.number);
    return a ? { ...c, serviceIds: [...a.serviceIds] } : c;
  });
}

/**
 * Is the field `serviceId` (or, without one, the hall) issuing tickets at `t`, and if not,
 * why and from when; see the module comment for the precedence.
 */
export function issueState(cfg: ScheduleConfig, t: number, serviceId?: string): IssueState {
  const date = serviceDay(t);
  const day = dayPlan(cfg, date);
  const service = serviceId === undefined ? undefined : cfg.services.find((s) => s.id === serviceId);
  const midnight = dayStartMs(date) + DAY_MS;
  const ov = cfg.schedule.override;
  const ovUntil = ov ? Date.parse(ov.until) : Number.NaN;
  const override = ov && t < ovUntil ? ov.state : null;
  const result = (
    issuing: boolean,
    reason: ClosedReason | null,
    until: number | null,
    opensAt: number | null,
  ) => ({
    issuing,
    reason,
    day,
    until,
    opensAt,
    override,
    nextChange: Math.min(until ?? midnight, opensAt ?? midnight, override ? ovUntil : midnight, midnight),
  });

  if ((serviceId !== undefined && !service) || service?.open === false)
    return result(false, "field-closed", null, null);
  if (override === "closed") return result(false, "manual", null, nextOpening(cfg, ovUntil, service));
  if (override === "open") return result(true, null, ovUntil, null);
  if (!cfg.enforceHours) return result(true, null, null, null);

  const base = dayStartMs(date);
  const windows = issueWindows(cfg, day, service);
  const now = (t - base) / MIN_MS;
  const w = windows.find(([a, b]) => now >= a && now < b);
  if (w) return result(true, null, base + w[1] * MIN_MS, null);

  const opensAt = nextOpening(cfg, t, service);
  const sessions = day.sessions;
  const fields = fieldSessions(day, service);
  const inSession = (ss: [number, number][]) => ss.some(([a, b]) => now >= a && now < b);
  let reason: ClosedReason;
  if (day.kind === "holiday") reason = "holiday";
  else if (sessions.length === 0) reason = "day-off";
  else if (inSession(fields)) reason = "cutoff";
  else if (service?.hours && inSession(sessions)) reason = "field-hours";
  else if (now < sessions[0]![0]) reason = "before-opening";
  else if (now >= sessions[sessions.length - 1]![1]) reason = "after-closing";
  else reason = "break";
  return result(false, reason, null, opensAt);
}

/** Is counter `n` expected open at `t`: a session of one of the fields it serves that day. */
export function counterExpected(cfg: ScheduleConfig, n: number, t: number): boolean {
  const date = serviceDay(t);
  const now = (t - dayStartMs(date)) / MIN_MS;
  return counterSessions(cfg, n, date).some(([a, b]) => now >= a && now < b);
}

/**
 * How long counter `n` (or, without one, the hall) is expected open on a service day, in
 * ms: the union of its fields' sessions (the hall's sessions), only what lies before
 * `until` when given. The reports' working time.
 */
export function expectedOpenMs(cfg: ScheduleConfig, date: string, n?: number, until?: number): number {
  const spans = n === undefined ? dayPlan(cfg, date).sessions : counterSessions(cfg, n, date);
  const base = dayStartMs(date);
  const end = until === undefined ? Number.POSITIVE_INFINITY : until;
  return spans.reduce(
    (sum, [a, b]) => sum + Math.max(0, Math.min(base + b * MIN_MS, end) - (base + a * MIN_MS)),
    0,
  );
}

/** When the hall closes on a service day (the end of its last session), UTC ms; null when closed all day. */
export function closingTime(cfg: Pick<ScheduleConfig, "hours" | "schedule">, date: string): number | null {
  const s = dayPlan(cfg, date).sessions;
  const last = s[s.length - 1];
  return last ? dayStartMs(date) + last[1] * MIN_MS : null;
}

/** The first instant at or after `t` at which the field (or the hall) issues under the schedule. */
function nextOpening(cfg: ScheduleConfig, t: number, service: ServiceConfig | undefined): number | null {
  if (!cfg.enforceHours) return t;
  const first = serviceDay(t);
  for (let d = 0; d <= LOOKAHEAD_DAYS; d++) {
    const base = dayStartMs(first) + d * DAY_MS;
    const day = dayPlan(cfg, serviceDay(base + DAY_MS / 2));
    for (const [a, b] of issueWindows(cfg, day, service)) {
      const start = base + a * MIN_MS;
      const end = base + b * MIN_MS;
      if (t < end) return Math.max(start, t);
    }
  }
  return null;
}

/** The spans of a day in which the field issues: its sessions, each cut `cutoffMin` before its end. */
function issueWindows(
  cfg: ScheduleConfig,
  day: DayPlan,
  service: ServiceConfig | undefined,
): [number, number][] {
  const cut = service?.cutoffMin ?? cfg.schedule.cutoffMin;
  return fieldSessions(day, service)
    .map(([a, b]) => [a, b - cut] as [number, number])
    .filter(([a, b]) => b > a);
}

function counterSessions(cfg: ScheduleConfig, n: number, date: string): [number, number][] {
  const counter = countersOn(cfg, date).find((c) => c.number === n);
  if (!counter) return [];
  const day = dayPlan(cfg, date);
  const spans = counter.serviceIds.flatMap((id) =>
    fieldSessions(
      day,
      cfg.services.find((s) => s.id === id),
    ),
  );
  return union(spans);
}

function intersect(a: [number, number][], b: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const [a0, a1] of a)
    for (const [b0, b1] of b) {
      const s = Math.max(a0, b0);
      const e = Math.min(a1, b1);
      if (e > s) out.push([s, e]);
    }
  return out.sort((x, y) => x[0] - y[0]);
}

function union(spans: [number, number][]): [number, number][] {
  const sorted = [...spans].sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}
