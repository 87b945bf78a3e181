/**
 * The phone's "your turn" alert: a two-tone chime made with WebAudio (no audio file to
 * download) and a vibration pattern.
 *
 * Traps: browsers start an AudioContext "suspended" until a user gesture (Chrome's
 * autoplay policy, https://developer.chrome.com/blog/autoplay/#web-audio), so `unlock()`
 * must run inside a tap handler; `navigator.vibrate` likewise needs a prior tap (sticky
 * user activation) and does not exist on iOS Safari, so both are best effort and never throw.
 */
export class CallAlert {
  private ctx: AudioContext | null = null;

  /** True when a chime can play now (the context was unlocked by a tap). */
  get ready(): boolean {
    return this.ctx?.state === "running";
  }

  /** Creates or resumes the audio context; call it from a tap. Resolves to `ready`. */
  async unlock(): Promise<boolean> {
    try {
      const Ctx =
        globalThis.AudioContext ??
        (globalThis as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
      if (!Ctx) return false;
      this.ctx ??= new Ctx();
      if (this.ctx.state !== "running") await this.ctx.resume();
    } catch {
      return false;
    }
    return this.ready;
  }

  /** Chimes (if unlocked) and vibrates (if allowed). */
  ring(): void {
    this.chime();
    try {
      navigator.vibrate?.([400, 200, 400, 200, 800]);
    } catch {
      /* not allowed: the screen still shows the call */
    }
  }

  /** A soft "ding-dong" repeated twice: 880 Hz then 660 Hz, 0.4 s each. */
  chime(): void {
    const ctx = this.ctx;
    if (ctx?.state !== "running") return;
    const t0 = ctx.currentTime + 0.05;
    const notes = [880, 660, 880, 660];
    notes.forEach((freq, i) => {
      const start = t0 + i * 0.45;
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = "sine";
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.6, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.42);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start);
      osc.stop(start + 0.45);
    });
  }
}
