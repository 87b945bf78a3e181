import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ALL_CLIPS } from "../../display/src/phrase.ts";
import {
  buildVoice,
  chime,
  decodeWav,
  encodeWav,
  trimSilence,
  voiceOverrideDir,
} from "../../scripts/build-voice.ts";
import { requireTool } from "../helpers/tools.ts";

const tmp = mkdtempSync(join(tmpdir(), "qms-voice-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("WAV helpers", () => {
  it("round-trip 16-bit mono samples", () => {
    const s = Int16Array.from([0, 1000, -1000, 32767, -32768]);
    expect(Array.from(decodeWav(encodeWav(s, 22050))!)).toEqual(Array.from(s));
  });

  it("read espeak-ng's streamed WAV whose sizes are placeholders", () => {
    const wav = encodeWav(Int16Array.from([5, 6, 7]), 22050);
    const v = new DataView(wav.buffer);
    v.setUint32(4, 0x7fffffff, true);
    v.setUint32(40, 0x7fffffff, true);
    expect(Array.from(decodeWav(wav)!)).toEqual([5, 6, 7]);
    expect(decodeWav(new TextEncoder().encode("not a wav"))).toBeNull();
  });

  it("trim leading and trailing silence but keep the sound", () => {
    const s = new Int16Array(22050);
    for (let i = 10000; i < 12000; i++) s[i] = 8000;
    const t = trimSilence(s, 22050);
    expect(t.length).toBeGreaterThanOrEqual(2000);
    expect(t.length).toBeLessThan(3500);
  });

  it("synthesise a 1.6 s chime that does not clip", () => {
    const c = chime(22050);
    expect(c.length).toBe(Math.round(22050 * 1.6));
    expect(Math.max(...c.map(Math.abs))).toBeLessThan(32767 * 0.6);
  });
});

describe("buildVoice()", () => {
  it("generates every clip with espeak-ng and lets the hall's recordings replace them", async () => {
    requireTool("espeak-ng");
    const out = join(tmp, "voice");
    const rec = join(tmp, "recordings");
    mkdirSync(rec);
    writeFileSync(join(rec, "xin-moi.ogg"), "OggS-fake-recording");
    writeFileSync(join(rec, "notes.txt"), "not a clip");
    const warnings: string[] = [];
    const m = await buildVoice(out, rec, (l, msg) => l === "warn" && warnings.push(msg));

    expect(Object.keys(m.clips).sort()).toEqual([...ALL_CLIPS].sort());
    expect(m.clips["xin-moi"]).toEqual({ file: "xin-moi.ogg", source: "recorded" });
    expect(existsSync(join(out, "xin-moi.wav"))).toBe(false);
    expect(readFileSync(join(out, "xin-moi.ogg"), "utf8")).toBe("OggS-fake-recording");
    expect(warnings.some((w) => w.includes("notes.txt"))).toBe(true);
    expect(JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"))).toEqual(m);

    for (const id of ALL_CLIPS) {
      const clip = m.clips[id]!;
      if (clip.source === "recorded") continue;
      const pcm = decodeWav(readFileSync(join(out, clip.file)))!;
      const seconds = pcm.length / 22050;
      expect(seconds, id).toBeGreaterThan(0.1);
      expect(seconds, id).toBeLessThan(4);
    }
  });

  it("finds the override folder from QMS_VOICE_DIR, else the data folder", () => {
    expect(voiceOverrideDir({ QMS_VOICE_DIR: "/srv/voice" })).toBe("/srv/voice");
    expect(voiceOverrideDir({ QMS_DATA_DIR: "/var/lib/qms" })).toBe("/var/lib/qms/voice");
  });
});
