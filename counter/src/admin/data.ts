/**
 * The URLs the admin screen reads and writes (like ../manager/data.ts): the settings with
 * their version, saving against `If-Match`, the history, restoring a version, YAML export
 * and import (server/contract/api/settings.ts), the backups (api/backups.ts) and the login log.
 */
import type { HallConfig } from "../../../server/contract/config.ts";
import { ApiFailure, api, getToken } from "../../../ui/api.ts";
import type { Lang } from "../../../ui/i18n.ts";

/** `GET /api/settings`: the configuration in force and its version. */
export const settings = (lang: Lang) => api("GET", "/api/settings", {}, { lang });

const match = (version: number) => ({ headers: { "if-match": `"${version}"` } });

/** `PUT /api/settings` against the version edited; 409 settings-conflict if someone saved in between. */
export const save = (config: HallConfig, version: number, lang: Lang, dryRun = false) =>
  api(
    "PUT",
    "/api/settings",
    { body: config as unknown as Record<string, unknown>, query: dryRun ? { dryRun: "true" } : {} },
    { lang, ...match(version) },
  );

/** `GET /api/settings/history`: newest first. */
export const history = async (lang: Lang) =>
  (await api("GET", "/api/settings/history", { query: { limit: "50" } }, { lang })).versions;

/** `POST /api/settings/history/{version}/restore`. */
export const restore = (version: number, current: number, lang: Lang) =>
  api(
    "POST",
    "/api/settings/history/{version}/restore",
    { params: { version: String(version) } },
    {
      lang,
      ...match(current),
    },
  );

/** `POST /api/settings/import` of a YAML file's text. */
export const importYaml = (yaml: string, current: number, lang: Lang, dryRun: boolean) =>
  api(
    "POST",
    "/api/settings/import",
    { body: { yaml }, query: dryRun ? { dryRun: "true" } : {} },
    { lang, ...match(current) },
  );

/** `GET /api/settings/export` as a file the browser saves (the bearer token cannot ride on a plain link). */
export async function downloadYaml(lang: Lang): Promise<void> {
  const res = await fetch("/api/settings/export", {
    headers: { authorization: `Bearer ${getToken() ?? ""}`, "accept-language": lang },
  });
  if (!res.ok) throw new ApiFailure(res.status, "internal-error", res.statusText);
  const name =
    /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? "cau-hinh.yaml";
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `GET /api/auth/log` (admin): the latest login attempts. */
export const loginLog = async (lang: Lang) =>
  (await api("GET", "/api/auth/log", { query: { limit: "100" } }, { lang })).attempts;

/** `GET /api/backups` (admin): the copies, newest first, with the backup and retention settings. */
export const backups = (lang: Lang) => api("GET", "/api/backups", {}, { lang });

export type BackupState = Awaited<ReturnType<typeof backups>>;

/** `POST /api/backups` (admin): a checked copy now, with the new list. */
export const backupNow = (lang: Lang) => api("POST", "/api/backups", {}, { lang });
