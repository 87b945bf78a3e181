/**
 * Committed hall events (versioned: `v` changes only with a decision record, so a
 * province-wide bridge can rely on it; DESIGN.md "Beyond one hall"), in two forms:
 * - `HallEvent`, the staff form: officer ids, reasons, the priority category; only on
 *   authenticated streams (`GET /api/live/staff`, its `event` frames);
 * - `PublicHallEvent`, what public feeds carry (SSE `GET /api/events`, MQTT
 *   `{b}/{h}/events`): numbers, counters, fields, times and "priority: yes/no" only
 *   (docs/decisions/0005-public-feeds-without-codes.md).
 */
import type { Ticket } from "./domain.ts";

export const EVENT_SCHEMA_VERSION = 1 as const;

export const TICKET_EVENT_TYPES = [
  "issued",
  "called",
  "recalled",
  "no-show",
  "started",
  "finished",
  "transferred",
  "cancelled",
  "rated",
] as const;
export type TicketEventType = (typeof TICKET_EVENT_TYPES)[number];

export const COUNTER_EVENT_TYPES = [
  "counter-opened",
  "counter-closed",
  "counter-paused",
  "counter-resumed",
] as const;
export type CounterEventType = (typeof COUNTER_EVENT_TYPES)[number];

/**
 * Notices to visitors (issue 14, decision 0115), in the event log: a visitor asked for
 * notices (`notice-subscribed`), a notice went out (`notice-sent`) or was given up
 * (`notice-failed`). `data: { number, channel, kind?, messageId?, error? }`, no officer;
 * never the phone number or the push address.
 */
export const NOTICE_EVENT_TYPES = ["notice-subscribed", "notice-sent", "notice-failed"] as const;

/**
 * Written to the event log (audit trail), never sent on public feeds: staff-account
 * changes, and a dossier code linked to a visit (`dossier-linked`, with the ticket id and
 * `data.{dossierCode, procedureCode, source}`; the code lets anyone look the dossier up on
 * the public portal, so it stays off the boards; docs/decisions/0043).
 */
export const AUDIT_EVENT_TYPES = [
  "user-created",
  "user-updated",
  "dossier-linked",
  ...NOTICE_EVENT_TYPES,
] as const;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

/**
 * A new hall settings version is in force (docs/decisions/0100-settings-model.md). Public
 * form: `data: { version, sections }` only (which top-level settings changed); who changed
 * what, before and after, stays in the event row and `GET /api/settings/history`. Screens
 * refetch what they show from the configuration on it.
 */
export const SETTINGS_EVENT_TYPES = ["settings-changed"] as const;
export type SettingsEventType = (typeof SETTINGS_EVENT_TYPES)[number];

export type HallEventType = TicketEventType | CounterEventType | AuditEventType | SettingsEventType;

/** One committed change. `id` is the event row id in the store (monotonic). */
export interface HallEvent {
  v: typeof EVENT_SCHEMA_VERSION;
  id: number;
  type: HallEventType;
  at: string;
  hallId: string;
  /** The ticket without its code and status URL (the visitor's secret). */
  ticket?: PublicTicket;
  counter?: number;
  officerId?: number | null;
  /** Type-specific details, e.g. `{ fromServiceId, toServiceId }` for a transfer. */
  data?: Record<string, unknown>;
}

/**
 * A ticket without its code and status URL (the visitor's secret), as the staff form of
 * an event carries it. (The name predates decision 0005's second part: public feeds now
 * carry `FeedTicket`.)
 */
export type PublicTicket = Omit<Ticket, "code" | "statusUrl">;

/** The ticket fields a public feed may carry (decision 0005); everything else is left out. */
export const FEED_TICKET_FIELDS = [
  "id",
  "number",
  "serviceId",
  "status",
  "issuedAt",
  "calledAt",
  "startedAt",
  "finishedAt",
  "counter",
  "callCount",
] as const;

/**
 * A ticket as public feeds show it: number, field, status, times and counter, and
 * `prioritized` (a priority visitor, yes/no) instead of the category.
 */
export type FeedTicket = Pick<PublicTicket, (typeof FEED_TICKET_FIELDS)[number]> & { prioritized: boolean };

/**
 * The `data` keys a public event may carry: figures and field/counter references only.
 * Free-text reasons (pause, out-of-order call), officer ids, ratings and who forced a
 * close stay on staff streams.
 */
export const FEED_DATA_KEYS = ["waitSec", "callCount", "fromServiceId", "toServiceId", "toCounter"] as const;

/**
 * A committed ticket or counter event as public feeds carry it (no officer, no reasons),
 * or a `settings-changed` with `data: { version, sections }` only (screens refetch on it).
 */
export interface PublicHallEvent {
  v: typeof EVENT_SCHEMA_VERSION;
  id: number;
  type: TicketEventType | CounterEventType | SettingsEventType;
  at: string;
  hallId: string;
  ticket?: FeedTicket;
  counter?: number;
  data?: Partial<Record<(typeof FEED_DATA_KEYS)[number], string | number | null>> & {
    /** `settings-changed`: the version now in force. */
    version?: number;
    /** `settings-changed`: which top-level settings changed. */
    sections?: string[];
  };
}

/**
 * Version 2 of the event schema, the **row form** (docs/decisions/0090-province-level.md):
 * one row of the hall's event log as the province uplink sends it, read back from the
 * store long after the commit. A superset of version 1 in what it says: it names the
 * ticket (`ticketId`) and the field at the time of the event (`serviceId`) on every
 * ticket event, and carries the ticket's fixed facts on `issued`; the version-1 `ticket`
 * snapshot ("the ticket after this event") may be absent, because a row read back later
 * only knows the ticket's final state. `data` keeps only the documented, non-personal
 * keys (uplink: `UPLINK_DATA_KEYS`). Live feeds (SSE, MQTT `{b}/{h}/events`) stay on
 * version 1 for now; the province reads both.
 */
export const EVENT_ROW_VERSION = 2 as const;

/** Every event-schema version the province ingest reads, oldest first. */
export const EVENT_SCHEMA_VERSIONS = [EVENT_SCHEMA_VERSION, EVENT_ROW_VERSION] as const;

export interface HallEventRow extends Omit<HallEvent, "v" | "ticket"> {
  v: typeof EVENT_ROW_VERSION;
  /** The ticket the event is about (ticket events only). */
  ticketId?: number;
  /** The ticket's field at the time of the event (after a transfer: the new field). */
  serviceId?: string;
  /**
   * On `issued` only: the fixed facts of the new ticket; `dueAt` (ISO, UTC+7) the slot of a
   * checked-in booking, from which its wait counts when it came early.
   */
  issued?: { number: string; serviceDay: string; priority: Ticket["priority"]; dueAt?: string };
  /** Optional, as in version 1. */
  ticket?: PublicTicket;
}

/**
 * What happens to a booking (issue 14, docs/decisions/0110-appointment-rules.md), published
 * by the appointments service inside the transaction that records it (its `onCommit`
 * reactions: e.g. an outbox row for a reminder) and on the event bus after the commit.
 * Never on public feeds and never sent to the province: the booking holds a phone number.
 */
export const APPOINTMENT_EVENT_TYPES = [
  "appointment.booked",
  "appointment.cancelled",
  "appointment.checked-in",
  "appointment.no-show",
] as const;
export type AppointmentEventType = (typeof APPOINTMENT_EVENT_TYPES)[number];

/** One booking change, with what a reminder needs. */
export interface AppointmentEvent {
  type: AppointmentEventType;
  /** When it happened (ISO 8601, +07:00). */
  at: string;
  hallId: string;
  appointment: {
    id: number;
    /** The booking code (the visitor's secret, like a ticket code). */
    code: string;
    serviceId: string;
    /** Service day `YYYY-MM-DD` and slot start `HH:MM`. */
    date: string;
    slot: string;
    /** The slot's start (ISO 8601, +07:00): when a reminder is due relative to. */
    slotAt: string;
    /** `84…` (E.164 without +) when the visitor gave one for a reminder, else null. */
    phone: string | null;
    lang: "vi" | "en";
  };
  /** `appointment.checked-in`: the ticket it became. */
  ticket?: { id: number; number: string; code: string };
}
