/**
 * Public domain vocabulary shared by the server, the browser apps and the
 * firmware-config tooling. Imports nothing from the rest of `server/`.
 * Source of the categories: shared/DOMAIN.md ("Priority visitors").
 */

/** Priority categories of DOMAIN.md; `none` is an ordinary visitor. */
export const PRIORITIES = ["none", "elderly", "disabled", "pregnant", "merit", "child"] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Ticket life cycle (CONTRACT.md): waiting → called → serving → done, plus no-show and cancelled. */
export const TICKET_STATUSES = ["waiting", "called", "serving", "done", "no-show", "cancelled"] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Staff roles. */
export const ROLES = ["officer", "manager", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** A text in Vietnamese (first) and English. */
export interface Text {
  vi: string;
  en: string;
}

export type Lang = "vi" | "en";

/** Visible names of the priority categories (DOMAIN.md table). */
export const PRIORITY_LABELS: Record<Priority, Text> = {
  none: { vi: "Không ưu tiên", en: "No priority" },
  elderly: { vi: "Người cao tuổi (từ 60 tuổi)", en: "Elderly (60+)" },
  disabled: { vi: "Người khuyết tật", en: "Person with a disability" },
  pregnant: { vi: "Phụ nữ mang thai", en: "Pregnant woman" },
  merit: { vi: "Người có công với cách mạng", en: "Person with meritorious service" },
  child: { vi: "Người đi cùng trẻ em dưới 6 tuổi", en: "Visitor with a child under 6" },
};

/** True when the category is served ahead of ordinary visitors. */
export function isPriority(p: Priority): boolean {
  return p !== "none";
}

/** A ticket as the public API returns it (CONTRACT.md `Ticket`). */
export interface Ticket {
  id: number;
  /** Unguessable public reference carried by the QR code. */
  code: string;
  /** Visible number, e.g. `A012`. */
  number: string;
  serviceId: string;
  priority: Priority;
  status: TicketStatus;
  issuedAt: string;
  calledAt?: string;
  startedAt?: string;
  finishedAt?: string;
  counter?: number;
  /** People ahead of this ticket while it waits. */
  position?: number;
  estimatedWaitMin?: number;
  statusUrl: string;
  /** Extension: how many times it was called (1 = first call; more = recalls). */
  callCount?: number;
  /** Extension: rating 1–4 once rated. */
  rating?: number;
}

/** A field ("lĩnh vực") offered at the kiosk. */
export interface ServiceInfo {
  id: string;
  prefix: string;
  name: Text;
  open: boolean;
}

/** A counter as the hall snapshot shows it. */
export interface CounterInfo {
  number: number;
  open: boolean;
  serviceIds: string[];
  /** Visible number of the ticket called or served there, or null. */
  current: string | null;
  /** Extensions. */
  name?: Text;
  priorityCounter?: boolean;
  paused?: boolean;
  state?: CounterDisplayState;
  officer?: string | null;
}

export type CounterDisplayState = "called" | "serving" | "idle" | "closed";

export interface HallCall {
  number: string;
  counter: number;
  calledAt: string;
  /** Extensions. */
  serviceId?: string;
  priority?: Priority;
  recall?: boolean;
}

export interface WaitingLine {
  serviceId: string;
  count: number;
  longestWaitSec: number;
  /** Extension: how many of them are priority visitors. */
  priorityCount?: number;
}

/** Body of `GET /api/hall`, and of the retained `hall/state` topic (plus `seq`). */
export interface HallSnapshot {
  hall: { id: string; name: string; nameEn?: string };
  calls: HallCall[];
  waiting: WaitingLine[];
  counters: CounterInfo[];
  /** Extension: the admin's scrolling notice line. */
  notice?: Text | null;
}

export interface UserInfo {
  id: number;
  username: string;
  name: string;
  role: Role;
  disabled?: boolean;
}
