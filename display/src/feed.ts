/**
 * The board's live data: MQTT over WebSocket at `/mqtt` (retained `hall/state` on every
 * (re)connect, `hall/call` per call), with the SSE fallback of sse-source.ts (the public
 * live stream `GET /api/live`: the same payloads, pushed, never re-fetched) when MQTT fails three times in a row, delivers no state within 5 s of
 * connecting, or falls silent for 45 s (the server refreshes `hall/state` every 15 s).
 * Both may run at once while MQTT recovers: states pass one `SeqGate`, cues are
 * de-duplicated by `cueKey`, so nothing is shown stale or announced twice. Nothing here
 * ever reloads the page (docs/decisions/0060-display-live-feed.md).
 */
import mqtt, { type MqttClient } from "mqtt";
import { type CallCue, type HallState, QOS, topics } from "../../server/contract/topics.ts";
import { cueKey, parseCallCue, parseHallState, SeqGate } from "./payloads.ts";
import { SseSource } from "./sse-source.ts";

export type Transport = "mqtt" | "sse";

export interface FeedStatus {
  /** Fresh data is flowing (MQTT with state, or the SSE fallback). */
  online: boolean;
  transport: Transport | null;
}

export interface FeedOptions {
  /** ws(s)://host/mqtt */
  wsUrl: string;
  base: string;
  hallId: string;
  onState: (s: HallState) => void;
  onCue: (c: CallCue) => void;
  onStatus: (s: FeedStatus) => void;
  log?: (msg: string) => void;
  /** Timings (tests shorten nothing; defaults suit a hall LAN). */
  reconnectMs?: number;
  failuresBeforeFallback?: number;
  firstStateMs?: number;
  silenceMs?: number;
}

export class HallFeed {
  private client: MqttClient | null = null;
  private readonly gate = new SeqGate();
  private readonly seen: string[] = [];
  private readonly sse: SseSource;
  private readonly t: ReturnType<typeof topics>;
  private readonly log: (msg: string) => void;
  private failures = 0;
  private mqttLive = false;
  private sseLive = false;
  private serverOffline = false;
  private watchdog: ReturnType<typeof setTimeout> | null = null;
  private lastStatus = "";

  constructor(private readonly o: FeedOptions) {
    this.t = topics(o.base, o.hallId);
    this.log = o.log ?? ((m) => console.warn(`[display] ${m}`));
    this.sse = new SseSource({
      hallId: o.hallId,
      onState: (s) => this.state(s),
      onCue: (c) => this.cue(c),
      onOnline: (on) => {
        this.sseLive = on;
        this.status();
      },
      log: this.log,
    });
  }

  /** The newest accepted sequence number (tests and the status line read it). */
  get seq(): number {
    return this.gate.lastSeq;
  }

  start(): void {
    const client = mqtt.connect(this.o.wsUrl, {
      protocolVersion: 4,
      clientId: `qms-display-${Math.random().toString(36).slice(2, 10)}`,
      clean: true,
      // A dead network is noticed after at most ~1.5 keep-alive periods.
      keepalive: 10,
      reconnectPeriod: this.o.reconnectMs ?? 2000,
      connectTimeout: 4000,
      resubscribe: true,
    });
    this.client = client;
    client.on("connect", () => {
      // A new session: the broker's retained state is the truth now, whatever its seq
      // (a server restarted on a reset data folder counts from 0 again).
      this.gate.reset();
      this.serverOffline = false;
      client.subscribe([this.t.hallState, this.t.hallCall, this.t.serverStatus], { qos: QOS }, (err) => {
        if (err) this.log(`subscribe failed: ${err.message}`);
      });
      this.arm(this.o.firstStateMs ?? 5000, "no hall/state after connecting");
    });
    client.on("message", (topic, payload) => this.message(topic, payload));
    client.on("close", () => {
      if (this.mqttLive || this.failures === 0) this.log("MQTT connection lost; reconnecting");
      this.mqttLive = false;
      this.failures++;
      if (this.failures >= (this.o.failuresBeforeFallback ?? 3)) this.fallback("MQTT failed repeatedly");
      this.status();
    });
    client.on("error", (e) => this.log(`MQTT error: ${e.message}`));
    this.status();
  }

  stop(): void {
    this.disarm();
    this.client?.end(true);
    this.client = null;
    this.sse.stop();
  }

  private message(topic: string, payload: Uint8Array): void {
    if (topic === this.t.hallState) {
      const s = parseHallState(payload, this.o.hallId);
      if (!s) {
        this.log("ignored malformed hall/state");
        return;
      }
      this.failures = 0;
      this.mqttLive = true;
      this.arm(this.o.silenceMs ?? 45_000, "no hall/state for a while");
      if (this.sse.running) {
        this.log("MQTT delivers again; SSE fallback stopped");
        this.sse.stop();
      }
      this.state(s);
      this.status();
    } else if (topic === this.t.hallCall) {
      const c = parseCallCue(payload);
      if (!c) {
        this.log("ignored malformed hall/call");
        return;
      }
      this.cue(c);
    } else if (topic === this.t.serverStatus) {
      const text = new TextDecoder().decode(payload);
      if (text === "offline") this.serverOffline = true;
      else if (text === "online") {
        if (this.serverOffline) this.gate.reset();
        this.serverOffline = false;
      }
      this.status();
    }
  }

  private state(s: HallState): void {
    if (this.gate.accept(s.seq)) this.o.onState(s);
    else this.log(`ignored stale hall/state seq ${s.seq} < ${this.gate.lastSeq}`);
  }

  private cue(c: CallCue): void {
    const k = cueKey(c);
    if (this.seen.includes(k)) return;
    this.seen.push(k);
    if (this.seen.length > 100) this.seen.shift();
    this.o.onCue(c);
  }

  private fallback(why: string): void {
    if (this.sse.running) return;
    this.log(`${why}: falling back to the SSE live stream`);
    this.sse.start();
  }

  private arm(ms: number, why: string): void {
    this.disarm();
    this.watchdog = setTimeout(() => {
      this.mqttLive = false;
      this.fallback(why);
      this.status();
    }, ms);
  }

  private disarm(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = null;
  }

  private status(): void {
    const transport: Transport | null = this.mqttLive ? "mqtt" : this.sseLive ? "sse" : null;
    const s: FeedStatus = { online: transport !== null && !this.serverOffline, transport };
    const key = `${s.online}|${s.transport}`;
    if (key === this.lastStatus) return;
    this.lastStatus = key;
    this.o.onStatus(s);
  }
}
