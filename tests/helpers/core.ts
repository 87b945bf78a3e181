/** Builds a queue core on the demo hall (or a given config) for unit tests. */

import { loadHallConfig } from "../../server/config/load.ts";
import type { HallConfig } from "../../server/contract/config.ts";
import { QueueCore } from "../../server/queue/core.ts";
import { ServiceTimes } from "../../server/queue/stats.ts";
import { isoVn, serviceDay } from "../../server/queue/time.ts";
import type { Change } from "../../server/queue/types.ts";

/** 2026-11-23 (a Monday) 08:00 in Asia/Ho_Chi_Minh. */
export const MON_0800 = Date.parse("2026-11-23T08:00:00+07:00");
export const MIN = 60_000;

export function demoConfig(patch: Partial<HallConfig> = {}): HallConfig {
  return { ...loadHallConfig(), ...patch };
}

export function makeCore(config = demoConfig(), now = MON_0800) {
  let n = 0;
  const times = new ServiceTimes(new Map(config.services.map((s) => [s.id, s.defaultServiceMin * MIN])));
  const core = new QueueCore(
    config,
    {
      openTickets: [],
      counters: [],
      seqs: new Map(),
      day: serviceDay(now),
      nextTicketId: 1,
      recentCalls: [],
    },
    times,
    () => `code${String(++n).padStart(12, "0")}`,
    isoVn,
  );
  /** Decide + apply, as the hall does after a commit. */
  const run = <T extends { change: Change }>(r: T): T => {
    core.apply(r.change);
    return r;
  };
  return { core, run, config };
}
