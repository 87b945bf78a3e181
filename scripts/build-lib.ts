/**
 * Bundles the browser pages of scripts/pages.ts (Bun.build). Used by the build
 * (scripts/build-apps.ts) and by browser tests that build into a private folder.
 * Production builds select Lit's production build (DEVELOPERS.md: otherwise the dev build ships).
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PAGE_ICON_SVG, PAGES, type PageDef, pageHtml, pageManifest } from "./pages.ts";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

export interface BuildResult {
  ok: boolean;
  /** Bundle bytes per page. */
  bytes: Record<string, number>;
  skipped: string[];
}

/** Builds the pages selected by `filter` into `outDir/<app>/<page>.{js,html}`. */
export async function buildPages(
  outDir: string,
  opts: { dev?: boolean; filter?: (p: PageDef) => boolean; log?: (msg: string) => void } = {},
): Promise<BuildResult> {
  const dev = opts.dev ?? false;
  const result: BuildResult = { ok: true, bytes: {}, skipped: [] };
  for (const p of PAGES.filter(opts.filter ?? (() => true))) {
    const entry = join(ROOT, p.app, "src", p.entry);
    if (!existsSync(entry)) {
      result.skipped.push(`${p.app}/${p.page}`);
      continue;
    }
    const outdir = join(outDir, p.app);
    mkdirSync(outdir, { recursive: true });
    const r = await Bun.build({
      entrypoints: [entry],
      outdir,
      target: "browser",
      format: "esm",
      naming: `${p.page}.[ext]`,
      minify: !dev,
      sourcemap: dev ? "inline" : "none",
      define: { "process.env.NODE_ENV": dev ? '"development"' : '"production"' },
      conditions: dev ? ["development"] : ["production"],
    });
    if (!r.success) {
      result.ok = false;
      for (const log of r.logs) opts.log?.(String(log));
      continue;
    }
    result.bytes[p.page] = r.outputs.reduce((n, o) => n + o.size, 0);
    writeFileSync(join(outdir, `${p.page}.html`), pageHtml(p, `/assets/${p.app}`));
    if (p.installable) {
      // Its service worker (a bundle of its own, no Lit), manifest and icon.
      const w = await Bun.build({
        entrypoints: [join(ROOT, p.app, "src", p.installable.worker)],
        outdir,
        target: "browser",
        // A classic worker script (module service workers are not everywhere yet).
        format: "iife",
        naming: `${p.page}-sw.[ext]`,
        minify: !dev,
      });
      if (!w.success) {
        result.ok = false;
        for (const log of w.logs) opts.log?.(String(log));
      }
      writeFileSync(join(outdir, `${p.page}.webmanifest`), pageManifest(p, `/assets/${p.app}`));
      writeFileSync(join(outdir, `${p.page}-icon.svg`), PAGE_ICON_SVG);
    }
  }
  return result;
}
