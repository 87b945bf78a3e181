/** Browser-test support shared by the apps' tests: Chromium and private app builds. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { buildPages } from "../../scripts/build-lib.ts";
import type { PageDef } from "../../scripts/pages.ts";
import { requireTool } from "./tools.ts";

/** The flags DEVELOPERS.md gives for Chromium on these machines (no network, no sandbox as root). */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** Headless Debian Chromium (package `chromium`) driven by playwright-core. */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: requireTool("chromium"), args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/**
 * Builds the selected pages (production mode) into a fresh folder, so that a concurrent
 * `npm run build`, which empties dist/, cannot pull the files from under a running test.
 */
export async function buildPrivateDist(
  filter: (p: PageDef) => boolean,
): Promise<{ distDir: string; bytes: Record<string, number> }> {
  const distDir = join(mkdtempSync(join(tmpdir(), "qms-dist-")), "dist");
  const r = await buildPages(distDir, { filter, log: (m) => console.error(m) });
  if (!r.ok) throw new Error("building the apps failed");
  return { distDir, bytes: r.bytes };
}
