/**
 * Support for the manager dashboard's browser test: a private build of /manager, a hall
 * clock that can be pinned to simulated instants and then run on from a chosen moment,
 * and a small discrete-event simulation of service days driven through the real hall use
 * cases (`Hall.issue`, `callNext`, `start`, `finish`, `noShow`, `transfer`, `pause`,
 * `rateAtCounter`), so the reports read exactly what a real hall writes. Deterministic
 * for a seed. The demand is a ward hall's: a morning peak, a quiet lunch, an afternoon
 * peak, and one land-affairs line ("Đất đai") that outgrows its counters at the peaks.
 */
import type { Priority } from "../../../server/contract/domain.ts";
import type { Actor, Hall } from "../../../server/hall/hall.ts";
import type { Clock } from "../../../server/queue/clock.ts";
import { EventHeap } from "../../../server/sim/heap.ts";
import { normal as gauss, rng } from "../../../server/sim/random.ts";
import { buildPrivateDist } from "../../helpers/browser.ts";

/** Bundles counter/src/manager/manager-app.ts into a private folder (tests/helpers/browser.ts); returns the dist dir. */
export async function buildManagerDist(): Promise<string> {
  return (await buildPrivateDist((p) => p.page === "manager")).distDir;
}

/**
 * The hall's clock: pinned to `pinned` while the simulation runs, then real time plus
 * `offsetMs`, so that the hall can live at a chosen date and hour whatever the time the
 * test runs (the browser is told the same time through the HTTP `Date` header).
 */
export class SimClock implements Clock {
  pinned: number | null = null;
  offsetMs = 0;
  now(): number {
    return this.pinned ?? Date.now() + this.offsetMs;
  }
  /** Lets the clock run from `at` on, in real time. */
  runFrom(at: number): void {
    this.pinned = null;
    this.offsetMs = at - Date.now();
  }
}

const MIN = 60_000;

/** The instant of `hh:mm` on service day `day` in Asia/Ho_Chi_Minh. */
export const vnAt = (day: string, hh: number, mm = 0) =>
  Date.parse(`${day}T00:00:00+07:00`) + (hh * 60 + mm) * MIN;

/** The `n` Monday–Friday service days before `day` (oldest first). */
export function weekdaysBefore(day: string, n: number): string[] {
  const out: string[] = [];
  let t = Date.parse(`${day}T12:00:00+07:00`);
  while (out.length < n) {
    t -= 86_400_000;
    const d = new Date(t + 7 * 3_600_000);
    if (d.getUTCDay() >= 1 && d.getUTCDay() <= 5) out.unshift(d.toISOString().slice(0, 10));
  }
  return out;
}

/** The most recent Monday–Friday on or before `ms`, as a service day. */
export function lastWeekday(ms: number): string {
  let d = new Date(ms + 7 * 3_600_000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d = new Date(d.getTime() - 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** Share of visitors and mean service minutes per field of the demo hall. */
const FIELDS: [string, number, number][] = [
  ["ho-tich", 0.24, 7],
  ["chung-thuc", 0.25, 3.5],
  ["dat-dai", 0.17, 12],
  ["cu-tru", 0.12, 5.5],
  ["bhxh", 0.1, 6],
  ["chinh-sach", 0.05, 7],
  ["kinh-doanh", 0.07, 9],
];
/** Arrivals per half hour from 07:00 (index 0) to 16:30 (index 19), relative; the kiosk stops over lunch. */
const PROFILE = [
  0.3, 1.0, 1.5, 1.6, 1.5, 1.2, 1.0, 0.8, 0.4, 0, 0, 0, 0.2, 1.1, 1.3, 1.1, 0.9, 0.7, 0.45, 0.15,
];
/** Officers serve everyone who has a number at closing time, for up to this long. */
const OVERTIME = 30 * MIN;
/** Counters staffed (officer index → counter) and their hours; counter 6 only in the morning. */
const SHIFTS: { counter: number; officer: number; spans: [number, number][] }[] = [
  {
    counter: 1,
    officer: 0,
    spans: [
      [450, 690],
      [810, 1020],
    ],
  },
  {
    counter: 2,
    officer: 1,
    spans: [
      [450, 690],
      [810, 1020],
    ],
  },
  {
    counter: 3,
    officer: 2,
    spans: [
      [450, 690],
      [810, 1020],
    ],
  },
  {
    counter: 4,
    officer: 3,
    spans: [
      [450, 690],
      [810, 1020],
    ],
  },
  {
    counter: 5,
    officer: 4,
    spans: [
      [480, 690],
      [810, 1000],
    ],
  },
  { counter: 6, officer: 5, spans: [[480, 660]] },
  {
    counter: 7,
    officer: 6,
    spans: [
      [450, 690],
      [810, 1020],
    ],
  },
];

export interface SimDayOptions {
  /** Expected visitors over a full day. */
  perDay: number;
  /** Stop at this instant (a day in progress); default: the whole day. */
  until?: number;
  seed: number;
  /** Counters left closed this day. */
  absent?: number[];
  /** Breaks (counter, start, minutes); default: ten minutes mid-morning at counters 2 and 5. */
  breaks?: { counter: number; at: number; minutes: number }[];
  /** Extra visitors at given instants. */
  /** More visitors at given instants (`dueAt`: a booking checked in, due at its slot). */
  extra?: { at: number; serviceId: string; priority?: Priority; dueAt?: number }[];
}

/**
 * Simulates one service day through `hall` with `clock` pinned to each event's time.
 * Officers open their counters at their shift, call whenever free, take a break once
 * the visitor at the desk has left, serve (log-normal times around the field's mean), sometimes mark a no-show
 * (after a recall), transfer a visitor, and the visitor often rates the visit; at the end
 * of each span they serve whoever still has a number (up to half an hour), then close. Returns how many tickets it issued.
 */
export function simulateDay(
  hall: Hall,
  clock: SimClock,
  officers: Actor[],
  day: string,
  o: SimDayOptions,
): number {
  const rand = rng(o.seed);
  const until = o.until ?? Number.POSITIVE_INFINITY;
  // The hall simulator's event heap and randomness (server/sim/); ties keep their order.
  const queue = new EventHeap();
  const at = (t: number, f: () => void) => queue.push(t, f);
  const normal = () => gauss(rand);
  const poisson = (mean: number) => {
    let k = 0;
    let p = Math.exp(-mean);
    let s = p;
    const u = rand();
    while (u > s && k < 500) {
      k++;
      p *= mean / k;
      s += p;
    }
    return k;
  };
  const pickField = () => {
    let u = rand();
    for (const f of FIELDS) {
      u -= f[1];
      if (u < 0) return f;
    }
    return FIELDS[0]!;
  };
  const priority = (): Priority => {
    const u = rand();
    return u < 0.05 ? "elderly" : u < 0.06 ? "disabled" : u < 0.07 ? "pregnant" : "none";
  };

  type C = {
    n: number;
    actor: Actor;
    open: boolean;
    busy: boolean;
    end: number;
    paused: boolean;
    /** Minutes of a break the officer takes as soon as the visitor at the desk leaves. */
    breakMin: number;
  };
  const counters: C[] = [];
  const takeBreak = (c: C, now: number) => {
    hall.pause(c.n, c.actor, "Họp giao ban");
    c.paused = true;
    const back = now + c.breakMin * MIN;
    c.breakMin = 0;
    at(back, () => {
      hall.resume(c.n, c.actor);
      c.paused = false;
      tryCall(c, back);
    });
  };
  const close = (c: C) => {
    hall.closeCounter(c.n, c.actor);
    c.open = false;
  };
  const tryCall = (c: C, now: number) => {
    if (!c.open || c.busy || c.paused) return;
    if (c.breakMin > 0 && now < c.end) return takeBreak(c, now);
    if (now >= c.end + OVERTIME) return close(c);
    const r = hall.callNext(c.n, c.actor);
    if (!r) {
      if (now >= c.end) close(c);
      return;
    }
    c.busy = true;
    const field = FIELDS.find((f) => f[0] === r.ticket.serviceId)!;
    const u = rand();
    if (u < 0.04) {
      // Nobody comes: a recall after 90 s, then "vắng mặt".
      at(now + 90_000, () => hall.recall(c.n, c.actor));
      at(now + 180_000, () => {
        hall.noShow(c.n, c.actor);
        c.busy = false;
        tryCall(c, now + 180_000);
      });
      return;
    }
    const walk = 20_000 + rand() * 40_000;
    const service = Math.max(0.8, field[2] * Math.exp(0.45 * normal() - 0.1)) * MIN;
    at(now + walk, () => hall.start(c.n, c.actor));
    const done = now + walk + service;
    if (u < 0.06) {
      // Wrong line: sent to another field, back in line with the original issue time.
      const other = FIELDS[(FIELDS.indexOf(field) + 1) % FIELDS.length]![0];
      at(done, () => {
        hall.transfer(c.n, c.actor, { serviceId: other });
        c.busy = false;
        wake(done);
      });
      return;
    }
    at(done, () => {
      hall.finish(c.n, c.actor);
      c.busy = false;
      const v = rand();
      if (v < 0.65) {
        const w = rand();
        hall.rateAtCounter(c.n, w < 0.04 ? 1 : w < 0.11 ? 2 : w < 0.5 ? 3 : 4, "pad");
      }
      tryCall(c, done);
    });
  };
  const wake = (now: number) => {
    for (const c of counters) tryCall(c, now);
  };

  for (const s of SHIFTS) {
    if (o.absent?.includes(s.counter)) continue;
    const c: C = {
      n: s.counter,
      actor: officers[s.officer]!,
      open: false,
      busy: false,
      end: 0,
      paused: false,
      breakMin: 0,
    };
    counters.push(c);
    for (const [from, to] of s.spans) {
      const open = vnAt(day, 0, from + Math.floor(rand() * 6));
      at(open, () => {
        c.end = vnAt(day, 0, to);
        if (!c.open) hall.openCounter(c.n, c.actor);
        c.open = true;
        tryCall(c, open);
      });
      at(vnAt(day, 0, to), () => tryCall(c, vnAt(day, 0, to)));
    }
  }
  const breaks =
    o.breaks ??
    [2, 5].map((counter) => ({ counter, at: vnAt(day, 9, 40 + Math.floor(rand() * 20)), minutes: 10 }));
  for (const b of breaks) {
    const c = counters.find((x) => x.n === b.counter);
    if (!c) continue;
    at(b.at, () => {
      c.breakMin = b.minutes;
      tryCall(c, b.at);
    });
  }

  const total = PROFILE.reduce((s, x) => s + x, 0);
  let issued = 0;
  for (const x of o.extra ?? [])
    at(x.at, () => {
      hall.issue({
        serviceId: x.serviceId,
        priority: x.priority ?? "none",
        kioskId: null,
        lang: "vi",
        dueAt: x.dueAt,
      });
      issued++;
      wake(x.at);
    });
  PROFILE.forEach((w, i) => {
    const start = vnAt(day, 7, 30 * i);
    const k = poisson((o.perDay * w) / total);
    for (let j = 0; j < k; j++) {
      const t = start + Math.floor(rand() * 30 * MIN);
      const field = pickField();
      const prio = priority();
      at(t, () => {
        hall.issue({ serviceId: field[0], priority: prio, kioskId: null, lang: "vi" });
        issued++;
        wake(t);
      });
    }
  });

  while (queue.size > 0 && queue.peekTime() <= until) {
    const e = queue.pop()!;
    clock.pinned = e.t;
    e.f();
  }
  return issued;
}
