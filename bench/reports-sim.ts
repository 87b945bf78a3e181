/**
 * Discrete-event simulation of a hall's days, driven through the real queue core
 * (`QueueCore`) and written through the real store (`HallStore.commit`), so the rows of
 * the generated year are exactly what the server writes: same columns, same event types
 * and data, same transfer and day-end semantics. Deterministic for a given seed.
 *
 * One day: arrivals by half-hour profile (Poisson), officers open their counters at
 * 07:30 and 13:30, call the next ticket whenever free until 11:45 / 17:15, and each visit
 * draws its fate: no-show after a recall, a recall that brings the visitor, started or not,
 * a log-normal service time, a transfer to another field, a rating on the pad. Some
 * visitors give up after a long wait; the rest left at night are cancelled by the next
 * day's rollover.
 */
import type { HallConfig, Priority } from "../server/contract/index.ts";
import { QueueCore } from "../server/queue/core.ts";
import { ServiceTimes } from "../server/queue/stats.ts";
import { dayStartMs, isoVn, vnParts } from "../server/queue/time.ts";
import type { Change, TicketRec } from "../server/queue/types.ts";
import type { HallStore } from "../server/store/store.ts";
import { FIELDS, HALF_HOUR_PROFILE, MONTH_FACTOR, PRIORITY_SHARES, WEEKDAY_FACTOR } from "./reports-hall.ts";

const MIN = 60_000;
const SEC = 1000;

/** mulberry32: small, fast, deterministic PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Heap {
  private xs: { t: number; s: number; f: () => void }[] = [];
  private seq = 0;
  push(t: number, f: () => void) {
    const xs = this.xs;
    xs.push({ t, s: this.seq++, f });
    let i = xs.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.less(xs[p]!, xs[i]!)) break;
      [xs[p], xs[i]] = [xs[i]!, xs[p]!];
      i = p;
    }
  }
  pop() {
    const xs = this.xs;
    const top = xs[0];
    const last = xs.pop()!;
    if (xs.length > 0) {
      xs[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < xs.length && this.less(xs[l]!, xs[m]!)) m = l;
        if (r < xs.length && this.less(xs[r]!, xs[m]!)) m = r;
        if (m === i) break;
        [xs[m], xs[i]] = [xs[i]!, xs[m]!];
        i = m;
      }
    }
    return top;
  }
  private less(a: { t: number; s: number }, b: { t: number; s: number }) {
    return a.t < b.t || (a.t === b.t && a.s < b.s);
  }
}

interface CounterSim {
  n: number;
  serviceIds: string[];
  priority: boolean;
  officer: number | null;
  state: "closed" | "idle" | "busy" | "paused";
  lastCall: number;
}

export interface SimOptions {
  config: HallConfig;
  store: HallStore;
  officerIds: number[];
  seed: number;
  /** Expected tickets on a full weekday with factor 1. */
  baseDaily: number;
}

/** Runs service days one after another on one core; returns how many tickets it issued. */
export class HallSim {
  readonly core: QueueCore;
  private readonly rand: () => number;
  private codeSeq = 0;
  tickets = 0;

  constructor(private readonly o: SimOptions) {
    this.rand = rng(o.seed);
    const defaults = new Map(o.config.services.map((s) => [s.id, s.defaultServiceMin * MIN]));
    this.core = new QueueCore(
      o.config,
      { openTickets: [], counters: [], seqs: new Map(), day: "2000-01-01", nextTicketId: 1, recentCalls: [] },
      new ServiceTimes(defaults),
      () => `${(++this.codeSeq).toString(36)}${Math.floor(this.rand() * 36 ** 6).toString(36)}`,
      isoVn,
    );
  }

  private commit(change: Change, closed?: TicketRec): void {
    const prev = new Map<number, string>();
    for (const t of change.tickets) {
      const open = this.core.ticket(t.id);
      if (open) prev.set(t.id, open.status);
      else if (closed && closed.id === t.id) prev.set(t.id, closed.status);
    }
    this.o.store.commit(change, prev);
    this.core.apply(change);
  }

  private poisson(mean: number): number {
    // Normal approximation is fine for the bin sizes used (mean ≫ 10); exact below.
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    let k = 0;
    let p = Math.exp(-mean);
    let s = p;
    const u = this.rand();
    while (u > s) {
      k++;
      p *= mean / k;
      s += p;
    }
    return k;
  }

  private normal(): number {
    const u = Math.max(this.rand(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.rand());
  }

  private pickField(): string {
    let u = this.rand();
    for (const f of FIELDS) {
      u -= f.share;
      if (u < 0) return f.id;
    }
    return FIELDS[0].id;
  }

  private pickPriority(): Priority {
    let u = this.rand();
    for (const [p, s] of PRIORITY_SHARES) {
      u -= s;
      if (u < 0) return p;
    }
    return "none";
  }

  /** Simulates one service day (must be later than the previous one). */
  day(day: string, factor: number): void {
    const o = this.o;
    const t0 = dayStartMs(day);
    const at = (h: number, m: number) => t0 + (h * 60 + m) * MIN;
    const weekday = vnParts(t0).weekday;
    const saturday = weekday === 5;
    const roll = this.core.rollover(at(7, 0));
    if (roll) this.commit(roll);
    const heap = new Heap();
    const counters: CounterSim[] = o.config.counters.map((c) => ({
      n: c.number,
      serviceIds: c.serviceIds,
      priority: c.priority,
      officer: null,
      state: "closed",
      lastCall: 0,
    }));
    // Officers for the day: a stable rotation with a daily shift, so officers see several counters.
    const shift = Math.floor(this.rand() * o.officerIds.length);
    const officerOf = (i: number) => o.officerIds[(i + shift) % o.officerIds.length]!;

    const tryCall = (c: CounterSim, now: number) => {
      if (c.state !== "idle") return;
      if (now > c.lastCall) {
        this.commit(this.core.closeCounter(c.n, c.officer!, now, false));
        c.state = "closed";
        return;
      }
      const r = this.core.callNext(c.n, c.officer!, now);
      if (!r) return;
      this.commit(r.change);
      c.state = "busy";
      this.visit(c, r.ticket, now, heap, tryCall, wake);
    };
    const wake = (serviceId: string, now: number) => {
      for (const c of counters)
        if (c.state === "idle" && (c.priority || c.serviceIds.includes(serviceId)))
          heap.push(now, () => tryCall(c, now));
    };

    const sessions: [number, number, number][] = saturday
      ? [[at(7, 30), at(11, 45), 0]]
      : [
          [at(7, 30), at(11, 45), 0],
          [at(13, 30), at(17, 15), 1],
        ];
    for (const [open, lastCall, k] of sessions)
      for (const [i, c] of counters.entries()) {
        const when = open + Math.floor(this.rand() * 8 * MIN);
        heap.push(when, () => {
          if (c.state !== "closed") return;
          // An officer still finishing a long visit elsewhere cannot take a second counter.
          for (let tries = 0; tries < o.officerIds.length; tries++) {
            const officer = officerOf(i + k * 7 + tries);
            if (this.core.counterOf(officer)) continue;
            c.officer = officer;
            c.lastCall = lastCall;
            this.commit(this.core.openCounter(c.n, officer, when).change);
            c.state = "idle";
            tryCall(c, when);
            return;
          }
        });
        heap.push(lastCall + 1, () => tryCall(c, lastCall + 1));
      }

    // Arrivals.
    const bins = saturday ? 10 : HALF_HOUR_PROFILE.length;
    for (let b = 0; b < bins; b++) {
      const mean = (o.baseDaily * factor * HALF_HOUR_PROFILE[b]!) / sumProfile;
      const k = this.poisson(mean);
      for (let j = 0; j < k; j++) {
        const when = at(7, 0) + b * 30 * MIN + Math.floor(this.rand() * 30 * MIN);
        const serviceId = this.pickField();
        const priority = this.pickPriority();
        const patient = this.rand() > 0.1;
        const patience = (20 + 60 * -Math.log(Math.max(this.rand(), 1e-9))) * MIN;
        heap.push(when, () => {
          const r = this.core.issue({ serviceId, priority, kioskId: "kiosk-1", lang: "vi" }, when);
          this.commit(r.change);
          this.tickets++;
          wake(serviceId, when);
          if (!patient)
            heap.push(when + patience, () => {
              const t = this.core.ticket(r.ticket.id);
              if (t && t.status === "waiting") this.commit(this.core.cancel(t, when + patience).change);
            });
        });
      }
    }
    for (let e = heap.pop(); e; e = heap.pop()) e.f();
  }

  /** The fate of one called visit at counter c. */
  private visit(
    c: CounterSim,
    t: TicketRec,
    t0: number,
    heap: Heap,
    tryCall: (c: CounterSim, now: number) => void,
    wake: (s: string, now: number) => void,
  ): void {
    const r = this.rand;
    const n = c.n;
    const off = c.officer!;
    const free = (when: number) => {
      const after = when + (5 + Math.floor(r() * 15)) * SEC;
      heap.push(after, () => {
        // Occasional short break ("Tạm nghỉ") between visits.
        if (r() < 0.012 && after < c.lastCall - 30 * MIN) {
          this.commit(this.core.pause(n, off, "nghỉ giải lao", after));
          c.state = "paused";
          const back = after + (5 + Math.floor(r() * 12)) * MIN;
          heap.push(back, () => {
            this.commit(this.core.resume(n, off, back));
            c.state = "idle";
            tryCall(c, back);
          });
          return;
        }
        c.state = "idle";
        tryCall(c, after);
      });
    };
    const u = r();
    if (u < 0.04) {
      const t1 = t0 + (50 + Math.floor(r() * 30)) * SEC;
      const t2 = t1 + (40 + Math.floor(r() * 60)) * SEC;
      heap.push(t1, () => this.commit(this.core.recall(n, off, t1).change));
      heap.push(t2, () => {
        this.commit(this.core.noShow(n, off, t2).change);
        free(t2);
      });
      return;
    }
    let tStart = t0 + (15 + Math.floor(r() * 45)) * SEC;
    if (u < 0.1) {
      const t1 = t0 + (50 + Math.floor(r() * 30)) * SEC;
      heap.push(t1, () => this.commit(this.core.recall(n, off, t1).change));
      tStart = t1 + (20 + Math.floor(r() * 40)) * SEC;
    }
    const started = r() < 0.9;
    if (started) heap.push(tStart, () => this.commit(this.core.start(n, off, tStart).change));
    const field = FIELDS.find((f) => f.id === t.serviceId) ?? FIELDS[0];
    const sigma = 0.55;
    const dur = Math.min(
      90 * MIN,
      field.serviceMin * MIN * Math.exp(sigma * this.normal() - (sigma * sigma) / 2),
    );
    const tEnd = Math.round(tStart + Math.max(45 * SEC, dur));
    const transferred = t.serviceId !== t.firstServiceId || t.callCount > 1;
    if (!transferred && r() < 0.02) {
      const to =
        FIELDS[(FIELDS.findIndex((f) => f.id === t.serviceId) + 1 + Math.floor(r() * 3)) % FIELDS.length]!.id;
      const tt = Math.round(tStart + Math.max(30 * SEC, dur * 0.4));
      heap.push(tt, () => {
        this.commit(this.core.transfer(n, off, { serviceId: to }, tt).change);
        wake(to, tt);
        free(tt);
      });
      return;
    }
    heap.push(tEnd, () => {
      const res = this.core.finish(n, off, tEnd);
      this.commit(res.change);
      if (r() < 0.55) {
        const tr = tEnd + (5 + Math.floor(r() * 40)) * SEC;
        const v = r();
        const score = v < 0.68 ? 4 : v < 0.88 ? 3 : v < 0.95 ? 2 : 1;
        heap.push(tr, () => {
          const rated = this.core.rate(res.ticket, score, tr, "pad", 10 * MIN);
          this.commit(rated.change, res.ticket);
        });
      }
      free(tEnd);
    });
  }
}

const sumProfile = HALF_HOUR_PROFILE.reduce((s, x) => s + x, 0);

/** Daily volume factor of a service day: weekday × month × noise, and a rush after holidays. */
export function dayFactor(day: string, rand: () => number, afterHoliday: boolean): number {
  const p = vnParts(dayStartMs(day));
  const base = WEEKDAY_FACTOR[p.weekday]! * MONTH_FACTOR[p.month - 1]!;
  return base * (0.9 + 0.2 * rand()) * (afterHoliday ? 1.35 : 1);
}
