/**
 * The rating tablet's calls (no staff login): the visit last finished at a counter, and
 * the visitor's score for it, sent with the tablet's device token (decision 0023).
 * Typed by the contract's routes (ui/api.ts).
 */
import type { RatingTarget } from "../../../server/contract/api/public.ts";
import { api } from "../../../ui/api.ts";
import { deviceHeaders } from "../../../ui/device-token.ts";
import type { Lang } from "../../../ui/i18n.ts";

/** The visit last finished at a counter, as the rating tablet shows it. */
export type { RatingTarget };

/** The visit last finished at counter n, and the rating window's length. */
export const ratingTarget = (n: number, lang: Lang) =>
  api("GET", "/api/counters/{n}/rating", { params: { n } }, { lang });

export const rateAtCounter = (n: number, score: number, lang: Lang) =>
  api(
    "POST",
    "/api/counters/{n}/rating",
    { params: { n }, body: { score } },
    { lang, headers: deviceHeaders(`rating-${n}`) },
  );
