/** Guards of the architecture rules in STYLE.md, read from the source files. */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../../server");
const files = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
const imports = (f: string) =>
  [...readFileSync(join(root, f), "utf8").matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1]!);

describe("architecture", () => {
  it("the queue core imports no transport, no SQLite and no Bun API", () => {
    for (const f of files("queue")) {
      const src = readFileSync(join(root, f), "utf8");
      for (const i of imports(f)) expect(i, `${f} imports ${i}`).toMatch(/^\.\.?\//);
      for (const i of imports(f)) expect(i, `${f} imports ${i}`).not.toMatch(/\/(http|mqtt|store|hall)\//);
      expect(src, f).not.toMatch(/\bBun\.|Date\.now\(\)|new Date\(\)/);
    }
  });

  it("the contract imports nothing else from server/, and no package but zod", () => {
    const contract = join(root, "contract");
    for (const f of files("contract"))
      for (const i of imports(f)) {
        if (/^zod(\/|$)/.test(i)) continue;
        expect(i, `${f} imports ${i}`).toMatch(/^\.\.?\/[a-z0-9/.-]+\.ts$/);
        expect(join(root, dirname(f), i).startsWith(`${contract}/`), `${f} imports ${i}`).toBe(true);
      }
  });

  it("takes the time from the injected Clock: no Date.now() or new Date() outside system-clock.ts", () => {
    const offenders: string[] = [];
    for (const f of files(".").filter((x) => x !== "system-clock.ts")) {
      const src = readFileSync(join(root, f), "utf8")
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/(^|[^:])\/\/.*$/gm, "$1");
      for (const m of src.matchAll(/Date\.now\b|new Date\(\s*\)/g)) offenders.push(`${f}: ${m[0]}`);
    }
    expect(offenders).toEqual([]);
  });

  it("SQL lives only in the store", () => {
    for (const f of files(".").filter((x) => !x.startsWith("store/")))
      expect(readFileSync(join(root, f), "utf8"), f).not.toMatch(
        /\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b/,
      );
  });
});
