/**
 * Support for the counter apps' browser tests: a private build of the counter pages
 * (so a build running elsewhere, which empties dist/, cannot pull them away mid-test),
 * Chromium from playwright-core, and a hall whose clock can be shifted into the past so
 * that waits of 10–20 minutes exist without waiting for them.
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { PAGES, pageHtml } from "../../scripts/pages.ts";
import type { Clock } from "../../server/queue/clock.ts";

export const ROOT = join(import.meta.dirname, "..", "..");

/** Bundles counter/src/{counter,rating}.ts like scripts/build-apps.ts does; returns the dist dir. */
export async function buildCounterDist(): Promise<string> {
  const dist = join(mkdtempSync(join(tmpdir(), "qms-counter-dist-")), "dist");
  for (const p of PAGES.filter((x) => x.app === "counter" && x.page !== "manager")) {
    const entry = join(ROOT, p.app, "src", `${p.page}.ts`);
    if (!existsSync(entry)) throw new Error(`missing ${entry}`);
    const outdir = join(dist, p.app);
    mkdirSync(outdir, { recursive: true });
    const r = await Bun.build({
      entrypoints: [entry],
      outdir,
      target: "browser",
      format: "esm",
      minify: true,
      define: { "process.env.NODE_ENV": '"production"' },
      conditions: ["production"],
    });
    if (!r.success) throw new Error(r.logs.map(String).join("\n"));
    writeFileSync(join(outdir, `${p.page}.html`), pageHtml(p, `/assets/${p.app}`));
  }
  return dist;
}

/** Headless Chromium with the project's flags (helper brief). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

/** The real time shifted by `offsetMs` (negative: the past); set `offsetMs` back to 0 to catch up. */
export class ShiftedClock implements Clock {
  offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
}

/**
 * Minutes after midnight in Asia/Ho_Chi_Minh. Tests shift the clock back only when it
 * stays on the same service day (a shift across midnight would cancel the tickets).
 */
export function vnMinuteOfDay(ms = Date.now()): number {
  const d = new Date(ms + 7 * 3600_000);
  return d.getUTCHours() * 60 + d.getUTCMinutes();
}
