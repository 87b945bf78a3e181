/**
 * The URLs the manager's dashboard reads (like ../console/data.ts for the console): typed
 * calls over `ui/api.ts`. Report downloads go through `download()`, which sends the
 * bearer token (a plain `<a href>` cannot) and turns an error into a message instead of
 * saving a JSON error body as "report.csv"; the links keep a real `href` too, which the
 * session cookie set at login authorizes for "open in a new tab".
 */
import type { StaffingAdvice } from "../../../server/contract/api/staffing.ts";
import type { DeviceStatus } from "../../../server/contract/config.ts";
import type { Text } from "../../../server/contract/domain.ts";
import type {
  OfficerGroup,
  ReportFormat,
  ReportGroup,
  ReportPreset,
} from "../../../server/contract/reports.ts";
import { ApiFailure, api, apiUrl, getToken } from "../../../ui/api.ts";
import type { Lang } from "../../../ui/i18n.ts";
import type { CounterRow } from "../staff/data.ts";

/** A counter as `GET /api/counters` lists it for staff, with the ticket at it. */
export type ManagedCounter = CounterRow;

/** `GET /api/hall`: lines, counters, recent calls, the board notice (public). */
export const hall = (lang: Lang) => api("GET", "/api/hall", {}, { lang });

/** `GET /api/services`: the hall's fields with their prefixes and names. */
export const services = async (lang: Lang) => (await api("GET", "/api/services", {}, { lang })).services;

/** `GET /api/counters` (staff): every counter with its holder, pause and the ticket at it. */
export const counters = async (lang: Lang) => (await api("GET", "/api/counters", {}, { lang })).counters;

/** `GET /api/appointments/today` (manager, admin): today's bookings, check-ins and no-shows (issue 14). */
export const appointmentsToday = (lang: Lang) => api("GET", "/api/appointments/today", {}, { lang });
export type AppointmentsToday = Awaited<ReturnType<typeof appointmentsToday>>;

/** `GET /api/outbox` (manager, admin): messages to outside systems, waiting and failed (issue 15). */
export const outbox = (lang: Lang) => api("GET", "/api/outbox", {}, { lang });

/** `POST /api/outbox/{id}/retry`: sends a failed message again. */
export const retryOutbox = (id: number, lang: Lang) =>
  api("POST", "/api/outbox/{id}/retry", { params: { id } }, { lang });

/** `GET /api/printers` (manager, admin): online, paper, last job, recent failures. */
export const printers = async (lang: Lang) => (await api("GET", "/api/printers", {}, { lang })).printers;

/** Device availability; an older server without `/api/devices` gives an empty list. */
export async function devices(lang: Lang): Promise<DeviceStatus[]> {
  try {
    return (await api("GET", "/api/devices", {}, { lang })).devices;
  } catch (e) {
    if (e instanceof ApiFailure && e.status === 404) return [];
    throw e;
  }
}

/**
 * `GET /api/staffing-advice` (manager, admin): the rest of today simulated with and
 * without each staffing change; null when the server computes none (or predates it).
 */
export async function staffingAdvice(lang: Lang): Promise<StaffingAdvice | null> {
  try {
    return (await api("GET", "/api/staffing-advice", {}, { lang })).advice;
  } catch (e) {
    if (e instanceof ApiFailure && e.status === 404) return null;
    throw e;
  }
}

/** Sets (or clears, with null) the display board's scrolling notice. */
export const setNotice = (notice: Text | null, lang: Lang) =>
  api("PUT", "/api/hall/notice", { body: { notice } }, { lang });

/** A report range: a preset of the server, or inclusive service days. */
export type Range = { preset: ReportPreset } | { from: string; to: string };

type Common = { format?: ReportFormat; lang?: Lang };

/** The query of a report: its range, then the rest. */
const q = <T extends Common>(range: Range, rest: T) => ({ ...range, ...rest });

/** The URL of a report (`kind` = waits | officers | breaches) with its query, for links and downloads. */
export function reportUrl(kind: "waits", range: Range, rest: Common & { groupBy?: ReportGroup }): string;
export function reportUrl(kind: "officers", range: Range, rest: Common & { groupBy?: OfficerGroup }): string;
export function reportUrl(
  kind: "breaches",
  range: Range,
  rest: Common & { offset?: number; limit?: number },
): string;
export function reportUrl(
  kind: "waits" | "officers" | "breaches",
  range: Range,
  rest: Common & { groupBy?: string; offset?: number; limit?: number },
): string {
  const { offset, limit, groupBy, ...more } = rest;
  const paging = {
    offset: offset === undefined ? undefined : String(offset),
    limit: limit === undefined ? undefined : String(limit),
  };
  if (kind === "waits")
    return apiUrl("GET", "/api/reports/waits", {
      query: q(range, { ...more, groupBy: groupBy as ReportGroup }),
    });
  if (kind === "officers")
    return apiUrl("GET", "/api/reports/officers", {
      query: q(range, { ...more, groupBy: groupBy as OfficerGroup }),
    });
  return apiUrl("GET", "/api/reports/breaches", { query: q(range, { ...more, ...paging }) });
}

const slow = (lang: Lang) => ({ lang, timeoutMs: 30_000 });

/** `GET /api/reports/waits` as JSON, grouped by `groupBy`, labels in `lang`. */
export const waits = (range: Range, groupBy: ReportGroup, lang: Lang) =>
  api("GET", "/api/reports/waits", { query: q(range, { groupBy, lang }) }, slow(lang));

/** `GET /api/reports/officers` as JSON (Decision 766/QĐ-TTg figures per officer or counter). */
export const officers = (range: Range, groupBy: OfficerGroup, lang: Lang) =>
  api("GET", "/api/reports/officers", { query: q(range, { groupBy, lang }) }, slow(lang));

/** `GET /api/reports/breaches` as JSON: one page of the visits over the target. */
export const breaches = (range: Range, offset: number, limit: number, lang: Lang) =>
  api(
    "GET",
    "/api/reports/breaches",
    { query: q(range, { offset: String(offset), limit: String(limit), lang }) },
    slow(lang),
  );

/**
 * Downloads a report file with the bearer token and saves it under the server's file
 * name. Rejects with an ApiFailure (translated by code by the caller) when the server
 * refuses, so an error never lands in the downloads folder as a "report".
 */
export async function download(url: string, lang: Lang): Promise<void> {
  const headers: Record<string, string> = { "accept-language": lang };
  const token = getToken();
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(url, { headers, credentials: "same-origin" });
  } catch (e) {
    throw new ApiFailure(0, "network-error", (e as Error).message);
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as {
      error?: { code?: string; message?: string };
    } | null;
    throw new ApiFailure(
      res.status,
      (body?.error?.code ?? "internal-error") as ApiFailure["code"],
      body?.error?.message ?? res.statusText,
    );
  }
  const blob = await res.blob();
  const disposition = res.headers.get("content-disposition") ?? "";
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? "bao-cao";
  const href = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
