/** Number and time formats of the province dashboard (Asia/Ho_Chi_Minh, Vietnamese conventions). */
import type { Lang } from "../../ui/i18n.ts";
import { pt } from "./province-messages.ts";

/** Seconds as "m:ss" under an hour, "h:mm:ss" above; "—" when null. */
export function dur(sec: number | null | undefined): string {
  if (sec === null || sec === undefined) return "—";
  const s = Math.round(sec);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${r}` : `${m}:${r}`;
}

/** A percentage with one decimal and the locale's decimal mark; "—" when null. */
export function pctText(p: number | null | undefined, lang: Lang): string {
  if (p === null || p === undefined) return "—";
  return `${p.toLocaleString(lang === "vi" ? "vi-VN" : "en-GB", { maximumFractionDigits: 1 })} %`;
}

export function int(n: number, lang: Lang): string {
  return n.toLocaleString(lang === "vi" ? "vi-VN" : "en-GB");
}

/** HH:mm of an ISO instant in Asia/Ho_Chi_Minh, with "x min ago" under an hour. */
export function since(iso: string | null, now: number, lang: Lang): string {
  if (!iso) return pt("never", lang);
  const t = Date.parse(iso);
  const hm = new Date(t).toLocaleTimeString("vi-VN", {
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "Asia/Ho_Chi_Minh",
  });
  const min = Math.floor((now - t) / 60_000);
  if (min < 1) return `${hm} · ${pt("justNow", lang)}`;
  if (min < 60) return `${hm} · ${pt("minutesAgo", lang, { n: min })}`;
  const d = new Date(t + 7 * 3600_000);
  return `${String(d.getUTCDate()).padStart(2, "0")}/${String(d.getUTCMonth() + 1).padStart(2, "0")} ${hm}`;
}

/** The wait colour class of a wait in seconds against the target (amber from two thirds). */
export function waitClass(sec: number | null | undefined, targetMin: number): "" | "near" | "over" {
  if (sec === null || sec === undefined) return "";
  if (sec > targetMin * 60) return "over";
  if (sec > (targetMin * 60 * 2) / 3) return "near";
  return "";
}
