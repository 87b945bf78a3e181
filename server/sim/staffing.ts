/**
 * Staffing advice from the hall simulator (issue 9): the rest of today simulated from the
 * live state (who waits, which counters are open and what they serve, the visits in
 * progress, today's arrival profile from the hall's own history), with and without each
 * candidate change: one more counter for a field, or an open counter moved to a field.
 * Every option is run on the same random days (common random numbers), so the
 * difference it shows is the change's, not luck. Erlang C (docs/decisions/0071) assumes a
 * steady state and is wrong for a morning peak; this is what the hall would see.
 *
 * `staffingInput()` takes the snapshot from the core (cheap, on the hall thread);
 * `adviseStaffing()` is pure and runs off the hall thread (staffing-worker.ts).
 */
import type { HallConfig } from "../contract/config.ts";
import type { QueueCore } from "../queue/core.ts";
import { type Candidate, type DispatchCounter, POLICIES } from "../queue/dispatch.ts";
import { lognormal, lognormalBeyond, rng } from "../queue/random.ts";
import { lognormalResidual, SLOT_MIN } from "../queue/stats.ts";
import { isWithinHours } from "../queue/time.ts";
import { poissonArrivals, runForward, type SimCounter, type SimTicket } from "./forward.ts";
import { SLOT_WEIGHTS } from "./scenarios.ts";

const MIN = 60_000;

/** The live state the advice starts from (plain data: it crosses to a worker). */
export interface StaffingInput {
  now: number;
  /** Counter config, fields (id, names), targets, hours and policy of the hall. */
  config: Pick<HallConfig, "services" | "counters" | "targets" | "hours"> & {
    policy: HallConfig["dispatch"]["policy"];
  };
  waiting: Candidate[];
  counters: {
    number: number;
    open: boolean;
    paused: boolean;
    busy: { serviceId: string; since: number } | null;
  }[];
  /** Mean (ms) and coefficient of variation of each field's service time. */
  service: Record<string, { meanMs: number; cv: number }>;
  /** Expected arrivals per minute, per field and class, per 30-minute slot from `now` to `until`. */
  arrivals: { serviceId: string; priority: boolean; perMin: number[] }[];
  /** Start of the first slot of `arrivals` (ms). */
  slotsFrom: number;
  /** End of today's issuing (ms); counters serve on until the line is empty. */
  until: number;
}

/** What the rest of the day looks like under one option. */
export interface Outcome {
  /** Visitors counted: those waiting now and those still to come today. */
  visitors: number;
  /** Longest wait, minutes (mean over runs of each run's longest). */
  longestWaitMin: number;
  meanWaitMin: number;
  /** % called within the target (priority visitors: their own target). */
  withinTargetPct: number;
  /** E[(W − 15)+] × visitors: minutes beyond the target, summed. */
  minutesBeyond: number;
  /** Per field: longest and mean wait, % within target. */
  fields: Record<
    string,
    { longestWaitMin: number; meanWaitMin: number; withinTargetPct: number; visitors: number }
  >;
}

export interface StaffingOption {
  kind: "open" | "move";
  /** The field the change adds a counter for. */
  serviceId: string;
  /** Moved counter (kind "move"). */
  counter?: number;
  /** Fields the moved counter served before. */
  fromServiceIds?: string[];
  label: { vi: string; en: string };
  outcome: Outcome;
}

export interface StaffingAdvice {
  /** ISO instant of the state simulated. */
  at: number;
  until: number;
  runs: number;
  baseline: Outcome;
  /** Options, the most useful first (minutes beyond the target saved). */
  options: StaffingOption[];
}

/** The live state of `core` at `now`, with today's arrival forecast (`core.arrivals`). */
export function staffingInput(core: QueueCore, now: number): StaffingInput {
  const cfg = core.config;
  const slotMs = SLOT_MIN * MIN;
  const slotsFrom = Math.floor(now / slotMs) * slotMs;
  const anyHours = Object.values(cfg.hours).some((d) => d.length > 0);
  // Without opening hours in the config, the next two hours.
  const until = anyHours ? endOfIssuing(cfg.hours, now) : now + 2 * 3600_000;
  const slots = Math.max(0, Math.ceil((until - slotsFrom) / slotMs));
  const arrivals: StaffingInput["arrivals"] = [];
  for (const s of cfg.services)
    for (const priority of [false, true]) {
      const perMin = Array.from({ length: slots }, (_, i) => {
        const at = Math.max(now, slotsFrom + i * slotMs + slotMs / 2);
        if (anyHours && !isWithinHours(cfg.hours, at)) return 0;
        const rate = core.arrivals.perMin(s.id, priority, at, now);
        // No day learned yet: today's recent rate, shaped by the spec's profile over the day.
        return core.arrivals.learnedDays > 0 ? rate : (rate * profileWeight(at)) / profileWeight(now);
      });
      arrivals.push({ serviceId: s.id, priority, perMin });
    }
  const service: StaffingInput["service"] = {};
  for (const s of cfg.services)
    service[s.id] = { meanMs: core.serviceTimes.mean(s.id), cv: core.serviceTimes.cv(s.id) };
  return {
    now,
    config: {
      services: cfg.services,
      counters: cfg.counters,
      targets: cfg.targets,
      hours: cfg.hours,
      policy: cfg.dispatch.policy,
    },
    waiting: [...core.openTickets()]
      .filter((t) => t.status === "waiting")
      .map((t) => ({
        id: t.id,
        serviceId: t.serviceId,
        priority: t.priority,
        issuedAt: t.issuedAt,
        assignedCounter: t.assignedCounter,
      })),
    counters: cfg.counters.map((c) => {
      const rec = core.counter(c.number)!;
      const cur = core.current(c.number);
      return {
        number: c.number,
        open: rec.officerId !== null,
        paused: rec.pausedAt !== null,
        busy: cur ? { serviceId: cur.serviceId, since: cur.startedAt ?? cur.calledAt ?? now } : null,
      };
    }),
    service,
    arrivals,
    slotsFrom,
    until,
  };
}

/** End of the issuing span that contains `now` or comes next today (now when the hall is closed for the day). */
function endOfIssuing(hours: HallConfig["hours"], now: number): number {
  const step = 5 * MIN;
  let t = now;
  const dayEnd = now + 18 * 3600_000;
  let last = now;
  for (; t < dayEnd; t += step) if (isWithinHours(hours, t)) last = t + step;
  // Only today's spans: stop at the first long closure after the last open span (night).
  return Math.min(last, startOfNextDay(now));
}

/** Weight of the spec's arrival profile (SCENARIOS.md) at an instant; 1 outside its slots. */
function profileWeight(at: number): number {
  const minute = ((at + 7 * 3600_000) % 86_400_000) / MIN - 450; // minutes from 07:30
  const slot = SLOT_WEIGHTS.find(([start]) => minute >= start && minute < start + 30);
  return slot ? slot[1] : 1;
}

function startOfNextDay(now: number): number {
  const vn = now + 7 * 3600_000;
  return Math.floor(vn / 86_400_000) * 86_400_000 + 86_400_000 - 7 * 3600_000;
}

/** The advice: the baseline and each option, over `runs` simulated rests of the day. */
export function adviseStaffing(input: StaffingInput, runs = 8): StaffingAdvice {
  const names = new Map(input.config.services.map((s) => [s.id, s.name]));
  const baseline = simulate(input, null, runs);
  const fields = input.config.services.map((s) => s.id);
  const demand = (f: string) =>
    input.waiting.some((t) => t.serviceId === f) ||
    input.arrivals.some((a) => a.serviceId === f && a.perMin.some((x) => x > 0));
  const options: StaffingOption[] = [];
  for (const f of fields) {
    if (!demand(f)) continue;
    const n = names.get(f)!;
    options.push({
      kind: "open",
      serviceId: f,
      label: { vi: `Mở thêm 1 quầy ${n.vi}`, en: `Open one more counter for ${n.en}` },
      outcome: simulate(input, { add: f }, runs),
    });
  }
  // Moves: from the open counters whose fields wait least, to the fields that wait longest.
  const byWait = fields
    .filter((f) => baseline.fields[f]?.visitors)
    .sort((a, b) => baseline.fields[b]!.longestWaitMin - baseline.fields[a]!.longestWaitMin);
  const needy = byWait
    .filter((f) => baseline.fields[f]!.longestWaitMin > input.config.targets.waitMin)
    .slice(0, 3);
  const load = (c: { serviceIds: string[] }) =>
    Math.max(0, ...c.serviceIds.map((f) => baseline.fields[f]?.longestWaitMin ?? 0));
  const donors = input.config.counters
    .filter((c) => input.counters.find((x) => x.number === c.number)?.open)
    .sort((a, b) => load(a) - load(b))
    .slice(0, 3);
  for (const f of needy)
    for (const c of donors) {
      if (c.serviceIds.length === 1 && c.serviceIds[0] === f) continue;
      if (load(c) >= baseline.fields[f]!.longestWaitMin) continue;
      const n = names.get(f)!;
      options.push({
        kind: "move",
        serviceId: f,
        counter: c.number,
        fromServiceIds: [...c.serviceIds],
        label: { vi: `Chuyển quầy ${c.number} sang ${n.vi}`, en: `Move counter ${c.number} to ${n.en}` },
        outcome: simulate(input, { move: c.number, to: f }, runs),
      });
    }
  options.sort((a, b) => a.outcome.minutesBeyond - b.outcome.minutesBeyond);
  return { at: input.now, until: input.until, runs, baseline, options };
}

type Change = { add: string } | { move: number; to: string } | null;

/** Runs the rest of the day `runs` times (same seeds for every option) and sums up the waits. */
function simulate(input: StaffingInput, change: Change, runs: number): Outcome {
  const { now, config } = input;
  const policy = POLICIES[config.policy];
  const mean = (s: string) => input.service[s]?.meanMs ?? 6 * MIN;
  const cv = (s: string) => input.service[s]?.cv ?? 0.7;
  const target = (t: Candidate) =>
    t.priority !== "none" ? config.targets.priorityWaitMin : config.targets.waitMin;
  const acc = new Map<string, { n: number; sum: number; inT: number; longest: number }>();
  let longest = 0;
  let n = 0;
  let sum = 0;
  let inT = 0;
  let beyond = 0;
  for (let k = 0; k < runs; k++) {
    const r = rng(0x5eed + k);
    const counters: SimCounter[] = [];
    for (const c of config.counters) {
      const live = input.counters.find((x) => x.number === c.number);
      if (!live?.open) continue;
      let serviceIds = c.serviceIds;
      if (change && "move" in change && change.move === c.number) serviceIds = [change.to];
      const cfg: DispatchCounter = { number: c.number, serviceIds, priority: c.priority };
      const b = live.busy;
      const end = b ? b.since + lognormalBeyond(r, mean(b.serviceId), cv(b.serviceId), now - b.since) : now;
      // A paused counter ("Tạm nghỉ") is assumed back in ten minutes.
      if (live.paused) {
        counters.push({
          cfg,
          busy: { serviceId: serviceIds[0]!, since: now },
          freeAt: now + 10 * MIN,
          idleSince: now,
        });
        continue;
      }
      counters.push({ cfg, busy: b, freeAt: Math.max(now, end), idleSince: now });
    }
    if (change && "add" in change)
      counters.push({
        cfg: { number: 10_000, serviceIds: [change.add], priority: false },
        busy: null,
        freeAt: now,
        idleSince: now,
      });
    const waiting: SimTicket[] = input.waiting.map((t) => ({
      ...t,
      serviceMs: lognormal(r, mean(t.serviceId), cv(t.serviceId)),
    }));
    const streams = input.arrivals.map((a) => {
      let id = -1_000_000 * (input.arrivals.indexOf(a) + 1);
      return poissonArrivals(
        now,
        input.until,
        SLOT_MIN * MIN,
        (at) => a.perMin[Math.floor((at - input.slotsFrom) / (SLOT_MIN * MIN))] ?? 0,
        r,
        (at) => ({
          id: id--,
          serviceId: a.serviceId,
          priority: a.priority ? "elderly" : "none",
          issuedAt: at,
          assignedCounter: null,
          serviceMs: lognormal(r, mean(a.serviceId), cv(a.serviceId)),
        }),
      );
    });
    // Merge the per-field streams in time order.
    const heads = streams.map((s) => s());
    const nextArrival = () => {
      let best = -1;
      for (let i = 0; i < heads.length; i++)
        if (heads[i] && (best < 0 || heads[i]!.issuedAt < heads[best]!.issuedAt)) best = i;
      if (best < 0) return null;
      const t = heads[best]!;
      heads[best] = streams[best]!();
      return t;
    };
    let runLongest = 0;
    const runField = new Map<string, number>();
    runForward({
      policy,
      targets: config.targets,
      now,
      waiting,
      counters,
      nextArrival,
      meanMs: mean,
      residualMs: (s, e) => lognormalResidual(mean(s), cv(s), e),
      onCall: (t, _c, at) => {
        const waited = (at - t.issuedAt) / MIN;
        const a = acc.get(t.serviceId) ?? { n: 0, sum: 0, inT: 0, longest: 0 };
        a.n++;
        a.sum += waited;
        if (waited <= target(t)) a.inT++;
        acc.set(t.serviceId, a);
        runField.set(t.serviceId, Math.max(runField.get(t.serviceId) ?? 0, waited));
        n++;
        sum += waited;
        if (waited <= target(t)) inT++;
        beyond += Math.max(0, waited - config.targets.waitMin);
        runLongest = Math.max(runLongest, waited);
      },
    });
    longest += runLongest;
    for (const [f, m] of runField) acc.get(f)!.longest += m;
  }
  const fields: Outcome["fields"] = {};
  for (const [f, a] of acc)
    fields[f] = {
      longestWaitMin: a.longest / runs,
      meanWaitMin: a.sum / a.n,
      withinTargetPct: (100 * a.inT) / a.n,
      visitors: a.n / runs,
    };
  return {
    visitors: n / runs,
    longestWaitMin: longest / runs,
    meanWaitMin: n ? sum / n : 0,
    withinTargetPct: n ? (100 * inT) / n : 100,
    minutesBeyond: beyond / runs,
    fields,
  };
}
