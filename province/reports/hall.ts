/**
 * One hall's reports at the province, computed by the hall's own report folds
 * (server/reports: foldWaitReport, foldOfficerReport, foldBreachList) over the province's
 * ticket projection and event log: every grouping the hall has (day, hour, field, counter,
 * officer, priority), the officers report of Decision 766/QĐ-TTg, the breach list. Officer
 * labels carry names only when the hall sends them (its QMS_PROVINCE_OFFICER_NAMES), else ids.
 */
import { type HallConfig, HallConfigSchema } from "../../server/contract/config.ts";
import type { Lang } from "../../server/contract/domain.ts";
import type {
  BreachList,
  OfficerGroup,
  OfficerReport,
  ReportGroup,
  ReportRange,
  WaitReport,
} from "../../server/contract/reports.ts";
import { breachPage, foldBreachList } from "../../server/reports/breaches.ts";
import type { LabelContext } from "../../server/reports/labels.ts";
import { foldOfficerReport } from "../../server/reports/officers.ts";
import { lineMs, officerFactOf, waitFactOf, waitMs } from "../../server/reports/visit.ts";
import { foldWaitReport, rangeBounds } from "../../server/reports/waits.ts";
import type { BreachFact } from "../../server/store/reports.ts";
import type { HallRecord } from "../store/halls.ts";
import { toTicketState } from "../store/ingest.ts";
import type { ProvinceReportStore } from "../store/reports.ts";

export interface HallReportDeps {
  reports: ProvinceReportStore;
  hall: HallRecord;
  now: number;
}

/** Officer labels the hall allowed: id → name (and username); empty = ids only. */
export function staffOf(hall: HallRecord): LabelContext["staff"] {
  return new Map(
    (hall.officers ?? []).map((o) => [o.id, { name: o.name, username: o.username ?? `#${o.id}` }]),
  );
}

/**
 * The hall's config as its uplink sent it; for a hall that never sent one (an older hall
 * relaying version-1 events), a minimal config with the fields seen in its visits.
 */
export function configOf(hall: HallRecord, fieldIds: Iterable<string> = []): HallConfig {
  if (hall.profile) return hall.profile;
  const ids = [...new Set(fieldIds)];
  if (ids.length === 0) ids.push("chung");
  return HallConfigSchema.parse({
    id: hall.id,
    name: hall.name,
    services: ids.map((id, i) => ({
      id,
      prefix: String.fromCharCode(65 + (i % 26)),
      name: { vi: id, en: id },
    })),
    counters: [{ number: 1, serviceIds: ids }],
  });
}

/** The hall's waits report, as the hall itself would give it. */
export async function hallWaitReport(
  d: HallReportDeps,
  q: { range: ReportRange; groupBy: ReportGroup; lang: Lang },
): Promise<WaitReport> {
  const rows = (await d.reports.tickets(d.hall.id, q.range.from, q.range.to)).map(toTicketState);
  const byFirstCall = q.groupBy === "counter" || q.groupBy === "officer";
  const transfers = byFirstCall ? await d.reports.transfers(d.hall.id, ...rangeBounds(q.range)) : null;
  return foldWaitReport(
    {
      config: configOf(
        d.hall,
        rows.map((r) => r.firstServiceId),
      ),
      now: d.now,
      staff: staffOf(d.hall),
      facts: rows.map((r) => waitFactOf(q.groupBy, r, d.now)),
      transfers,
    },
    q,
  );
}

/** The hall's officers report (Decision 766 figures per officer or counter). */
export async function hallOfficerReport(
  d: HallReportDeps,
  q: { range: ReportRange; groupBy: OfficerGroup; lang: Lang },
): Promise<OfficerReport> {
  const [startMs, endMs] = rangeBounds(q.range);
  const [rows, transfers, counterEvents, counterStateBefore] = await Promise.all([
    d.reports.tickets(d.hall.id, q.range.from, q.range.to),
    d.reports.transfers(d.hall.id, startMs, endMs),
    d.reports.counterEvents(d.hall.id, startMs, endMs),
    d.reports.counterStateBefore(d.hall.id, startMs),
  ]);
  const visits = rows.map(toTicketState);
  return foldOfficerReport(
    {
      config: configOf(
        d.hall,
        visits.map((v) => v.firstServiceId),
      ),
      now: d.now,
      staff: staffOf(d.hall),
      facts: visits.map(officerFactOf),
      transfers,
      counterEvents,
      counterStateBefore,
    },
    q,
  );
}

/** The hall's breach list: the visits whose wait (or time in line, never called) broke the target. */
export async function hallBreachList(
  d: HallReportDeps,
  q: { range: ReportRange; lang: Lang; limit: number; offset: number; all?: boolean },
): Promise<BreachList> {
  const visits = (await d.reports.tickets(d.hall.id, q.range.from, q.range.to)).map(toTicketState);
  const config = configOf(
    d.hall,
    visits.map((v) => v.firstServiceId),
  );
  const targetMs = config.targets.waitMin * 60_000;
  const over = visits
    .map((v) => ({ v, w: waitMs(v) ?? lineMs(v, d.now) }))
    .filter((x) => x.w !== null && x.w > targetMs)
    .sort((a, b) => a.v.issuedAt - b.v.issuedAt || a.v.id - b.v.id);
  const { limit, offset } = breachPage(q);
  const page = over.slice(offset, offset + limit);
  const first = await d.reports.firstCalls(
    d.hall.id,
    page.filter((x) => x.v.firstCalledAt !== null).map((x) => x.v.id),
  );
  const rows: BreachFact[] = page.map(({ v, w }) => ({
    id: v.id,
    number: v.number,
    serviceDay: v.serviceDay,
    serviceId: v.firstServiceId,
    priority: v.priority,
    issuedAt: v.issuedAt,
    firstCalledAt: v.firstCalledAt,
    waitMs: w!,
    counter: first.get(v.id)?.counter ?? null,
    officerId: first.get(v.id)?.officerId ?? null,
    status: v.status,
    // The one-stop system's dossier code names a citizen's file: it stays in the hall
    // (nothing personal leaves the hall; decision 0090).
    dossierCode: null,
  }));
  return foldBreachList({ config, now: d.now, staff: staffOf(d.hall), count: over.length, rows }, q);
}
