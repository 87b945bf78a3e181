/**
 * A virtual counter LED board: subscribes to its counter's retained display topic,
 * keeps what a real board would show and honours `seq` (display-frame.ts mirrors the
 * ESPHome lambda of packages/led-board.yaml).
 */
import { EventEmitter } from "node:events";
import { type CounterDisplay, type DeviceInfo, QOS, topics } from "../../server/contract/index.ts";
import { connectDevice, type DeviceLink, type VirtualDevice } from "./device.ts";
import { DisplayFrameFilter } from "./display-frame.ts";

/** What the board shows: the last accepted frame; before the first one, blank with seq -1. */
export type BoardView = CounterDisplay;

const BLANK: BoardView = { seq: -1, number: null, state: "closed", text: "" };

/** Events: `change` (view: BoardView), `ignored` (reason: string). */
export class VirtualLedBoard extends EventEmitter {
  private readonly filter = new DisplayFrameFilter();
  private _view: BoardView = BLANK;
  /** Frames ignored so far, with the reason (for tests and the CLI). */
  readonly ignored: string[] = [];

  private constructor(
    readonly device: VirtualDevice,
    readonly counter: number,
    readonly topic: string,
  ) {
    super();
  }

  /** Connects the board `led-{n}` and subscribes to `counter/{n}/display`. */
  static async start(info: DeviceInfo, link: DeviceLink): Promise<VirtualLedBoard> {
    if (info.kind !== "led-board" || info.counter === undefined)
      throw new Error(`${info.id} is not an LED board`);
    const device = await connectDevice(info, link);
    const topic = topics(link.baseTopic, link.hallId).counterDisplay(info.counter);
    const board = new VirtualLedBoard(device, info.counter, topic);
    const log = link.log ?? (() => {});
    // Every (re)connect: forget the last seq, then the retained frame arrives (as on_connect).
    device.client.on("connect", () => board.filter.reset());
    device.client.on("message", (t, payload) => {
      if (t !== topic) return;
      const r = board.filter.accept(payload.toString("utf8"));
      if (!r.ok) {
        board.ignored.push(r.reason);
        log(`${info.id}: frame ignored: ${r.reason}`);
        board.emit("ignored", r.reason);
        return;
      }
      board._view = r.frame;
      board.emit("change", r.frame);
    });
    board.filter.reset();
    await device.client.subscribeAsync(topic, { qos: QOS });
    return board;
  }

  /** The frame shown now. */
  get view(): BoardView {
    return this._view;
  }

  /** The characters lit on the matrix, as the ESPHome display lambda draws them (no blinking). */
  get lit(): string {
    const v = this._view;
    if (v.state === "closed") return "";
    if (v.state === "idle") return v.text && v.text.length <= 8 ? v.text : "-";
    return v.number ?? "";
  }

  /** Resolves with the first view (current or coming) for which `pred` holds. */
  waitFor(pred: (v: BoardView) => boolean, timeoutMs = 5000): Promise<BoardView> {
    if (pred(this._view)) return Promise.resolve(this._view);
    return new Promise((resolve, reject) => {
      const onChange = (v: BoardView) => {
        if (!pred(v)) return;
        clearTimeout(timer);
        this.off("change", onChange);
        resolve(v);
      };
      const timer = setTimeout(() => {
        this.off("change", onChange);
        reject(
          new Error(
            `led-${this.counter}: no matching frame within ${timeoutMs} ms (now ${JSON.stringify(this._view)})`,
          ),
        );
      }, timeoutMs);
      this.on("change", onChange);
    });
  }

  stop(): Promise<void> {
    return this.device.stop();
  }
}
