/**
 * Committed hall events, as sent on SSE (`GET /api/events`) and on MQTT
 * `{b}/{h}/events` (versioned: `v` changes only with a decision record, so a
 * province-wide bridge can rely on it; DESIGN.md "Beyond one hall").
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
 * Written to the event log (audit trail), never sent on public feeds: staff-account
 * changes, and a dossier code linked to a visit (`dossier-linked`, with the ticket id and
 * `data.{dossierCode, procedureCode, source}`; the code lets anyone look the dossier up on
 * the public portal, so it stays off the boards; docs/decisions/0043).
 */
export const AUDIT_EVENT_TYPES = ["user-created", "user-updated", "dossier-linked"] as const;
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

/** A ticket as public feeds show it: no code, no status URL. */
export type PublicTicket = Omit<Ticket, "code" | "statusUrl">;
