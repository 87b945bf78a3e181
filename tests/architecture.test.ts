/**
 * Repository-wide guards of the rules in STYLE.md and DESIGN.md, read from the source
 * files (server-only rules: tests/server/architecture.test.ts).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");

/** The TypeScript source files under `dir` (relative to the repository). */
function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

/** Source text without comments, so that prose about a rule does not break it. */
function code(file: string): string {
  return readFileSync(join(ROOT, file), "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
}

/** Every module specifier a file imports (static, side-effect and dynamic imports, re-exports). */
function imports(file: string): string[] {
  return [...code(file).matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g)].map((m) => m[1]!);
}

const APPS = ["kiosk", "counter", "display", "ui"];

describe("architecture (repository)", () => {
  it("the browser apps and the printer bridge import only the contract from server/", () => {
    const offenders: string[] = [];
    for (const f of APPS.flatMap(sources))
      for (const i of imports(f))
        if (/(^|\/)server\//.test(i) && !/(^|\/)server\/contract\/([a-z0-9-]+\/)?[a-z0-9-]+\.ts$/.test(i))
          offenders.push(`${f} imports ${i}`);
    expect(offenders).toEqual([]);
  });

  it("… and only types from the route declarations (server/contract/api/: no zod in a bundle)", () => {
    const offenders: string[] = [];
    for (const f of APPS.flatMap(sources))
      for (const m of code(f).matchAll(/\b(import|export)\s+([^;]*?)\s*from\s*["']([^"']+)["']/g))
        if (/(^|\/)server\/contract\/api\//.test(m[3]!) && !/^type\b/.test(m[2]!))
          offenders.push(`${f}: ${m[0].replace(/\s+/g, " ")}`);
    expect(offenders).toEqual([]);
  });

  it("builds MQTT topics only in server/contract/topics.ts", () => {
    // A string literal holding a topic of the contract (or its tail): `…/hall/state`,
    // `counter/${n}/display`, `printer/${id}/job/+`, `device/…/status`, `server/status`…
    const topicLike =
      /(^|\/)(hall\/(state|call|#|\+)|server\/status|counter\/[^/\s]+\/(display|button|rating)|printer\/[^/\s]+\/(job|ack|paper)|device\/[^/\s]+\/status)(\/|$)/;
    const literal = /"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`/g;
    const offenders: string[] = [];
    const files = ["server", "firmware-config", ...APPS]
      .flatMap(sources)
      .filter((f) => f !== join("server", "contract", "topics.ts"));
    for (const f of files)
      for (const m of code(f).matchAll(literal)) {
        const s = m[1] ?? m[2] ?? m[3] ?? "";
        // `{b}/{h}/…` is the contract's notation for documenting a topic (firmware-config's
        // topic table, checked against the builder by tests/firmware-config/topics-doc.test.ts).
        if (topicLike.test(s) && !s.startsWith("{b}/{h}/")) offenders.push(`${f}: ${s.slice(0, 80)}`);
      }
    expect(offenders).toEqual([]);
  });
});
