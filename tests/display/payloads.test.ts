import { describe, expect, it } from "vitest";
import { cueKey, parseCallCue, parseHallState, parseSnapshot, SeqGate } from "../../display/src/payloads.ts";

const state = (over: Record<string, unknown> = {}) => ({
  seq: 7,
  hall: { id: "phu-lien", name: "Trung tâm" },
  calls: [{ number: "A012", counter: 3, calledAt: "2025-08-12T09:41:00+07:00", prioritized: true }],
  waiting: [{ serviceId: "ho-tich", count: 4, longestWaitSec: 120, priorityCount: 1 }],
  counters: [{ number: 3, open: true, serviceIds: ["ho-tich"], current: "A012" }],
  notice: { vi: "Xin chào", en: "Welcome" },
  ...over,
});

describe("parseHallState()", () => {
  it("accepts the server's retained payload as text or bytes", () => {
    const text = JSON.stringify(state());
    expect(parseHallState(text, "phu-lien")?.calls[0]?.number).toBe("A012");
    expect(parseHallState(new TextEncoder().encode(text), "phu-lien")?.seq).toBe(7);
  });

  it("ignores garbage, other halls and wrongly shaped fields", () => {
    const bad: unknown[] = [
      "not json",
      "",
      "null",
      "[]",
      JSON.stringify(state({ seq: "7" })),
      JSON.stringify(state({ seq: -1 })),
      JSON.stringify(state({ seq: 1.5 })),
      JSON.stringify(state({ calls: "A012" })),
      JSON.stringify(state({ calls: [{ number: "A012", counter: "3", calledAt: "x" }] })),
      JSON.stringify(
        state({ calls: [{ number: "<img src=x>", counter: 3, calledAt: "2025-08-12T09:41:00Z" }] }),
      ),
      JSON.stringify(
        state({
          calls: [{ number: "A1", counter: 3, calledAt: "2025-08-12T09:41:00Z", prioritized: "vip" }],
        }),
      ),
      JSON.stringify(state({ waiting: [{ serviceId: "x", count: -2, longestWaitSec: 0 }] })),
      JSON.stringify(state({ counters: [{ number: 0, open: true, serviceIds: [], current: null }] })),
      JSON.stringify(state({ notice: "hello" })),
      JSON.stringify(state({ hall: { id: "other-hall", name: "x" } })),
      "x".repeat(300_000),
    ];
    for (const p of bad) expect(parseHallState(p as string, "phu-lien"), String(p).slice(0, 80)).toBeNull();
  });

  it("accepts a cleared notice and an absent one", () => {
    expect(parseHallState(JSON.stringify(state({ notice: null })), "phu-lien")).not.toBeNull();
    expect(parseHallState(JSON.stringify(state({ notice: undefined })), "phu-lien")).not.toBeNull();
  });

  it("parseSnapshot() gives an HTTP body the sequence number of the event stream", () => {
    const { seq: _, ...body } = state();
    expect(parseSnapshot(body, null, 42)?.seq).toBe(42);
  });
});

describe("parseCallCue()", () => {
  it("accepts the server's cue and rejects malformed ones", () => {
    const ok = { number: "A012", counter: 3, recall: false, at: "2025-08-12T09:41:00+07:00" };
    expect(parseCallCue(JSON.stringify(ok))).toEqual(ok);
    expect(parseCallCue(JSON.stringify({ ...ok, recall: "yes" }))).toBeNull();
    expect(parseCallCue(JSON.stringify({ ...ok, counter: 0 }))).toBeNull();
    expect(parseCallCue(JSON.stringify({ ...ok, at: "yesterday" }))).toBeNull();
    expect(parseCallCue("{")).toBeNull();
  });

  it("cueKey() tells a recall (new time) from a duplicate of the same cue", () => {
    const a = { number: "A012", counter: 3, at: "2025-08-12T09:41:00+07:00" };
    expect(cueKey(a)).toBe(cueKey({ ...a }));
    expect(cueKey(a)).not.toBe(cueKey({ ...a, at: "2025-08-12T09:42:00+07:00" }));
  });
});

describe("SeqGate", () => {
  it("drops frames older than the newest seen and accepts equal ones (refreshes)", () => {
    const g = new SeqGate();
    expect(g.accept(5)).toBe(true);
    expect(g.accept(5)).toBe(true);
    expect(g.accept(4)).toBe(false);
    expect(g.accept(9)).toBe(true);
    expect(g.accept(6)).toBe(false);
    expect(g.lastSeq).toBe(9);
  });

  it("starts over after reset() (a new broker session, a hall whose data was reset)", () => {
    const g = new SeqGate();
    g.accept(500);
    g.reset();
    expect(g.accept(3)).toBe(true);
  });
});
