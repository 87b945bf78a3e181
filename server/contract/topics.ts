/**
 * Every MQTT topic of the contract (shared/CONTRACT.md, "MQTT"), built and parsed
 * here only: never concatenate topic strings elsewhere (STYLE.md, zigbee2mqtt).
 *
 * Forms, with `{b}` the base topic and `{h}` the hall id:
 *   {b}/{h}/server/status                 retained  online | offline (server last will)
 *   {b}/{h}/hall/state                    retained  HallState JSON
 *   {b}/{h}/hall/call                               CallCue JSON
 *   {b}/{h}/counter/{n}/display           retained  CounterDisplay JSON
 *   {b}/{h}/counter/{n}/button                      next | recall | no-show | start | finish
 *   {b}/{h}/counter/{n}/rating                      1 … 4
 *   {b}/{h}/printer/{id}/job/{jobId}                raw ESC/POS bytes
 *   {b}/{h}/printer/{id}/ack                        "{jobId}" | "{jobId} error <reason>"
 *   {b}/{h}/printer/{id}/paper            retained  ok | low | out
 *   {b}/{h}/device/{deviceId}/status      retained  online | offline (device last will)
 *   {b}/{h}/events                                  HallEvent JSON ({"v":1,…})
 * Ids are lowercase ASCII (`[a-z0-9-]`), never display names.
 */
import type { CounterDisplayState, HallSnapshot } from "./domain.ts";

export const BUTTONS = ["next", "recall", "no-show", "start", "finish"] as const;
export type ButtonAction = (typeof BUTTONS)[number];
export const PAPER_STATES = ["ok", "low", "out"] as const;
export type PaperState = (typeof PAPER_STATES)[number];
export type Availability = "online" | "offline";

/**
 * Retained `hall/state` payload: the `GET /api/hall` body plus a sequence number (the
 * newest event id). The public live stream's `hall-state` frame is the same bytes.
 */
export type HallState = HallSnapshot & { seq: number };

/**
 * `hall/call` payload: the cue to announce one call or recall (also the public live
 * stream's `hall-call` frame). Public: no officer, no reason, no priority category.
 */
export interface CallCue {
  number: string;
  counter: number;
  recall: boolean;
  at: string;
  /** Extensions. */
  serviceId?: string;
  /** A priority visitor (yes/no); the category is staff only (decision 0005). */
  prioritized?: boolean;
}

/** Retained `counter/{n}/display` payload for a counter's LED board. */
export interface CounterDisplay {
  seq: number;
  number: string | null;
  state: CounterDisplayState;
  /** Short text that fits a small LED matrix (ASCII, ≤ 16 characters). */
  text: string;
}

/** QoS of every topic of the contract. */
export const QOS = 1 as const;

/** A topic id segment must be lowercase ASCII. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Builds the topics of one hall. */
export function topics(base: string, hall: string) {
  const p = `${base}/${hall}`;
  return {
    prefix: p,
    serverStatus: `${p}/server/status`,
    hallState: `${p}/hall/state`,
    hallCall: `${p}/hall/call`,
    hallAll: `${p}/hall/#`,
    /** Subscription filter: every `hall/…` topic one level down (public, like hallAll). */
    hallAny: `${p}/hall/+`,
    events: `${p}/events`,
    counterDisplay: (n: number | "+") => `${p}/counter/${n}/display`,
    counterButton: (n: number | "+") => `${p}/counter/${n}/button`,
    counterRating: (n: number | "+") => `${p}/counter/${n}/rating`,
    printerJob: (id: string, jobId: string | "+" | "#") => `${p}/printer/${id}/job/${jobId}`,
    printerAck: (id: string | "+") => `${p}/printer/${id}/ack`,
    printerPaper: (id: string | "+") => `${p}/printer/${id}/paper`,
    deviceStatus: (id: string | "+") => `${p}/device/${id}/status`,
  };
}
export type Topics = ReturnType<typeof topics>;

/** A topic of the contract, parsed. */
export type ParsedTopic =
  | { kind: "server-status" }
  | { kind: "hall-state" }
  | { kind: "hall-call" }
  | { kind: "events" }
  | { kind: "counter-display"; counter: number }
  | { kind: "counter-button"; counter: number }
  | { kind: "counter-rating"; counter: number }
  | { kind: "printer-job"; printer: string; jobId: string }
  | { kind: "printer-ack"; printer: string }
  | { kind: "printer-paper"; printer: string }
  | { kind: "device-status"; device: string };

/**
 * Parses a topic of hall `{b}/{h}`; returns null for anything else (other halls,
 * unknown forms, non-numeric counters, ids that are not lowercase ASCII).
 */
export function parseTopic(base: string, hall: string, topic: string): ParsedTopic | null {
  const prefix = `${base}/${hall}/`;
  if (!topic.startsWith(prefix)) return null;
  const parts = topic.slice(prefix.length).split("/");
  const [a, b, c, d] = parts;
  const counter = (s: string | undefined) => (s && /^[1-9][0-9]{0,3}$/.test(s) ? Number(s) : null);
  const id = (s: string | undefined) => (s && ID_PATTERN.test(s) ? s : null);
  if (parts.length === 2 && a === "server" && b === "status") return { kind: "server-status" };
  if (parts.length === 2 && a === "hall" && b === "state") return { kind: "hall-state" };
  if (parts.length === 2 && a === "hall" && b === "call") return { kind: "hall-call" };
  if (parts.length === 1 && a === "events") return { kind: "events" };
  if (parts.length === 3 && a === "counter") {
    const n = counter(b);
    if (n === null) return null;
    if (c === "display") return { kind: "counter-display", counter: n };
    if (c === "button") return { kind: "counter-button", counter: n };
    if (c === "rating") return { kind: "counter-rating", counter: n };
    return null;
  }
  if (a === "printer") {
    const printer = id(b);
    if (!printer) return null;
    if (parts.length === 4 && c === "job" && id(d)) return { kind: "printer-job", printer, jobId: d! };
    if (parts.length === 3 && c === "ack") return { kind: "printer-ack", printer };
    if (parts.length === 3 && c === "paper") return { kind: "printer-paper", printer };
    return null;
  }
  if (parts.length === 3 && a === "device" && c === "status") {
    const device = id(b);
    return device ? { kind: "device-status", device } : null;
  }
  return null;
}

/** Parses a keypad payload; null for anything that is not a contract action. */
export function parseButton(payload: string): ButtonAction | null {
  const s = payload.trim();
  return (BUTTONS as readonly string[]).includes(s) ? (s as ButtonAction) : null;
}

/** Parses a rating-pad payload `1`–`4`; null otherwise. */
export function parseRating(payload: string): 1 | 2 | 3 | 4 | null {
  const s = payload.trim();
  return s === "1" || s === "2" || s === "3" || s === "4" ? (Number(s) as 1 | 2 | 3 | 4) : null;
}

/** Parses a printer ack: `{jobId}` or `{jobId} error <reason>`. */
export function parseAck(payload: string): { jobId: string; error: string | null } | null {
  const m = /^([a-z0-9][a-z0-9-]{0,63})(?: error(?: (.*))?)?$/s.exec(payload.trim());
  if (!m) return null;
  const isError = payload.trim().length > m[1]!.length;
  return { jobId: m[1]!, error: isError ? (m[2] ?? "unknown").slice(0, 200) : null };
}

/** Parses a paper status payload. */
export function parsePaper(payload: string): PaperState | null {
  const s = payload.trim();
  return (PAPER_STATES as readonly string[]).includes(s) ? (s as PaperState) : null;
}
