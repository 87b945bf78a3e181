/**
 * Request bodies of the HTTP API, validated at the edge (STYLE.md habit 4), and
 * the response shapes the apps read.
 */
import { z } from "zod";
import type { HallSnapshot, ServiceInfo, Ticket, UserInfo } from "./domain.ts";
import { ROLES } from "./domain.ts";

export const IssueTicketBody = z.object({
  serviceId: z.string().min(1).max(64),
  /** Checked separately so that an unknown category gives 422 invalid-priority. */
  priority: z.string().max(32).optional(),
  kioskId: z.string().max(64).optional(),
  lang: z.enum(["vi", "en"]).optional(),
  /** Extension: a kiosk-chosen id that makes a retried or double-tapped request idempotent. */
  requestId: z.string().min(8).max(64).optional(),
});
export type IssueTicketBody = z.infer<typeof IssueTicketBody>;

export const RatingBody = z.object({ score: z.number().int() });

export const LoginBody = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const CreateUserBody = z.object({
  username: z
    .string()
    .min(2)
    .max(64)
    .regex(/^[a-z0-9._-]+$/, "lowercase letters, digits, . _ -"),
  password: z.string().min(8).max(256),
  name: z.string().min(1).max(128),
  role: z.enum(ROLES),
});

export const UpdateUserBody = z.object({
  name: z.string().min(1).max(128).optional(),
  role: z.enum(ROLES).optional(),
  disabled: z.boolean().optional(),
  password: z.string().min(8).max(256).optional(),
});

export const TransferBody = z.object({
  serviceId: z.string().min(1).max(64),
  /** Extension: only this counter may call the ticket next. */
  counter: z.number().int().min(1).max(999).optional(),
});
export const PauseBody = z.object({ reason: z.string().min(1).max(200) });
export const CallSpecificBody = z.object({
  number: z.string().min(2).max(8),
  reason: z.string().min(3).max(300),
});
/** Extension: the display board's scrolling notice (`PUT /api/hall/notice`); null clears it. */
export const NoticeBody = z.object({
  notice: z.object({ vi: z.string().max(500), en: z.string().max(500) }).nullable(),
});

export interface ServicesResponse {
  services: ServiceInfo[];
}
export interface TicketResponse {
  ticket: Ticket;
}
export interface LoginResponse {
  token: string;
  user: UserInfo;
  expiresAt?: string;
}
export type HallResponse = HallSnapshot;
export interface CounterResponse {
  counter: {
    number: number;
    officer: string | null;
    serviceIds: string[];
    open: boolean;
    paused?: boolean;
    pauseReason?: string | null;
  };
}
