/**
 * The staffing hint of the manager's dashboard (issue 6): how many more counters a field
 * needs so that waits come back under the target. Pure functions, no DOM, no clock.
 *
 * Model: a visitor of field f waits in an M/M/c queue (Poisson arrivals, exponential
 * service, first come first served) whose c servers are the open counters that serve f,
 * its *pool*. Those counters may serve other fields too (and the priority counter serves
 * all), so the pool's load is f's own plus the other fields' share of it (each field's
 * load spread evenly over its own open counters). Mean wait, Erlang C:
 *   Wq = C(c, a) · s / (c − a),  a = λ·s (offered load in erlangs), C = P(wait > 0).
 * C(c, a) is computed through the Erlang B recursion B(k) = a·B(k−1) / (k + a·B(k−1)),
 * C = c·B / (c − a·(1 − B)), which never forms a^c or c! and so stays exact for large
 * halls (the direct sum overflows doubles near c = 170). Sources: Erlang C in any
 * queueing text (e.g. Kleinrock, Queueing Systems vol. 1, §3.5); the recursion is the
 * standard one for Erlang B.
 *
 * Erlang C describes the steady state: it says nothing about the people already in line.
 * So the hint asks for the larger of two: the steady-state need (Wq ≤ target for the
 * arrivals of the last hour) and the backlog need: the work already waiting beyond what
 * c counters reach within the target (B − c·T) must drain within `DRAIN_SEC` while new
 * visitors keep coming (drain rate c − a counters), i.e. c ≥ (B + a·H) / (H + T). With
 * H = 0 this would be "reach everyone now waiting within the target", which asks for a
 * counter per 15 minutes of queued work: more than any hall can open at once.
 * Details and limits: docs/decisions/0071-staffing-hint-erlang-c.md.
 */

/**
 * Erlang C: the probability that an arrival has to wait, for `c` servers and an offered
 * load of `a` erlangs (arrival rate × mean service time). 1 when `a ≥ c` (the line grows
 * without bound), 0 when `a = 0`.
 */
export function erlangC(c: number, a: number): number {
  if (!Number.isInteger(c) || c < 1) throw new RangeError("c must be a positive integer");
  if (!(a >= 0)) throw new RangeError("a must be a non-negative number");
  if (a === 0) return 0;
  if (a >= c) return 1;
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return (c * b) / (c - a * (1 - b));
}

/**
 * Mean wait in line (seconds) of an M/M/c queue with `c` servers, `perHour` arrivals per
 * hour and a mean service time of `serviceSec` seconds. Infinity when the load reaches
 * the capacity (`c` = 0 included) and there are arrivals; 0 without arrivals.
 */
export function meanWaitSec(c: number, perHour: number, serviceSec: number): number {
  const a = (perHour * serviceSec) / 3600;
  if (a === 0) return 0;
  if (c < 1 || a >= c) return Number.POSITIVE_INFINITY;
  return (erlangC(c, a) * serviceSec) / (c - a);
}

/**
 * Share of arrivals served within `targetSec` (the call-centre "service level"):
 * P(W ≤ t) = 1 − C(c, a)·e^(−(c − a)·t / s). 0 when the queue is unstable.
 */
export function withinTargetShare(c: number, perHour: number, serviceSec: number, targetSec: number): number {
  const a = (perHour * serviceSec) / 3600;
  if (a === 0) return 1;
  if (c < 1 || a >= c) return 0;
  return 1 - erlangC(c, a) * Math.exp((-(c - a) * targetSec) / serviceSec);
}

/**
 * The fewest servers whose Erlang C mean wait is at most `targetSec` for the given
 * arrivals; 0 without arrivals. Capped at `max` (returned when even `max` is not enough).
 */
export function serversForTarget(perHour: number, serviceSec: number, targetSec: number, max = 200): number {
  if (perHour <= 0 || serviceSec <= 0) return 0;
  const a = (perHour * serviceSec) / 3600;
  for (let c = Math.max(1, Math.floor(a) + 1); c <= max; c++)
    if (meanWaitSec(c, perHour, serviceSec) <= targetSec) return c;
  return max;
}

/** How soon the line should be back under the target: half an hour (see the module doc). */
export const DRAIN_SEC = 30 * 60;

/** One field's recent demand and line. */
export interface FieldDemand {
  /** Arrivals per hour, recent (see `estimateArrivals`). */
  perHour: number;
  /** Mean service time, seconds. */
  serviceSec: number;
  /** People waiting now. */
  waiting: number;
}

/** A counter as the staffing model sees it. */
export interface CounterCapacity {
  /** Open, not paused: it calls numbers. */
  working: boolean;
  serviceIds: readonly string[];
}

/** The counters that can serve a field's visitors, and everything they carry. */
export interface Pool {
  /** Working counters that serve the field. */
  servers: number;
  /** Arrivals per hour the pool takes (the field's, plus shares of the other fields'). */
  perHour: number;
  /** Offered load of the pool, erlangs. */
  load: number;
  /** Seconds of service waiting in line for the pool (its share of every line it serves). */
  backlogSec: number;
}

/**
 * The pool of field `id`: its working counters, and the load and waiting work they carry.
 * A field g served by k_g working counters puts 1/k_g of its arrivals and of its line on
 * each of them; the pool takes that share from each of its counters that serves g. A
 * field without a working counter forms a pool of 0 servers carrying its own demand.
 */
export function poolFor(
  id: string,
  counters: readonly CounterCapacity[],
  demand: ReadonlyMap<string, FieldDemand>,
): Pool {
  const mine = counters.filter((c) => c.working && c.serviceIds.includes(id));
  const own = demand.get(id);
  if (mine.length === 0) {
    const perHour = own?.perHour ?? 0;
    const serviceSec = own?.serviceSec ?? 0;
    return {
      servers: 0,
      perHour,
      load: (perHour * serviceSec) / 3600,
      backlogSec: (own?.waiting ?? 0) * serviceSec,
    };
  }
  const servedBy = new Map<string, number>();
  for (const c of counters)
    if (c.working) for (const g of c.serviceIds) servedBy.set(g, (servedBy.get(g) ?? 0) + 1);
  const inPool = new Map<string, number>();
  for (const c of mine) for (const g of c.serviceIds) inPool.set(g, (inPool.get(g) ?? 0) + 1);
  let perHour = 0;
  let load = 0;
  let backlogSec = 0;
  for (const [g, k] of inPool) {
    const d = demand.get(g);
    if (!d) continue;
    const share = k / (servedBy.get(g) ?? k);
    perHour += d.perHour * share;
    load += ((d.perHour * d.serviceSec) / 3600) * share;
    backlogSec += d.waiting * d.serviceSec * share;
  }
  return { servers: mine.length, perHour, load, backlogSec };
}

/**
 * The whole hall as one pool: every working counter, all the load and all the waiting
 * work, as if any counter could serve any field. Its hint is a lower bound on the
 * counters the hall needs; when it asks for none while some fields are short, the
 * counters are there but serve the wrong fields.
 */
export function hallPool(
  counters: readonly CounterCapacity[],
  demand: ReadonlyMap<string, FieldDemand>,
): Pool {
  let perHour = 0;
  let load = 0;
  let backlogSec = 0;
  for (const d of demand.values()) {
    perHour += d.perHour;
    load += (d.perHour * d.serviceSec) / 3600;
    backlogSec += d.waiting * d.serviceSec;
  }
  return { servers: counters.filter((c) => c.working).length, perHour, load, backlogSec };
}

export interface StaffingHint {
  /** Working counters the pool needs in all (now + more). */
  needed: number;
  /** Counters to add for the field (0 = enough now). */
  more: number;
  /** Erlang C mean wait with the counters there now; Infinity when they cannot keep up. */
  expectedWaitSec: number;
  /** Roughly how long a visitor joining now waits behind the work in line (Infinity without a counter). */
  joinWaitSec: number;
  /** Which need decided: the arrivals (`steady`), the people already waiting (`backlog`), or nothing to do. */
  reason: "steady" | "backlog" | "none";
}

/**
 * The hint for a field's pool: the fewest counters c ≥ the pool's whose Erlang C mean
 * wait is within `targetSec` for the pool's arrivals, and the fewest that bring the line
 * back under the target within `drainSec` (c ≥ (B + a·H) / (H + T)); `more` is what the
 * larger asks beyond the counters there now. The pool's mean service time is its
 * load-weighted mean.
 */
export function staffingHint(p: Pool, targetSec: number, drainSec = DRAIN_SEC): StaffingHint {
  const s = p.perHour > 0 ? (p.load * 3600) / p.perHour : 0;
  const steady = p.perHour > 0 ? Math.max(p.servers, serversForTarget(p.perHour, s, targetSec)) : p.servers;
  const backlog =
    p.backlogSec > 0
      ? Math.max(p.servers, Math.ceil((p.backlogSec + p.load * drainSec) / (drainSec + targetSec) - 1e-9))
      : p.servers;
  const needed = Math.max(steady, backlog);
  const expectedWaitSec = meanWaitSec(p.servers, p.perHour, s);
  const joinWaitSec =
    p.backlogSec === 0 ? 0 : p.servers > 0 ? p.backlogSec / p.servers : Number.POSITIVE_INFINITY;
  const reason = needed === p.servers ? "none" : backlog > steady ? "backlog" : "steady";
  return { needed, more: needed - p.servers, expectedWaitSec, joinWaitSec, reason };
}

/** Inputs of the arrival-rate estimate for one field. */
export interface ArrivalInputs {
  /** Issue instants (epoch ms) of this field's tickets seen live on the event stream. */
  seen: readonly number[];
  /** Since when the stream has been watched without a gap (epoch ms), or null. */
  watchedSince: number | null;
  now: number;
  /** Today's tickets per hour of issue over all fields (`07` → n), from the reports API. */
  hourTickets: ReadonlyMap<string, number>;
  /** Today's tickets of this field and of all fields. */
  fieldToday: number;
  allToday: number;
}

/**
 * Arrivals per hour of a field over the last hour. With at least 30 minutes of gap-free
 * live events, it counts the field's tickets seen in the last hour (or since watching
 * began, scaled to an hour). Otherwise it estimates from today's reports: the hall's
 * tickets of the last 60 minutes (the current hour so far, plus the part of the previous
 * hour still inside the window, pro rata) times the field's share of today's tickets.
 */
export function estimateArrivals(x: ArrivalInputs): { perHour: number; source: "live" | "report" } {
  const HOUR = 3_600_000;
  if (x.watchedSince !== null && x.now - x.watchedSince >= 30 * 60_000) {
    const window = Math.min(HOUR, x.now - x.watchedSince);
    const n = x.seen.filter((t) => t > x.now - window && t <= x.now).length;
    return { perHour: (n * HOUR) / window, source: "live" };
  }
  if (x.allToday === 0) return { perHour: 0, source: "report" };
  const vn = new Date(x.now + 7 * HOUR);
  const hour = vn.getUTCHours();
  const minute = vn.getUTCMinutes() + vn.getUTCSeconds() / 60;
  const key = (h: number) => String(h).padStart(2, "0");
  const cur = x.hourTickets.get(key(hour)) ?? 0;
  const prev = hour > 0 ? (x.hourTickets.get(key(hour - 1)) ?? 0) : 0;
  const lastHour = cur + (prev * (60 - minute)) / 60;
  return { perHour: (lastHour * x.fieldToday) / x.allToday, source: "report" };
}
