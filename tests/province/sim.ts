/**
 * Test support: simulated halls (bench/reports-sim.ts, the real queue core and store) and a
 * direct shipment of their event rows into a province store, batch by batch, through the
 * same row form (server/uplink/rows.ts) and decoder (province/ingest/decode.ts) as the uplink.
 */
import type { Database } from "bun:sqlite";
import { provincialHall } from "../../bench/reports-hall.ts";
import { HallSim } from "../../bench/reports-sim.ts";
import { decodeEvents } from "../../province/ingest/decode.ts";
import type { ProvinceStore } from "../../province/store/store.ts";
import type { HallConfig } from "../../server/contract/index.ts";
import { openDatabase } from "../../server/store/db.ts";
import { ReportStore } from "../../server/store/reports.ts";
import { HallStore } from "../../server/store/store.ts";
import { UserStore } from "../../server/store/users.ts";
import { toEventRow } from "../../server/uplink/rows.ts";

export interface SimHall {
  db: Database;
  store: HallStore;
  reports: ReportStore;
  users: UserStore;
  config: HallConfig;
  sim: HallSim;
}

/** A simulated hall (`id`) with `officers` officers, in memory. */
export function simHall(
  id: string,
  o: { seed: number; baseDaily: number; officers?: number; bookedShare?: number },
): SimHall {
  const db = openDatabase(":memory:");
  const config = { ...provincialHall(), id };
  const users = new UserStore(db);
  const officerIds = Array.from(
    { length: o.officers ?? 40 },
    (_, i) =>
      users.create({ username: `cb${i}`, passwordHash: "x", name: `Cán bộ ${i}`, role: "officer" }, 0)!.id,
  );
  const store = new HallStore(db);
  const sim = new HallSim({
    config,
    store,
    officerIds,
    seed: o.seed,
    baseDaily: o.baseDaily,
    bookedShare: o.bookedShare,
  });
  return { db, store, reports: new ReportStore(db), users, config, sim };
}

/** Runs the given service days in the simulated hall. */
export function runDays(h: SimHall, days: string[]): void {
  for (const d of days) h.db.transaction(() => h.sim.day(d, 1))();
}

/** Ships every event row after the province's cursor, in batches of `batch`; returns how many. */
export async function ship(
  h: SimHall,
  province: ProvinceStore,
  batch = 500,
  now = Date.now(),
): Promise<number> {
  let sent = 0;
  for (;;) {
    const hall = (await province.halls.get(h.config.id))!;
    const rows = h.store.uplinkRows(hall.lastEventId, batch);
    if (rows.length === 0) return sent;
    const events = decodeEvents(
      h.config.id,
      rows.map((r) => toEventRow(r, h.config.id)),
    );
    await province.ingest.ingest(h.config.id, hall.lastEventId, events, now);
    sent += rows.length;
  }
}

/** Registers the simulated hall at the province with its config and (optionally) its officers' names. */
export async function register(
  h: SimHall,
  province: ProvinceStore,
  o: { names?: boolean; area?: string } = {},
) {
  await province.halls.create({ id: h.config.id, name: h.config.name, area: o.area ?? null }, 0);
  const officers = o.names
    ? h.users.list().map((u) => ({ id: u.id, name: u.name, username: u.username }))
    : null;
  await province.halls.setProfile(h.config.id, h.config, officers, 0);
}
