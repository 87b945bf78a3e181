/**
 * The server's MQTT side (after zigbee2mqtt's lib/mqtt.ts): one client to the embedded
 * or external broker, last will `offline` on server/status, all retained state
 * republished on every (re)connect, committed events forwarded, and device messages
 * (keypads, rating pads, printer bridges, availability) parsed, checked and dispatched.
 * A broker that goes away never stops the hall: publishes while offline are dropped
 * (state is republished on reconnect) and HTTP keeps working.
 */
import type { HallEvent } from "../contract/events.ts";
import {
  type Availability,
  type ParsedTopic,
  parseButton,
  parseRating,
  parseTopic,
  type Topics,
} from "../contract/topics.ts";
import type { EventBus } from "../events/bus.ts";
import type { Hall } from "../hall/hall.ts";
import type { HallViews } from "../hall/views.ts";
import type { DomainError } from "../queue/types.ts";
import type { BrokerLink } from "./link.ts";

/** Hall state is republished at most this often under load. */
const STATE_EVERY_MS = 100;

export type DeviceHandler = (t: ParsedTopic, payload: Buffer) => void;

export interface GatewayOptions {
  link: BrokerLink;
  base: string;
  topics: Topics;
  hall: Hall;
  /** The read side: hall state, counter displays and the public forms of events, built once. */
  views: HallViews;
  bus: EventBus;
  /** Extra handlers for printer ack/paper (printing module). */
  handlers?: DeviceHandler[];
  /** Whether a staff account may still act (a disabled officer's keypad does nothing). */
  isActive?: (userId: number) => boolean;
  /** The hall's clock: when a device was last seen. */
  now: () => number;
  log?: (level: "info" | "warn", msg: string) => void;
}

export class MqttGateway {
  private readonly link: BrokerLink;
  private stateTimer: ReturnType<typeof setTimeout> | null = null;
  private lastState = Number.NEGATIVE_INFINITY;
  private readonly unsubscribe: (() => void)[] = [];
  private readonly handlers: DeviceHandler[];
  readonly devices = new Map<string, { status: Availability; at: number }>();
  private readonly log: NonNullable<GatewayOptions["log"]>;

  constructor(private readonly o: GatewayOptions) {
    this.link = o.link;
    this.handlers = [...(o.handlers ?? [])];
    this.log =
      o.log ?? ((lvl, m) => (lvl === "warn" ? console.warn(`[mqtt] ${m}`) : console.log(`[mqtt] ${m}`)));
  }

  get connected(): boolean {
    return this.link.connected;
  }

  /** Adds a handler for device messages (e.g. printer acks). */
  addHandler(h: DeviceHandler): void {
    this.handlers.push(h);
  }

  /** Connects (and reconnects forever); resolves on the first connection or after `waitMs`. */
  async start(waitMs = 3000): Promise<void> {
    const t = this.o.topics;
    this.unsubscribe.push(
      this.o.bus.on("event", (e) => this.onEvent(e)),
      this.o.bus.on("changed", ({ counters }) => this.onChanged(counters)),
      // Waiting times grow without events: the retained state is refreshed with them.
      this.o.bus.on("refresh", () => this.publishHallState()),
      this.o.bus.on("config", () => this.republish()),
    );
    await this.link.start(
      [
        t.counterButton("+"),
        t.counterRating("+"),
        t.printerAck("+"),
        t.printerPaper("+"),
        t.deviceStatus("+"),
      ],
      { onConnect: () => this.republish(), onMessage: (topic, p) => this.onMessage(topic, p), log: this.log },
      waitMs,
    );
  }

  /** Publishes raw bytes or text (used by printing for job topics). */
  publish(topic: string, payload: string | Buffer | Uint8Array, retain = false): boolean {
    if (!this.link.connected) return false;
    this.link.publish(topic, Buffer.from(payload), retain);
    return true;
  }

  /** Publishes every retained state: server online, hall state, every counter display. */
  republish(): void {
    const t = this.o.topics;
    this.publish(t.serverStatus, "online", true);
    this.publishHallState();
    for (const c of this.o.hall.config.counters) this.publishCounter(c.number);
  }

  async stop(): Promise<void> {
    for (const u of this.unsubscribe) u();
    if (this.stateTimer) clearTimeout(this.stateTimer);
    // A clean stop says so itself: the will only fires on a crash.
    await this.link.stop({ topic: this.o.topics.serverStatus, payload: "offline" });
  }

  /** A committed event: its public form on `events`, and the cue on `hall/call` for a call. */
  private onEvent(e: HallEvent): void {
    if (!this.connected) return;
    const t = this.o.topics;
    const f = this.o.views.eventForms(e);
    if (f.pub) this.publish(t.events, f.pub.json);
    if (f.cue) this.publish(t.hallCall, f.cue.json);
  }

  private onChanged(counters: number[]): void {
    for (const n of counters) this.publishCounter(n);
    // Coalesce: the newest hall state at most every `stateEveryMs` (the first at once);
    // the call cue itself goes out on hall/call without delay.
    if (this.stateTimer) return;
    const wait = Math.max(0, this.lastState + STATE_EVERY_MS - performance.now());
    this.stateTimer = setTimeout(() => {
      this.stateTimer = null;
      this.publishHallState();
    }, wait);
  }

  private publishHallState(): void {
    if (!this.connected) return;
    // The throttle measures elapsed time (monotonic), not the hall's clock, which tests
    // pin or move backwards.
    this.lastState = performance.now();
    // The same JSON as the `hall-state` frame of the live streams (one shape, built once).
    this.publish(this.o.topics.hallState, this.o.views.hallState().json, true);
  }

  private publishCounter(n: number): void {
    if (!this.connected || !this.o.hall.config.counters.some((c) => c.number === n)) return;
    this.publish(this.o.topics.counterDisplay(n), this.o.views.counterDisplay(n).json, true);
  }

  private onMessage(topic: string, payload: Buffer): void {
    const t = parseTopic(this.o.base, this.o.hall.config.id, topic);
    if (!t) {
      this.log("warn", `ignored message on unknown topic ${topic}`);
      return;
    }
    const text = payload.length <= 256 ? payload.toString("utf8") : "";
    try {
      if (t.kind === "counter-button") {
        this.onButton(t.counter, text);
        return;
      }
      if (t.kind === "counter-rating") {
        this.onRating(t.counter, text);
        return;
      }
      if (t.kind === "device-status") {
        if (text !== "online" && text !== "offline") {
          this.log("warn", `ignored status "${clip(text)}" of ${t.device}`);
          return;
        }
        const was = this.devices.get(t.device)?.status;
        this.devices.set(t.device, { status: text, at: this.o.now() });
        if (was !== text) this.o.bus.emit("device", { id: t.device });
      }
      for (const h of this.handlers) h(t, payload);
    } catch (e) {
      this.log("warn", `message on ${topic} refused: ${(e as DomainError).code ?? (e as Error).message}`);
    }
  }

  private onButton(n: number, text: string): void {
    const action = parseButton(text);
    if (!action) {
      this.log("warn", `ignored keypad payload "${clip(text)}" at counter ${n}`);
      return;
    }
    const holder = this.o.hall.holderOf(n);
    if (holder === null) {
      this.log("warn", `keypad "${action}" at counter ${n}: nobody holds the counter`);
      return;
    }
    if (this.o.isActive && !this.o.isActive(holder)) {
      this.log("warn", `keypad "${action}" at counter ${n}: the account holding it is disabled`);
      return;
    }
    const actor = { id: holder, role: "officer" as const };
    const h = this.o.hall;
    if (action === "next") h.callNext(n, actor);
    else if (action === "recall") h.recall(n, actor);
    else if (action === "no-show") h.noShow(n, actor);
    else if (action === "start") h.start(n, actor);
    else h.finish(n, actor);
  }

  private onRating(n: number, text: string): void {
    const score = parseRating(text);
    if (score === null) {
      this.log("warn", `ignored rating payload "${clip(text)}" at counter ${n}`);
      return;
    }
    this.o.hall.rateAtCounter(n, score, "pad");
  }
}

const clip = (s: string) => s.slice(0, 40).replace(/[^\x20-\x7e]/g, "?");
