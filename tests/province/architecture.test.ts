/** Guards of the province's shape (STYLE.md): SQL only in its store; report definitions only the hall's. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../../province");
const files = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );

describe("province architecture", () => {
  it("SQL lives only in province/store/", () => {
    for (const f of files(".").filter((x) => !x.startsWith("store/")))
      expect(readFileSync(join(root, f), "utf8"), f).not.toMatch(
        /\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b/,
      );
  });

  it("computes figures with the hall's report code, not a copy of it", () => {
    const src = (f: string) => readFileSync(join(root, f), "utf8");
    expect(src("reports/hall.ts")).toMatch(
      /foldWaitReport[\s\S]*foldOfficerReport|foldOfficerReport[\s\S]*foldWaitReport/,
    );
    expect(src("reports/across.ts")).toContain('from "../../server/reports/waits.ts"');
    expect(src("ingest/summary.ts")).toContain("acc.add(");
    for (const f of files("."))
      expect(src(f), f).not.toMatch(/function (nearestRank|meanSec|pct)\b|class WaitAcc/);
  });
});
