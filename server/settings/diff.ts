/**
 * What changed between two hall configurations, setting by setting: the "what, before,
 * after" of a settings event row and of the history screen. Items of a list are matched by
 * their identity (a field by its id, a counter by its number, a holiday by its first day),
 * so renaming one field reads as one change, not as every later field changing; a new
 * order reads as one `#order` change. Pure.
 */
import type { HallConfig } from "../contract/config.ts";

/** One changed setting. `path` names list items by key: `services[dat-dai].prefix`. */
export interface SettingChange {
  path: string;
  before: unknown;
  after: unknown;
}

/** The key that identifies an item of the list at `path`, if the list has one. */
const KEYS: Record<string, string> = {
  services: "id",
  counters: "number",
  printers: "id",
  kiosks: "id",
  priorities: "id",
  "schedule.holidays": "from",
  "schedule.workdays": "date",
  "dayAssignments.counters": "number",
};

/** The changes from `a` to `b`, in the order of `b`'s keys; at most `limit` of them. */
export function diffConfigs(a: HallConfig | null, b: HallConfig, limit = 200): SettingChange[] {
  const out: SettingChange[] = [];
  walk(a ?? {}, b, "", out);
  if (out.length > limit)
    return [...out.slice(0, limit), { path: "…", before: null, after: out.length - limit }];
  return out;
}

const isObj = (x: unknown): x is Record<string, unknown> =>
  x !== null && typeof x === "object" && !Array.isArray(x);
const json = (x: unknown) => JSON.stringify(x ?? null);
const join = (p: string, k: string) => (p ? `${p}.${k}` : k);
/** The section name of a path for KEYS: `schedule.holidays`, without item keys. */
const section = (p: string) => p.replace(/\[[^\]]*\]/g, "");

function walk(a: unknown, b: unknown, path: string, out: SettingChange[]): void {
  if (json(a) === json(b)) return;
  const key = KEYS[section(path)];
  if (key && Array.isArray(a) && Array.isArray(b)) {
    list(a, b, key, path, out);
    return;
  }
  if (isObj(a) && isObj(b)) {
    for (const k of new Set([...Object.keys(b), ...Object.keys(a)])) walk(a[k], b[k], join(path, k), out);
    return;
  }
  out.push({ path, before: a ?? null, after: b ?? null });
}

function list(a: unknown[], b: unknown[], key: string, path: string, out: SettingChange[]): void {
  const id = (x: unknown) => String(isObj(x) ? x[key] : json(x));
  const before = new Map(a.map((x) => [id(x), x]));
  const after = new Map(b.map((x) => [id(x), x]));
  for (const [k, x] of after) {
    const item = `${path}[${k}]`;
    if (!before.has(k)) out.push({ path: item, before: null, after: x });
    else walk(before.get(k), x, item, out);
  }
  for (const [k, x] of before) if (!after.has(k)) out.push({ path: `${path}[${k}]`, before: x, after: null });
  const kept = (xs: unknown[], other: Map<string, unknown>) => xs.map(id).filter((k) => other.has(k));
  const orderA = kept(a, after);
  const orderB = kept(b, before);
  if (json(orderA) !== json(orderB)) out.push({ path: `${path}.#order`, before: orderA, after: orderB });
}

/** The top-level sections a change list touches (`services`, `schedule`…): what a public event says. */
export function sectionsOf(changes: readonly SettingChange[]): string[] {
  return [...new Set(changes.map((c) => c.path.split(/[.[]/)[0]!).filter((s) => s && s !== "…"))];
}
