/**
 * What the board accepts from the wire. Retained `hall/state` and `hall/call` frames
 * come from a broker anyone with a device login can publish to, so every frame is
 * checked field by field and dropped whole when anything is off (issue 5: "malformed or
 * out-of-order retained payloads are ignored by the boards"); `SeqGate` drops frames
 * older than the newest one seen (STYLE.md habit 5: "state carries a sequence number so
 * a device ignores stale frames").
 */
import type { CallCue, HallState } from "../../server/contract/topics.ts";

const MAX_BYTES = 256 * 1024;
const NUMBER = /^[A-Za-z0-9-]{1,16}$/;

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === "object" && x !== null && !Array.isArray(x);
const isStr = (x: unknown, max = 500): x is string => typeof x === "string" && x.length <= max;
const isInt = (x: unknown, min = 0, max = Number.MAX_SAFE_INTEGER): x is number =>
  typeof x === "number" && Number.isInteger(x) && x >= min && x <= max;
const isTime = (x: unknown): x is string => isStr(x, 40) && !Number.isNaN(Date.parse(x));
const isBool = (x: unknown): x is boolean => typeof x === "boolean";
const optional = (x: unknown, check: (v: unknown) => boolean) => x === undefined || check(x);
const isText = (x: unknown) => isObj(x) && isStr(x.vi, 2000) && isStr(x.en, 2000);

function json(payload: string | Uint8Array): unknown {
  const size = typeof payload === "string" ? payload.length : payload.byteLength;
  if (size === 0 || size > MAX_BYTES) return undefined;
  try {
    return JSON.parse(typeof payload === "string" ? payload : new TextDecoder().decode(payload));
  } catch {
    return undefined;
  }
}

function isCall(x: unknown): boolean {
  return (
    isObj(x) &&
    isStr(x.number) &&
    NUMBER.test(x.number) &&
    isInt(x.counter, 1, 9999) &&
    isTime(x.calledAt) &&
    optional(x.prioritized, isBool) &&
    optional(x.recall, isBool) &&
    optional(x.serviceId, (v) => isStr(v, 64))
  );
}

function isWaiting(x: unknown): boolean {
  return (
    isObj(x) &&
    isStr(x.serviceId, 64) &&
    isInt(x.count) &&
    typeof x.longestWaitSec === "number" &&
    optional(x.priorityCount, (v) => isInt(v))
  );
}

function isCounter(x: unknown): boolean {
  return (
    isObj(x) &&
    isInt(x.number, 1, 9999) &&
    typeof x.open === "boolean" &&
    Array.isArray(x.serviceIds) &&
    (x.current === null || (isStr(x.current) && NUMBER.test(x.current)))
  );
}

/** The hall's issuing status (decision 0101): only what the closed line reads is checked. */
function isStatus(v: unknown): boolean {
  return (
    isObj(v) &&
    typeof v.issuing === "boolean" &&
    (v.reason === null || isStr(v.reason, 40)) &&
    (v.opensAt === null || isTime(v.opensAt)) &&
    (v.dayName === null || isText(v.dayName))
  );
}

/**
 * Parses a `hall/state` payload (the `GET /api/hall` body plus `seq`); null when it is
 * not JSON, too big, of another hall, or any field has the wrong shape. `hallId` is the
 * hall this board shows (null: any hall, used for the HTTP snapshot before it is known).
 */
export function parseHallState(payload: string | Uint8Array, hallId: string | null): HallState | null {
  const x = json(payload);
  if (!isObj(x) || !isInt(x.seq)) return null;
  return parseSnapshot(x, hallId, x.seq);
}

/** Checks a `GET /api/hall` body (already parsed) and gives it the sequence number `seq`. */
export function parseSnapshot(x: unknown, hallId: string | null, seq: number): HallState | null {
  if (!isObj(x) || !isObj(x.hall) || !isStr(x.hall.id, 64) || !isStr(x.hall.name)) return null;
  if (hallId !== null && x.hall.id !== hallId) return null;
  if (!Array.isArray(x.calls) || x.calls.length > 100 || !x.calls.every(isCall)) return null;
  if (!Array.isArray(x.waiting) || x.waiting.length > 200 || !x.waiting.every(isWaiting)) return null;
  if (!Array.isArray(x.counters) || x.counters.length > 2000 || !x.counters.every(isCounter)) return null;
  if (!optional(x.notice, (v) => v === null || isText(v))) return null;
  if (!optional(x.status, isStatus)) return null;
  return { ...(x as unknown as HallState), seq };
}

/** Parses a `hall/call` cue; null when malformed. */
export function parseCallCue(payload: string | Uint8Array): CallCue | null {
  const x = json(payload);
  if (
    !isObj(x) ||
    !isStr(x.number) ||
    !NUMBER.test(x.number) ||
    !isInt(x.counter, 1, 9999) ||
    typeof x.recall !== "boolean" ||
    !isTime(x.at) ||
    !optional(x.prioritized, isBool) ||
    !optional(x.serviceId, (v) => isStr(v, 64))
  )
    return null;
  return x as unknown as CallCue;
}

/** Identity of one call or recall: the same cue seen over MQTT and SSE is announced once. */
export function cueKey(c: Pick<CallCue, "number" | "counter" | "at">): string {
  return `${c.number}|${c.counter}|${c.at}`;
}

/**
 * Keeps the newest sequence number seen. Equal numbers are accepted: the server
 * republishes the same `seq` when only waiting times or the notice changed. `reset()`
 * follows a new broker session or a server that came back online: a hall whose data was
 * reset starts again from a low `seq` and must not be ignored for ever
 * (docs/decisions/0060-display-live-feed.md).
 */
export class SeqGate {
  private last = -1;

  /** True (and remembered) when `seq` is not older than the newest seen. */
  accept(seq: number): boolean {
    if (seq < this.last) return false;
    this.last = seq;
    return true;
  }

  reset(): void {
    this.last = -1;
  }

  get lastSeq(): number {
    return this.last;
  }
}
