/**
 * The ingest admission queue (province/ingest/queue.ts) on its own: one transaction at a time,
 * a hall's live batches ahead of the big catch-up batches, and a waiting line bounded by its
 * length and by the wait it would promise. Time is a hand-moved clock; batches end when the
 * test says so.
 */
import { describe, expect, it } from "vitest";
import { IngestQueue } from "../../../province/ingest/queue.ts";

/** A batch the test ends by hand; `ran` records the order in which batches got the slot. */
function gate(ran: string[], name: string) {
  let end = () => {};
  const done = new Promise<void>((r) => (end = r));
  return {
    fn: async () => {
      ran.push(name);
      await done;
      return name;
    },
    end: () => end(),
  };
}

const tick = () => new Promise((r) => setImmediate(r));

describe("ingest admission", () => {
  it("runs one batch at a time and lets live batches overtake waiting catch-up batches", async () => {
    const q = new IngestQueue(1, 50);
    const ran: string[] = [];
    const [a, b, live] = [gate(ran, "bulk-a"), gate(ran, "bulk-b"), gate(ran, "live")];
    const pa = q.run(500, a.fn);
    const pb = q.run(500, b.fn);
    const pl = q.run(3, live.fn);
    await tick();
    expect(ran).toEqual(["bulk-a"]);
    expect(q.waiting).toBe(2);
    a.end();
    await pa;
    await tick();
    expect(ran).toEqual(["bulk-a", "live"]);
    live.end();
    await pl;
    await tick();
    b.end();
    expect(await pb).toBe("bulk-b");
    expect(ran).toEqual(["bulk-a", "live", "bulk-b"]);
    expect(q.waiting).toBe(0);
  });

  it("turns big batches away by the length of the line and by the wait it would promise, never live ones", async () => {
    let now = 0;
    const q = new IngestQueue(1, 50, 3, 5_000, () => now);
    const ran: string[] = [];
    // A first big batch takes 2 s: the queue learns the time of a big batch.
    const first = gate(ran, "first");
    const p1 = q.run(500, first.fn);
    now += 2_000;
    first.end();
    await p1;
    expect(q.full(500)).toBe(false); // nothing runs: admitted at once
    const running = gate(ran, "running");
    const pr = q.run(500, running.fn);
    const w1 = gate(ran, "w1");
    const pw1 = q.run(500, w1.fn);
    await tick();
    // One waiting × 2 s: a newcomer would wait about 4 s, under the 5 s bound.
    expect(q.expectedWaitMs()).toBe(4_000);
    expect(q.full(500)).toBe(false);
    const w2 = gate(ran, "w2");
    const pw2 = q.run(500, w2.fn);
    await tick();
    // Two waiting: about 6 s, past the bound: come back later (429), while a live batch is admitted.
    expect(q.expectedWaitMs()).toBe(6_000);
    expect(q.full(500)).toBe(true);
    expect(q.full(10)).toBe(false);
    // The length bound holds even when batches are fast.
    const fast = new IngestQueue(1, 50, 2, 60_000, () => now);
    const gates = [gate(ran, "f0"), gate(ran, "f1"), gate(ran, "f2")];
    const ps = gates.map((g) => fast.run(500, g.fn));
    await tick();
    expect(fast.full(500)).toBe(true);
    for (const g of gates) g.end();
    for (const [g, p] of [
      [running, pr],
      [w1, pw1],
      [w2, pw2],
    ] as const) {
      g.end();
      await p;
      await tick();
    }
    await Promise.all(ps);
    expect(q.waiting).toBe(0);
  });
});
