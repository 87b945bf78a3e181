/**
 * Builds the browser apps to static bundles under dist/<app>/ (run with Bun).
 * Usage: bun scripts/build-apps.ts [--dev]
 */
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { buildPages, ROOT } from "./build-lib.ts";
import { buildVoice } from "./build-voice.ts";

const dev = process.argv.includes("--dev");
// `--only=province`: one app's pages, leaving the other apps' bundles in place (npm run province).
const only = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length);
const out = join(ROOT, "dist");
rmSync(only ? join(out, only) : out, { recursive: true, force: true });

const t0 = performance.now();
const r = await buildPages(out, {
  dev,
  log: (m) => console.error(m),
  filter: only ? (p) => p.app === only : undefined,
});
for (const s of r.skipped) console.warn(`[build] skipped ${s}: its entry does not exist yet`);
// The display's offline voice clips (espeak-ng + the hall's recordings), regenerated each build.
if (!only && existsSync(join(out, "display"))) await buildVoice(join(out, "display", "voice"));
console.log(`[build] apps built in ${Math.round(performance.now() - t0)} ms → dist/`);
if (!r.ok) process.exit(1);
