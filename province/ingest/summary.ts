/**
 * What one visit adds to the province's hourly summary (`summary_hour`: hall × service day ×
 * field issued for × hour of issue), by the hall's own definitions: a visit's contribution is
 * `WaitAcc.add()` of its facts (server/reports/waits.ts, visit.ts), so the summary can never
 * count differently from the hall. When an event changes a ticket, the summary takes the new
 * contribution minus the old one. Two parts are special:
 * - a wait is set once, at the first call, and never changes: it is appended, never retracted;
 * - the time in line of a visit still waiting grows with the clock: it is left out here
 *   (`lineMs(v, null)`) and added by the report at read time (store/reports.ts).
 */
import { codeOf, issueHour, lineMs, serviceMs, waitMs } from "../../server/reports/visit.ts";
import { ADDITIVE_SUM_KEYS, emptyWaitSums, WaitAcc, type WaitSums } from "../../server/reports/waits.ts";
import type { TicketState } from "./fold.ts";

/** The change of one summary cell. */
export interface CellDelta {
  serviceDay: string;
  serviceId: string;
  hour: number;
  sums: WaitSums;
  waits: number[];
}

/** The figures one visit contributes now (settled parts only). */
export function contribution(t: TicketState, targetMs: number): WaitSums {
  const acc = new WaitAcc(targetMs);
  acc.add(codeOf(t.status, t.rating), waitMs(t), lineMs(t, null), serviceMs(t));
  return acc.sums();
}

/** Adds the change of one ticket (before → after one or more events) to the batch's cells. */
export function addChange(
  cells: Map<string, CellDelta>,
  before: TicketState | undefined,
  after: TicketState,
  targetMs: number,
): void {
  const hour = issueHour(after.issuedAt);
  const key = `${after.serviceDay}|${after.firstServiceId}|${hour}`;
  let c = cells.get(key);
  if (!c) {
    c = {
      serviceDay: after.serviceDay,
      serviceId: after.firstServiceId,
      hour,
      sums: emptyWaitSums(),
      waits: [],
    };
    cells.set(key, c);
  }
  const a = contribution(after, targetMs);
  const b = before ? contribution(before, targetMs) : emptyWaitSums();
  for (const k of ADDITIVE_SUM_KEYS) c.sums[k] += a[k] - b[k];
  const wasWait = before ? waitMs(before) : null;
  const wait = waitMs(after);
  if (wait !== null && wasWait === null) {
    c.waits.push(wait);
    if (wait > c.sums.maxWait) c.sums.maxWait = wait;
  }
}
