/**
 * The staff session's calls (login, logout, `GET /api/auth/me`) and the shapes every
 * staff app reads, over the typed client `ui/api.ts`. The app shell (shell.ts) is their
 * only caller for the session; each app's own data module knows the rest of its URLs.
 * The shapes are the contract's (server/contract/api/): named here, never re-declared.
 */
import type { HeldCounter, StaffCounter } from "../../../server/contract/api/counters.ts";
import type { UserInfo } from "../../../server/contract/domain.ts";
import { type ApiOk, api, setToken } from "../../../ui/api.ts";
import type { Lang } from "../../../ui/i18n.ts";

/** The officer's counter as `GET /api/auth/me` returns it. */
export type { HeldCounter };

/** `GET /api/auth/me`: who is logged in and the counter they hold. */
export type Me = ApiOk<"GET", "/api/auth/me">;

/** A counter as `GET /api/counters` lists it (staff view: who holds it, the ticket at it). */
export type CounterRow = StaffCounter;

/** Logs in and keeps the token (sessionStorage: it survives a reload, not a closed tab). */
export async function login(username: string, password: string, lang: Lang): Promise<UserInfo> {
  const r = await api("POST", "/api/auth/login", { body: { username, password } }, { lang });
  setToken(r.token);
  return r.user;
}

/** Ends the session; the token is forgotten even when the server is unreachable. */
export async function logout(lang: Lang): Promise<void> {
  try {
    await api("POST", "/api/auth/logout", {}, { lang });
  } finally {
    setToken(null);
  }
}

export const me = (lang: Lang): Promise<Me> => api("GET", "/api/auth/me", {}, { lang });
