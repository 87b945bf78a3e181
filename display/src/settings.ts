/**
 * The board's sound settings: on/off, volume and which voice, kept in localStorage so a
 * TV keeps them across reloads and power cuts, and overridable per screen by URL
 * parameters (`/display?sound=off&volume=60&voice=clips`), handy for a kiosk command line.
 */

export type VoiceMode = "auto" | "speech" | "clips";

export interface SoundSettings {
  sound: boolean;
  /** 0–1. */
  volume: number;
  /** auto: recorded clips, else the browser's Vietnamese voice, else espeak-ng clips. */
  voice: VoiceMode;
}

export const DEFAULT_SETTINGS: SoundSettings = { sound: true, volume: 0.9, voice: "auto" };
const KEY = "qms.display.sound";

const clamp = (v: number) => Math.min(1, Math.max(0, v));
const isMode = (v: unknown): v is VoiceMode => v === "auto" || v === "speech" || v === "clips";

/** Settings from storage, then URL parameters on top; bad values fall back to defaults. */
export function loadSettings(search: string, storage: Pick<Storage, "getItem"> | null): SoundSettings {
  const s = { ...DEFAULT_SETTINGS };
  try {
    const raw = storage?.getItem(KEY);
    const saved = raw ? (JSON.parse(raw) as Partial<SoundSettings>) : {};
    if (typeof saved.sound === "boolean") s.sound = saved.sound;
    if (typeof saved.volume === "number" && Number.isFinite(saved.volume)) s.volume = clamp(saved.volume);
    if (isMode(saved.voice)) s.voice = saved.voice;
  } catch {
    /* corrupt or unavailable storage: defaults */
  }
  const q = new URLSearchParams(search);
  const sound = q.get("sound");
  if (sound === "off" || sound === "0" || sound === "false") s.sound = false;
  if (sound === "on" || sound === "1" || sound === "true") s.sound = true;
  const volume = Number(q.get("volume") ?? Number.NaN);
  if (Number.isFinite(volume)) s.volume = clamp(volume / 100);
  const voice = q.get("voice");
  if (isMode(voice)) s.voice = voice;
  return s;
}

/** Saves the settings; a storage failure (private mode, quota) is ignored. */
export function saveSettings(s: SoundSettings, storage: Pick<Storage, "setItem"> | null): void {
  try {
    storage?.setItem(KEY, JSON.stringify(s));
  } catch {
    /* not persisted */
  }
}
