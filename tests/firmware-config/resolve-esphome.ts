/**
 * Test helper: resolves a generated ESPHome device file as ESPHome would before
 * validation, i.e. merges its `packages:` (esphome.io components/packages: dicts key by
 * key, component lists by `id` else concatenated, the main file last) and applies
 * `substitutions:` (main file over packages; `${x}` and `$x`). What comes out is the
 * effective config the tests inspect for topics and secrets.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { Include, parseEsphomeYaml, Secret } from "../../firmware-config/esphome-yaml.ts";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj =>
  !!v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Secret) && !(v instanceof Include);

function mergeLists(a: unknown[], b: unknown[]): unknown[] {
  const out = [...a];
  for (const item of b) {
    const id = isObj(item) ? item.id : undefined;
    const i = id === undefined ? -1 : out.findIndex((x) => isObj(x) && x.id === id);
    if (i >= 0) out[i] = merge(out[i], item);
    else out.push(item);
  }
  return out;
}

/** ESPHome's package merge of `b` over `a`. */
export function merge(a: unknown, b: unknown): unknown {
  if (isObj(a) && isObj(b)) {
    const out: Obj = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = k in out ? merge(out[k], v) : v;
    return out;
  }
  if (Array.isArray(a) && Array.isArray(b)) return mergeLists(a, b);
  return b;
}

const SUB = /\$\{([A-Za-z0-9_]+)\}|\$([A-Za-z0-9_]+)/g;

/** Applies substitutions; records names used but not defined. */
function substitute(v: unknown, subs: Obj, missing: Set<string>): unknown {
  if (typeof v === "string") {
    const whole = /^\$\{([A-Za-z0-9_]+)\}$/.exec(v);
    if (whole && whole[1]! in subs) return subs[whole[1]!];
    return v.replace(SUB, (m, a: string | undefined, b: string | undefined) => {
      const name = (a ?? b)!;
      if (!(name in subs)) {
        missing.add(name);
        return m;
      }
      return String(subs[name]);
    });
  }
  if (Array.isArray(v)) return v.map((x) => substitute(x, subs, missing));
  if (isObj(v))
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, substitute(x, subs, missing)]));
  return v;
}

export interface Resolved {
  config: Obj;
  substitutions: Obj;
  /** Substitution names used somewhere but defined nowhere (must be empty). */
  missing: string[];
  /** The package files included, relative to the device file. */
  packages: string[];
}

/** Reads a device file and its packages from disk and resolves them. */
export function resolveDeviceFile(path: string): Resolved {
  const main = parseEsphomeYaml(readFileSync(path, "utf8")) as Obj;
  const pk = (main.packages ?? {}) as Obj;
  let merged: Obj = {};
  let subs: Obj = {};
  const packages: string[] = [];
  for (const ref of Object.values(pk)) {
    if (!(ref instanceof Include)) throw new Error(`${path}: package is not an !include`);
    packages.push(ref.file);
    const doc = parseEsphomeYaml(readFileSync(join(dirname(path), ref.file), "utf8")) as Obj;
    const { substitutions, ...rest } = doc;
    subs = { ...subs, ...((substitutions as Obj) ?? {}) };
    merged = merge(merged, rest) as Obj;
  }
  const { substitutions, packages: _p, ...rest } = main;
  subs = { ...subs, ...((substitutions as Obj) ?? {}) };
  merged = merge(merged, rest) as Obj;
  const missing = new Set<string>();
  const config = substitute(merged, subs, missing) as Obj;
  return { config, substitutions: subs, missing: [...missing], packages };
}

/** Every `key: value` pair anywhere in the config, with its path (for topic and secret scans). */
export function entries(v: unknown, path: string[] = []): { path: string[]; key: string; value: unknown }[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => entries(x, [...path, String(i)]));
  if (!isObj(v)) return [];
  return Object.entries(v).flatMap(([k, x]) => [{ path, key: k, value: x }, ...entries(x, [...path, k])]);
}
