/**
 * The visitor bundles stay small: a kiosk PC or an old phone on the hall's Wi-Fi loads
 * them often. Importing a value from the route declarations (server/contract/api/) would
 * drag zod into the browser; the typed client takes only their types (ui/api.ts).
 */
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";

const ROOT = new URL("../../../", import.meta.url).pathname;
/**
 * Budgets in bytes, minified (measured at the time of writing: kiosk ≈ 85 KB, phone ≈ 43 KB;
 * the kiosk ≈ 115 KB once it checks in bookings, issue 14).
 */
const BUDGET = { kiosk: 120_000, phone: 60_000 };

describe("visitor bundles", () => {
  it.each(Object.entries(BUDGET))("%s.js is within budget and carries no zod", async (page, budget) => {
    const r = await Bun.build({
      entrypoints: [`${ROOT}kiosk/src/${page}.ts`],
      target: "browser",
      format: "esm",
      minify: true,
      metafile: true,
      define: { "process.env.NODE_ENV": '"production"' },
      conditions: ["production"],
    });
    expect(r.success).toBe(true);
    const js = await r.outputs[0]!.arrayBuffer();
    expect(js.byteLength).toBeLessThan(budget);
    expect(gzipSync(new Uint8Array(js)).byteLength).toBeLessThan(budget / 3);
    const inputs = Object.keys(r.metafile!.inputs);
    expect(inputs.filter((p) => p.includes("node_modules/zod"))).toEqual([]);
    expect(inputs.filter((p) => p.includes("server/contract/api/"))).toEqual([]);
  });
});
