/** Records → contract shapes (what the API, SSE and MQTT send). */
import type { DossierInfo, HallStatus } from "../contract/api/wire.ts";
import type { HallCall, PublicCall, Ticket } from "../contract/domain.ts";
import {
  COUNTER_EVENT_TYPES,
  EVENT_SCHEMA_VERSION,
  FEED_DATA_KEYS,
  FEED_TICKET_FIELDS,
  type FeedTicket,
  type HallEvent,
  type PublicHallEvent,
  SETTINGS_EVENT_TYPES,
  TICKET_EVENT_TYPES,
} from "../contract/events.ts";
import type { CallCue } from "../contract/topics.ts";
import type { Estimate } from "../queue/eta.ts";
import type { IssueState } from "../queue/schedule.ts";
import { isoVn } from "../queue/time.ts";
import type { TicketRec } from "../queue/types.ts";
import type { DossierLink } from "../store/dossiers.ts";
import type { StoredEvent } from "../store/store.ts";

/** The API form of a ticket; `estimate` only while it waits. */
export function ticketDto(t: TicketRec, publicUrl: string, estimate: Estimate | null): Ticket {
  const out: Ticket = {
    id: t.id,
    code: t.code,
    number: t.number,
    serviceId: t.serviceId,
    priority: t.priority,
    status: t.status,
    issuedAt: isoVn(t.issuedAt),
    statusUrl: `${publicUrl}/t/${t.code}`,
    callCount: t.callCount,
  };
  if (t.calledAt !== null) out.calledAt = isoVn(t.calledAt);
  else if (t.firstCalledAt !== null && t.status !== "waiting") out.calledAt = isoVn(t.firstCalledAt);
  if (t.startedAt !== null) out.startedAt = isoVn(t.startedAt);
  if (t.finishedAt !== null) out.finishedAt = isoVn(t.finishedAt);
  if (t.counter !== null) out.counter = t.counter;
  if (estimate) {
    out.position = estimate.position;
    if (estimate.estimatedWaitMin !== null) out.estimatedWaitMin = estimate.estimatedWaitMin;
    if (estimate.upperWaitMin !== null) out.estimatedWaitMaxMin = estimate.upperWaitMin;
  }
  if (t.rating !== null) out.rating = t.rating;
  if (t.dueAt != null) {
    out.booked = true;
    out.dueAt = isoVn(t.dueAt);
  }
  return out;
}

/**
 * The staff form of a committed event: the ticket without its code and status URL,
 * which are the visitor's secret (the QR), so that no feed can be used to follow or
 * rate someone else's visit; with officer ids, reasons and the priority category, which
 * only authenticated staff streams carry (public feeds: `publicEvent`).
 */
export function eventDto(e: StoredEvent, hallId: string, ticket: TicketRec | null): HallEvent {
  const out: HallEvent = { v: EVENT_SCHEMA_VERSION, id: e.id, type: e.type, at: isoVn(e.at), hallId };
  if (ticket) {
    const { code: _c, statusUrl: _s, ...pub } = ticketDto(ticket, "", null);
    out.ticket = pub;
  }
  if (e.counter !== null) out.counter = e.counter;
  if (e.officerId !== null) out.officerId = e.officerId;
  if (e.data) out.data = e.data;
  return out;
}

/**
 * A committed event as public feeds carry it (SSE `/api/events`, MQTT `{b}/{h}/events`):
 * ticket and counter events, and `settings-changed` (version and sections); the ticket's number, field, status, times and counter,
 * `prioritized` instead of the category; `data` only of FEED_DATA_KEYS. No officer id,
 * no reason, no rating (docs/decisions/0005-public-feeds-without-codes.md). Null for an
 * audit event, which never leaves the staff side.
 */
export function publicEvent(e: HallEvent): PublicHallEvent | null {
  if (!PUBLIC_TYPES.has(e.type)) return null;
  const out: PublicHallEvent = {
    v: e.v,
    id: e.id,
    type: e.type as PublicHallEvent["type"],
    at: e.at,
    hallId: e.hallId,
  };
  if (e.ticket) {
    const t: Record<string, unknown> = {};
    for (const k of FEED_TICKET_FIELDS) if (e.ticket[k] !== undefined) t[k] = e.ticket[k];
    t.prioritized = e.ticket.priority !== "none";
    out.ticket = t as FeedTicket;
  }
  if (e.counter !== undefined) out.counter = e.counter;
  if (e.type === "settings-changed") {
    // Which version and sections only: who changed what stays in the history.
    const version = e.data?.version;
    const sections = e.data?.sections;
    out.data = {
      ...(typeof version === "number" ? { version } : {}),
      ...(Array.isArray(sections) ? { sections: sections.filter((x) => typeof x === "string") } : {}),
    };
    return out;
  }
  if (e.data) {
    const d: Record<string, string | number | null> = {};
    for (const k of FEED_DATA_KEYS) {
      const v = e.data[k];
      if (typeof v === "string" || typeof v === "number" || v === null) d[k] = v;
    }
    if (Object.keys(d).length > 0) out.data = d;
  }
  return out;
}

const PUBLIC_TYPES: ReadonlySet<string> = new Set([
  ...TICKET_EVENT_TYPES,
  ...COUNTER_EVENT_TYPES,
  ...SETTINGS_EVENT_TYPES,
]);

/** The `hall/call` cue of a call or recall event, null for any other event. */
export function callCue(e: HallEvent): CallCue | null {
  if ((e.type !== "called" && e.type !== "recalled") || !e.ticket || e.counter === undefined) return null;
  return {
    number: e.ticket.number,
    counter: e.counter,
    recall: e.type === "recalled",
    at: e.at,
    serviceId: e.ticket.serviceId,
    prioritized: e.ticket.priority !== "none",
  };
}

/** A recent call as the public hall snapshot shows it (yes/no instead of the category). */
export function publicCall(c: HallCall): PublicCall {
  const out: PublicCall = { number: c.number, counter: c.counter, calledAt: c.calledAt };
  if (c.serviceId !== undefined) out.serviceId = c.serviceId;
  if (c.priority !== undefined) out.prioritized = c.priority !== "none";
  if (c.recall !== undefined) out.recall = c.recall;
  return out;
}

/** Minutes after midnight as `HH:MM`. */
export const hhmmOf = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

/** The API form of the schedule's answer (`GET /api/services`, `/api/settings/public`). */
export function statusDto(s: IssueState): HallStatus {
  return {
    issuing: s.issuing,
    reason: s.reason,
    dayName: s.day.name,
    until: s.until === null ? null : isoVn(s.until),
    opensAt: s.opensAt === null ? null : isoVn(s.opensAt),
    nextChangeAt: isoVn(s.nextChange),
    sessions: s.day.sessions.map(([a, b]) => [hhmmOf(a), hhmmOf(b)] as [string, string]),
  };
}

/** A stored dossier link → its API form (`DossierInfo`, staff only: never on public feeds). */
export function dossierInfo(l: DossierLink): DossierInfo {
  return {
    ticketId: l.ticketId,
    dossierCode: l.dossierCode,
    procedureCode: l.procedureCode,
    source: l.source,
    linkedAt: isoVn(l.linkedAt),
  };
}
