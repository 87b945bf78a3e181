/**
 * The one module of the officer console that knows the API's URLs (home-assistant's
 * `src/data/` habit): typed calls over `ui/api.ts`. Components get data as properties
 * and send typed events up; only the app root (and the accounts panel) call these
 * functions. The session calls (login, logout, me) are in ../staff/data.ts.
 */
import type { TodayFigures } from "../../../server/contract/api/counters.ts";
import type { Role, Ticket } from "../../../server/contract/domain.ts";
import { api } from "../../../ui/api.ts";
import type { Lang } from "../../../ui/i18n.ts";
import type { Action } from "./state.ts";

export type { CounterRow } from "../staff/data.ts";

/** Today's own figures (`GET /api/counters/{n}/today`). */
export type Today = TodayFigures;

export const hall = (lang: Lang) => api("GET", "/api/hall", {}, { lang });

export const services = async (lang: Lang) => (await api("GET", "/api/services", {}, { lang })).services;

export const counters = async (lang: Lang) => (await api("GET", "/api/counters", {}, { lang })).counters;

export const today = async (n: number, lang: Lang) =>
  (await api("GET", "/api/counters/{n}/today", { params: { n } }, { lang })).today;

export const openCounter = (n: number, lang: Lang) =>
  api("POST", "/api/counters/{n}/open", { params: { n } }, { lang });

/** Manager/admin: closes a counter someone left open (the current visitor goes back in line). */
export const forceClose = (n: number, lang: Lang) =>
  api("POST", "/api/counters/{n}/close", { params: { n } }, { lang });

/** Body of each console action, when it has one. */
export type ActionBody =
  | { action: "transfer"; serviceId: string; counter?: number }
  | { action: "call"; number: string; reason: string }
  | { action: "pause"; reason: string }
  | { action: Exclude<Action, "transfer" | "call" | "pause"> };

/**
 * Runs one console action at counter n. Resolves to the ticket it touched, null for
 * counter-level actions and for "call next" when nobody waits (204).
 */
export async function act(n: number, body: ActionBody, lang: Lang): Promise<Ticket | null> {
  const params = { n };
  const o = { lang };
  switch (body.action) {
    case "next":
      return (await api("POST", "/api/counters/{n}/call-next", { params }, o))?.ticket ?? null;
    case "recall":
      return (await api("POST", "/api/counters/{n}/recall", { params }, o)).ticket;
    case "no-show":
      return (await api("POST", "/api/counters/{n}/no-show", { params }, o)).ticket;
    case "start":
      return (await api("POST", "/api/counters/{n}/start", { params }, o)).ticket;
    case "finish":
      return (await api("POST", "/api/counters/{n}/finish", { params }, o)).ticket;
    case "transfer": {
      const { serviceId, counter } = body;
      return (await api("POST", "/api/counters/{n}/transfer", { params, body: { serviceId, counter } }, o))
        .ticket;
    }
    case "call": {
      const { number, reason } = body;
      return (await api("POST", "/api/counters/{n}/call", { params, body: { number, reason } }, o)).ticket;
    }
    case "pause":
      await api("POST", "/api/counters/{n}/pause", { params, body: { reason: body.reason } }, o);
      return null;
    case "resume":
      await api("POST", "/api/counters/{n}/resume", { params }, o);
      return null;
    case "close":
      await api("POST", "/api/counters/{n}/close", { params }, o);
      return null;
  }
}

/** Links (or with a null code removes) the dossier code of the visit at counter n (issue 15). */
export const linkDossier = (
  n: number,
  body: { dossierCode: string | null; procedureCode: string | null },
  lang: Lang,
) => api("PUT", "/api/counters/{n}/dossier", { params: { n }, body }, { lang });

// ------------------------------------------------------------------ accounts (admin)

export const users = async (lang: Lang) => (await api("GET", "/api/users", {}, { lang })).users;

export const createUser = (u: { username: string; name: string; role: Role; password: string }, lang: Lang) =>
  api("POST", "/api/users", { body: u }, { lang });

export const updateUser = (
  id: number,
  patch: { name?: string; role?: Role; disabled?: boolean; password?: string },
  lang: Lang,
) => api("PATCH", "/api/users/{id}", { params: { id }, body: patch }, { lang });
