/**
 * Reads one ingest batch (`POST /api/uplink/events`) into canonical events, whatever the
 * event-schema version of each (contract/events.ts: 1 = the live-feed form with a ticket
 * snapshot, 2 = the row form the uplink sends). Refuses the whole batch, with a contract
 * code and the index of the culprit, when an event is malformed (`invalid-event`), of an
 * unknown version (`unsupported-event-version`), of another hall (`foreign-hall`) or out of
 * id order (`out-of-order`). Keeps only the documented, non-personal data keys
 * (UPLINK_DATA_KEYS), whatever the hall sent.
 */
import type { Priority } from "../../server/contract/domain.ts";
import {
  COUNTER_EVENT_TYPES,
  EVENT_SCHEMA_VERSIONS,
  type HallEventType,
  TICKET_EVENT_TYPES,
} from "../../server/contract/events.ts";
import { EventV1Schema, EventV2Schema, UPLINK_DATA_KEYS } from "../../server/contract/province.ts";
import { serviceDay } from "../../server/queue/time.ts";
import { DomainError } from "../../server/queue/types.ts";

/** One event as the province stores and folds it, whatever version it came in. */
export interface IngestEvent {
  id: number;
  at: number;
  type: HallEventType;
  v: number;
  ticketId: number | null;
  counter: number | null;
  officerId: number | null;
  /** The ticket's field at the time of the event. */
  serviceId: string | null;
  data: Record<string, unknown> | null;
  /** On `issued`: the new ticket's fixed facts. */
  issued: { number: string; serviceDay: string; priority: Priority; dueAt?: number } | null;
}

const TICKET_TYPES = new Set<string>(TICKET_EVENT_TYPES);
const DAY_MS = 86_400_000;
const COUNTER_TYPES = new Set<string>(COUNTER_EVENT_TYPES);

function keep(type: HallEventType, data: Record<string, unknown> | undefined) {
  const keys = UPLINK_DATA_KEYS[type];
  if (!data || !keys) return null;
  const out: Record<string, unknown> = {};
  for (const k of keys) if (data[k] !== undefined) out[k] = data[k];
  return Object.keys(out).length > 0 ? out : null;
}

const bad = (index: number, reason: string, extra: Record<string, unknown> = {}) =>
  new DomainError("invalid-event", { index, reason, ...extra });

/** Decodes and checks the events of one batch of hall `hallId`. */
export function decodeEvents(hallId: string, raw: readonly unknown[]): IngestEvent[] {
  const out: IngestEvent[] = [];
  let lastId = 0;
  raw.forEach((r, index) => {
    const v = (r as { v?: unknown } | null)?.v;
    if (!(EVENT_SCHEMA_VERSIONS as readonly unknown[]).includes(v))
      throw new DomainError("unsupported-event-version", {
        index,
        v: v ?? null,
        supported: EVENT_SCHEMA_VERSIONS,
      });
    let e: IngestEvent;
    if (v === 1) {
      const p = EventV1Schema.safeParse(r);
      if (!p.success) throw bad(index, "schema", { issues: issues(p.error) });
      const x = p.data;
      if (x.hallId !== hallId) throw new DomainError("foreign-hall", { index, hallId: x.hallId });
      const t = x.ticket;
      e = {
        id: x.id,
        at: Date.parse(x.at),
        type: x.type,
        v,
        ticketId: t?.id ?? null,
        counter: x.counter ?? null,
        officerId: x.officerId ?? null,
        serviceId: t?.serviceId ?? null,
        data: keep(x.type, x.data),
        issued:
          x.type === "issued" && t
            ? { number: t.number, serviceDay: serviceDay(Date.parse(t.issuedAt)), priority: t.priority }
            : null,
      };
      // Version 1 carries the score in the ticket snapshot as well; the data key is what the row form uses.
      if (x.type === "rated" && t?.rating !== undefined && e.data?.score === undefined)
        e.data = { ...(e.data ?? {}), score: t.rating };
    } else {
      const p = EventV2Schema.safeParse(r);
      if (!p.success) throw bad(index, "schema", { issues: issues(p.error) });
      const x = p.data;
      if (x.hallId !== hallId) throw new DomainError("foreign-hall", { index, hallId: x.hallId });
      e = {
        id: x.id,
        at: Date.parse(x.at),
        type: x.type,
        v: 2,
        ticketId: x.ticketId ?? x.ticket?.id ?? null,
        counter: x.counter ?? null,
        officerId: x.officerId ?? null,
        serviceId: x.serviceId ?? x.ticket?.serviceId ?? null,
        data: keep(x.type, x.data),
        issued: x.issued
          ? {
              number: x.issued.number,
              serviceDay: x.issued.serviceDay,
              priority: x.issued.priority,
              ...(x.issued.dueAt === undefined ? {} : { dueAt: Date.parse(x.issued.dueAt) }),
            }
          : null,
      };
    }
    if (e.id <= lastId)
      throw new DomainError("out-of-order", {
        index,
        reason: "event ids must increase",
        id: e.id,
        after: lastId,
      });
    lastId = e.id;
    if (e.at < Date.UTC(2000, 0, 1) || e.at >= Date.UTC(2100, 0, 1)) throw bad(index, "time out of range");
    if (TICKET_TYPES.has(e.type)) {
      if (e.ticketId === null) throw bad(index, "a ticket event must name its ticket");
      if (e.serviceId === null) throw bad(index, "a ticket event must name its field");
      if (e.type === "issued" && e.issued === null) throw bad(index, "issued without the ticket's facts");
      // A booking checks in within minutes of its slot (decision 0110); a slot a day away is no booking's.
      const due = e.issued?.dueAt;
      if (due !== undefined && Math.abs(due - e.at) > DAY_MS)
        throw bad(index, "booking slot a day away from check-in");
      if (e.type === "rated") {
        const s = e.data?.score;
        if (typeof s !== "number" || !Number.isInteger(s) || s < 1 || s > 4) throw bad(index, "rating 1–4");
      }
    } else {
      // Counter and audit events name no ticket; audit details (staff accounts) never leave the hall.
      e.ticketId = null;
      e.serviceId = null;
      e.issued = null;
      if (!COUNTER_TYPES.has(e.type)) e.data = null;
      else if (e.counter === null) throw bad(index, "a counter event must name its counter");
    }
    out.push(e);
  });
  return out;
}

function issues(err: { issues: { path: PropertyKey[]; message: string }[] }) {
  return err.issues.slice(0, 5).map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
}
