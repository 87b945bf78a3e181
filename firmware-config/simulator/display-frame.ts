/**
 * The counter LED board's frame filter, the TypeScript twin of the lambda in
 * `firmware-config/packages/led-board.yaml`: parse `{seq, number, state, text}`, ignore
 * malformed frames and frames whose seq is not above the last one shown, and accept
 * any seq again after a (re)connect. Keep the two in step (TOPICS.md, "counter display").
 */
import type { CounterDisplay, CounterDisplayState } from "../../server/contract/index.ts";

export const DISPLAY_STATES: readonly CounterDisplayState[] = ["called", "serving", "idle", "closed"];

/** Characters of a number the board can show (8 chips of the default board). */
export const MAX_NUMBER_CHARS = 8;

export type FrameResult = { ok: true; frame: CounterDisplay } | { ok: false; reason: string };

/** Parses and validates one display payload, without the seq rule. */
export function parseDisplayFrame(payload: string): FrameResult {
  let x: unknown;
  try {
    x = JSON.parse(payload);
  } catch {
    return { ok: false, reason: "not JSON" };
  }
  if (!x || typeof x !== "object" || Array.isArray(x)) return { ok: false, reason: "not a JSON object" };
  const o = x as Record<string, unknown>;
  const seq = o.seq;
  // As ArduinoJson's is<uint32_t>(): a non-negative integer that fits 32 bits.
  if (typeof seq !== "number" || !Number.isInteger(seq) || seq < 0 || seq > 0xffffffff)
    return { ok: false, reason: "seq missing or mistyped" };
  if (typeof o.state !== "string") return { ok: false, reason: "state missing or mistyped" };
  const state = o.state as CounterDisplayState;
  if (!DISPLAY_STATES.includes(state)) return { ok: false, reason: `unknown state ${o.state}` };
  if (o.number !== undefined && o.number !== null && typeof o.number !== "string")
    return { ok: false, reason: "number is neither a string nor null" };
  const number = typeof o.number === "string" ? o.number : null;
  if ((state === "called" || state === "serving") && (!number || number.length > MAX_NUMBER_CHARS))
    return { ok: false, reason: `state ${state} needs a number of 1-${MAX_NUMBER_CHARS} characters` };
  const text = typeof o.text === "string" ? o.text : "";
  return { ok: true, frame: { seq, number, state, text } };
}

/** Keeps the last seq shown; one per board. */
export class DisplayFrameFilter {
  private lastSeq: number | null = null;

  /** Forget the last seq: call on every (re)connect, as the ESPHome on_connect does. */
  reset(): void {
    this.lastSeq = null;
  }

  /** Accepts a payload when it is well-formed and newer than the last frame accepted. */
  accept(payload: string): FrameResult {
    const r = parseDisplayFrame(payload);
    if (!r.ok) return r;
    if (this.lastSeq !== null && r.frame.seq <= this.lastSeq)
      return { ok: false, reason: `stale seq ${r.frame.seq} <= ${this.lastSeq}` };
    this.lastSeq = r.frame.seq;
    return r;
  }
}
