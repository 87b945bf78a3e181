/** server/print is pure: no transport, no SQLite, no HTTP framework (DESIGN.md, issue 3). */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../../../server/print");
const files = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );

describe("server/print", () => {
  it("imports no MQTT, HTTP framework, SQLite or store", () => {
    const all = files(".");
    expect(all.length).toBeGreaterThan(5);
    for (const f of all) {
      const src = readFileSync(join(root, f), "utf8");
      const imports = [...src.matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1]!);
      for (const i of imports)
        expect(i, `${f} imports ${i}`).not.toMatch(
          /^(mqtt|aedes|hono|bun:sqlite)|\/(mqtt|http|store|hall)\//,
        );
    }
  });
});
