/**
 * The SSE hub's bounds (issue 11, "backpressure everywhere"), asserted on what the hub
 * holds, not on time: a client that stops reading is dropped once its unsent bytes pass
 * the bound, its queue is freed and it leaves every channel; a client that reads gets
 * every frame; the per-address cap refuses one more stream and frees its slot on close.
 */
import { describe, expect, it } from "vitest";
import { SseHub } from "../../../../server/http/sse/hub.ts";

const ENC = new TextEncoder();
const frame = (i: number) => ENC.encode(`id: ${i}\nevent: hall-state\ndata: ${"x".repeat(1000)}\n\n`);

function openOn(hub: SseHub, address: string) {
  const ctl = new AbortController();
  const res = hub.open(new Request("http://hall.test/api/live", { signal: ctl.signal }), {
    address,
    stream: "public",
    channels: ["public"],
    first: [ENC.encode("event: hello\ndata: {}\n\n")],
    meta: {},
  });
  return { res, abort: () => ctl.abort() };
}

describe("SseHub", () => {
  it("drops a client that stops reading once its queue passes the bound, and keeps the readers", async () => {
    const hub = new SseHub({ bufferBytes: 16 * 1024, maxPerAddress: 0, log: () => {} });
    const slow = openOn(hub, "10.0.0.2"); // never read
    const fast = openOn(hub, "10.0.0.3");
    const reader = fast.res.body!.getReader();
    let received = 0;
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        received += value.byteLength;
      }
    })();
    let sent = 0;
    for (let i = 0; i < 200; i++) {
      hub.publish("public", frame(i));
      sent += frame(i).byteLength;
      // Let the reader take what is queued (as a socket that keeps up would).
      await new Promise((r) => setTimeout(r, 0));
    }
    expect(hub.stats.dropped).toBe(1);
    expect(hub.size).toBe(1);
    // The slow client's stream is errored: whoever reads it now gets an error, not 200 KB.
    await expect(slow.res.body!.getReader().read()).rejects.toThrow();
    // The reader got every frame.
    await new Promise((r) => setTimeout(r, 10));
    expect(received).toBeGreaterThanOrEqual(sent);
    fast.abort();
    await reader.cancel();
    await reading;
    expect(hub.size).toBe(0);
    expect(hub.has("public")).toBe(false);
    hub.closeAll();
  });

  it("holds no more than the bound for a client that never reads, however much is published", () => {
    const hub = new SseHub({ bufferBytes: 8 * 1024, maxPerAddress: 0, log: () => {} });
    const clients = Array.from({ length: 50 }, (_, i) => openOn(hub, `10.0.1.${i}`));
    let delivered = 0;
    for (let i = 0; i < 100; i++) delivered += hub.publish("public", frame(i));
    // Each client took frames until its queue passed 8 KB (≈ 8 frames of 1 KB), then left.
    expect(hub.stats.dropped).toBe(50);
    expect(hub.size).toBe(0);
    expect(delivered).toBeLessThanOrEqual(50 * 9);
    for (const c of clients) c.abort();
    hub.closeAll();
  });

  it("counts what the kernel holds for a stream against its bound (decision 0116)", () => {
    const kernel = new Map<string, number>();
    const hub = new SseHub({
      bufferBytes: 64 * 1024,
      maxPerAddress: 0,
      log: () => {},
      kernelQueue: (req) => () => kernel.get(new URL(req.url).searchParams.get("c") ?? "") ?? 0,
    });
    const open = (c: string) =>
      hub.open(new Request(`http://hall.test/api/live?c=${c}`), {
        address: c,
        stream: "public",
        channels: ["public"],
        first: [],
        meta: {},
      });
    const a = open("a").body!.getReader(); // reads: its queue is empty, the kernel holds 2 KB
    const b = open("b"); // the kernel holds 70 KB for it, its queue is empty too
    void a.read();
    kernel.set("a", 2048);
    kernel.set("b", 70 * 1024);
    hub.check();
    expect(hub.stats.droppedOverBound).toBe(1);
    expect(hub.size).toBe(1);
    void b;
    hub.closeAll();
  });

  it("drops a stream whose queue has not emptied for stallMs, not one that empties", () => {
    const hub = new SseHub({ bufferBytes: 64 * 1024, stallMs: 20_000, maxPerAddress: 0, log: () => {} });
    const stuck = openOn(hub, "10.0.2.1"); // never read: its first frames stay queued
    hub.check(0);
    hub.check(19_000);
    expect(hub.stats.dropped).toBe(0);
    hub.check(20_000);
    expect(hub.stats.droppedStalled).toBe(1);
    expect(hub.size).toBe(0);
    stuck.abort();
    hub.closeAll();
  });

  it("caps streams per address and frees the slot when one closes", async () => {
    const hub = new SseHub({ maxPerAddress: 3, log: () => {} });
    const open = [openOn(hub, "10.0.0.9"), openOn(hub, "10.0.0.9"), openOn(hub, "10.0.0.9")];
    expect(() => openOn(hub, "10.0.0.9")).toThrow(expect.objectContaining({ code: "too-many-streams" }));
    expect(hub.stats.refused).toBe(1);
    const other = openOn(hub, "10.0.0.10");
    await open[0]!.res.body!.cancel();
    expect(hub.size).toBe(3);
    const again = openOn(hub, "10.0.0.9");
    expect(again.res.status).toBe(200);
    for (const c of [...open, other, again]) c.abort();
    hub.closeAll();
  });
});
