/**
 * The URLs the province dashboard reads: typed calls over `ui/api.ts` (the contract's error
 * body becomes an ApiFailure with its stable code). Downloads go through `download()` with the
 * bearer token, so an error never lands in the downloads folder as a "report".
 */

import type {
  ProvinceGroup,
  ProvinceHalls,
  ProvinceRole,
  ProvinceWaitReport,
  Ranking,
} from "../../server/contract/province.ts";
import type { BreachList, ReportGroup, ReportPreset, WaitReport } from "../../server/contract/reports.ts";
import { ApiFailure, getToken, setToken } from "../../ui/api.ts";
import type { Lang } from "../../ui/i18n.ts";
import { call as api } from "./province-api.ts";

export interface StaffUser {
  id: number;
  username: string;
  name: string;
  role: ProvinceRole;
}

export async function login(username: string, password: string, lang: Lang): Promise<StaffUser> {
  const r = await api<{ token: string; user: StaffUser }>(
    "POST",
    "/api/auth/login",
    { username, password },
    { lang },
  );
  setToken(r.token);
  return r.user;
}

export async function logout(lang: Lang): Promise<void> {
  await api("POST", "/api/auth/logout", undefined, { lang }).catch(() => {});
  setToken(null);
}

export const me = async (lang: Lang) =>
  (await api<{ user: StaffUser }>("GET", "/api/auth/me", undefined, { lang })).user;

export const halls = (lang: Lang) => api<ProvinceHalls>("GET", "/api/halls", undefined, { lang });

/** A report range: a preset of the server, or inclusive service days. */
export type Range = { preset: ReportPreset } | { from: string; to: string };

function query(range: Range, extra: Record<string, string | undefined>): string {
  const p = new URLSearchParams();
  if ("preset" in range) p.set("preset", range.preset);
  else {
    p.set("from", range.from);
    p.set("to", range.to);
  }
  for (const [k, v] of Object.entries(extra)) if (v) p.set(k, v);
  return p.toString();
}

export const acrossUrl = (range: Range, groupBy: ProvinceGroup, area: string, lang: Lang, format?: string) =>
  `/api/reports/waits?${query(range, { groupBy, area: area || undefined, lang, format })}`;

export const across = (range: Range, groupBy: ProvinceGroup, area: string, lang: Lang) =>
  api<ProvinceWaitReport>("GET", acrossUrl(range, groupBy, area, lang), undefined, {
    lang,
    timeoutMs: 30_000,
  });

export const rankingUrl = (range: Range, lang: Lang, format?: string) =>
  `/api/reports/ranking?${query(range, { lang, format })}`;

export const ranking = (range: Range, lang: Lang) =>
  api<Ranking>("GET", rankingUrl(range, lang), undefined, { lang, timeoutMs: 30_000 });

export const hallWaits = (id: string, range: Range, groupBy: ReportGroup, lang: Lang) =>
  api<WaitReport>(
    "GET",
    `/api/halls/${encodeURIComponent(id)}/reports/waits?${query(range, { groupBy, lang })}`,
    undefined,
    {
      lang,
      timeoutMs: 30_000,
    },
  );

export const hallBreaches = (id: string, range: Range, lang: Lang) =>
  api<BreachList>(
    "GET",
    `/api/halls/${encodeURIComponent(id)}/reports/breaches?${query(range, { limit: "50", lang })}`,
    undefined,
    {
      lang,
      timeoutMs: 30_000,
    },
  );

/** Downloads a report file with the bearer token under the server's file name. */
export async function download(url: string, lang: Lang): Promise<void> {
  const headers: Record<string, string> = { "accept-language": lang };
  const token = getToken();
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(url, { headers, credentials: "same-origin" }).catch((e: Error) => {
    throw new ApiFailure(0, "network-error", e.message);
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as {
      error?: { code?: string; message?: string };
    } | null;
    throw new ApiFailure(
      res.status,
      (body?.error?.code ?? "internal-error") as ApiFailure["code"],
      body?.error?.message ?? "",
    );
  }
  const blob = await res.blob();
  const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? "bao-cao";
  const href = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
