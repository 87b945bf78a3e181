/**
 * The estimated wait in words, shared by the kiosk's ticket screen and the phone page:
 * "khoảng 14 phút, chậm nhất 22 phút" / "about 14 min, at most 22 min" when the server
 * gives an upper figure above the estimate (docs/decisions/0004-wait-estimate.md), else
 * "khoảng 14 phút"; "Sắp đến lượt" when the estimate is a minute or less (with the upper
 * figure when it is 3 minutes or more); "Chưa xác định" when unknown.
 */
import { html, type TemplateResult } from "lit";
import type { Lang } from "../../ui/i18n.ts";

/** The message keys it needs; both message tables (kiosk, phone) hold them. */
export type WaitKey = "waitUnknown" | "waitSoon" | "waitSoonMax" | "waitMinutes" | "waitRange";

/** Words for an estimate `min` and upper figure `max` (either may be missing). */
export function waitWords(
  t: (key: WaitKey, lang: Lang, vars?: Record<string, number>) => string,
  min: number | undefined | null,
  max: number | undefined | null,
  lang: Lang,
): string {
  if (min === undefined || min === null) return t("waitUnknown", lang);
  const upper = max !== undefined && max !== null && max > min ? max : null;
  if (min <= 1)
    return upper !== null && upper >= 3 ? t("waitSoonMax", lang, { m: upper }) : t("waitSoon", lang);
  return upper === null ? t("waitMinutes", lang, { n: min }) : t("waitRange", lang, { n: min, m: upper });
}

/**
 * The words as markup: each phrase ("khoảng 9 phút", "chậm nhất 16 phút") in a
 * `.phrase` span that the screen's styles keep on one line, so that a narrow phone
 * breaks after the comma, not inside "chậm nhất".
 */
export function waitPhrases(words: string): TemplateResult[] {
  return words.split(", ").map((p, i) => html`${i ? ", " : ""}<span class="phrase">${p}</span>`);
}
