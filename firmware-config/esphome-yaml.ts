/**
 * ESPHome's YAML tags (`!secret`, `!include`, `!lambda`) for the `yaml` package, so
 * the generator writes them and the tests and the bridge settings loader read them
 * back. Plain YAML parsers reject these tags; ESPHome resolves `!secret name` from
 * `secrets.yaml` beside the main file (esphome.io, "Secrets and the secrets.yaml file").
 */
import { parseDocument, type ScalarTag, stringify } from "yaml";

/** `!secret name`: a value kept in secrets.yaml, never in the config itself. */
export class Secret {
  constructor(readonly name: string) {}
}

/** `!include path`: another YAML file, relative to the including file. */
export class Include {
  constructor(readonly file: string) {}
}

/** `!lambda code`: C++ code for a templatable option. */
export class Lambda {
  constructor(readonly code: string) {}
}

function scalarTag<T>(tag: string, Cls: new (s: string) => T, read: (v: T) => string): ScalarTag {
  return {
    tag,
    identify: (v) => v instanceof Cls,
    resolve: (s) => new Cls(s),
    stringify: (item) => read(item.value as T),
  };
}

export const ESPHOME_TAGS: ScalarTag[] = [
  scalarTag("!secret", Secret, (v) => v.name),
  scalarTag("!include", Include, (v) => v.file),
  scalarTag("!lambda", Lambda, (v) => v.code),
];

/**
 * Parses ESPHome YAML; the tags above become Secret, Include and Lambda objects.
 * Strict: any YAML error or warning (an unknown tag, a duplicate key) throws.
 */
export function parseEsphomeYaml(text: string): unknown {
  const doc = parseDocument(text, { customTags: ESPHOME_TAGS, uniqueKeys: true });
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length) throw new Error(problems.map((p) => p.message).join("\n"));
  return doc.toJS();
}

/** Writes ESPHome YAML (no line folding: topics and lambdas stay on their lines). */
export function stringifyEsphomeYaml(value: unknown): string {
  return stringify(value, { customTags: ESPHOME_TAGS, lineWidth: 0 });
}

/** Every value of the given class anywhere inside a parsed document. */
export function collect<T>(value: unknown, Cls: new (...a: never[]) => T): T[] {
  if (value instanceof Cls) return [value];
  if (Array.isArray(value)) return value.flatMap((v) => collect(v, Cls));
  if (value && typeof value === "object") return Object.values(value).flatMap((v) => collect(v, Cls));
  return [];
}
