/**
 * Folds hall events into the province's ticket projection: the same ticket columns the hall's
 * reports read, changed by each event type exactly as the hall's queue core changes its row
 * (server/queue/core.ts: call, recall, no-show, start, finish, transfer, cancel, rate). Pure.
 * An event about a ticket the province never saw issued is refused (`unknown-ticket`): the
 * uplink sends every row in order, so that means a lost or foreign event, never a normal case.
 */
import type { Priority, TicketStatus } from "../../server/contract/domain.ts";
import { DomainError } from "../../server/queue/types.ts";
import type { VisitRow } from "../../server/reports/visit.ts";
import type { IngestEvent } from "./decode.ts";

/** The province's row of one visit. */
export interface TicketState extends VisitRow {
  number: string;
  serviceId: string;
  priority: Priority;
  status: TicketStatus;
  callCount: number;
  ratedAt: number | null;
}

/** The ticket after event `e` (index `index` of its batch); null for events that are not about a ticket. */
export function foldEvent(prev: TicketState | undefined, e: IngestEvent, index: number): TicketState | null {
  if (e.ticketId === null) return null;
  if (e.type === "issued") {
    if (prev)
      throw new DomainError("invalid-event", { index, reason: "ticket issued twice", ticketId: e.ticketId });
    const f = e.issued!;
    return {
      id: e.ticketId,
      serviceDay: f.serviceDay,
      number: f.number,
      firstServiceId: e.serviceId!,
      serviceId: e.serviceId!,
      priority: f.priority,
      status: "waiting",
      issuedAt: e.at,
      calledAt: null,
      firstCalledAt: null,
      startedAt: null,
      finishedAt: null,
      counter: null,
      officerId: null,
      callCount: 0,
      rating: null,
      ratedAt: null,
      dueAt: f.dueAt ?? null,
    };
  }
  if (!prev) throw new DomainError("unknown-ticket", { index, ticketId: e.ticketId, type: e.type });
  const t = { ...prev };
  switch (e.type) {
    case "called":
      t.status = "called";
      t.calledAt = e.at;
      t.firstCalledAt ??= e.at;
      t.counter = e.counter;
      t.officerId = e.officerId;
      t.callCount++;
      break;
    case "recalled":
      t.callCount++;
      break;
    case "no-show":
      t.status = "no-show";
      t.finishedAt = e.at;
      break;
    case "started":
      t.status = "serving";
      t.startedAt = e.at;
      break;
    case "finished":
      t.status = "done";
      t.finishedAt = e.at;
      break;
    case "transferred":
      // Back in line (for another field or the same one), with its issue time and first call kept.
      t.status = "waiting";
      t.counter = null;
      t.officerId = null;
      t.calledAt = null;
      t.startedAt = null;
      t.serviceId = e.serviceId ?? t.serviceId;
      break;
    case "cancelled":
      t.status = "cancelled";
      t.finishedAt = e.at;
      break;
    case "rated":
      t.rating = e.data!.score as number;
      t.ratedAt = e.at;
      break;
  }
  return t;
}
