/**
 * The MQTT topics of the contract as data: direction, retain flag, QoS, payload and
 * who may publish or subscribe (the ACL). `firmware-config/TOPICS.md` is the human
 * form of this table and a test keeps the two, `server/contract/topics.ts` and every
 * generated device config in agreement (tests/firmware-config/topics-doc.test.ts).
 *
 * Source: shared/CONTRACT.md "MQTT": "Reading `hall/#` and `counter/+/display` is
 * public; every publish and every other subscription needs a device login with an
 * ACL that limits it to its own topics." The embedded broker's ACL (server/mqtt/acl.ts)
 * also makes `server/status` public; tests/firmware-config/acl-agreement.test.ts checks
 * that this table and that ACL agree for every device of a hall.
 */
import type { DeviceInfo, DeviceKind, ParsedTopic, Topics } from "../server/contract/index.ts";

export type TopicKind = ParsedTopic["kind"];

/** Who is on either end of a topic. `public` = anyone, without a login. */
export type Party = "server" | DeviceKind | "integration" | "public";

export interface TopicSpec {
  kind: TopicKind;
  /** The topic with `{b}` base, `{h}` hall, `{n}` counter, `{id}` printer, `{jobId}`, `{deviceId}`. */
  pattern: string;
  retained: boolean;
  qos: 1;
  payload: string;
  /** Who may publish. Device kinds only ever on their own counter, printer or device id. */
  publishers: Party[];
  /** Who may subscribe. `public` = no login needed. Device kinds: their own topics only. */
  subscribers: Party[];
}

export const TOPIC_TABLE: readonly TopicSpec[] = [
  {
    kind: "server-status",
    pattern: "{b}/{h}/server/status",
    retained: true,
    qos: 1,
    payload: "`online` / `offline` (server birth and last will)",
    publishers: ["server"],
    // Public like hall/#: server/mqtt/acl.ts lets anyone read it (boards can show "offline").
    subscribers: ["public"],
  },
  {
    kind: "hall-state",
    pattern: "{b}/{h}/hall/state",
    retained: true,
    qos: 1,
    payload: 'JSON: the `GET /api/hall` body plus `"seq"`',
    publishers: ["server"],
    subscribers: ["public"],
  },
  {
    kind: "hall-call",
    pattern: "{b}/{h}/hall/call",
    retained: false,
    qos: 1,
    payload: 'JSON `{"number","counter","recall","at"}` (+ `serviceId`, `priority`)',
    publishers: ["server"],
    subscribers: ["public"],
  },
  {
    kind: "counter-display",
    pattern: "{b}/{h}/counter/{n}/display",
    retained: true,
    qos: 1,
    payload: 'JSON `{"seq","number"|null,"state":"called"|"serving"|"idle"|"closed","text"}`',
    publishers: ["server"],
    subscribers: ["public", "led-board"],
  },
  {
    kind: "counter-button",
    pattern: "{b}/{h}/counter/{n}/button",
    retained: false,
    qos: 1,
    payload: "`next` | `recall` | `no-show` | `start` | `finish`",
    publishers: ["keypad"],
    subscribers: ["server"],
  },
  {
    kind: "counter-rating",
    pattern: "{b}/{h}/counter/{n}/rating",
    retained: false,
    qos: 1,
    payload: "`1`–`4` (4 Rất hài lòng … 1 Không hài lòng)",
    publishers: ["rating-pad"],
    subscribers: ["server"],
  },
  {
    kind: "printer-job",
    pattern: "{b}/{h}/printer/{id}/job/{jobId}",
    retained: false,
    qos: 1,
    payload: "raw ESC/POS bytes of one ticket",
    publishers: ["server"],
    subscribers: ["printer-bridge"],
  },
  {
    kind: "printer-ack",
    pattern: "{b}/{h}/printer/{id}/ack",
    retained: false,
    qos: 1,
    payload: "`{jobId}` printed, or `{jobId} error <reason>`",
    publishers: ["printer-bridge"],
    subscribers: ["server"],
  },
  {
    kind: "printer-paper",
    pattern: "{b}/{h}/printer/{id}/paper",
    retained: true,
    qos: 1,
    payload: "`ok` / `low` / `out`",
    publishers: ["printer-bridge"],
    subscribers: ["server"],
  },
  {
    kind: "device-status",
    pattern: "{b}/{h}/device/{deviceId}/status",
    retained: true,
    qos: 1,
    payload: "`online` / `offline` (device birth and last will)",
    publishers: ["led-board", "keypad", "rating-pad", "printer-bridge"],
    subscribers: ["server"],
  },
  {
    kind: "events",
    pattern: "{b}/{h}/events",
    retained: false,
    qos: 1,
    payload: 'JSON committed ticket events `{"v":1,"type","ticket",…}`',
    publishers: ["server"],
    subscribers: ["integration"],
  },
];

/** The spec of one topic kind. */
export function topicSpec(kind: TopicKind): TopicSpec {
  const spec = TOPIC_TABLE.find((s) => s.kind === kind);
  if (!spec) throw new Error(`no topic spec for ${kind}`);
  return spec;
}

/**
 * True when the parsed topic belongs to the device: its own counter (LED board,
 * keypad, rating pad), its own printer (bridge) or its own device status.
 */
export function isOwnTopic(device: DeviceInfo, t: ParsedTopic): boolean {
  if (t.kind === "device-status") return t.device === device.id;
  if ("counter" in t) return device.counter !== undefined && t.counter === device.counter;
  if ("printer" in t) return device.printer !== undefined && t.printer === device.printer;
  return true;
}

/** The ACL for publishing: the device's kind is a publisher and the topic is its own. */
export function mayPublish(device: DeviceInfo, t: ParsedTopic): boolean {
  return topicSpec(t.kind).publishers.includes(device.kind) && isOwnTopic(device, t);
}

/** The ACL for subscribing: public topics, or the device's kind subscribes to its own. */
export function maySubscribe(device: DeviceInfo, t: ParsedTopic): boolean {
  const spec = topicSpec(t.kind);
  if (spec.subscribers.includes("public")) return true;
  return spec.subscribers.includes(device.kind) && isOwnTopic(device, t);
}

/**
 * The topic (or subscription filter, for printer jobs) of `kind` that belongs to the
 * device, built with the contract's builder; null when the kind has no own topic.
 */
export function ownTopic(t: Topics, kind: TopicKind, d: DeviceInfo): string | null {
  const n = d.counter;
  const p = d.printer;
  switch (kind) {
    case "server-status":
      return t.serverStatus;
    case "hall-state":
      return t.hallState;
    case "hall-call":
      return t.hallCall;
    case "events":
      return t.events;
    case "counter-display":
      return n === undefined ? null : t.counterDisplay(n);
    case "counter-button":
      return n === undefined ? null : t.counterButton(n);
    case "counter-rating":
      return n === undefined ? null : t.counterRating(n);
    case "printer-job":
      return p === undefined ? null : t.printerJob(p, "+");
    case "printer-ack":
      return p === undefined ? null : t.printerAck(p);
    case "printer-paper":
      return p === undefined ? null : t.printerPaper(p);
    case "device-status":
      return t.deviceStatus(d.id);
  }
}
