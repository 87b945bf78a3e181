/**
 * The outbox worker on a FakeClock with a scripted channel (our own seam, not a vendor):
 * retries with exponential backoff, a permanent failure given up at once, the give-up after
 * `giveUpMs`, and `onSettled` called once per message when it is delivered or given up
 * (the notices log it and forget the recipient).
 */
import { describe, expect, it } from "vitest";
import type { DeliveryOutcome, OutboxChannel, Settled } from "../../../server/outbox/outbox.ts";
import { Outbox } from "../../../server/outbox/outbox.ts";
import { FakeClock } from "../../../server/queue/clock.ts";
import { openDatabase } from "../../../server/store/db.ts";
import { OutboxStore } from "../../../server/store/outbox.ts";

function setup(script: DeliveryOutcome[]) {
  const db = openDatabase(":memory:");
  const store = new OutboxStore(db);
  const clock = new FakeClock(Date.parse("2026-11-23T08:00:00+07:00"));
  const calls: number[] = [];
  const channel: OutboxChannel = {
    name: "zalo",
    deliver: async () => {
      calls.push(clock.now());
      return script.shift() ?? { ok: true, status: 200 };
    },
  };
  const settled: Settled[] = [];
  const outbox = new Outbox({
    store,
    clock,
    channels: [channel],
    baseMs: 10_000,
    maxMs: 60_000,
    giveUpMs: 300_000,
    random: () => 0.5, // no jitter: 10 s, 20 s, 40 s, 60 s…
    onSettled: (s) => settled.push(s),
  });
  const id = outbox.enqueue({
    channel: "zalo",
    topic: "notice.called",
    dedupeKey: null,
    ticketId: null,
    payload: "{}",
    dueAt: clock.now(),
  });
  return { store, clock, outbox, calls, settled, id };
}

async function drain(o: ReturnType<typeof setup>, rounds = 20) {
  for (let i = 0; i < rounds; i++) {
    const m = o.store.byId(o.id)!;
    if (m.state !== "pending") return;
    o.clock.set(Math.max(o.clock.now(), m.dueAt));
    await o.outbox.runDue();
  }
}

describe("Outbox", () => {
  it("retries a failing receiver with doubling waits, then delivers; onSettled once", async () => {
    const fail: DeliveryOutcome = { ok: false, status: 500, error: "HTTP 500" };
    const o = setup([fail, fail, fail]);
    await drain(o);
    const t0 = o.calls[0]!;
    expect(o.calls.map((t) => (t - t0) / 1000)).toEqual([0, 10, 30, 70]);
    expect(o.store.byId(o.id)).toMatchObject({ state: "delivered", attempts: 4, lastError: null });
    expect(o.settled).toHaveLength(1);
    expect(o.settled[0]).toMatchObject({ delivered: true, status: 200 });
  });

  it("gives up at once on a permanent failure (a rejected template)", async () => {
    const o = setup([
      { ok: false, status: 200, error: "Zalo error -109: Template ID invalid", permanent: true },
    ]);
    await drain(o);
    expect(o.calls).toHaveLength(1);
    expect(o.store.byId(o.id)).toMatchObject({
      state: "failed",
      attempts: 1,
      lastError: "Zalo error -109: Template ID invalid",
    });
    expect(o.settled).toEqual([
      expect.objectContaining({ delivered: false, error: "Zalo error -109: Template ID invalid" }),
    ]);
  });

  it("gives up after giveUpMs of failures (a timeout every time), and says so once", async () => {
    const timeout: DeliveryOutcome = { ok: false, status: null, error: "no answer within 10 s" };
    const o = setup(Array.from({ length: 50 }, () => timeout));
    await drain(o, 50);
    expect(o.store.byId(o.id)!.state).toBe("failed");
    const last = o.calls.at(-1)! - o.calls[0]!;
    expect(last).toBeLessThanOrEqual(300_000);
    expect(o.calls.length).toBeGreaterThan(4);
    expect(o.settled).toHaveLength(1);
    expect(o.settled[0]).toMatchObject({ delivered: false, error: "no answer within 10 s" });
  });

  it("a throwing onSettled is logged and changes nothing", async () => {
    const db = openDatabase(":memory:");
    const store = new OutboxStore(db);
    const clock = new FakeClock(0);
    const lines: string[] = [];
    const outbox = new Outbox({
      store,
      clock,
      channels: [{ name: "push", deliver: async () => ({ ok: true, status: 201 }) }],
      log: (l) => lines.push(l),
      onSettled: () => {
        throw new Error("boom");
      },
    });
    const id = outbox.enqueue({
      channel: "push",
      topic: "t",
      dedupeKey: null,
      ticketId: null,
      payload: "{}",
      dueAt: 0,
    });
    await outbox.runDue();
    expect(store.byId(id)!.state).toBe("delivered");
    expect(lines.some((l) => l.includes("boom"))).toBe(true);
  });

  it("a channel that hangs holds up only its own lane: another channel's message goes at once", async () => {
    const db = openDatabase(":memory:");
    const store = new OutboxStore(db);
    const clock = new FakeClock(0);
    let release: (o: DeliveryOutcome) => void = () => {};
    const hung = new Promise<DeliveryOutcome>((r) => {
      release = r;
    });
    const pushed: number[] = [];
    const outbox = new Outbox({
      store,
      clock,
      channels: [
        { name: "zalo", deliver: () => hung },
        {
          name: "push",
          deliver: async (m) => {
            pushed.push(m.id);
            return { ok: true, status: 201 };
          },
        },
      ],
    });
    const z = outbox.enqueue({
      channel: "zalo",
      topic: "t",
      dedupeKey: null,
      ticketId: null,
      payload: "{}",
      dueAt: 0,
    });
    const first = outbox.runDue();
    const p = outbox.enqueue({
      channel: "push",
      topic: "t",
      dedupeKey: null,
      ticketId: null,
      payload: "{}",
      dueAt: 0,
    });
    const second = outbox.runDue();
    await new Promise((r) => setTimeout(r, 20));
    expect(pushed).toEqual([p]);
    expect(store.byId(p)!.state).toBe("delivered");
    expect(store.byId(z)!.state).toBe("pending");
    release({ ok: true, status: 200 });
    await Promise.all([first, second]);
    expect(store.byId(z)!.state).toBe("delivered");
  });

  it("never amends a message on its way out (the change would be marked delivered unsent); a waiting one goes with its new payload", async () => {
    const db = openDatabase(":memory:");
    const store = new OutboxStore(db);
    const clock = new FakeClock(Date.parse("2026-11-23T08:00:00+07:00"));
    const sent: string[] = [];
    let release = () => {};
    const channel: OutboxChannel = {
      name: "webhook",
      deliver: async (m) => {
        sent.push(m.payload);
        if (m.payload === "first") await new Promise<void>((r) => (release = r));
        return { ok: true, status: 200 };
      },
    };
    const outbox = new Outbox({ store, clock, channels: [channel], concurrency: 1, random: () => 0.5 });
    const msg = (payload: string, dedupeKey: string) =>
      outbox.enqueue({
        channel: "webhook",
        topic: "visit.finished",
        dedupeKey,
        ticketId: null,
        payload,
        dueAt: clock.now(),
      });
    const first = msg("first", "a");
    const second = msg("second", "b");
    const run = outbox.runDue();
    await expect.poll(() => sent).toEqual(["first"]);
    // On its way out: refused, so the caller writes a visit.updated instead.
    expect(outbox.amend(first, "first + rating", clock.now())).toBe(false);
    // Waiting behind it in the same batch: amended, and sent as amended.
    expect(outbox.amend(second, "second + rating", clock.now())).toBe(true);
    release();
    await run;
    expect(sent).toEqual(["first", "second + rating"]);
    expect(store.byId(first)!.payload).toBe("first");
    expect(store.byId(second)!.state).toBe("delivered");
  });
});
