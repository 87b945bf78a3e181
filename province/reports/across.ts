/**
 * Reports across halls from the summary tables (whole months from summary_month, the days
 * around them from summary_hour): the hall's waits-report figures
 * (server/reports/waits.ts `WaitAcc`, the same code and rounding) per hall, area, field, day,
 * month, quarter, half-year, year or hour of issue. Each group merges its summary cells (sums
 * and every wait, for exact nearest-rank percentiles) and the visits still waiting uncalled,
 * whose time in line is counted against `now` as the hall does. So the row of hall X over a
 * period is hall X's own waits-report total over that period, figure by figure
 * (tests/province/report-equality.test.ts).
 */
import type { HallConfig } from "../../server/contract/config.ts";
import type { Lang, Text } from "../../server/contract/domain.ts";
import type { ProvinceGroup, ProvinceWaitReport } from "../../server/contract/province.ts";
import type { ReportRange } from "../../server/contract/reports.ts";
import { isoVn } from "../../server/queue/time.ts";
import { HOURS_SHOWN, TOTAL_KEY } from "../../server/reports/labels.ts";
import { issueHour, lineMs, type VisitRow } from "../../server/reports/visit.ts";
import { emptyWaitSums, WaitAcc, type WaitSums } from "../../server/reports/waits.ts";
import type { HallRecord } from "../store/halls.ts";
import {
  type ProvinceReportStore,
  type ReportFilter,
  type SummaryGroupRow,
  splitRange,
} from "../store/reports.ts";
import type { HallMonth, MonthCache } from "./month-cache.ts";

export interface AcrossDeps {
  reports: ProvinceReportStore;
  /** Whole months in memory (the server's, month-cache.ts); without it they are read from summary_month. */
  monthCache?: MonthCache;
  halls: HallRecord[];
  targetMin: number;
  now: number;
}

/** "00" … "23": the keys of hours of issue. */
const HOUR_KEYS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, "0"));
const NONE = new Float64Array(0);

const TEXT = {
  total: { vi: "Toàn tỉnh", en: "Whole province" },
  noArea: { vi: "(chưa gán khu vực)", en: "(no area)" },
  month: { vi: "Tháng", en: "Month" },
  year: { vi: "Năm", en: "Year" },
};

/** The waits of a summary row (base64 of little-endian float64s) as numbers. */
export function waitsOf(b64: string): Float64Array {
  if (b64.length === 0) return new Float64Array(0);
  const bytes = Buffer.from(b64, "base64");
  // A view needs 8-byte alignment; Buffer may hand out a slice of its pool.
  if (bytes.byteOffset % 8 === 0)
    return new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float64Array(copy.buffer);
}

/** Field names across halls: the name most halls give a field id. */
export function fieldNames(halls: readonly HallRecord[]): Map<string, Text> {
  const votes = new Map<string, Map<string, { t: Text; n: number }>>();
  for (const h of halls)
    for (const s of h.profile?.services ?? []) {
      const m = votes.get(s.id) ?? new Map();
      const k = `${s.name.vi}|${s.name.en}`;
      const e = m.get(k) ?? { t: s.name, n: 0 };
      e.n++;
      m.set(k, e);
      votes.set(s.id, m);
    }
  const out = new Map<string, Text>();
  for (const [id, m] of votes) out.set(id, [...m.values()].sort((a, b) => b.n - a.n)[0]!.t);
  return out;
}

/** The group key of a waiting visit (same keys as the SQL of store/reports.ts). */
function keyOfVisit(
  group: ProvinceGroup,
  w: { hallId: string; area: string | null; serviceDay: string; serviceId: string; issuedAt: number },
): string {
  const [y, m] = w.serviceDay.split("-").map(Number) as [number, number];
  switch (group) {
    case "hall":
      return w.hallId;
    case "area":
      return w.area ?? "";
    case "service":
      return w.serviceId;
    case "day":
      return w.serviceDay;
    case "month":
      return w.serviceDay.slice(0, 7);
    case "quarter":
      return `${y}-Q${Math.ceil(m / 3)}`;
    case "half":
      return `${y}-H${m <= 6 ? 1 : 2}`;
    case "year":
      return String(y);
    case "hour":
      return String(issueHour(w.issuedAt)).padStart(2, "0");
  }
}

function label(
  group: ProvinceGroup,
  key: string,
  halls: Map<string, HallRecord>,
  fields: Map<string, Text>,
  lang: Lang,
): string {
  if (key === TOTAL_KEY) return TEXT.total[lang];
  switch (group) {
    case "hall":
      return halls.get(key)?.name[lang] ?? key;
    case "area":
      return key === "" ? TEXT.noArea[lang] : key;
    case "service":
      return fields.get(key)?.[lang] ?? key;
    case "day": {
      const [y, m, d] = key.split("-");
      return `${d}/${m}/${y}`;
    }
    case "month": {
      const [y, m] = key.split("-");
      return `${TEXT.month[lang]} ${m}/${y}`;
    }
    case "quarter": {
      const [y, q] = key.split("-Q");
      return lang === "vi" ? `Quý ${["", "I", "II", "III", "IV"][Number(q)]}/${y}` : `Q${q} ${y}`;
    }
    case "half": {
      const [y, h] = key.split("-H");
      return lang === "vi"
        ? `6 tháng ${h === "1" ? "đầu" : "cuối"} năm ${y}`
        : `${h === "1" ? "H1" : "H2"} ${y}`;
    }
    case "year":
      return `${TEXT.year[lang]} ${key}`;
    case "hour": {
      const h = Number(key);
      return `${key}:00–${String((h + 1) % 24).padStart(2, "0")}:00`;
    }
  }
}

/**
 * Vietnamese order of names, one collator for every comparison: `localeCompare(…, "vi")`
 * builds a collator per call, which made sorting a hundred halls take seconds.
 */
export const VI = new Intl.Collator("vi");

/** Target of a hall in ms (its config; the province's target when it has sent none). */
const targetOf = (h: HallRecord | undefined, dflt: number) =>
  ((h?.profile as HallConfig | null)?.targets.waitMin ?? dflt) * 60_000;

/** Builds the report across halls. */
export async function buildAcrossReport(
  deps: AcrossDeps,
  q: { range: ReportRange; groupBy: ProvinceGroup; filter: ReportFilter; lang: Lang },
): Promise<ProvinceWaitReport> {
  const { range, groupBy, filter, lang } = q;
  const targetMs = deps.targetMin * 60_000;
  const halls = new Map(deps.halls.map((h) => [h.id, h]));
  // Whole months from the copy in memory, checked against the store in the same snapshot
  // (month-cache.ts); the days around them, and `day` groups, from summary_hour.
  const cache = deps.monthCache;
  const months = cache && groupBy !== "day" ? splitRange(range.from, range.to).months : null;
  if (cache && months) await cache.ready();
  const [rows, waiting, cells] =
    cache && months
      ? await deps.reports.snapshot(
          async (r) =>
            [
              await r.summary(groupBy, range.from, range.to, filter, false),
              await r.waitingUncalled(range.from, range.to, filter),
              await cache.hallMonths(r, months[0], months[1]),
            ] as const,
        )
      : await Promise.all([
          deps.reports.summary(groupBy, range.from, range.to, filter),
          deps.reports.waitingUncalled(range.from, range.to, filter),
          [] as HallMonth[],
        ]);
  // The waits of the rows read from the store (days around whole months, or every row without the cache).
  const decoded = rows.map((r) => ({ r, waits: waitsOf(r.waits) }));
  /** The filter, on a hall (and a field; null = any). */
  const passes = (hallId: string, serviceId: string | null) => {
    const h = halls.get(hallId);
    return (
      h !== undefined &&
      (!filter.halls || filter.halls.includes(hallId)) &&
      (!filter.areas || filter.areas.includes(h.area ?? "")) &&
      (serviceId === null || !filter.services || filter.services.includes(serviceId))
    );
  };
  const groups = new Map<string, WaitAcc>();
  const total = new WaitAcc(targetMs);
  const acc = (k: string) => {
    let a = groups.get(k);
    if (!a) {
      a = new WaitAcc(targetMs);
      groups.set(k, a);
    }
    return a;
  };
  for (const { r, waits } of decoded) {
    acc(r.key).merge(r as SummaryGroupRow, waits);
    total.merge(r as SummaryGroupRow, waits);
  }
  // Whole months held in memory: a hall-month at once when neither the grouping nor the filter
  // needs its fields or hours, else cell by cell (sums added, waits copied or viewed, no copy
  // of the month).
  const byCell = groupBy === "service" || groupBy === "hour" || filter.services !== null;
  for (const hm of cells) {
    const hall = halls.get(hm.hallId);
    if (!hall || !passes(hm.hallId, null)) continue;
    const keyOf = (serviceId: string, hour: number) =>
      groupBy === "hour"
        ? (HOUR_KEYS[hour] ?? String(hour))
        : keyOfVisit(groupBy, {
            hallId: hm.hallId,
            area: hall.area,
            serviceDay: hm.month,
            serviceId,
            issuedAt: 0,
          });
    if (!byCell) {
      acc(keyOf("", 0)).merge(hm.total, hm.waits);
      total.merge(hm.total, hm.waits);
      continue;
    }
    for (const c of hm.cells) {
      if (!passes(hm.hallId, c.serviceId)) continue;
      const a = acc(keyOf(c.serviceId, c.hour));
      a.merge(c.sums, NONE);
      a.waits.pushRange(hm.waits, c.start, c.end);
      total.merge(c.sums, NONE);
      total.waits.pushRange(hm.waits, c.start, c.end);
    }
  }
  // Visits still waiting, never called: counted in the summary as visits; their breach depends on now.
  for (const w of waiting) {
    const v: VisitRow = {
      id: 0,
      serviceDay: w.serviceDay,
      firstServiceId: w.serviceId,
      priority: "none",
      status: "waiting",
      issuedAt: w.issuedAt,
      calledAt: null,
      firstCalledAt: null,
      startedAt: null,
      finishedAt: null,
      counter: null,
      officerId: null,
      rating: null,
    };
    const line = lineMs(v, deps.now);
    if (line !== null && line > targetOf(halls.get(w.hallId), deps.targetMin)) {
      // Only the breach: the visit itself is already among the summary's `tickets`.
      const s: WaitSums = { ...emptyWaitSums(), breaches: 1 };
      acc(keyOfVisit(groupBy, w)).merge(s, []);
      total.merge(s, []);
    }
  }
  // Stable axes: every hall (a hall with no visit is a finding), every area, hours 07–17.
  const kept = deps.halls.filter(
    (h) =>
      (!filter.halls || filter.halls.includes(h.id)) &&
      (!filter.areas || filter.areas.includes(h.area ?? "")),
  );
  if (groupBy === "hall") for (const h of kept) acc(h.id);
  if (groupBy === "area") for (const h of kept) acc(h.area ?? "");
  if (groupBy === "hour") for (const h of HOURS_SHOWN) acc(String(h).padStart(2, "0"));
  const fields = fieldNames(deps.halls);
  // Fields in the order the halls list them (the kiosk's order), as the hall's own report does.
  const order = new Map<string, number>();
  for (const h of deps.halls)
    for (const f of h.profile?.services ?? []) if (!order.has(f.id)) order.set(f.id, order.size);
  const name = (k: string) => label(groupBy, k, halls, fields, lang);
  const keys = [...groups.keys()].sort((a, b) => {
    if (groupBy === "hall" || groupBy === "area") return VI.compare(name(a), name(b));
    if (groupBy === "hour") return Number(a) - Number(b);
    if (groupBy === "service")
      return (order.get(a) ?? 1e6) - (order.get(b) ?? 1e6) || (a < b ? -1 : a > b ? 1 : 0);
    return a < b ? -1 : a > b ? 1 : 0;
  });
  return {
    targetMin: deps.targetMin,
    groupBy,
    range,
    timeZone: "Asia/Ho_Chi_Minh",
    generatedAt: isoVn(deps.now),
    halls: kept.length,
    rows: keys.map((key) => ({ key, label: name(key), ...groups.get(key)!.figures() })),
    total: { key: TOTAL_KEY, label: name(TOTAL_KEY), ...total.figures() },
  };
}
