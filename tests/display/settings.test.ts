import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, loadSettings, saveSettings } from "../../display/src/settings.ts";

function memory(): Storage {
  const m = new Map<string, string>();
  return {
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, v),
  } as Storage;
}

describe("sound settings", () => {
  it("defaults to sound on at 90 % with the automatic voice", () => {
    expect(loadSettings("", null)).toEqual(DEFAULT_SETTINGS);
  });

  it("survives a reload through storage", () => {
    const s = memory();
    saveSettings({ sound: false, volume: 0.4, voice: "clips" }, s);
    expect(loadSettings("", s)).toEqual({ sound: false, volume: 0.4, voice: "clips" });
  });

  it("lets URL parameters override storage, clamping the volume", () => {
    const s = memory();
    saveSettings({ sound: false, volume: 0.4, voice: "clips" }, s);
    expect(loadSettings("?sound=on&volume=150&voice=speech", s)).toEqual({
      sound: true,
      volume: 1,
      voice: "speech",
    });
    expect(loadSettings("?sound=off&volume=abc", null)).toEqual({ ...DEFAULT_SETTINGS, sound: false });
  });

  it("ignores corrupt storage", () => {
    const s = memory();
    s.setItem("qms.display.sound", "{not json");
    expect(loadSettings("", s)).toEqual(DEFAULT_SETTINGS);
  });
});
