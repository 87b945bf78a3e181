/**
 * An independent, deliberately naive reference for the report engine: it folds the event
 * log (not the ticket rows the engine reads) into visits and computes the figures with plain
 * arrays. Only for tests: slow, obvious, and written from the definitions in
 * docs/decisions/0030-report-definitions.md.
 */
import type { ReportGroup, WaitFigures } from "../../../server/contract/index.ts";
import { dayStartMs, serviceDay, vnParts } from "../../../server/queue/time.ts";
import type { EventRow, HallStore } from "../../../server/store/store.ts";

export interface Visit {
  id: number;
  day: string;
  hour: number;
  field: string;
  priority: string;
  issuedAt: number;
  firstCall: number | null;
  firstCounter: number | null;
  firstOfficer: number | null;
  lastCall: number | null;
  started: number | null;
  status: "open" | "done" | "no-show" | "cancelled";
  endAt: number | null;
  serviceMs: number | null;
  endCounter: number | null;
  endOfficer: number | null;
  rating: number | null;
  /** Issued by a booking's check-in (the `issued` event says so, issue 14). */
  booked: boolean;
  transfers: { counter: number | null; officer: number | null }[];
}

/** Folds every event of the store into visits. */
export function foldVisits(store: HallStore): Visit[] {
  const events: EventRow[] = store.eventsAfter(0, 10_000_000);
  const visits = new Map<number, Visit>();
  for (const e of events) {
    if (e.ticket_id === null) continue;
    if (e.type === "issued") {
      visits.set(e.ticket_id, {
        id: e.ticket_id,
        day: serviceDay(e.at),
        hour: vnParts(e.at).hour,
        field: e.service_id!,
        priority: store.ticketById(e.ticket_id)!.priority,
        issuedAt: e.at,
        firstCall: null,
        firstCounter: null,
        firstOfficer: null,
        lastCall: null,
        started: null,
        status: "open",
        endAt: null,
        serviceMs: null,
        endCounter: null,
        endOfficer: null,
        rating: null,
        booked: e.data !== null && JSON.parse(e.data).booked === true,
        transfers: [],
      });
      continue;
    }
    const v = visits.get(e.ticket_id)!;
    switch (e.type) {
      case "called":
        if (v.firstCall === null) {
          v.firstCall = e.at;
          v.firstCounter = e.counter;
          v.firstOfficer = e.officer_id;
        }
        v.lastCall = e.at;
        v.started = null;
        break;
      case "started":
        v.started = e.at;
        break;
      case "finished":
        v.status = "done";
        v.endAt = e.at;
        v.serviceMs = e.at - (v.started ?? v.lastCall!);
        v.endCounter = e.counter;
        v.endOfficer = e.officer_id;
        break;
      case "no-show":
        v.status = "no-show";
        v.endAt = e.at;
        v.endCounter = e.counter;
        v.endOfficer = e.officer_id;
        break;
      case "transferred":
        v.transfers.push({ counter: e.counter, officer: e.officer_id });
        v.lastCall = null;
        v.started = null;
        break;
      case "cancelled":
        v.status = "cancelled";
        v.endAt = e.at;
        break;
      case "rated":
        v.rating = (JSON.parse(e.data!) as { score: number }).score;
        break;
    }
  }
  return [...visits.values()];
}

const rank = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.ceil((sorted.length * p) / 100) - 1]! : null;
const r1 = (x: number) => Math.round(x * 10) / 10;

/** The figures of a set of visits, straight from the definitions. */
export function referenceFigures(vs: Visit[], now: number, targetMs: number): WaitFigures {
  const waits = vs.filter((v) => v.firstCall !== null).map((v) => v.firstCall! - v.issuedAt);
  waits.sort((a, b) => a - b);
  const lines = vs
    .filter((v) => v.firstCall === null)
    .map((v) => Math.min(v.endAt ?? now, now, dayStartMs(v.day) + 86_400_000) - v.issuedAt);
  const within = waits.filter((w) => w <= targetMs).length;
  const breaches = waits.length - within + lines.filter((l) => l > targetMs).length;
  const services = vs.filter((v) => v.status === "done").map((v) => v.serviceMs!);
  const rated = vs.filter((v) => v.rating !== null);
  return {
    tickets: vs.length,
    served: vs.filter((v) => v.status === "done").length,
    noShows: vs.filter((v) => v.status === "no-show").length,
    cancelled: vs.filter((v) => v.status === "cancelled").length,
    called: waits.length,
    meanWaitSec: waits.length ? r1(waits.reduce((s, x) => s + x, 0) / waits.length / 1000) : null,
    medianWaitSec: waits.length ? rank(waits, 50)! / 1000 : null,
    p90WaitSec: waits.length ? rank(waits, 90)! / 1000 : null,
    maxWaitSec: waits.length ? waits[waits.length - 1]! / 1000 : null,
    breaches,
    withinTargetPct: within + breaches ? r1((100 * within) / (within + breaches)) : null,
    meanServiceSec: services.length ? r1(services.reduce((s, x) => s + x, 0) / services.length / 1000) : null,
    ratings: rated.length,
    satisfiedPct: rated.length ? r1((100 * rated.filter((v) => v.rating! >= 3).length) / rated.length) : null,
  };
}

/** The group key of a visit, as the engine's keys. */
export function referenceKey(v: Visit, g: ReportGroup): string {
  switch (g) {
    case "day":
      return v.day;
    case "hour":
      return String(v.hour).padStart(2, "0");
    case "service":
      return v.field;
    case "counter":
      return v.firstCounter === null ? "not-called" : String(v.firstCounter);
    case "officer":
      return v.firstOfficer === null ? "not-called" : String(v.firstOfficer);
    case "priority":
      return v.priority;
    case "booking":
      return v.booked ? "booked" : "walk-in";
  }
}
