/**
 * Changes that would strand visitors, checked against the hall as it is now (issue 12,
 * docs/decisions/0100-settings-model.md):
 * - a field with visitors waiting or at a counter cannot be deleted (close it for new
 *   tickets instead: `open: false`), and keeps at least one counter while people wait;
 * - a counter that is open, has a visitor at it, or has visitors transferred to it cannot
 *   be deleted (close it first); taking a field away from a counter while a visitor of that
 *   field is at the desk is allowed: the visit at the desk goes on and is finished there;
 * - a prefix change applies from the next service day when the field has issued tickets
 *   today (its numbers must not change under the visitors holding them), at once otherwise;
 *   a letter still in use today by another field cannot be taken before tomorrow;
 * - the hall id never changes while the hall runs (every topic and device carries it).
 * Pure: the hall's state comes in as a `HallLoad`.
 */
import type { HallConfig } from "../contract/config.ts";
import type { SettingsIssueCode } from "../contract/settings-issues.ts";
import { countersOn } from "../queue/schedule.ts";

/** What the guard needs to know of the hall now. */
export interface HallLoad {
  today: string;
  /** Waiting tickets per field. */
  waiting: ReadonlyMap<string, number>;
  /** Tickets waiting, called or served per field. */
  open: ReadonlyMap<string, number>;
  /** Counters held by an officer, with a visitor at them, or with visitors transferred to them. */
  busyCounters: ReadonlySet<number>;
  /** The prefix each field has used today (its tickets' letter), when it issued any. */
  todayPrefix: ReadonlyMap<string, string>;
}

export interface GuardIssue {
  path: (string | number)[];
  code: SettingsIssueCode;
  params: Record<string, unknown>;
}

/** A prefix change that waits for the next service day. */
export interface DeferredPrefix {
  serviceId: string;
  /** The letter used until the end of today. */
  today: string;
  /** The letter from the next service day. */
  next: string;
}

/** Refusals of `next` given the hall's state, and the prefix changes that wait for tomorrow. */
export function guardChange(
  prev: HallConfig,
  next: HallConfig,
  load: HallLoad,
): { issues: GuardIssue[]; deferred: DeferredPrefix[] } {
  const issues: GuardIssue[] = [];
  const add = (path: GuardIssue["path"], code: SettingsIssueCode, params: Record<string, unknown> = {}) =>
    issues.push({ path, code, params });

  if (next.id !== prev.id) add(["id"], "hall-id");

  const nextIds = new Set(next.services.map((s) => s.id));
  for (const s of prev.services) {
    const n = load.open.get(s.id) ?? 0;
    if (!nextIds.has(s.id) && n > 0) add(["services"], "field-has-waiting", { service: s.name.vi, n });
  }
  const served = new Set(countersOn(next, load.today).flatMap((c) => c.serviceIds));
  next.services.forEach((s, i) => {
    const n = load.waiting.get(s.id) ?? 0;
    if (n > 0 && !served.has(s.id)) add(["services", i], "field-needs-counter", { service: s.name.vi, n });
  });

  const nextCounters = new Set(next.counters.map((c) => c.number));
  for (const c of prev.counters)
    if (!nextCounters.has(c.number) && load.busyCounters.has(c.number))
      add(["counters"], "counter-in-use", { counter: c.number });

  // The letter each field uses today: the one it has issued, else its new one.
  const deferred: DeferredPrefix[] = [];
  const usedToday = new Map<string, string>(); // letter → field name
  for (const s of prev.services) {
    const p = load.todayPrefix.get(s.id);
    if (p && !nextIds.has(s.id)) usedToday.set(p, s.name.vi);
  }
  for (const s of next.services) {
    const p = load.todayPrefix.get(s.id);
    if (p) usedToday.set(p, s.name.vi);
    if (p && p !== s.prefix) deferred.push({ serviceId: s.id, today: p, next: s.prefix });
  }
  next.services.forEach((s, i) => {
    if (load.todayPrefix.has(s.id)) return;
    const other = usedToday.get(s.prefix);
    if (other !== undefined)
      add(["services", i, "prefix"], "prefix-in-use-today", { prefix: s.prefix, other });
  });
  return { issues, deferred };
}
