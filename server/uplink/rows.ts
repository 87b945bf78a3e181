/**
 * Event rows of the hall's log → events of schema version 2, the row form
 * (contract/events.ts `HallEventRow`), as the uplink sends them to the province. What leaves
 * the hall: ids, instants, the field, counter and officer id, the ticket's visible number,
 * service day, priority category and (a checked-in booking) its slot; `data` only with the documented keys of
 * UPLINK_DATA_KEYS (no free text such as a pause reason), and nothing of audit rows (staff
 * accounts) beyond their type and instant. No ticket code, no visitor data, no names.
 */
import type { Priority } from "../contract/domain.ts";
import { EVENT_ROW_VERSION, type HallEventRow, type HallEventType } from "../contract/events.ts";
import { UPLINK_DATA_KEYS } from "../contract/province.ts";
import { isoVn } from "../queue/time.ts";
import type { UplinkRow } from "../store/store.ts";

/** Keeps the documented data keys of an event type. */
export function uplinkData(type: HallEventType, raw: string | null): Record<string, unknown> | undefined {
  const keys = UPLINK_DATA_KEYS[type];
  if (!raw || !keys) return undefined;
  const d = JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of keys) if (d[k] !== undefined) out[k] = d[k];
  return Object.keys(out).length > 0 ? out : undefined;
}

/** One stored event row as a version-2 event of hall `hallId`. */
export function toEventRow(r: UplinkRow, hallId: string): HallEventRow {
  const type = r.type as HallEventType;
  const e: HallEventRow = { v: EVENT_ROW_VERSION, id: r.id, type, at: isoVn(r.at), hallId };
  if (r.ticket_id !== null) e.ticketId = r.ticket_id;
  if (r.service_id !== null) e.serviceId = r.service_id;
  if (r.counter !== null) e.counter = r.counter;
  if (r.officer_id !== null) e.officerId = r.officer_id;
  const data = uplinkData(type, r.data);
  if (data) e.data = data;
  if (type === "issued" && r.number !== null && r.service_day !== null && r.priority !== null) {
    e.issued = { number: r.number, serviceDay: r.service_day, priority: r.priority as Priority };
    if (r.due_at != null) e.issued.dueAt = isoVn(r.due_at);
  }
  return e;
}
