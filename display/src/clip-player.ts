/**
 * Plays the bundled (or the hall's recorded) voice clips with the Web Audio API: every
 * clip listed in `voice/manifest.json` is fetched and decoded once at start, so a call
 * is announced even while the server restarts, and a sequence is scheduled back to back
 * on the audio clock (no gaps from starting one <audio> after another) through one gain
 * node (the volume setting).
 *
 * Autoplay: Chromium keeps an AudioContext created without a user gesture "suspended"
 * unless the kiosk starts it with `--autoplay-policy=no-user-gesture-required`; `blocked`
 * says so and `unlock()` (called from a tap) resumes it.
 */
import type { ClipId } from "./phrase.ts";

interface ManifestClip {
  file: string;
  source: "espeak-ng" | "synth" | "recorded";
}

/** Pause after a clip before the next, in seconds: the phrase breathes like a speaker. */
function gapAfter(id: ClipId, next: ClipId | undefined): number {
  if (id === "chime") return 0.35;
  if (id === "xin-moi" || next === "den-quay") return 0.2;
  if (id === "den-quay") return 0.1;
  return 0.07;
}

export class ClipPlayer {
  readonly ctx: AudioContext | null;
  private readonly gain: GainNode | null;
  private readonly buffers = new Map<ClipId, AudioBuffer>();
  private manifest: Partial<Record<ClipId, ManifestClip>> = {};

  constructor(private readonly base: string) {
    let ctx: AudioContext | null = null;
    try {
      ctx = new AudioContext({ latencyHint: "playback" });
    } catch {
      ctx = null; // no audio output at all
    }
    this.ctx = ctx;
    this.gain = ctx ? ctx.createGain() : null;
    if (ctx && this.gain) this.gain.connect(ctx.destination);
  }

  /** True while the browser keeps audio suspended (no user gesture yet). */
  get blocked(): boolean {
    return this.ctx?.state !== "running";
  }

  /** True when the hall replaced at least one spoken clip with a recording. */
  get recorded(): boolean {
    return Object.entries(this.manifest).some(([id, c]) => id !== "chime" && c?.source === "recorded");
  }

  has(id: ClipId): boolean {
    return this.buffers.has(id);
  }

  /** Loads the manifest and decodes every clip; clips that fail are left out. */
  async load(): Promise<void> {
    const ctx = this.ctx;
    if (!ctx) return;
    void ctx.resume().catch(() => {});
    const res = await fetch(`${this.base}/manifest.json`, { cache: "no-cache" });
    if (!res.ok) throw new Error(`voice manifest: HTTP ${res.status}`);
    const m = (await res.json()) as { clips?: Partial<Record<ClipId, ManifestClip>> };
    this.manifest = m.clips ?? {};
    await Promise.all(
      Object.entries(this.manifest).map(async ([id, clip]) => {
        if (!clip || !/^[a-z0-9-]+\.[a-z0-9]+$/.test(clip.file)) return;
        try {
          const r = await fetch(`${this.base}/${clip.file}`);
          if (!r.ok) throw new Error(`HTTP ${r.status}`);
          this.buffers.set(id as ClipId, await ctx.decodeAudioData(await r.arrayBuffer()));
        } catch (e) {
          console.warn(`[display] voice clip ${clip.file} not loaded: ${(e as Error).message}`);
        }
      }),
    );
  }

  /** Resumes audio after a user gesture. */
  async unlock(): Promise<void> {
    await this.ctx?.resume();
  }

  /**
   * Plays the clips in order at `volume` (0–1) and resolves when the last one ended;
   * rejects when audio is blocked, nothing could be played, or the audio clock stalls.
   * Returns the clips actually played (missing ones are skipped).
   */
  async play(ids: readonly ClipId[], volume: number): Promise<ClipId[]> {
    const ctx = this.ctx;
    if (!ctx || !this.gain) throw new Error("no-audio");
    if (ctx.state !== "running") throw new Error("blocked");
    const played = ids.filter((id) => this.buffers.has(id));
    if (played.length === 0) throw new Error("no-clips");
    this.gain.gain.setValueAtTime(volume, ctx.currentTime);
    const start = ctx.currentTime + 0.05;
    let t = start;
    const sources = played.map((id, i) => {
      const src = ctx.createBufferSource();
      src.buffer = this.buffers.get(id)!;
      src.connect(this.gain!);
      src.start(t);
      t += src.buffer.duration + gapAfter(id, played[i + 1]);
      return src;
    });
    const end = t;
    await new Promise<void>((resolve, reject) => {
      const watchdog = setTimeout(
        () => {
          // `ended` never came: if the audio clock did not reach the end, it stalled.
          if (ctx.currentTime >= end - 0.5) return resolve();
          // Silence what is still scheduled, so a clock that resumes later cannot talk
          // over the next announcement.
          for (const s of sources) {
            try {
              s.stop();
            } catch {
              /* already stopped */
            }
          }
          reject(new Error("audio-stalled"));
        },
        (end - ctx.currentTime) * 1000 + 2000,
      );
      sources.at(-1)!.addEventListener("ended", () => {
        clearTimeout(watchdog);
        resolve();
      });
    });
    return played;
  }
}
