/**
 * The breach list (extension `GET /api/reports/breaches`): every visit of a range whose
 * wait broke the target, for accountability under Decision 766/QĐ-TTg ("which tickets,
 * which field, which hour"). Same definition as the `breaches` figure of the waits report,
 * so the list's `count` equals that figure. JSON is paged (`limit` ≤ BREACH_PAGE_MAX);
 * exports carry every row up to BREACH_EXPORT_MAX and refuse larger lists with 400
 * `range-too-large` rather than building a file no one can open.
 */
import type { HallConfig } from "../contract/config.ts";
import type { Lang } from "../contract/domain.ts";
import {
  BREACH_EXPORT_MAX,
  BREACH_PAGE_DEFAULT,
  BREACH_PAGE_MAX,
  type BreachList,
  type ReportRange,
} from "../contract/reports.ts";
import { isoVn, vnParts } from "../queue/time.ts";
import { DomainError } from "../queue/types.ts";
import type { BreachFact } from "../store/reports.ts";
import type { LabelContext } from "./labels.ts";
import { labelOf } from "./labels.ts";
import type { ReportDeps } from "./waits.ts";

/** Parses `limit`/`offset` of a breach request; throws `invalid-request` when they are not small non-negative integers. */
export function parsePaging(q: { limit?: string; offset?: string }): { limit: number; offset: number } {
  const int = (s: string | undefined, dflt: number, max: number, name: string) => {
    if (s === undefined || s === "") return dflt;
    if (!/^\d{1,9}$/.test(s) || Number(s) > max)
      throw new DomainError("invalid-request", { reason: `${name} must be an integer 0…${max}` });
    return Number(s);
  };
  const limit = int(q.limit, BREACH_PAGE_DEFAULT, BREACH_PAGE_MAX, "limit");
  if (limit === 0) throw new DomainError("invalid-request", { reason: `limit must be 1…${BREACH_PAGE_MAX}` });
  return { limit, offset: int(q.offset, 0, 100_000_000, "offset") };
}

/**
 * One page of the breach list. With `all`, every breach of the range (for an export), or
 * 400 `range-too-large` when there are more than BREACH_EXPORT_MAX.
 */
export function buildBreachList(
  deps: ReportDeps,
  q: { range: ReportRange; lang: Lang; limit: number; offset: number; all?: boolean },
  staff: LabelContext["staff"] = deps.reports.staffNames(),
): BreachList {
  const now = deps.now();
  const targetMs = deps.config.targets.waitMin * 60_000;
  const { limit, offset } = breachPage(q);
  const found = deps.reports.breaches(q.range.from, q.range.to, now, targetMs, limit, offset);
  return foldBreachList({ config: deps.config, now, staff, ...found }, q);
}

/** The page a breach-list request reads: with `all` (exports), every row up to one past the cap. */
export function breachPage(q: { limit: number; offset: number; all?: boolean }): {
  limit: number;
  offset: number;
} {
  return { limit: q.all ? BREACH_EXPORT_MAX + 1 : q.limit, offset: q.all ? 0 : q.offset };
}

/** The breach list from a page of breach facts (ReportStore.breaches of `breachPage(q)`) and their count. */
export function foldBreachList(
  input: {
    config: HallConfig;
    now: number;
    staff: LabelContext["staff"];
    count: number;
    rows: readonly BreachFact[];
  },
  q: { range: ReportRange; lang: Lang; limit: number; offset: number; all?: boolean },
): BreachList {
  const { config, now, staff, count, rows } = input;
  const { limit, offset } = breachPage(q);
  if (q.all && count > BREACH_EXPORT_MAX)
    throw new DomainError("range-too-large", {
      reason: `${count} breaches; an export carries at most ${BREACH_EXPORT_MAX}, choose a shorter range`,
      count,
      max: BREACH_EXPORT_MAX,
    });
  const ctx: LabelContext = { config, staff, lang: q.lang };
  return {
    targetMin: config.targets.waitMin,
    range: q.range,
    timeZone: "Asia/Ho_Chi_Minh",
    generatedAt: isoVn(now),
    count,
    offset,
    limit: q.all ? count : limit,
    rows: rows.map((b) => ({
      number: b.number,
      serviceDay: b.serviceDay,
      serviceId: b.serviceId,
      serviceName: labelOf("service", b.serviceId, ctx),
      priority: b.priority,
      hour: String(vnParts(b.issuedAt).hour).padStart(2, "0"),
      issuedAt: isoVn(b.issuedAt),
      calledAt: b.firstCalledAt === null ? null : isoVn(b.firstCalledAt),
      waitSec: b.waitMs / 1000,
      counter: b.counter,
      officer: b.officerId === null ? null : labelOf("officer", String(b.officerId), ctx),
      status: b.status,
      dossierCode: b.dossierCode,
    })),
  };
}
