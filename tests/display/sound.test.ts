/**
 * Sound settings and the autoplay prompt in a real browser. Headless Chromium never
 * blocks audio, whatever `--autoplay-policy`, so the blocked case emulates Chromium's
 * rule in an init script: an AudioContext starts suspended and `resume()` only works
 * during a user activation (navigator.userActivation.isActive), as on a TV started
 * without `--autoplay-policy=no-user-gesture-required`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnnouncementRecord } from "../../display/src/announcer.ts";
import type { RunningHall } from "../../server/main.ts";
import { copyDist, issue, launchBrowser, Officer, startDisplayHall } from "./helpers.ts";

let dataDir: string;
let distDir: string;
let hall: RunningHall & { base: string };
let browser: Browser;
let officer: Officer;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "qms-display-sound-"));
  distDir = copyDist();
  hall = await startDisplayHall({ port: 0, dataDir, distDir });
  officer = await Officer.open(hall.base, 1);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await hall?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(join(distDir, ".."), { recursive: true, force: true });
});

async function open(query = "", init?: () => void): Promise<Page> {
  const p = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  if (init) await p.addInitScript(init);
  await p.goto(`${hall.base}/display${query}`);
  await p.waitForSelector("display-app[data-online=true][data-voice]");
  return p;
}

/** Calls the next visitor and returns the settled announcement of that call. */
async function callAndSettle(p: Page): Promise<AnnouncementRecord> {
  await issue(hall.base, "ho-tich");
  const t = await officer.next();
  await p.waitForFunction(
    (n) =>
      (window.__qmsAnnouncements ?? []).some(
        (r) => r.number === n && !["queued", "playing"].includes(r.result),
      ),
    t.number,
    { timeout: 20_000 },
  );
  return (await p.evaluate(
    (n) => (window.__qmsAnnouncements ?? []).find((r) => r.number === n),
    t.number,
  )) as AnnouncementRecord;
}

describe("display sound", () => {
  it("asks for a tap while the browser blocks audio, and plays after it", async () => {
    const p = await open("", () => {
      const Real = window.AudioContext;
      window.AudioContext = class extends Real {
        private gated = true;
        constructor(o?: AudioContextOptions) {
          super(o);
          void super.suspend();
        }
        override get state(): AudioContextState {
          return this.gated ? "suspended" : super.state;
        }
        override resume(): Promise<void> {
          if (!navigator.userActivation.isActive) return Promise.resolve();
          this.gated = false;
          return super.resume();
        }
      };
    });
    await p.locator("[data-testid=sound-blocked]").waitFor({ timeout: 10_000 });
    expect((await callAndSettle(p)).result).toBe("blocked");

    await p.mouse.click(640, 360);
    await p.locator("[data-testid=sound-blocked]").waitFor({ state: "detached", timeout: 10_000 });
    const rec = await callAndSettle(p);
    expect(rec.result).toBe("played");
    expect(rec.played.length).toBe(rec.clips.length);
    await p.close();
  }, 40_000);

  it("stays silent when sound is off, and keeps the settings after a reload", async () => {
    const p = await open("?sound=off");
    expect((await callAndSettle(p)).result).toBe("muted");
    expect(await p.locator("[data-testid=sound-blocked]").count()).toBe(0);

    // The settings panel (key "s") saves to localStorage.
    await p.keyboard.press("s");
    await p.locator("[data-testid=settings] input[type=range]").fill("35");
    await p.locator("[data-testid=settings] input[type=range]").dispatchEvent("change");
    await p.goto(`${hall.base}/display`);
    await p.waitForSelector("display-app[data-online=true]");
    const saved = await p.evaluate(() => JSON.parse(localStorage.getItem("qms.display.sound") ?? "{}"));
    expect(saved).toEqual({ sound: false, volume: 0.35, voice: "auto" });
    await p.close();
  }, 30_000);
});
