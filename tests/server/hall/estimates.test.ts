/**
 * The shared estimates (server/hall/estimates.ts): issue requests of one burst wait for one
 * set of runs, a ticket issued alone gets exactly the queue core's one-ticket estimate, and
 * the every-ticket run is reused until the hall changes or time moves on.
 */
import { describe, expect, it } from "vitest";
import { WaitEstimates } from "../../../server/hall/estimates.ts";
import { FakeClock } from "../../../server/queue/clock.ts";
import { MIN, MON_0800, makeCore } from "../../helpers/core.ts";

/** Two counters open, `n` visitors waiting over three fields. */
function hallWithLine(n: number) {
  const h = makeCore();
  const clock = new FakeClock(MON_0800 + 30 * MIN);
  h.run(h.core.openCounter(1, 7, MON_0800));
  h.run(h.core.openCounter(2, 8, MON_0800));
  const fields = h.config.counters[0]!.serviceIds;
  const ids: number[] = [];
  for (let i = 0; i < n; i++)
    ids.push(
      h.run(
        h.core.issue(
          { serviceId: fields[i % fields.length]!, priority: "none", kioskId: null, lang: "vi" },
          MON_0800 + i * 30_000,
        ),
      ).ticket.id,
    );
  return { core: h.core, clock, ids };
}

describe("WaitEstimates", () => {
  it("answers a burst of issues with one set of runs, and a lone issue with the one-ticket estimate", async () => {
    const { core, clock, ids } = hallWithLine(30);
    let version = 1;
    const calls: number[][] = [];
    const est = new WaitEstimates({
      estimateAll: (now) => core.estimateAll(now),
      estimateSome: (want, now) => {
        calls.push([...want]);
        return core.estimateSome(want, now);
      },
      version: () => version,
      now: () => clock.now(),
    });
    const burst = await Promise.all(ids.slice(-4).map((id) => est.of(id)));
    expect(calls).toEqual([ids.slice(-4)]);
    expect(burst.every((e) => e !== null && e.estimatedWaitMin !== null)).toBe(true);
    const lone = await est.of(ids[10]!);
    expect(calls.length).toBe(2);
    expect(lone).toEqual(core.estimate(ids[10]!, clock.now()));
    // A ticket that no longer waits gets null.
    expect(await est.of(123_456)).toBeNull();

    // The every-ticket run: reused while nothing changed, run again after a change or a second.
    const a = est.all();
    expect(est.all()).toBe(a);
    version++;
    const b = est.all();
    expect(b).not.toBe(a);
    clock.advance(1_000);
    expect(est.all()).not.toBe(b);
    expect(b.get(ids[0]!)).toEqual(core.estimateAll(clock.now() - 1_000).get(ids[0]!));
  });
});
