import { describe, expect, it } from "vitest";
import type { DomainError } from "../../../server/queue/types.ts";
import { MIN, MON_0800, makeCore } from "../../helpers/core.ts";

const issue = (
  h: ReturnType<typeof makeCore>,
  serviceId: string,
  at: number,
  priority: "none" | "elderly" = "none",
) => h.run(h.core.issue({ serviceId, priority, kioskId: null, lang: "vi" }, at)).ticket;

const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as DomainError).code;
  }
  return null;
};

describe("QueueCore numbering", () => {
  it("numbers tickets per prefix: A001, A002, B001", () => {
    const h = makeCore();
    expect(issue(h, "ho-tich", MON_0800).number).toBe("A001");
    expect(issue(h, "ho-tich", MON_0800 + 1).number).toBe("A002");
    expect(issue(h, "chung-thuc", MON_0800 + 2).number).toBe("B001");
  });

  it("restarts numbering on a new service day and cancels what was left waiting", () => {
    const h = makeCore();
    const old = issue(h, "ho-tich", MON_0800);
    const nextDay = MON_0800 + 24 * 60 * MIN;
    const roll = h.core.rollover(nextDay)!;
    expect(roll.tickets).toEqual([expect.objectContaining({ id: old.id, status: "cancelled" })]);
    expect(roll.events[0]).toMatchObject({ type: "cancelled", data: { reason: "day-end" } });
    h.core.apply(roll);
    expect(h.core.rollover(nextDay + MIN)).toBeNull();
    expect(issue(h, "ho-tich", nextDay).number).toBe("A001");
  });

  it("refuses an unknown field", () => {
    const h = makeCore();
    expect(
      code(() => h.core.issue({ serviceId: "x", priority: "none", kioskId: null, lang: "vi" }, MON_0800)),
    ).toBe("service-not-found");
  });
});

describe("QueueCore counters and the ticket life cycle", () => {
  it("walks waiting → called → serving → done with one event row per step", () => {
    const h = makeCore();
    const t = issue(h, "ho-tich", MON_0800);
    h.run(h.core.openCounter(1, 7, MON_0800));
    const called = h.run(h.core.callNext(1, 7, MON_0800 + 4 * MIN)!);
    expect(called.ticket).toMatchObject({ id: t.id, status: "called", counter: 1, callCount: 1 });
    expect(called.change.events[0]).toMatchObject({
      type: "called",
      counter: 1,
      officerId: 7,
      data: { waitSec: 240 },
    });
    const started = h.run(h.core.start(1, 7, MON_0800 + 5 * MIN));
    expect(started.ticket.status).toBe("serving");
    const done = h.run(h.core.finish(1, 7, MON_0800 + 12 * MIN));
    expect(done.ticket).toMatchObject({ status: "done", finishedAt: MON_0800 + 12 * MIN });
    expect(done.change.events[0]!.data).toEqual({ serviceSec: 420 });
    expect(h.core.current(1)).toBeUndefined();
    expect(h.core.displayState(1)).toBe("idle");
  });

  it("refuses call-next while a ticket is still called or serving (ticket-in-progress)", () => {
    const h = makeCore();
    issue(h, "ho-tich", MON_0800);
    issue(h, "ho-tich", MON_0800 + 1);
    h.run(h.core.openCounter(1, 7, MON_0800));
    h.run(h.core.callNext(1, 7, MON_0800 + MIN)!);
    expect(code(() => h.core.callNext(1, 7, MON_0800 + 2 * MIN))).toBe("ticket-in-progress");
  });

  it("returns null from call-next when nobody waits for the counter's fields", () => {
    const h = makeCore();
    issue(h, "dat-dai", MON_0800); // counter 1 serves ho-tich and chung-thuc only
    h.run(h.core.openCounter(1, 7, MON_0800));
    expect(h.core.callNext(1, 7, MON_0800 + MIN)).toBeNull();
  });

  it("lets one officer hold one counter, and refuses a second officer at a held counter", () => {
    const h = makeCore();
    h.run(h.core.openCounter(1, 7, MON_0800));
    expect(code(() => h.core.openCounter(1, 8, MON_0800))).toBe("counter-taken");
    expect(code(() => h.core.openCounter(2, 7, MON_0800))).toBe("already-holding-counter");
    expect(h.core.openCounter(1, 7, MON_0800).change.events).toHaveLength(0); // idempotent
  });

  it("refuses actions at a counter held by someone else (not-your-counter) or not open", () => {
    const h = makeCore();
    h.run(h.core.openCounter(1, 7, MON_0800));
    expect(code(() => h.core.callNext(1, 8, MON_0800))).toBe("not-your-counter");
    expect(code(() => h.core.callNext(2, 8, MON_0800))).toBe("counter-not-open");
    expect(code(() => h.core.recall(1, 7, MON_0800))).toBe("no-current-ticket");
  });

  it("recall keeps the first call time and counts the calls", () => {
    const h = makeCore();
    issue(h, "ho-tich", MON_0800);
    h.run(h.core.openCounter(1, 7, MON_0800));
    h.run(h.core.callNext(1, 7, MON_0800 + MIN)!);
    const r = h.run(h.core.recall(1, 7, MON_0800 + 2 * MIN));
    expect(r.ticket).toMatchObject({ callCount: 2, calledAt: MON_0800 + MIN, firstCalledAt: MON_0800 + MIN });
    expect(h.core.recentCalls()[0]).toMatchObject({ number: "A001", counter: 1, recall: true });
  });

  it("no-show ends a called ticket; it cannot end one already being served", () => {
    const h = makeCore();
    issue(h, "ho-tich", MON_0800);
    issue(h, "ho-tich", MON_0800 + 1);
    h.run(h.core.openCounter(1, 7, MON_0800));
    h.run(h.core.callNext(1, 7, MON_0800 + MIN)!);
    expect(h.run(h.core.noShow(1, 7, MON_0800 + 3 * MIN)).ticket.status).toBe("no-show");
    h.run(h.core.callNext(1, 7, MON_0800 + 4 * MIN)!);
    h.run(h.core.start(1, 7, MON_0800 + 5 * MIN));
    expect(code(() => h.core.noShow(1, 7, MON_0800 + 6 * MIN))).toBe("ticket-in-progress");
  });

  it("transfer puts the visitor back in line for the new field with the original issue time", () => {
    const h = makeCore();
    const t = issue(h, "ho-tich", MON_0800);
    h.run(h.core.openCounter(1, 7, MON_0800));
    h.run(h.core.openCounter(3, 8, MON_0800));
    h.run(h.core.callNext(1, 7, MON_0800 + 2 * MIN)!);
    const later = issue(h, "dat-dai", MON_0800 + 3 * MIN);
    const tr = h.run(h.core.transfer(1, 7, { serviceId: "dat-dai" }, MON_0800 + 5 * MIN));
    expect(tr.ticket).toMatchObject({
      status: "waiting",
      serviceId: "dat-dai",
      issuedAt: MON_0800,
      counter: null,
    });
    expect(tr.ticket.firstCalledAt).toBe(MON_0800 + 2 * MIN);
    expect(tr.change.events[0]!.data).toMatchObject({ fromServiceId: "ho-tich", toServiceId: "dat-dai" });
    // Counter 3 (dat-dai) gets the transferred visitor before the later dat-dai ticket.
    expect(h.run(h.core.callNext(3, 8, MON_0800 + 6 * MIN)!).ticket.id).toBe(t.id);
    expect(h.core.ticket(later.id)!.status).toBe("waiting");
  });

  it("transfer to a counter reserves the ticket for that counter", () => {
    const h = makeCore();
    issue(h, "ho-tich", MON_0800);
    h.run(h.core.openCounter(1, 7, MON_0800));
    h.run(h.core.openCounter(2, 8, MON_0800));
    h.run(h.core.openCounter(7, 9, MON_0800));
    h.run(h.core.callNext(1, 7, MON_0800 + MIN)!);
    h.run(h.core.transfer(1, 7, { serviceId: "ho-tich", counter: 7 }, MON_0800 + 2 * MIN));
    expect(h.core.callNext(2, 8, MON_0800 + 3 * MIN)).toBeNull();
    expect(h.core.callNext(7, 9, MON_0800 + 3 * MIN)!.ticket.number).toBe("A001");
    expect(code(() => h.core.transfer(1, 7, { serviceId: "nope" }, MON_0800))).toBe("no-current-ticket");
  });

  it("pause blocks calls until resumed and is refused with a visitor at the desk", () => {
    const h = makeCore();
    issue(h, "ho-tich", MON_0800);
    h.run(h.core.openCounter(1, 7, MON_0800));
    h.core.apply(h.core.pause(1, 7, "họp giao ban", MON_0800));
    expect(code(() => h.core.callNext(1, 7, MON_0800 + MIN))).toBe("counter-paused");
    const resumed = h.core.resume(1, 7, MON_0800 + 10 * MIN);
    expect(resumed.events[0]).toMatchObject({ type: "counter-resumed", data: { pausedSec: 600 } });
    h.core.apply(resumed);
    h.run(h.core.callNext(1, 7, MON_0800 + 11 * MIN)!);
    expect(code(() => h.core.pause(1, 7, "x", MON_0800 + 12 * MIN))).toBe("ticket-in-progress");
  });

  it("a manager's forced close puts the current visitor back in line; the holder must finish first", () => {
    const h = makeCore();
    issue(h, "ho-tich", MON_0800);
    h.run(h.core.openCounter(1, 7, MON_0800));
    h.run(h.core.callNext(1, 7, MON_0800 + MIN)!);
    expect(code(() => h.core.closeCounter(1, 7, MON_0800, false))).toBe("ticket-in-progress");
    const forced = h.core.closeCounter(1, 99, MON_0800 + 2 * MIN, true);
    h.core.apply(forced);
    expect(h.core.displayState(1)).toBe("closed");
    expect([...h.core.openTickets()][0]).toMatchObject({ status: "waiting", issuedAt: MON_0800 });
  });

  it("call out of order needs a waiting ticket the counter serves and records the reason", () => {
    const h = makeCore();
    issue(h, "ho-tich", MON_0800);
    issue(h, "ho-tich", MON_0800 + MIN);
    h.run(h.core.openCounter(1, 7, MON_0800));
    const r = h.run(h.core.callSpecific(1, 7, "a002", "hồ sơ bổ sung", MON_0800 + 2 * MIN));
    expect(r.ticket.number).toBe("A002");
    expect(r.change.events[0]!.data).toMatchObject({
      outOfOrder: true,
      reason: "hồ sơ bổ sung",
      expected: 1,
    });
  });

  it("rating: once, only after service, within the window", () => {
    const h = makeCore();
    issue(h, "ho-tich", MON_0800);
    h.run(h.core.openCounter(1, 7, MON_0800));
    const called = h.run(h.core.callNext(1, 7, MON_0800 + MIN)!).ticket;
    expect(code(() => h.core.rate(called, 4, MON_0800, "pad", 10 * MIN))).toBe("not-finished");
    const done = h.run(h.core.finish(1, 7, MON_0800 + 5 * MIN)).ticket;
    expect(code(() => h.core.rate(done, 5, MON_0800, "pad", 10 * MIN))).toBe("invalid-rating");
    expect(code(() => h.core.rate(done, 4, MON_0800 + 16 * MIN, "pad", 10 * MIN))).toBe("rating-closed");
    const rated = h.core.rate(done, 4, MON_0800 + 6 * MIN, "pad", 10 * MIN).ticket;
    expect(code(() => h.core.rate(rated, 3, MON_0800 + 7 * MIN, "pad", 10 * MIN))).toBe("already-rated");
  });
});

describe("QueueCore hall views", () => {
  it("counts the waiting line per field with the longest wait and priority visitors", () => {
    const h = makeCore();
    issue(h, "ho-tich", MON_0800);
    issue(h, "ho-tich", MON_0800 + 2 * MIN, "elderly");
    const lines = h.core.waitingLines(MON_0800 + 10 * MIN);
    expect(lines.find((l) => l.serviceId === "ho-tich")).toEqual({
      serviceId: "ho-tich",
      count: 2,
      longestWaitSec: 600,
      priorityCount: 1,
    });
    expect(lines.find((l) => l.serviceId === "dat-dai")!.count).toBe(0);
  });

  it("estimates a wait from the line ahead and the counters serving the field", () => {
    const h = makeCore();
    for (let i = 0; i < 4; i++) issue(h, "ho-tich", MON_0800 + i);
    h.run(h.core.openCounter(1, 7, MON_0800));
    h.run(h.core.openCounter(2, 8, MON_0800));
    const mine = issue(h, "ho-tich", MON_0800 + 10);
    // Two counters serve ho-tich (8 min on average, nobody at the desk): 4 ahead → about 2 rounds → about 16 min,
    // give or take the spread of visit lengths (the configured default, coefficient of variation 0.7).
    const e = h.core.estimate(mine.id, MON_0800 + 10)!;
    expect(e.position).toBe(4);
    expect(e.estimatedWaitMin).toBeGreaterThanOrEqual(12);
    expect(e.estimatedWaitMin).toBeLessThanOrEqual(20);
    expect(e.upperWaitMin).toBeGreaterThan(e.estimatedWaitMin!);
    // All waiting tickets in one pass agree with the one-ticket estimate.
    expect(h.core.estimateAll(MON_0800 + 10).get(mine.id)).toEqual(e);
  });

  it("learns the recent arrivals per field and class from the tickets it issues", () => {
    const h = makeCore();
    for (let i = 0; i < 6; i++) issue(h, "ho-tich", MON_0800 + i * MIN);
    issue(h, "ho-tich", MON_0800 + 6 * MIN, "elderly");
    expect(h.core.arrivals.perMin("ho-tich", false, MON_0800 + 10 * MIN)).toBeCloseTo(6 / 30);
    expect(h.core.arrivals.perMin("ho-tich", true, MON_0800 + 10 * MIN)).toBeCloseTo(1 / 30);
  });
});

describe("the wait estimate follows the one schedule rule (decision 0101)", () => {
  /** One officer at counter 1 (ho-tich), a line of 6 with elderly visitors arriving all morning. */
  function line(at: number) {
    const h = makeCore();
    h.run(h.core.openCounter(1, 1, MON_0800 - 30 * MIN));
    for (let i = 0; i < 6; i++) {
      const t0 = MON_0800 - 30 * MIN + i * 5 * MIN;
      issue(h, "ho-tich", t0, "elderly");
      h.run(h.core.callNext(1, 1, t0 + MIN)!);
      h.run(h.core.finish(1, 1, t0 + 4 * MIN));
    }
    const mine = [...Array(6)].map((_, i) => issue(h, "ho-tich", MON_0800 + i * MIN)).at(-1)!;
    return { h, est: () => h.core.estimate(mine.id, at)!.estimatedWaitMin! };
  }

  it("foresees elderly arrivals ahead of a visitor while the field issues, none on a holiday or when it is closed", () => {
    const at = MON_0800 + 6 * MIN;
    const open = line(at).est();
    const holiday = line(at);
    const day = "2026-11-23";
    holiday.h.core.reconfigure({
      ...holiday.h.config,
      schedule: { ...holiday.h.config.schedule, holidays: [{ from: day, name: { vi: "Nghỉ", en: "Off" } }] },
    });
    const closed = line(at);
    closed.h.core.reconfigure({
      ...closed.h.config,
      services: closed.h.config.services.map((s) => (s.id === "ho-tich" ? { ...s, open: false } : s)),
    });
    // isWithinHours alone said "open" in both cases (a Monday at 08:06).
    expect(holiday.est()).toBeLessThan(open);
    expect(closed.est()).toBe(holiday.est());
  });
});

describe("bookings in the wait estimate (issue 14, decision 0112)", () => {
  it("foresees a booking still to check in; its check-in teaches punctuality, not the walk-in rate", () => {
    const h = makeCore();
    h.run(h.core.openCounter(1, 1, MON_0800 - 30 * MIN));
    issue(h, "ho-tich", MON_0800 - 10 * MIN);
    h.run(h.core.callNext(1, 1, MON_0800 - 10 * MIN)!);
    const walkIn = issue(h, "ho-tich", MON_0800);
    const before = h.core.estimate(walkIn.id, MON_0800)!.estimatedWaitMin!;
    h.core.foreseeBookings([{ serviceId: "ho-tich", dueAt: MON_0800 + 2 * MIN }]);
    const foreseen = h.core.estimate(walkIn.id, MON_0800)!.estimatedWaitMin!;
    expect(foreseen).toBeGreaterThan(before);
    h.core.foreseeBookings([]);
    expect(h.core.estimate(walkIn.id, MON_0800)!.estimatedWaitMin).toBe(before);

    const rate = h.core.arrivals.perMin("ho-tich", false, MON_0800 + MIN, MON_0800 + MIN);
    const offset = h.core.bookingStats.offsetMs();
    h.run(
      h.core.issue(
        { serviceId: "ho-tich", priority: "none", kioskId: null, lang: "vi", dueAt: MON_0800 + 11 * MIN },
        MON_0800 + MIN,
      ),
    );
    expect(h.core.arrivals.perMin("ho-tich", false, MON_0800 + MIN, MON_0800 + MIN)).toBe(rate);
    expect(h.core.bookingStats.offsetMs()).toBeLessThan(offset); // ten minutes early, more than the prior's five
    const show = h.core.bookingStats.showRate();
    h.core.bookingStats.missed();
    expect(h.core.bookingStats.showRate()).toBeLessThan(show);
  });
});
