/**
 * Public domain vocabulary shared by the server, the browser apps and the
 * firmware-config tooling. Imports nothing from the rest of `server/`.
 * Source of the categories: shared/DOMAIN.md ("Priority visitors").
 */
import type { Text } from "./api/wire.ts";

/** Priority categories of DOMAIN.md; `none` is an ordinary visitor. */
export const PRIORITIES = ["none", "elderly", "disabled", "pregnant", "merit", "child"] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Ticket life cycle (CONTRACT.md): waiting → called → serving → done, plus no-show and cancelled. */
export const TICKET_STATUSES = ["waiting", "called", "serving", "done", "no-show", "cancelled"] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Staff roles. */
export const ROLES = ["officer", "manager", "admin"] as const;
export type Role = (typeof ROLES)[number];

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

/**
 * The wire shapes (ticket, field, hall snapshot, staff user) are declared once, as the
 * schemas of `api/wire.ts`; these are their inferred types, re-exported here so that the
 * apps and the server keep one import for the vocabulary (types only: no zod in bundles).
 */
export type {
  CounterDisplayState,
  CounterInfo,
  HallCall,
  HallSnapshot,
  PublicCall,
  ServiceInfo,
  Text,
  Ticket,
  UserInfo,
  WaitingLine,
} from "./api/wire.ts";
