/**
 * A ranking of the halls in the spirit of Decision 766/QĐ-TTg (service quality scored and
 * published per unit): per hall, the share of visits within the wait target and the share
 * of satisfied ratings over the same period, by the hall's own definitions (the `hall` rows
 * of the across-halls report). Score = the mean of the two shares; a hall that collected no
 * ratings (or had no called visit) has no score and is listed after the scored ones, by its
 * share within the target: satisfaction that is not measured cannot be ranked.
 */
import type { ProvinceWaitReport, Ranking, RankingRow } from "../../server/contract/province.ts";
import { satisfactionTargetPct } from "../../server/contract/province.ts";
import { isoVn } from "../../server/queue/time.ts";
import type { HallRecord } from "../store/halls.ts";
import { VI } from "./across.ts";

/** Ranks the `hall` rows of an across-halls report. */
export function rankHalls(report: ProvinceWaitReport, halls: readonly HallRecord[], now: number): Ranking {
  if (report.groupBy !== "hall") throw new Error("ranking needs the report grouped by hall");
  const byId = new Map(halls.map((h) => [h.id, h]));
  const year = Number(report.range.to.slice(0, 4));
  const satTarget = satisfactionTargetPct(year);
  const rows: Omit<RankingRow, "rank">[] = report.rows.map((r) => {
    const score =
      r.withinTargetPct === null || r.satisfiedPct === null
        ? null
        : Math.round(((r.withinTargetPct + r.satisfiedPct) / 2) * 10) / 10;
    return {
      hallId: r.key,
      name: r.label,
      area: byId.get(r.key)?.area ?? null,
      tickets: r.tickets,
      meanWaitSec: r.meanWaitSec,
      withinTargetPct: r.withinTargetPct,
      breaches: r.breaches,
      ratings: r.ratings,
      satisfiedPct: r.satisfiedPct,
      score,
      meetsWait: r.meanWaitSec === null ? null : r.meanWaitSec <= report.targetMin * 60,
      meetsSatisfaction: r.satisfiedPct === null ? null : r.satisfiedPct >= satTarget,
    };
  });
  const num = (x: number | null) => (x === null ? -1 : x);
  rows.sort(
    (a, b) =>
      Number(a.score === null) - Number(b.score === null) ||
      num(b.score) - num(a.score) ||
      num(b.withinTargetPct) - num(a.withinTargetPct) ||
      VI.compare(a.name, b.name),
  );
  let rank = 0;
  let prev: number | null | undefined;
  const ranked = rows.map((r, i) => {
    if (r.score !== prev || r.score === null) rank = i + 1;
    prev = r.score;
    return { rank, ...r };
  });
  return {
    targetMin: report.targetMin,
    satisfactionTargetPct: satTarget,
    range: report.range,
    generatedAt: isoVn(now),
    rows: ranked,
  };
}
