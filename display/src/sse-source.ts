/**
 * The board's fallback feed when MQTT over WebSocket keeps failing (a proxy that drops
 * WebSocket upgrades, a broker that refuses the base topic): the public live stream
 * `GET /api/live` (server/contract/api/live.ts). It carries the same payloads as MQTT
 * `hall/#`: `hall-state` (= retained `hall/state`, sent at once on every (re)connect, on
 * every change and every 15 s) and `hall-call` (= `hall/call`). The board applies them as
 * they come and never fetches `GET /api/hall` (docs/decisions/0087-pushed-live-state.md).
 */
import type { CallCue, HallState } from "../../server/contract/topics.ts";
import { parseCallCue, parseHallState } from "./payloads.ts";

export interface SseSourceOptions {
  hallId: string;
  onState: (s: HallState) => void;
  onCue: (c: CallCue) => void;
  onOnline: (online: boolean) => void;
  log: (msg: string) => void;
  /** The public live stream (default `/api/live`). */
  url?: string;
}

export class SseSource {
  private es: EventSource | null = null;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;

  constructor(private readonly o: SseSourceOptions) {}

  get running(): boolean {
    return !this.stopped;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    this.es?.close();
    this.es = null;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.o.onOnline(false);
  }

  private open(): void {
    const es = new EventSource(this.o.url ?? "/api/live");
    this.es = es;
    es.addEventListener("hello", () => this.o.onOnline(true));
    es.addEventListener("hall-state", (m) => {
      const s = parseHallState((m as MessageEvent).data, this.o.hallId);
      if (s) this.o.onState(s);
      else this.o.log("ignored malformed hall-state frame");
    });
    es.addEventListener("hall-call", (m) => {
      const c = parseCallCue((m as MessageEvent).data);
      if (c) this.o.onCue(c);
      else this.o.log("ignored malformed hall-call frame");
    });
    es.onerror = () => {
      this.o.onOnline(false);
      // EventSource retries by itself unless the server answered with an error status
      // (a 429 `too-many-streams`): then a slower retry of our own.
      if (es.readyState === EventSource.CLOSED && this.es === es && !this.stopped)
        this.retry = setTimeout(() => this.open(), 5000 + Math.random() * 5000);
    };
  }
}
