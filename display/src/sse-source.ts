/**
 * The board's fallback feed when MQTT over WebSocket keeps failing (a proxy that drops
 * WebSocket upgrades, a broker that refuses the base topic): the public event stream
 * `GET /api/events` for call cues and change signals, and `GET /api/hall` for the state
 * after every event, every (re)connect and every 30 s (waiting times and the notice
 * change without an event).
 */
import type { PublicHallEvent as HallEvent } from "../../server/contract/events.ts";
import type { CallCue, HallState } from "../../server/contract/topics.ts";
import { api } from "../../ui/api.ts";
import { parseSnapshot } from "./payloads.ts";

export interface SseSourceOptions {
  hallId: string;
  onState: (s: HallState) => void;
  onCue: (c: CallCue) => void;
  onOnline: (online: boolean) => void;
  log: (msg: string) => void;
  eventsUrl?: string;
  pollMs?: number;
}

const CHANGE_TYPES = [
  "issued",
  "called",
  "recalled",
  "no-show",
  "started",
  "finished",
  "transferred",
  "cancelled",
  "counter-opened",
  "counter-closed",
  "counter-paused",
  "counter-resumed",
];

export class SseSource {
  private es: EventSource | null = null;
  private lastId = 0;
  private poll: ReturnType<typeof setInterval> | null = null;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private fetching: Promise<void> | null = null;
  private again = false;
  private stopped = true;

  constructor(private readonly o: SseSourceOptions) {}

  get running(): boolean {
    return !this.stopped;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.open();
    this.poll = setInterval(() => void this.refresh(), this.o.pollMs ?? 30_000);
  }

  stop(): void {
    this.stopped = true;
    this.es?.close();
    this.es = null;
    if (this.poll) clearInterval(this.poll);
    if (this.retry) clearTimeout(this.retry);
    this.poll = this.retry = null;
    this.o.onOnline(false);
  }

  private open(): void {
    const es = new EventSource(this.o.eventsUrl ?? "/api/events");
    this.es = es;
    es.addEventListener("hello", (m) => {
      const id = Number((safeJson((m as MessageEvent).data) as { lastEventId?: unknown })?.lastEventId);
      if (Number.isInteger(id)) this.lastId = Math.max(this.lastId, id);
      void this.refresh().then(() => this.o.onOnline(es.readyState === EventSource.OPEN));
    });
    es.addEventListener("resync", () => void this.refresh());
    for (const type of CHANGE_TYPES)
      es.addEventListener(type, (m) => {
        const e = safeJson((m as MessageEvent).data) as HallEvent | null;
        if (!e || typeof e.id !== "number") return this.o.log(`ignored malformed ${type} event`);
        this.lastId = Math.max(this.lastId, e.id);
        if ((e.type === "called" || e.type === "recalled") && e.ticket && typeof e.counter === "number")
          this.o.onCue({
            number: e.ticket.number,
            counter: e.counter,
            recall: e.type === "recalled",
            at: e.at,
            serviceId: e.ticket.serviceId,
            prioritized: e.ticket.prioritized,
          });
        void this.refresh();
      });
    es.onerror = () => {
      this.o.onOnline(false);
      // EventSource retries by itself unless the server answered with an error status.
      if (es.readyState === EventSource.CLOSED && this.es === es && !this.stopped)
        this.retry = setTimeout(() => this.open(), 3000);
    };
  }

  /** Fetches the snapshot; calls that arrive meanwhile coalesce into one more fetch. */
  private refresh(): Promise<void> {
    if (this.fetching) {
      this.again = true;
      return this.fetching;
    }
    this.fetching = (async () => {
      do {
        this.again = false;
        const seq = this.lastId;
        try {
          const body = await api("GET", "/api/hall", {}, { timeoutMs: 5000 });
          const s = parseSnapshot(body, this.o.hallId, seq);
          if (s && !this.stopped) this.o.onState(s);
          else if (!s) this.o.log("ignored malformed /api/hall body");
        } catch (e) {
          this.o.log(`GET /api/hall failed: ${(e as Error).message}`);
        }
      } while (this.again && !this.stopped);
      this.fetching = null;
    })();
    return this.fetching;
  }
}

function safeJson(s: unknown): unknown {
  try {
    return typeof s === "string" ? JSON.parse(s) : null;
  } catch {
    return null;
  }
}
