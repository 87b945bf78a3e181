/** Records → contract shapes (what the API, SSE and MQTT send). */

import type { HallStatus } from "../contract/api/wire.ts";
import type { Ticket } from "../contract/domain.ts";
import type { HallEvent } from "../contract/events.ts";
import { EVENT_SCHEMA_VERSION } from "../contract/events.ts";
import type { Estimate } from "../queue/eta.ts";
import type { IssueState } from "../queue/schedule.ts";
import { isoVn } from "../queue/time.ts";
import type { TicketRec } from "../queue/types.ts";
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
  return out;
}

/**
 * The public form of a committed event: the ticket without its code and status URL,
 * which are the visitor's secret (the QR), so that public feeds cannot be used to
 * follow or rate someone else's visit.
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
