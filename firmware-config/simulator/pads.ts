/**
 * Virtual counter keypads and rating pads: they publish what the real buttons would
 * (packages/keypad.yaml, packages/rating-pad.yaml): QoS 1, never retained.
 */
import { BUTTONS, type ButtonAction, type DeviceInfo, QOS, topics } from "../../server/contract/index.ts";
import { connectDevice, type DeviceLink, type VirtualDevice } from "./device.ts";

/** Rating scores and their labels on the pad (DOMAIN.md), best first. */
export const RATING_LABELS = {
  4: "Rất hài lòng",
  3: "Hài lòng",
  2: "Bình thường",
  1: "Không hài lòng",
} as const;
export type Score = keyof typeof RATING_LABELS;

/** A counter keypad `keypad-{n}` with the five buttons of the contract. */
export class VirtualKeypad {
  private constructor(
    readonly device: VirtualDevice,
    readonly counter: number,
    readonly topic: string,
  ) {}

  static async start(info: DeviceInfo, link: DeviceLink): Promise<VirtualKeypad> {
    if (info.kind !== "keypad" || info.counter === undefined) throw new Error(`${info.id} is not a keypad`);
    const device = await connectDevice(info, link);
    return new VirtualKeypad(
      device,
      info.counter,
      topics(link.baseTopic, link.hallId).counterButton(info.counter),
    );
  }

  /** Presses one button; resolves once the broker acknowledged it (PUBACK). */
  async press(action: ButtonAction): Promise<void> {
    if (!BUTTONS.includes(action)) throw new Error(`unknown button ${action}`);
    await this.device.client.publishAsync(this.topic, action, { qos: QOS, retain: false });
  }

  stop(): Promise<void> {
    return this.device.stop();
  }
}

/** A rating pad `rating-{n}` with four buttons, 4 (Rất hài lòng) to 1 (Không hài lòng). */
export class VirtualRatingPad {
  private constructor(
    readonly device: VirtualDevice,
    readonly counter: number,
    readonly topic: string,
  ) {}

  static async start(info: DeviceInfo, link: DeviceLink): Promise<VirtualRatingPad> {
    if (info.kind !== "rating-pad" || info.counter === undefined)
      throw new Error(`${info.id} is not a rating pad`);
    const device = await connectDevice(info, link);
    return new VirtualRatingPad(
      device,
      info.counter,
      topics(link.baseTopic, link.hallId).counterRating(info.counter),
    );
  }

  /** Presses the button of `score`; resolves once the broker acknowledged it. */
  async rate(score: Score): Promise<void> {
    if (!(score in RATING_LABELS)) throw new Error(`score must be 1-4, got ${score}`);
    await this.device.client.publishAsync(this.topic, String(score), { qos: QOS, retain: false });
  }

  stop(): Promise<void> {
    return this.device.stop();
  }
}
