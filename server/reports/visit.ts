/**
 * The facts of one visit computed from a ticket's fields in TypeScript: the same values the
 * hall's report SQL hands to the engine (`server/store/reports.ts`: CODE, LINE, SERVICE and the
 * group keys), for stores that keep tickets elsewhere — the province's PostgreSQL projection
 * (docs/decisions/0090-province-level.md). Any change to those SQL expressions must change
 * these functions too; tests/server/reports/visit.test.ts checks them against the SQL on
 * simulated days, and the province's report-equality test checks the result figure by figure.
 */
import type { ReportGroup } from "../contract/reports.ts";
import { dayStartMs, VN_OFFSET_MS, waitedMs } from "../queue/time.ts";
import type { OfficerFact, WaitFact } from "../store/reports.ts";
import { ST_CANCELLED, ST_DONE, ST_NO_SHOW, ST_OPEN } from "../store/reports.ts";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** The ticket fields the reports read (camelCase, instants in UTC ms). */
export interface VisitRow {
  id: number;
  serviceDay: string;
  firstServiceId: string;
  priority: string;
  status: string;
  issuedAt: number;
  calledAt: number | null;
  firstCalledAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  counter: number | null;
  officerId: number | null;
  rating: number | null;
  /** A checked-in booking's slot time (issue 14); absent/null = a walk-in. */
  dueAt?: number | null;
}

/** Status code plus 4 × rating, as the SQL `CODE` packs them (decode with statusOf / ratingOf). */
export function codeOf(status: string, rating: number | null): number {
  const s =
    status === "done"
      ? ST_DONE
      : status === "no-show"
        ? ST_NO_SHOW
        : status === "cancelled"
          ? ST_CANCELLED
          : ST_OPEN;
  return s + 4 * (rating ?? 0);
}

/** Wait of a called visit (SQL `WAIT`): first call − start of the wait, never below 0; null when never called. */
export function waitMs(v: VisitRow): number | null {
  return v.firstCalledAt === null ? null : waitedMs(v, v.firstCalledAt);
}

/**
 * Time in line of a visit never called (SQL `LINE`): until it was cancelled or `now`, never
 * past the end of its service day. With `now` null, only a settled time: null while the
 * visit is still open (its time in line still grows), which is what a running summary can store.
 */
export function lineMs(v: VisitRow, now: number | null): number | null {
  if (v.firstCalledAt !== null) return null;
  const dayEnd = dayStartMs(v.serviceDay) + DAY_MS;
  if (now === null) return v.finishedAt === null ? null : waitedMs(v, Math.min(v.finishedAt, dayEnd));
  return waitedMs(v, Math.min(v.finishedAt ?? now, now, dayEnd));
}

/** Service time of a served visit, its last segment (SQL `SERVICE`); null otherwise. */
export function serviceMs(v: VisitRow): number | null {
  if (v.status !== "done" || v.finishedAt === null) return null;
  const from = v.startedAt ?? v.calledAt;
  return from === null ? null : v.finishedAt - from;
}

/** Hour of issue in Asia/Ho_Chi_Minh, 0–23 (SQL `((issued_at + 25200000) / 3600000) % 24`). */
export function issueHour(issuedAt: number): number {
  return Math.floor((issuedAt + VN_OFFSET_MS) / HOUR_MS) % 24;
}

/** The group value of a visit as the SQL `KEY` gives it (counter/officer: the row's latest). */
export function groupValue(group: ReportGroup, v: VisitRow): string | number | null {
  switch (group) {
    case "day":
      return v.serviceDay;
    case "hour":
      return issueHour(v.issuedAt);
    case "service":
      return v.firstServiceId;
    case "counter":
      return v.counter;
    case "officer":
      return v.officerId;
    case "priority":
      return v.priority;
    case "booking":
      return v.dueAt == null ? "walk-in" : "booked";
  }
}

/** The `WaitFact` of a visit, exactly as `ReportStore.waitFacts` returns it. */
export function waitFactOf(group: ReportGroup, v: VisitRow, now: number): WaitFact {
  const f: WaitFact = [
    groupValue(group, v),
    codeOf(v.status, v.rating),
    waitMs(v),
    lineMs(v, now),
    serviceMs(v),
  ];
  if (group === "counter" || group === "officer") f.push(v.id);
  return f;
}

/** The `OfficerFact` of a visit, exactly as `ReportStore.officerFacts` returns it. */
export function officerFactOf(v: VisitRow): OfficerFact {
  return [
    codeOf(v.status, v.rating),
    v.counter,
    v.officerId,
    waitMs(v),
    serviceMs(v),
    v.calledAt,
    v.finishedAt,
  ];
}
