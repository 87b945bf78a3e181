/** Counter time (held, paused, busy) from counter events, per service day. */
import { describe, expect, it } from "vitest";
import { closingTime } from "../../../server/queue/schedule.ts";
import { type CounterEvent, heldPieces, type Segment } from "../../../server/reports/sessions.ts";
import { smallHall } from "./scripted-hall.ts";

const hall = smallHall(); // Mon–Fri 07:30–11:30, 13:30–17:00; Sat 07:30–11:30; Sun closed
const t = (s: string) => Date.parse(`${s}+07:00`);
const MON = "2025-03-03";
const TUE = "2025-03-04";
const ev = (at: string, type: string, counter = 5, officerId: number | null = 9): CounterEvent => ({
  at: t(at),
  type: `counter-${type}`,
  counter,
  officerId,
});
const seg = (a: string, b: string, counter = 5): Segment => ({ counter, start: t(a), end: t(b) });
const pieces = (o: {
  events?: CounterEvent[];
  segments?: Segment[];
  initial?: Map<number, { officerId: number | null; pausedAt: number | null }>;
  from?: string;
  to?: string;
  now?: string;
}) =>
  heldPieces({
    events: o.events ?? [],
    segments: o.segments ?? [],
    initial: o.initial ?? new Map(),
    closing: (day) => closingTime(hall, day),
    rangeStart: t(`${o.from ?? MON}T00:00:00`),
    rangeEnd: t(`${o.to ?? TUE}T00:00:00`) + 86_400_000,
    now: t(o.now ?? "2025-03-10T12:00:00"),
  }).map((p) => ({
    day: p.day,
    officer: p.officerId,
    open: (p.end - p.start) / 1000,
    paused: p.pausedMs / 1000,
    busy: p.busyMs / 1000,
  }));

describe("counter time", () => {
  it("knows the hall's closing time per weekday", () => {
    expect(closingTime(hall, MON)).toBe(t(`${MON}T17:00:00`));
    expect(closingTime(hall, "2025-03-08")).toBe(t("2025-03-08T11:30:00"));
    expect(closingTime(hall, "2025-03-09")).toBeNull();
  });

  it("cuts a counter left open overnight at closing time, and restarts it at the next day's first call", () => {
    const p = pieces({
      events: [ev(`${MON}T07:30:00`, "opened"), ev(`${TUE}T10:00:00`, "closed")],
      segments: [
        seg(`${MON}T08:00:00`, `${MON}T08:10:00`),
        seg(`${MON}T16:30:00`, `${MON}T16:40:00`),
        seg(`${TUE}T07:40:00`, `${TUE}T07:50:00`),
        seg(`${TUE}T09:00:00`, `${TUE}T09:10:00`),
      ],
    });
    expect(p).toEqual([
      { day: MON, officer: 9, open: 9.5 * 3600, paused: 0, busy: 1200 }, // 07:30–17:00
      { day: TUE, officer: 9, open: 2 * 3600 + 20 * 60, paused: 0, busy: 1200 }, // 07:40–10:00
    ]);
  });

  it("extends past closing time while the officer is still serving", () => {
    const p = pieces({
      events: [ev(`${MON}T13:30:00`, "opened")],
      segments: [seg(`${MON}T16:50:00`, `${MON}T17:25:00`)],
      to: MON,
    });
    expect(p).toEqual([{ day: MON, officer: 9, open: 3 * 3600 + 55 * 60, paused: 0, busy: 35 * 60 }]);
  });

  it("does not stretch a day to midnight for a visit the next morning's rollover cancelled", () => {
    const p = pieces({
      events: [ev(`${MON}T16:00:00`, "opened")],
      segments: [seg(`${MON}T16:50:00`, `${TUE}T07:00:00`)],
      to: MON,
    });
    expect(p).toEqual([{ day: MON, officer: 9, open: 3600, paused: 0, busy: 600 }]); // busy 16:50–17:00
  });

  it("ends a pause never resumed with the counter's close", () => {
    const p = pieces({
      events: [
        ev(`${MON}T08:00:00`, "opened"),
        ev(`${MON}T09:00:00`, "paused"),
        ev(`${MON}T10:00:00`, "closed"),
      ],
      to: MON,
    });
    expect(p).toEqual([{ day: MON, officer: 9, open: 7200, paused: 3600, busy: 0 }]);
  });

  it("starts from the state before the range: a counter held (and paused) since an earlier day", () => {
    const p = pieces({
      initial: new Map([[5, { officerId: 4, pausedAt: t("2025-03-01T10:00:00") }]]),
      events: [ev(`${TUE}T08:00:00`, "resumed", 5, 4), ev(`${TUE}T09:00:00`, "closed", 5, 4)],
      segments: [seg(`${TUE}T08:10:00`, `${TUE}T08:20:00`)],
      from: TUE,
    });
    expect(p).toEqual([{ day: TUE, officer: 4, open: 3600, paused: 0, busy: 600 }]);
  });

  it("stops at now for a counter still open", () => {
    const p = pieces({ events: [ev(`${MON}T07:30:00`, "opened")], to: MON, now: `${MON}T09:00:00` });
    expect(p).toEqual([{ day: MON, officer: 9, open: 5400, paused: 0, busy: 0 }]);
  });

  it("gives a reopened counter to its new officer", () => {
    const p = pieces({
      events: [
        ev(`${MON}T07:30:00`, "opened", 5, 9),
        ev(`${MON}T11:30:00`, "closed", 5, 9),
        ev(`${MON}T13:30:00`, "opened", 5, 7),
        ev(`${MON}T17:00:00`, "closed", 5, 7),
      ],
      segments: [seg(`${MON}T14:00:00`, `${MON}T14:05:00`)],
      to: MON,
    });
    expect(p).toEqual([
      { day: MON, officer: 9, open: 4 * 3600, paused: 0, busy: 0 },
      { day: MON, officer: 7, open: 3.5 * 3600, paused: 0, busy: 300 },
    ]);
  });
});
