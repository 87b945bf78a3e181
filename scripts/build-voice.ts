/**
 * Builds the hall display's offline voice into dist/display/voice/ (run with Bun; also
 * called by scripts/build-apps.ts on every build): one clip per entry of VOICE_VOCAB
 * spoken by espeak-ng (`espeak-ng -v vi`, Debian package `espeak-ng`), trimmed of
 * leading/trailing silence and peak-normalised, a synthesised chime, and
 * `manifest.json` naming the file of each clip. Nothing here is committed: it is
 * regenerated on every build (issue 5: "commit nothing you cannot regenerate").
 *
 * A hall replaces any clip with a recording of a real voice by putting `<clip id>.<ext>`
 * (wav, ogg, mp3, m4a, opus, webm) in the override folder: `$QMS_VOICE_DIR`, else
 * `$QMS_DATA_DIR/voice`, else `./data/voice`. The display prefers recorded clips over the
 * browser's speech voice (display/README.md, docs/decisions/0061-voice.md).
 *
 * Usage: bun scripts/build-voice.ts [outDir]
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ALL_CLIPS, type ClipId, VOICE_VOCAB, type WordClip } from "../display/src/phrase.ts";

/** One clip of the manifest. */
export interface VoiceClip {
  file: string;
  source: "espeak-ng" | "synth" | "recorded";
}

/** `dist/display/voice/manifest.json`, read by the display at start. */
export interface VoiceManifest {
  version: 1;
  generatedAt: string;
  /** Clips present, by id; an id missing here has no file (the display falls back). */
  clips: Partial<Record<ClipId, VoiceClip>>;
}

const RECORDING_EXTS = ["wav", "ogg", "mp3", "m4a", "opus", "webm"];
const ESPEAK_RATE = 140; // words per minute; espeak's 175 default is hurried in an echoing hall
const RATE = 22_050; // espeak-ng's native sample rate

/** The folder a hall puts its recordings in (see the file comment). */
export function voiceOverrideDir(env: Record<string, string | undefined> = process.env): string {
  if (env.QMS_VOICE_DIR) return resolve(env.QMS_VOICE_DIR);
  return resolve(env.QMS_DATA_DIR || "./data", "voice");
}

/**
 * Generates every clip into `outDir` (emptied first), applies the hall's recordings
 * from `overrideDir`, writes the manifest and returns it. Without espeak-ng the spoken
 * clips are missing from the manifest (a warning is printed) and the display relies on
 * the browser's voice; the build does not fail.
 */
export async function buildVoice(
  outDir: string,
  overrideDir = voiceOverrideDir(),
  log: (level: "info" | "warn", msg: string) => void = (l, m) =>
    l === "warn" ? console.warn(`[voice] ${m}`) : console.log(`[voice] ${m}`),
): Promise<VoiceManifest> {
  const t0 = performance.now();
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const clips: VoiceManifest["clips"] = {};

  writeFileSync(join(outDir, "chime.wav"), encodeWav(chime(RATE), RATE));
  clips.chime = { file: "chime.wav", source: "synth" };

  const espeak = Bun.which("espeak-ng");
  if (!espeak) log("warn", "espeak-ng not found (apt-get install espeak-ng): no bundled voice clips");
  else {
    const ids = Object.keys(VOICE_VOCAB) as WordClip[];
    const results = await Promise.all(ids.map((id) => speak(espeak, VOICE_VOCAB[id])));
    for (const [i, id] of ids.entries()) {
      const pcm = results[i];
      if (!pcm) {
        log("warn", `espeak-ng failed for "${id}"`);
        continue;
      }
      writeFileSync(join(outDir, `${id}.wav`), encodeWav(normalize(trimSilence(pcm, RATE)), RATE));
      clips[id] = { file: `${id}.wav`, source: "espeak-ng" };
    }
  }

  let recorded = 0;
  if (existsSync(overrideDir)) {
    for (const name of readdirSync(overrideDir)) {
      const m = /^([a-z0-9-]+)\.([a-z0-9]+)$/.exec(name);
      const id = m?.[1] as ClipId | undefined;
      if (!m || !id || !ALL_CLIPS.includes(id) || !RECORDING_EXTS.includes(m[2]!)) {
        log("warn", `ignored ${join(overrideDir, name)}: not <clip id>.{${RECORDING_EXTS.join(",")}}`);
        continue;
      }
      const prev = clips[id];
      if (prev && prev.file !== name) rmSync(join(outDir, prev.file), { force: true });
      copyFileSync(join(overrideDir, name), join(outDir, name));
      clips[id] = { file: name, source: "recorded" };
      recorded++;
    }
  }

  const manifest: VoiceManifest = { version: 1, generatedAt: new Date().toISOString(), clips };
  writeFileSync(join(outDir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  const n = Object.keys(clips).length;
  log(
    "info",
    `${n}/${ALL_CLIPS.length} clips (${recorded} recorded) in ${Math.round(performance.now() - t0)} ms → ${outDir}`,
  );
  return manifest;
}

/** Runs espeak-ng and returns its mono 16-bit samples, or null. */
async function speak(espeak: string, text: string): Promise<Int16Array | null> {
  const p = Bun.spawn([espeak, "-v", "vi", "-s", String(ESPEAK_RATE), "--stdout", text], {
    stdout: "pipe",
    stderr: "ignore",
  });
  const bytes = new Uint8Array(await new Response(p.stdout).arrayBuffer());
  if ((await p.exited) !== 0) return null;
  return decodeWav(bytes);
}

/**
 * The samples of a 16-bit mono PCM WAV. Trap: with `--stdout` espeak-ng cannot seek
 * back, so the RIFF and data sizes are placeholders (0x7fffffff); read to the end.
 */
export function decodeWav(bytes: Uint8Array): Int16Array | null {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (o: number) => String.fromCharCode(...bytes.subarray(o, o + 4));
  if (bytes.length < 12 || tag(0) !== "RIFF" || tag(8) !== "WAVE") return null;
  let o = 12;
  while (o + 8 <= bytes.length) {
    const id = tag(o);
    const size = v.getUint32(o + 4, true);
    if (id === "fmt " && v.getUint16(o + 8 + 14, true) !== 16) return null;
    if (id === "data") {
      const start = o + 8;
      const end = Math.min(bytes.length, start + size);
      const n = Math.floor((end - start) / 2);
      const out = new Int16Array(n);
      for (let i = 0; i < n; i++) out[i] = v.getInt16(start + i * 2, true);
      return out;
    }
    o += 8 + size + (size % 2);
  }
  return null;
}

/** A 16-bit mono PCM WAV file. */
export function encodeWav(samples: Int16Array, rate: number): Uint8Array {
  const buf = new ArrayBuffer(44 + samples.length * 2);
  const v = new DataView(buf);
  const str = (o: number, s: string) => {
    for (let i = 0; i < s.length; i++) v.setUint8(o + i, s.charCodeAt(i));
  };
  str(0, "RIFF");
  v.setUint32(4, 36 + samples.length * 2, true);
  str(8, "WAVE");
  str(12, "fmt ");
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true); // PCM
  v.setUint16(22, 1, true); // mono
  v.setUint32(24, rate, true);
  v.setUint32(28, rate * 2, true);
  v.setUint16(32, 2, true);
  v.setUint16(34, 16, true);
  str(36, "data");
  v.setUint32(40, samples.length * 2, true);
  for (let i = 0; i < samples.length; i++) v.setInt16(44 + i * 2, samples[i]!, true);
  return new Uint8Array(buf);
}

/** Cuts leading and trailing silence (below 1 % of full scale), keeping short margins. */
export function trimSilence(s: Int16Array, rate: number): Int16Array {
  const threshold = 330;
  let a = 0;
  while (a < s.length && Math.abs(s[a]!) < threshold) a++;
  let b = s.length - 1;
  while (b > a && Math.abs(s[b]!) < threshold) b--;
  if (a >= b) return s;
  return s.slice(Math.max(0, a - Math.round(rate * 0.01)), Math.min(s.length, b + Math.round(rate * 0.04)));
}

/** Scales so the loudest sample sits at −1 dBFS: every clip equally loud. */
export function normalize(s: Int16Array, peak = 0.89): Int16Array {
  let max = 1;
  for (const x of s) max = Math.max(max, Math.abs(x));
  const k = (peak * 32767) / max;
  return Int16Array.from(s, (x) => Math.round(x * k));
}

/**
 * A two-note "ding-dong" (E5 then C5, each a bell-like tone with a few partials and an
 * exponential decay), 1.6 s, peaking at −6 dBFS so it is gentler than the voice.
 */
export function chime(rate: number): Int16Array {
  const len = Math.round(rate * 1.6);
  const out = new Float64Array(len);
  const notes = [
    { f: 659.25, at: 0 },
    { f: 523.25, at: 0.55 },
  ];
  for (const { f, at } of notes) {
    const start = Math.round(at * rate);
    for (let i = start; i < len; i++) {
      const t = (i - start) / rate;
      const env = Math.min(1, t / 0.008) * Math.exp(-t / 0.45);
      const w = 2 * Math.PI * f * t;
      out[i]! += env * (Math.sin(w) + 0.35 * Math.sin(2 * w) * Math.exp(-t / 0.2) + 0.12 * Math.sin(3 * w));
    }
  }
  let max = 0;
  for (const x of out) max = Math.max(max, Math.abs(x));
  return Int16Array.from(out, (x) => Math.round((x / max) * 0.5 * 32767));
}

if (import.meta.main) {
  const out = process.argv[2] ?? join(import.meta.dir, "..", "dist", "display", "voice");
  await buildVoice(resolve(out));
}
