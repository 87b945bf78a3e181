/**
 * Readable from 10 m, at every screen the board is made for. The rule of thumb: 1 cm of
 * character height per 3–4 m of viewing distance, so 10 m needs at least 2.5 cm (4 m/cm)
 * and 3.3 cm by the strict 3 m/cm. Heights are measured in the browser (canvas
 * `actualBoundingBoxAscent` of "A0" in each element's font: the real cap/digit height)
 * and converted for a 55" 16:9 TV, whose short side is 68.5 cm whatever its resolution
 * or orientation (display/README.md).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningHall } from "../../server/main.ts";
import { copyDist, launchBrowser, seedMorning, startDisplayHall } from "./helpers.ts";

const TV_SHORT_SIDE_CM = (55 * 2.54 * 9) / Math.hypot(16, 9); // 68.5 cm
const STRICT_10M_CM = 10 / 3;
const LENIENT_10M_CM = 10 / 4;

let dataDir: string;
let distDir: string;
let hall: RunningHall & { base: string };
let browser: Browser;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "qms-display-layout-"));
  distDir = copyDist();
  hall = await startDisplayHall({ port: 0, dataDir, distDir });
  await seedMorning(hall.base);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await hall?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(join(distDir, ".."), { recursive: true, force: true });
});

/** Runs in the page: cap heights (px) of the board's parts and overflow facts. */
function measure() {
  const all = (sel: string): HTMLElement[] => {
    const out: HTMLElement[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const e of root.querySelectorAll<HTMLElement>(sel)) out.push(e);
      for (const e of root.querySelectorAll("*")) if (e.shadowRoot) walk(e.shadowRoot);
    };
    walk(document);
    return out;
  };
  const visible = (e: HTMLElement) => {
    for (let n: Node | null = e; n; n = n instanceof ShadowRoot ? n.host : n.parentNode)
      if (n instanceof HTMLElement && getComputedStyle(n).visibility === "hidden") return false;
    return true;
  };
  const ctx = document.createElement("canvas").getContext("2d")!;
  const cap = (e: HTMLElement) => {
    const cs = getComputedStyle(e);
    ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
    return ctx.measureText("A0").actualBoundingBoxAscent;
  };
  const caps = (sel: string) => all(sel).filter(visible).map(cap);
  const calls = all("[data-testid=hero], [data-testid=call], [data-testid=recent]").filter(visible);
  const outside = calls.filter((e) => {
    const r = e.getBoundingClientRect();
    return r.left < 0 || r.top < 0 || r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5;
  });
  return {
    short: Math.min(innerWidth, innerHeight),
    scroll: [
      document.documentElement.scrollWidth - innerWidth,
      document.documentElement.scrollHeight - innerHeight,
    ],
    hero: caps("[data-testid=hero] .num"),
    heroCounter: caps("[data-testid=hero] .counter .n"),
    rows: caps("[data-testid=call] .num"),
    rowCounters: caps("[data-testid=call] .counter"),
    recent: caps("[data-testid=recent] .num"),
    recentCounters: caps("[data-testid=recent] .counter"),
    waitingCounts: caps("[data-testid=waiting] .count"),
    prefixes: caps("[data-testid=waiting] .prefix"),
    clock: caps("[data-testid=clock]"),
    visibleCalls: calls.map((e) => e.dataset.number),
    outside: outside.map((e) => e.dataset.number),
    heroPriority: all("[data-testid=hero] [data-testid=priority]").length,
    starredElsewhere: all("[data-testid=call].priority, [data-testid=recent].priority").filter(visible)
      .length,
  };
}

const screens = [
  { name: "1920×1080", width: 1920, height: 1080, minCalls: 8 },
  { name: "1280×720", width: 1280, height: 720, minCalls: 8 },
  { name: "portrait 1080×1920", width: 1080, height: 1920, minCalls: 10 },
];

describe("board layout", () => {
  for (const s of screens)
    it(`is readable from 10 m on a 55" TV at ${s.name}, with nothing cut or scrolled`, async () => {
      const page = await browser.newPage({ viewport: { width: s.width, height: s.height } });
      await page.goto(`${hall.base}/display`);
      await page.waitForSelector("display-app[data-online=true]");
      await page.evaluate(() => document.fonts.ready);
      await page.waitForTimeout(300);
      const m = await page.evaluate(measure);
      await page.close();

      const cm = (px: number) => px / (m.short / TV_SHORT_SIDE_CM);
      const min = (xs: number[]) => {
        expect(xs.length).toBeGreaterThan(0);
        return cm(Math.min(...xs));
      };
      const report = {
        hero: min(m.hero),
        heroCounter: min(m.heroCounter),
        rows: min(m.rows),
        rowCounters: min(m.rowCounters),
        recent: min(m.recent),
        recentCounters: min(m.recentCounters),
        waitingCounts: min(m.waitingCounts),
        prefixes: min(m.prefixes),
        clock: min(m.clock),
      };
      console.log(
        `${s.name}: cap heights (cm on 55") ${Object.entries(report)
          .map(([k, v]) => `${k} ${v.toFixed(1)}`)
          .join(", ")}; calls visible ${m.visibleCalls.length}`,
      );

      expect(m.scroll[0]).toBeLessThanOrEqual(0);
      expect(m.scroll[1]).toBeLessThanOrEqual(0);
      expect(m.outside).toEqual([]);
      expect(m.visibleCalls.length).toBeGreaterThanOrEqual(s.minCalls);
      // The newest call is readable from far beyond 10 m; every call number and counter,
      // and every waiting count, from 10 m by the strict rule.
      expect(report.hero).toBeGreaterThanOrEqual(2 * STRICT_10M_CM);
      expect(report.heroCounter).toBeGreaterThanOrEqual(2 * STRICT_10M_CM);
      for (const k of ["rows", "rowCounters", "recent", "waitingCounts", "clock"] as const)
        expect(report[k], k).toBeGreaterThanOrEqual(STRICT_10M_CM);
      for (const k of ["recentCounters", "prefixes"] as const)
        expect(report[k], k).toBeGreaterThanOrEqual(LENIENT_10M_CM);
      // The newest call (a person with meritorious service) is marked as priority, and so
      // are the older priority calls still on the board.
      expect(m.heroPriority).toBe(1);
      expect(m.starredElsewhere).toBeGreaterThanOrEqual(1);
    });
});
