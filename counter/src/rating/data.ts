/**
 * The rating tablet's calls (no staff login): the visit last finished at a counter,
 * and the visitor's score for it, sent with the tablet's device token (decision 0023).
 */
import { api } from "../../../ui/api.ts";
import { deviceHeaders } from "../../../ui/device-token.ts";
import type { Lang } from "../../../ui/i18n.ts";

/** The visit last finished at a counter, as the rating tablet shows it. */
export interface RatingTarget {
  number: string;
  finishedAt: string;
  rated: boolean;
  open: boolean;
}

export const ratingTarget = async (n: number, lang: Lang) =>
  (
    await api<{ counter: number; last: RatingTarget | null }>("GET", `/api/counters/${n}/rating`, undefined, {
      lang,
    })
  ).last;

export const rateAtCounter = (n: number, score: number, lang: Lang) =>
  api<{ counter: number; number: string; score: number }>(
    "POST",
    `/api/counters/${n}/rating`,
    { score },
    { lang, headers: deviceHeaders(`rating-${n}`) },
  );
