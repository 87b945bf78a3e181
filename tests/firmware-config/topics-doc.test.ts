import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mayPublish, maySubscribe, TOPIC_TABLE, type TopicKind } from "../../firmware-config/topic-table.ts";
import { type DeviceInfo, parseTopic, topics } from "../../server/contract/index.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const B = "qms";
const H = "phu-lien";
const SAMPLE = {
  "{b}": B,
  "{h}": H,
  "{n}": "3",
  "{id}": "printer-1",
  "{jobId}": "job-42",
  "{deviceId}": "led-3",
};
const fill = (pattern: string) =>
  pattern.replace(/\{[a-zA-Z]+\}/g, (m) => SAMPLE[m as keyof typeof SAMPLE] ?? m);

/** Rows of the first Markdown table whose header starts with `| topic |`. */
function markdownTable(text: string, firstHeader: string): string[][] {
  const lines = text.split("\n");
  // Cells may be padded (the formatter aligns Markdown tables).
  const start = lines.findIndex((l) => new RegExp(`^\\|\\s*${firstHeader}\\s*\\|`).test(l));
  if (start < 0) throw new Error(`no table starting with | ${firstHeader} |`);
  const rows: string[][] = [];
  for (const l of lines.slice(start + 2)) {
    if (!l.startsWith("|")) break;
    // Split on | not escaped as \|, then unescape.
    rows.push(
      l
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim().replace(/\\\|/g, "|")),
    );
  }
  return rows;
}

const list = (cell: string) =>
  cell
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .sort();
const unquote = (cell: string) => cell.replace(/^`|`$/g, "");

/**
 * Every concrete topic the contract's builder makes, with sample ids: a new builder
 * entry without a row in TOPICS.md fails the test. `prefix` and wildcards are not topics.
 */
function builderTopics(): string[] {
  const out: string[] = [];
  for (const [key, v] of Object.entries(topics(B, H))) {
    if (key === "prefix") continue;
    if (typeof v === "string") out.push(v);
    else if (key.startsWith("counter")) out.push((v as (n: number) => string)(3));
    else if (key === "printerJob") out.push((v as (a: string, b: string) => string)("printer-1", "job-42"));
    else if (key.startsWith("printer")) out.push((v as (a: string) => string)("printer-1"));
    else out.push((v as (a: string) => string)("led-3"));
  }
  return out.filter((s) => !s.includes("#") && !s.includes("+"));
}

describe("firmware-config/TOPICS.md", () => {
  const doc = readFileSync(join(ROOT, "firmware-config/TOPICS.md"), "utf8");
  const rows = markdownTable(doc, "topic");

  it("lists exactly the topics of topic-table.ts, with the same retain flag, QoS and ACL", () => {
    expect(rows.map((r) => r[1])).toEqual(TOPIC_TABLE.map((s) => s.kind));
    for (const [i, spec] of TOPIC_TABLE.entries()) {
      const [topic, kind, , retained, qos, , pub, sub] = rows[i]!;
      expect(unquote(topic!), kind).toBe(spec.pattern);
      expect(retained, kind).toBe(spec.retained ? "yes" : "no");
      expect(Number(qos), kind).toBe(spec.qos);
      expect(list(pub!), kind).toEqual([...spec.publishers].sort());
      expect(list(sub!), kind).toEqual([...spec.subscribers].sort());
    }
  });

  it("covers every topic kind the contract's builder makes, and each pattern parses back to its kind", () => {
    const kinds = builderTopics().map((s) => parseTopic(B, H, s)?.kind);
    expect(kinds).not.toContain(undefined);
    expect([...new Set(kinds)].sort()).toEqual(TOPIC_TABLE.map((s) => s.kind).sort());
    for (const spec of TOPIC_TABLE)
      expect(parseTopic(B, H, fill(spec.pattern))?.kind, spec.pattern).toBe(spec.kind);
  });

  it("agrees with the builder on each topic's exact form", () => {
    const t = topics(B, H);
    const built: Record<TopicKind, string> = {
      "server-status": t.serverStatus,
      "hall-state": t.hallState,
      "hall-call": t.hallCall,
      events: t.events,
      "counter-display": t.counterDisplay(3),
      "counter-button": t.counterButton(3),
      "counter-rating": t.counterRating(3),
      "printer-job": t.printerJob("printer-1", "job-42"),
      "printer-ack": t.printerAck("printer-1"),
      "printer-paper": t.printerPaper("printer-1"),
      "device-status": t.deviceStatus("led-3"),
    };
    for (const spec of TOPIC_TABLE) expect(fill(spec.pattern)).toBe(built[spec.kind]);
  });

  // shared/ sits beside the checkout in the team's workspace and in CI; a clone elsewhere has no copy to compare.
  it.skipIf(!existsSync(join(ROOT, "..", "shared", "CONTRACT.md")))(
    "keeps the shared contract's retain flags and QoS (shared/CONTRACT.md beside the repo)",
    () => {
      const path = join(ROOT, "..", "shared", "CONTRACT.md");
      const contract = markdownTable(readFileSync(path, "utf8"), "topic");
      expect(contract.length).toBeGreaterThanOrEqual(11);
      for (const [topic, , retained, qos] of contract) {
        const spec = TOPIC_TABLE.find((s) => s.pattern === unquote(topic!));
        expect(spec, `${topic} is in topic-table.ts`).toBeDefined();
        expect(retained, topic).toBe(spec!.retained ? "yes" : "no");
        expect(Number(qos), topic).toBe(spec!.qos);
      }
    },
  );
});

describe("the topic ACL", () => {
  const keypad3: DeviceInfo = { id: "keypad-3", kind: "keypad", counter: 3 };
  const board3: DeviceInfo = { id: "led-3", kind: "led-board", counter: 3 };
  const printer1: DeviceInfo = { id: "printer-1", kind: "printer-bridge", printer: "printer-1" };
  const t = topics(B, H);
  const p = (s: string) => parseTopic(B, H, s)!;

  it("lets a keypad publish only its own counter's buttons and its own status", () => {
    expect(mayPublish(keypad3, p(t.counterButton(3)))).toBe(true);
    expect(mayPublish(keypad3, p(t.counterButton(4)))).toBe(false);
    expect(mayPublish(keypad3, p(t.counterRating(3)))).toBe(false);
    expect(mayPublish(keypad3, p(t.deviceStatus("keypad-3")))).toBe(true);
    expect(mayPublish(keypad3, p(t.deviceStatus("keypad-4")))).toBe(false);
    expect(mayPublish(keypad3, p(t.counterDisplay(3)))).toBe(false);
  });

  it("lets anyone read the public hall topics but only the bridge its own print jobs", () => {
    expect(maySubscribe(keypad3, p(t.hallState))).toBe(true);
    expect(maySubscribe(board3, p(t.counterDisplay(5)))).toBe(true);
    expect(maySubscribe(printer1, p(t.printerJob("printer-1", "j1")))).toBe(true);
    expect(maySubscribe(printer1, p(t.printerJob("printer-2", "j1")))).toBe(false);
    expect(maySubscribe(keypad3, p(t.printerJob("printer-1", "j1")))).toBe(false);
    expect(maySubscribe(keypad3, p(t.events))).toBe(false);
  });
});
