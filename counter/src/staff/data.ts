/**
 * The staff session's calls (login, logout, `GET /api/auth/me`) and the shapes every
 * staff app reads, over `ui/api.ts`. The app shell (shell.ts) is their only caller for
 * the session; each app's own data module knows the rest of its URLs.
 */
import type { Ticket, UserInfo } from "../../../server/contract/domain.ts";
import { api, setToken } from "../../../ui/api.ts";
import type { Lang } from "../../../ui/i18n.ts";

/** The officer's counter as `GET /api/auth/me` returns it (what the console needs of it). */
export interface HeldCounter {
  number: number;
  serviceIds: string[];
  paused?: boolean;
  pauseReason?: string | null;
  currentTicket: Ticket | null;
  name?: { vi: string; en: string };
  priorityCounter?: boolean;
}

/** `GET /api/auth/me`: who is logged in and the counter they hold. */
export interface Me {
  user: UserInfo;
  counter: HeldCounter | null;
}

/** A counter as `GET /api/counters` lists it (staff view: who holds it). */
export interface CounterRow {
  number: number;
  officer: string | null;
  officerId: number | null;
  serviceIds: string[];
  open: boolean;
  paused: boolean;
  state: string;
  priorityCounter: boolean;
  name: { vi: string; en: string };
}

/** Logs in and keeps the token (sessionStorage: it survives a reload, not a closed tab). */
export async function login(username: string, password: string, lang: Lang): Promise<UserInfo> {
  const r = await api<{ token: string; user: UserInfo }>(
    "POST",
    "/api/auth/login",
    { username, password },
    { lang },
  );
  setToken(r.token);
  return r.user;
}

/** Ends the session; the token is forgotten even when the server is unreachable. */
export async function logout(lang: Lang): Promise<void> {
  try {
    await api("POST", "/api/auth/logout", undefined, { lang });
  } finally {
    setToken(null);
  }
}

export const me = (lang: Lang) => api<Me>("GET", "/api/auth/me", undefined, { lang });
