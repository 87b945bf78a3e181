/** Row ↔ record mapping (snake_case columns, camelCase records). */
import type { Priority, TicketStatus } from "../contract/domain.ts";
import type { CounterRec, TicketRec } from "../queue/types.ts";

export interface TicketRow {
  id: number;
  code: string;
  service_day: string;
  prefix: string;
  seq: number;
  number: string;
  service_id: string;
  first_service_id: string;
  priority: string;
  status: string;
  issued_at: number;
  called_at: number | null;
  first_called_at: number | null;
  started_at: number | null;
  finished_at: number | null;
  counter: number | null;
  officer_id: number | null;
  assigned_counter: number | null;
  call_count: number;
  kiosk_id: string | null;
  lang: string;
  rating: number | null;
  rated_at: number | null;
  due_at: number | null;
}

export function toTicket(r: TicketRow): TicketRec {
  return {
    id: r.id,
    code: r.code,
    serviceDay: r.service_day,
    prefix: r.prefix,
    seq: r.seq,
    number: r.number,
    serviceId: r.service_id,
    firstServiceId: r.first_service_id,
    priority: r.priority as Priority,
    status: r.status as TicketStatus,
    issuedAt: r.issued_at,
    calledAt: r.called_at,
    firstCalledAt: r.first_called_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    counter: r.counter,
    officerId: r.officer_id,
    assignedCounter: r.assigned_counter,
    callCount: r.call_count,
    kioskId: r.kiosk_id,
    lang: r.lang === "en" ? "en" : "vi",
    rating: r.rating,
    ratedAt: r.rated_at,
    dueAt: r.due_at,
  };
}

export function ticketParams(t: TicketRec) {
  return {
    id: t.id,
    code: t.code,
    service_day: t.serviceDay,
    prefix: t.prefix,
    seq: t.seq,
    number: t.number,
    service_id: t.serviceId,
    first_service_id: t.firstServiceId,
    priority: t.priority,
    status: t.status,
    issued_at: t.issuedAt,
    called_at: t.calledAt,
    first_called_at: t.firstCalledAt,
    started_at: t.startedAt,
    finished_at: t.finishedAt,
    counter: t.counter,
    officer_id: t.officerId,
    assigned_counter: t.assignedCounter,
    call_count: t.callCount,
    kiosk_id: t.kioskId,
    lang: t.lang,
    rating: t.rating,
    rated_at: t.ratedAt,
    due_at: t.dueAt ?? null,
  };
}

export interface CounterRow {
  number: number;
  officer_id: number | null;
  opened_at: number | null;
  paused_at: number | null;
  pause_reason: string | null;
}

export function toCounter(r: CounterRow): CounterRec {
  return {
    number: r.number,
    officerId: r.officer_id,
    openedAt: r.opened_at,
    pausedAt: r.paused_at,
    pauseReason: r.pause_reason,
  };
}
