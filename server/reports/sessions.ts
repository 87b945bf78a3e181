/**
 * Counter time for the officers report: when each counter was held (open), paused, busy
 * with a visit, and idle, split per service day and attributed to the officer holding it.
 * Pure: takes the counter events of the range, the counters' state at its start, the
 * service segments and the hall's closing time per day, from the schedule
 * (server/queue/schedule.ts; docs/decisions/0030-report-definitions.md, "time").
 *
 * Traps handled:
 * - a counter left open overnight stays held in the core (nothing closes it at day end), so
 *   a held interval is cut per service day: on a day it did not open, it counts from that
 *   day's first activity (a call, a pause); on a day it did not close, up to the later of
 *   the hall's closing time that day (a holiday has none) and the last activity, never
 *   past midnight or `now`;
 * - a pause never resumed ends with the held piece;
 * - a visit left called at day end is cancelled by the next day's rollover, maybe days
 *   later: segments are clipped to the held piece they started in.
 */
import { dayStartMs, serviceDay, VN_OFFSET_MS } from "../queue/time.ts";

const DAY_MS = 86_400_000;

export interface CounterEvent {
  at: number;
  type: string;
  counter: number;
  officerId: number | null;
}

/** A time a counter was busy with one visit: from its call to its finish, no-show or transfer. */
export interface Segment {
  counter: number;
  start: number;
  end: number;
}

/** One service day of one counter held by one officer. */
export interface HeldPiece {
  counter: number;
  officerId: number | null;
  day: string;
  start: number;
  end: number;
  pausedMs: number;
  busyMs: number;
}

interface Held {
  officerId: number | null;
  start: number;
  /** True when the start is a real counter-opened event (false: held since before the range). */
  opened: boolean;
  end: number | null;
  pauses: [number, number | null][];
}

/**
 * Held pieces of every counter over [rangeStart, rangeEnd), with paused and busy time.
 * `initial` gives, per counter, who held it when the range began (and since when it was
 * paused, if it was). Events must be sorted by time.
 */
export function heldPieces(input: {
  events: readonly CounterEvent[];
  initial: ReadonlyMap<number, { officerId: number | null; pausedAt: number | null }>;
  segments: readonly Segment[];
  /** When the hall closes on a service day (UTC ms), null when it does not open (schedule.ts `closingTime`). */
  closing: (day: string) => number | null;
  rangeStart: number;
  rangeEnd: number;
  now: number;
}): HeldPiece[] {
  const { rangeStart, now } = input;
  const limit = Math.min(input.rangeEnd, now);
  const held = new Map<number, Held[]>();
  const current = new Map<number, Held>();
  const list = (c: number) => {
    let l = held.get(c);
    if (!l) {
      l = [];
      held.set(c, l);
    }
    return l;
  };
  for (const [c, s] of input.initial) {
    const h: Held = { officerId: s.officerId, start: rangeStart, opened: false, end: null, pauses: [] };
    if (s.pausedAt !== null) h.pauses.push([rangeStart, null]);
    list(c).push(h);
    current.set(c, h);
  }
  // Activity per counter and day: first and last instants (segments, pauses), to cut held
  // intervals. Numeric keys (counter, day number): this loop sees every visit of the range.
  const activity = new Map<number, [number, number]>();
  const touch = (c: number, t: number, t2 = t) => {
    const k = actKey(c, t);
    const a = activity.get(k);
    if (!a) activity.set(k, [t, t2]);
    else {
      if (t < a[0]) a[0] = t;
      if (t2 > a[1]) a[1] = t2;
    }
  };
  // A visit still open at midnight was ended by the next day's rollover, not by the officer:
  // its last real activity is the call.
  for (const s of input.segments) touch(s.counter, s.start, s.end < dayEndOf(s.start) ? s.end : s.start);
  for (const e of input.events) {
    const cur = current.get(e.counter);
    if (e.type === "counter-paused" || e.type === "counter-resumed") touch(e.counter, e.at);
    if (e.type === "counter-opened") {
      if (cur && cur.end === null) cur.end = e.at;
      const h: Held = { officerId: e.officerId, start: e.at, opened: true, end: null, pauses: [] };
      list(e.counter).push(h);
      current.set(e.counter, h);
    } else if (!cur || cur.end !== null) {
    } else if (e.type === "counter-closed") {
      cur.end = e.at;
      const p = cur.pauses[cur.pauses.length - 1];
      if (p && p[1] === null) p[1] = e.at;
    } else if (e.type === "counter-paused") {
      const p = cur.pauses[cur.pauses.length - 1];
      if (!p || p[1] !== null) cur.pauses.push([e.at, null]);
    } else if (e.type === "counter-resumed") {
      const p = cur.pauses[cur.pauses.length - 1];
      if (p && p[1] === null) p[1] = e.at;
    }
  }
  const pieces: HeldPiece[] = [];
  for (const [counter, hs] of held)
    for (const h of hs) {
      const last = Math.min(h.end ?? limit, limit);
      for (let d0 = dayStartMs(serviceDay(h.start)); d0 < last; d0 += DAY_MS) {
        const day = serviceDay(d0 + DAY_MS / 2);
        const act = activity.get(actKey(counter, d0));
        const start = h.opened && d0 <= h.start ? h.start : act?.[0];
        if (start === undefined || start >= last) continue;
        let end: number;
        if (h.end !== null && h.end < d0 + DAY_MS) end = h.end;
        else end = Math.min(d0 + DAY_MS, Math.max(input.closing(day) ?? start, act?.[1] ?? start, start));
        end = Math.min(end, limit);
        if (end <= start) continue;
        let pausedMs = 0;
        for (const [ps, pe] of h.pauses) pausedMs += overlap(ps, pe ?? end, start, end);
        pieces.push({ counter, officerId: h.officerId, day, start, end, pausedMs, busyMs: 0 });
      }
    }
  // Busy time: each segment counts inside the piece of its counter that contains its start.
  const byCounter = new Map<number, HeldPiece[]>();
  for (const p of pieces) {
    const ps = byCounter.get(p.counter);
    if (ps) ps.push(p);
    else byCounter.set(p.counter, [p]);
  }
  for (const ps of byCounter.values()) ps.sort((a, b) => a.start - b.start);
  for (const s of input.segments) {
    const ps = byCounter.get(s.counter);
    if (!ps) continue;
    const p = findPiece(ps, s.start);
    if (p) p.busyMs += overlap(s.start, s.end, p.start, p.end);
  }
  return pieces;
}

/** Day number of an instant in Asia/Ho_Chi_Minh (days since 1970-01-01 local). */
const dayNo = (t: number) => Math.floor((t + VN_OFFSET_MS) / DAY_MS);
const actKey = (counter: number, t: number) => counter * 1e6 + dayNo(t);
/** UTC ms of the local midnight ending the service day of t. */
const dayEndOf = (t: number) => (dayNo(t) + 1) * DAY_MS - VN_OFFSET_MS;

function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

/** The piece with start ≤ t < end, by binary search over pieces sorted by start. */
function findPiece(ps: HeldPiece[], t: number): HeldPiece | null {
  let lo = 0;
  let hi = ps.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ps[mid]!.start <= t) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const p = best >= 0 ? ps[best]! : null;
  return p && t < p.end ? p : null;
}
