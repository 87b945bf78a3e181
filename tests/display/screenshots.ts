/**
 * Writes docs/screenshots/display-1920x1080.png, display-1280x720.png and
 * display-portrait.png: a demo hall started in-process with a realistic morning (seven
 * counters open, a dozen calls, priority visitors, people waiting in every field).
 * Run: node scripts/bun.mjs tests/display/screenshots.ts  (after `npm run build`)
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { copyDist, launchBrowser, ROOT, seedMorning, startDisplayHall } from "./helpers.ts";

const dataDir = mkdtempSync(join(tmpdir(), "qms-display-shots-"));
const distDir = copyDist();
const hall = await startDisplayHall({ port: 0, dataDir, distDir });
try {
  const url = hall.base;
  await seedMorning(url);

  const browser = await launchBrowser();
  const out = join(ROOT, "docs", "screenshots");
  mkdirSync(out, { recursive: true });
  const shots = [
    { name: "display-1920x1080.png", width: 1920, height: 1080 },
    { name: "display-1280x720.png", width: 1280, height: 720 },
    { name: "display-portrait.png", width: 1080, height: 1920 },
  ];
  for (const s of shots) {
    const page = await browser.newPage({ viewport: { width: s.width, height: s.height } });
    await page.goto(`${url}/display`);
    await page.waitForSelector("display-app[data-online=true]");
    await page.waitForFunction(() => document.fonts.status === "loaded");
    // The ticker scrolls: let it bring the notice into view.
    await page.waitForTimeout(4000);
    await page.screenshot({ path: join(out, s.name) });
    await page.close();
    console.log(`wrote docs/screenshots/${s.name}`);
  }
  await browser.close();
} finally {
  await hall.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(join(distDir, ".."), { recursive: true, force: true });
}
