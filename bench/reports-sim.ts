/**
 * Discrete-event simulation of a hall's days on the hall simulator's engine
 * (server/sim/engine.ts: pull-based calling through the real `QueueCore`), written
 * through the real store (`HallStore.commit`), so the rows of
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
import { SimEngine } from "../server/sim/engine.ts";
import { normal, poisson, type Rand, rng } from "../server/sim/random.ts";
import type { HallStore } from "../server/store/store.ts";
import { FIELDS, HALF_HOUR_PROFILE, MONTH_FACTOR, PRIORITY_SHARES, WEEKDAY_FACTOR } from "./reports-hall.ts";

export { rng };

const MIN = 60_000;
const SEC = 1000;

export interface SimOptions {
  config: HallConfig;
  store: HallStore;
  officerIds: number[];
  seed: number;
  /** Expected tickets on a full weekday with factor 1. */
  baseDaily: number;
  /**
   * Share of ordinary visitors who booked (issue 14): each checks in between 15 minutes
   * before and 10 minutes after a slot, and their ticket is due at it. Default 0 (none);
   * drawn from a stream of its own, so the rest of a seeded day's draws are unchanged.
   */
  bookedShare?: number;
}

/**
 * Runs service days one after another on one core and one simulation engine
 * (server/sim/engine.ts); every change goes through the store; counts the tickets issued.
 */
export class HallSim {
  readonly core: QueueCore;
  private readonly engine: SimEngine;
  private readonly rand: Rand;
  private readonly bookRand: Rand;
  private codeSeq = 0;
  tickets = 0;

  constructor(private readonly o: SimOptions) {
    this.rand = rng(o.seed);
    this.bookRand = rng((o.seed ^ 0x5eed) >>> 0);
    const defaults = new Map(o.config.services.map((s) => [s.id, s.defaultServiceMin * MIN]));
    this.core = new QueueCore(
      o.config,
      { openTickets: [], counters: [], seqs: new Map(), day: "2000-01-01", nextTicketId: 1, recentCalls: [] },
      new ServiceTimes(defaults),
      () => `${(++this.codeSeq).toString(36)}${Math.floor(this.rand() * 36 ** 6).toString(36)}`,
      isoVn,
    );
    this.engine = new SimEngine({
      core: this.core,
      commit: (change) => this.commit(change),
      visit: (sim, n, t, now) => this.visit(sim, n, t, now),
    });
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
    const sim = this.engine;
    const t0 = dayStartMs(day);
    const at = (h: number, m: number) => t0 + (h * 60 + m) * MIN;
    const saturday = vnParts(t0).weekday === 5;
    const roll = this.core.rollover(at(7, 0));
    if (roll) this.commit(roll);
    // Officers for the day: a stable rotation with a daily shift, so officers see several counters.
    const shift = Math.floor(this.rand() * o.officerIds.length);
    const officerOf = (i: number) => o.officerIds[(i + shift) % o.officerIds.length]!;
    const sessions: [number, number, number][] = saturday
      ? [[at(7, 30), at(11, 45), 0]]
      : [
          [at(7, 30), at(11, 45), 0],
          [at(13, 30), at(17, 15), 1],
        ];
    for (const [open, lastCall, k] of sessions)
      for (const [i, c] of o.config.counters.entries()) {
        const when = open + Math.floor(this.rand() * 8 * MIN);
        sim.at(when, () => {
          if (sim.state(c.number) !== "closed") return;
          // An officer still finishing a long visit elsewhere cannot take a second counter.
          for (let tries = 0; tries < o.officerIds.length; tries++) {
            const officer = officerOf(i + k * 7 + tries);
            if (this.core.counterOf(officer)) continue;
            sim.open(c.number, officer, when, lastCall);
            return;
          }
        });
        sim.at(lastCall + 1, () => sim.close(c.number, lastCall + 1));
      }

    // Arrivals.
    const bins = saturday ? 10 : HALF_HOUR_PROFILE.length;
    for (let b = 0; b < bins; b++) {
      const k = poisson(this.rand, (o.baseDaily * factor * HALF_HOUR_PROFILE[b]!) / sumProfile);
      for (let j = 0; j < k; j++) {
        const when = at(7, 0) + b * 30 * MIN + Math.floor(this.rand() * 30 * MIN);
        const serviceId = this.pickField();
        const priority = this.pickPriority();
        const patient = this.rand() > 0.1;
        // Whole milliseconds, as a real clock gives (event times travel as ISO instants to the ms).
        const patience = Math.round((20 + 60 * -Math.log(Math.max(this.rand(), 1e-9))) * MIN);
        const booked = priority === "none" && (o.bookedShare ?? 0) > this.bookRand();
        const dueAt = booked ? when + Math.round((25 * this.bookRand() - 10) * MIN) : null;
        sim.at(when, () => {
          const t = sim.issue(serviceId, priority, when, "kiosk-1", dueAt);
          this.tickets++;
          if (!patient)
            sim.at(when + patience, () => {
              const w = this.core.ticket(t.id);
              if (w && w.status === "waiting") this.commit(this.core.cancel(w, when + patience).change);
            });
        });
      }
    }
    sim.run();
  }

  /** The fate of one called visit at counter n: no-show, recall, service, transfer, rating. */
  private visit(sim: SimEngine, n: number, t: TicketRec, t0: number): void {
    const r = this.rand;
    const off = sim.officer(n)!;
    // The desk is free a few seconds later; now and then the officer takes a short break.
    const free = (when: number) => {
      const after = when + (5 + Math.floor(r() * 15)) * SEC;
      const pause = r() < 0.012 ? { reason: "nghỉ giải lao", minutes: 5 + Math.floor(r() * 12) } : undefined;
      sim.at(after, () => sim.release(n, after, pause));
    };
    const u = r();
    if (u < 0.04) {
      const t1 = t0 + (50 + Math.floor(r() * 30)) * SEC;
      const t2 = t1 + (40 + Math.floor(r() * 60)) * SEC;
      sim.at(t1, () => this.commit(this.core.recall(n, off, t1).change));
      sim.at(t2, () => {
        this.commit(this.core.noShow(n, off, t2).change);
        free(t2);
      });
      return;
    }
    let tStart = t0 + (15 + Math.floor(r() * 45)) * SEC;
    if (u < 0.1) {
      const t1 = t0 + (50 + Math.floor(r() * 30)) * SEC;
      sim.at(t1, () => this.commit(this.core.recall(n, off, t1).change));
      tStart = t1 + (20 + Math.floor(r() * 40)) * SEC;
    }
    const started = r() < 0.9;
    if (started) sim.at(tStart, () => this.commit(this.core.start(n, off, tStart).change));
    const field = FIELDS.find((f) => f.id === t.serviceId) ?? FIELDS[0];
    const sigma = 0.55;
    const dur = Math.min(
      90 * MIN,
      field.serviceMin * MIN * Math.exp(sigma * normal(r) - (sigma * sigma) / 2),
    );
    const tEnd = Math.round(tStart + Math.max(45 * SEC, dur));
    const transferred = t.serviceId !== t.firstServiceId || t.callCount > 1;
    if (!transferred && r() < 0.02) {
      const to =
        FIELDS[(FIELDS.findIndex((f) => f.id === t.serviceId) + 1 + Math.floor(r() * 3)) % FIELDS.length]!.id;
      const tt = Math.round(tStart + Math.max(30 * SEC, dur * 0.4));
      sim.at(tt, () => {
        this.commit(this.core.transfer(n, off, { serviceId: to }, tt).change);
        sim.wake(to, tt);
        free(tt);
      });
      return;
    }
    sim.at(tEnd, () => {
      const res = this.core.finish(n, off, tEnd);
      this.commit(res.change);
      if (r() < 0.55) {
        const tr = tEnd + (5 + Math.floor(r() * 40)) * SEC;
        const v = r();
        const score = v < 0.68 ? 4 : v < 0.88 ? 3 : v < 0.95 ? 2 : 1;
        sim.at(tr, () => {
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
