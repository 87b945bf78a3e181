/** Records of the queue core. They mirror the store's rows (camelCase). */

import type { Priority, TicketStatus } from "../contract/domain.ts";
import type { ErrorCode } from "../contract/errors.ts";
import type { HallEventType } from "../contract/events.ts";

export interface TicketRec {
  id: number;
  code: string;
  serviceDay: string;
  prefix: string;
  seq: number;
  number: string;
  serviceId: string;
  firstServiceId: string;
  priority: Priority;
  status: TicketStatus;
  issuedAt: number;
  calledAt: number | null;
  firstCalledAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  counter: number | null;
  officerId: number | null;
  /** Only this counter may call it (a transfer to a counter). */
  assignedCounter: number | null;
  callCount: number;
  kioskId: string | null;
  lang: "vi" | "en";
  rating: number | null;
  ratedAt: number | null;
  /** A checked-in booking's slot time: its promised call time instead of issue + target (null/absent = a walk-in). */
  dueAt?: number | null;
}

export interface CounterRec {
  number: number;
  officerId: number | null;
  openedAt: number | null;
  pausedAt: number | null;
  pauseReason: string | null;
}

/** An event row to append, in the same transaction as the ticket/counter changes. */
export interface EventDraft {
  type: HallEventType;
  at: number;
  ticketId: number | null;
  counter: number | null;
  officerId: number | null;
  serviceId: string | null;
  data: Record<string, unknown> | null;
}

/** What one command changes: written in one transaction, then applied to memory. */
export interface Change {
  tickets: TicketRec[];
  counters: CounterRec[];
  events: EventDraft[];
}

/** A refused command: the code is a contract error code. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
  ) {
    super(code);
  }
}
