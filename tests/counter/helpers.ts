import { join } from "node:path";
import type { PageDef } from "../../scripts/pages.ts";
import type { Clock } from "../../server/queue/clock.ts";
import { buildPrivateDist, launchBrowser } from "../helpers/browser.ts";

export const ROOT = join(import.meta.dirname, "..", "..");

/** Bundles the selected pages of counter/ into a private folder; returns the dist dir. */
export async function buildCounterDist(filter: (p: PageDef) => boolean): Promise<string> {
  return (await buildPrivateDist((p) => p.app === "counter" && filter(p))).distDir;
}

export { launchBrowser };

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
