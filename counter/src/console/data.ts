/**
 * The one module of the officer console that knows the API's URLs (home-assistant's
 * `src/data/` habit): typed calls over `ui/api.ts`. Components get data as properties
 * and send typed events up; only the app root (and the accounts panel) call these
 * functions. The session calls (login, logout, me) are in ../staff/data.ts.
 */
import type { HallSnapshot, Role, ServiceInfo, Ticket, UserInfo } from "../../../server/contract/domain.ts";
import { api } from "../../../ui/api.ts";
import type { Lang } from "../../../ui/i18n.ts";
import type { CounterRow } from "../staff/data.ts";
import type { Action } from "./state.ts";

export type { CounterRow } from "../staff/data.ts";

/** Today's own figures (`GET /api/counters/{n}/today`). */
export interface Today {
  served: number;
  meanServiceSec: number | null;
  noShows: number;
}

export const hall = (lang: Lang) => api<HallSnapshot>("GET", "/api/hall", undefined, { lang });

export const services = async (lang: Lang) =>
  (await api<{ services: ServiceInfo[] }>("GET", "/api/services", undefined, { lang })).services;

export const counters = async (lang: Lang) =>
  (await api<{ counters: CounterRow[] }>("GET", "/api/counters", undefined, { lang })).counters;

export const today = async (n: number, lang: Lang) =>
  (await api<{ today: Today }>("GET", `/api/counters/${n}/today`, undefined, { lang })).today;

export const openCounter = (n: number, lang: Lang) =>
  api<unknown>("POST", `/api/counters/${n}/open`, undefined, { lang });

/** Manager/admin: closes a counter someone left open (the current visitor goes back in line). */
export const forceClose = (n: number, lang: Lang) =>
  api<unknown>("POST", `/api/counters/${n}/close`, undefined, { lang });

/** Body of each console action, when it has one. */
export type ActionBody =
  | { action: "transfer"; serviceId: string; counter?: number }
  | { action: "call"; number: string; reason: string }
  | { action: "pause"; reason: string }
  | { action: Exclude<Action, "transfer" | "call" | "pause"> };

const PATHS: Record<Action, string> = {
  next: "call-next",
  recall: "recall",
  "no-show": "no-show",
  start: "start",
  finish: "finish",
  transfer: "transfer",
  call: "call",
  pause: "pause",
  resume: "resume",
  close: "close",
};

/**
 * Runs one console action at counter n. Resolves to the ticket it touched, null for
 * counter-level actions and for "call next" when nobody waits (204).
 */
export async function act(n: number, body: ActionBody, lang: Lang): Promise<Ticket | null> {
  const { action, ...rest } = body;
  const payload = Object.keys(rest).length > 0 ? rest : undefined;
  const r = await api<{ ticket?: Ticket } | null>("POST", `/api/counters/${n}/${PATHS[action]}`, payload, {
    lang,
  });
  return r?.ticket ?? null;
}

// ------------------------------------------------------------------ accounts (admin)

export const users = async (lang: Lang) =>
  (await api<{ users: UserInfo[] }>("GET", "/api/users", undefined, { lang })).users;

export const createUser = (u: { username: string; name: string; role: Role; password: string }, lang: Lang) =>
  api<{ user: UserInfo }>("POST", "/api/users", u, { lang });

export const updateUser = (
  id: number,
  patch: { name?: string; role?: Role; disabled?: boolean; password?: string },
  lang: Lang,
) => api<{ user: UserInfo }>("PATCH", `/api/users/${id}`, patch, { lang });
