/**
 * Speaks a phrase with the browser's own Vietnamese voice (Web Speech API), when the
 * machine has one that runs locally: a network voice would fail the day the hall's
 * internet does (issue 5: "it must work offline").
 *
 * Traps: `getVoices()` is empty until `voiceschanged` fires (Chromium loads voices
 * asynchronously); Chromium sometimes never fires `end`, so a watchdog cancels the
 * utterance; `speak()` without a user gesture fails with the error "not-allowed" unless
 * the kiosk runs with `--autoplay-policy=no-user-gesture-required`.
 */

export class SpeechPlayer {
  private voice: SpeechSynthesisVoice | null = null;
  private readonly synth: SpeechSynthesis | null =
    typeof speechSynthesis === "undefined" ? null : speechSynthesis;

  constructor() {
    if (!this.synth) return;
    this.pick();
    this.synth.addEventListener?.("voiceschanged", () => this.pick());
  }

  /** The local Vietnamese voice in use, or null. */
  get voiceName(): string | null {
    return this.voice?.name ?? null;
  }

  get available(): boolean {
    return this.voice !== null;
  }

  private pick(): void {
    const voices = this.synth?.getVoices() ?? [];
    const vi = voices.filter((v) => v.lang.toLowerCase().replace("_", "-").startsWith("vi"));
    this.voice = vi.find((v) => v.localService) ?? null;
  }

  /** Speaks `text`; resolves at the end, rejects on error ("not-allowed" = blocked). */
  speak(text: string, volume: number): Promise<void> {
    const synth = this.synth;
    const voice = this.voice;
    if (!synth || !voice) return Promise.reject(new Error("no-voice"));
    return new Promise<void>((resolve, reject) => {
      const u = new SpeechSynthesisUtterance(text);
      u.voice = voice;
      u.lang = voice.lang;
      u.volume = volume;
      u.rate = 0.9;
      // ~15 characters a second at rate 0.9, plus margin.
      const watchdog = setTimeout(
        () => {
          synth.cancel();
          reject(new Error("speech-timeout"));
        },
        3000 + text.length * 120,
      );
      u.onend = () => {
        clearTimeout(watchdog);
        resolve();
      };
      u.onerror = (e) => {
        clearTimeout(watchdog);
        reject(new Error(e.error === "not-allowed" ? "blocked" : `speech-${e.error}`));
      };
      synth.speak(u);
    });
  }
}
