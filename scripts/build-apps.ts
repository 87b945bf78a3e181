/**
 * Builds the browser apps to static bundles under dist/<app>/ (run with Bun).
 * `--production` selects Lit's production build (DEVELOPERS.md: without it Lit's dev build ships).
 * Usage: bun scripts/build-apps.ts [--dev]
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildVoice } from "./build-voice.ts";
import { PAGES, pageHtml } from "./pages.ts";

const root = join(import.meta.dir, "..");
const dev = process.argv.includes("--dev");
const out = join(root, "dist");
rmSync(out, { recursive: true, force: true });

let failed = false;
const t0 = performance.now();
for (const p of PAGES) {
  const entry = join(root, p.app, "src", `${p.page}.ts`);
  if (!existsSync(entry)) {
    console.warn(`[build] skipped ${p.app}/${p.page}: ${entry} does not exist yet`);
    continue;
  }
  const outdir = join(out, p.app);
  mkdirSync(outdir, { recursive: true });
  const r = await Bun.build({
    entrypoints: [entry],
    outdir,
    target: "browser",
    format: "esm",
    minify: !dev,
    sourcemap: dev ? "inline" : "none",
    define: { "process.env.NODE_ENV": dev ? '"development"' : '"production"' },
    conditions: dev ? ["development"] : ["production"],
  });
  if (!r.success) {
    failed = true;
    for (const log of r.logs) console.error(log);
    continue;
  }
  writeFileSync(join(outdir, `${p.page}.html`), pageHtml(p, `/assets/${p.app}`));
}
// The display's offline voice clips (espeak-ng + the hall's recordings), regenerated each build.
if (existsSync(join(out, "display"))) await buildVoice(join(out, "display", "voice"));
console.log(`[build] apps built in ${Math.round(performance.now() - t0)} ms → dist/`);
if (failed) process.exit(1);
