/**
 * The typed client takes only types from the contract's route declarations (ui/api.ts,
 * docs/decisions/0080-routes-declared-in-the-contract.md): no page bundle carries a
 * module of server/contract/api/, zod, or anything of server/ but the contract.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PAGES } from "../../scripts/pages.ts";

const ROOT = join(import.meta.dirname, "../..");

describe("page bundles", () => {
  it.each(PAGES.map((p) => [`${p.app}/${p.page}`, p] as const))("%s has no schema code", async (_name, p) => {
    const r = await Bun.build({
      entrypoints: [join(ROOT, p.app, "src", p.entry)],
      target: "browser",
      format: "esm",
      minify: true,
      metafile: true,
      define: { "process.env.NODE_ENV": '"production"' },
      conditions: ["production"],
    });
    expect(r.success).toBe(true);
    const inputs = Object.keys(r.metafile!.inputs);
    expect(inputs.filter((f) => f.includes("node_modules/zod") || f.includes("@hono/"))).toEqual([]);
    expect(inputs.filter((f) => f.includes("server/contract/api/"))).toEqual([]);
    expect(inputs.filter((f) => f.includes("server/") && !f.includes("server/contract/"))).toEqual([]);
    expect(inputs.some((f) => f.endsWith("ui/api.ts"))).toBe(true);
  });
});
