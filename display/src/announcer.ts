/**
 * Announces calls one at a time: a queue that plays each announcement to its end before
 * the next starts, so two officers pressing "call" together are both heard, in order,
 * and never over each other. Every announcement is settled (played, failed, muted,
 * blocked or dropped) and the queue moves on: one that fails cannot block the next.
 *
 * Voice choice (docs/decisions/0061-voice.md): the hall's recorded clips when it has
 * any; else the browser's local Vietnamese voice; else the espeak-ng clips built with
 * the app. A speech failure falls back to the clips for the same announcement.
 */
import type { CallCue } from "../../server/contract/topics.ts";
import { ClipPlayer } from "./clip-player.ts";
import { announcementPhrase, type ClipId } from "./phrase.ts";
import type { SoundSettings } from "./settings.ts";
import { SpeechPlayer } from "./speech-player.ts";

export type AnnouncementResult = "queued" | "playing" | "played" | "failed" | "muted" | "blocked" | "dropped";

/**
 * One call's announcement and what became of it. The same object is updated from
 * "queued" through "playing" to its outcome (the board keeps them in
 * window.__qmsAnnouncements for tests and for a technician's console).
 */
export interface AnnouncementRecord {
  number: string;
  counter: number;
  recall: boolean;
  text: string;
  /** The phrase's clip sequence (chime first). */
  clips: ClipId[];
  mode: "clips" | "speech" | null;
  /** Clips actually played (speech mode: the chime only). */
  played: ClipId[];
  result: AnnouncementResult;
  error?: string;
  queuedAt: number;
  startedAt?: number;
  endedAt?: number;
}

export interface AnnouncerOptions {
  /** URL of the voice folder, e.g. /assets/display/voice */
  voiceBase: string;
  settings: () => SoundSettings;
  /** Audio is (or is no longer) blocked by the browser's autoplay policy. */
  onBlocked: (blocked: boolean) => void;
  /** A new announcement was queued (the record is then updated in place). */
  onQueued: (r: AnnouncementRecord) => void;
  /** Older waiting announcements are dropped beyond this many (a burst after an outage). */
  maxQueue?: number;
}

export class Announcer {
  private readonly clips: ClipPlayer;
  private readonly speech = new SpeechPlayer();
  private readonly queue: AnnouncementRecord[] = [];
  private busy = false;
  private speechBlocked = false;
  private lastBlocked: boolean | null = null;

  constructor(private readonly o: AnnouncerOptions) {
    this.clips = new ClipPlayer(o.voiceBase);
    if (this.clips.ctx) this.clips.ctx.onstatechange = () => this.checkBlocked();
  }

  /** Loads the clips and reports whether audio is blocked. */
  async init(): Promise<void> {
    try {
      await this.clips.load();
    } catch (e) {
      console.warn(`[display] voice clips unavailable: ${(e as Error).message}`);
    }
    // Chromium settles the autoplay decision right after resume(); give it a moment.
    setTimeout(() => this.checkBlocked(), 300);
  }

  /** True when sound is wanted but the browser blocks it. */
  get blocked(): boolean {
    return this.clips.blocked || this.speechBlocked;
  }

  /** Which voice a call would use now (for the settings panel). */
  get voiceInUse(): "recorded" | "speech" | "espeak" | "none" {
    const mode = this.mode();
    if (mode === "speech") return "speech";
    if (!this.clips.has("xin-moi")) return "none";
    return this.clips.recorded ? "recorded" : "espeak";
  }

  /** Called from a tap or key press: lets audio play from now on. */
  async unlock(): Promise<void> {
    this.speechBlocked = false;
    try {
      await this.clips.unlock();
    } finally {
      this.checkBlocked();
    }
  }

  /** Queues the announcement of a call or recall. */
  enqueue(cue: Pick<CallCue, "number" | "counter" | "recall">): void {
    const phrase = announcementPhrase(cue.number, cue.counter);
    const r: AnnouncementRecord = {
      number: cue.number,
      counter: cue.counter,
      recall: cue.recall,
      text: phrase.text,
      clips: phrase.clips,
      mode: null,
      played: [],
      result: "queued",
      queuedAt: Date.now(),
    };
    this.queue.push(r);
    this.o.onQueued(r);
    while (this.queue.length > (this.o.maxQueue ?? 8)) this.settle(this.queue.shift()!, "dropped");
    void this.drain();
  }

  private mode(): "clips" | "speech" {
    const want = this.o.settings().voice;
    if (want === "clips" || !this.speech.available) return "clips";
    if (want === "speech") return "speech";
    return this.clips.recorded ? "clips" : "speech";
  }

  private async drain(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.queue.length > 0) await this.playOne(this.queue.shift()!);
    } finally {
      this.busy = false;
    }
  }

  private async playOne(r: AnnouncementRecord): Promise<void> {
    const s = this.o.settings();
    r.startedAt = Date.now();
    r.result = "playing";
    if (!s.sound) return this.settle(r, "muted");
    if (this.blocked) return this.settle(r, "blocked");
    r.mode = this.mode();
    try {
      if (r.mode === "speech") {
        try {
          r.played = await this.clips.play(["chime"], s.volume);
        } catch {
          /* no chime: still speak */
        }
        try {
          await this.speech.speak(r.text, s.volume);
          return this.settle(r, "played");
        } catch (e) {
          if ((e as Error).message === "blocked") {
            this.speechBlocked = true;
            this.checkBlocked();
            return this.settle(r, "blocked", "blocked");
          }
          console.warn(`[display] speech failed (${(e as Error).message}); using the clips`);
          r.mode = "clips";
          r.played = await this.clips.play(r.clips.slice(1), s.volume);
          return this.settle(r, "played");
        }
      }
      r.played = await this.clips.play(r.clips, s.volume);
      this.settle(r, "played");
    } catch (e) {
      const msg = (e as Error).message;
      this.checkBlocked();
      this.settle(r, msg === "blocked" ? "blocked" : "failed", msg);
    }
  }

  private settle(r: AnnouncementRecord, result: AnnouncementResult, error?: string): void {
    r.result = result;
    if (error) r.error = error;
    r.endedAt = Date.now();
  }

  private checkBlocked(): void {
    const b = this.blocked;
    if (b === this.lastBlocked) return;
    this.lastBlocked = b;
    this.o.onBlocked(b);
  }
}
