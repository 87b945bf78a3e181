/**
 * Generates one year of a busy provincial service center into a SQLite file, through the
 * real migrations (`openDatabase`), queue core and store (bench/reports-sim.ts).
 *
 *   node scripts/bun.mjs bench/gen-year.ts --out /tmp/rep-year.db [--year 2025] [--tickets 500000] [--seed 1]
 *   node scripts/bun.mjs bench/gen-year.ts --out /tmp/rep-q.db --from 2025-01-01 --to 2025-03-31
 *
 * `--tickets` is the expected yearly total; the daily base is scaled from it over the
 * working days (Monday–Friday, Saturday mornings, no public holidays). Writes go in one
 * transaction per day with `synchronous = OFF` (a generator, not a hall).
 */
import { existsSync, rmSync } from "node:fs";
import { parseArgs } from "node:util";
import { dayStartMs, serviceDay, vnParts } from "../server/queue/time.ts";
import { openDatabase } from "../server/store/db.ts";
import { HallStore } from "../server/store/store.ts";
import { UserStore } from "../server/store/users.ts";
import { HALF_HOUR_PROFILE, HOLIDAYS, provincialHall } from "./reports-hall.ts";
import { dayFactor, HallSim, rng } from "./reports-sim.ts";

export interface GenOptions {
  out: string;
  from: string;
  to: string;
  ticketsPerYear: number;
  seed: number;
  officers?: number;
  log?: (s: string) => void;
}

/** Working service days in [from, to]: no Sundays, no public holidays. */
export function workingDays(from: string, to: string): { day: string; afterHoliday: boolean }[] {
  const out: { day: string; afterHoliday: boolean }[] = [];
  let off = false;
  for (let t = dayStartMs(from); t <= dayStartMs(to); t += 86_400_000) {
    const day = serviceDay(t);
    const p = vnParts(t);
    const holiday = (HOLIDAYS[p.year] ?? []).includes(day);
    if (p.weekday === 6) continue;
    if (holiday) {
      off = true;
      continue;
    }
    out.push({ day, afterHoliday: off });
    off = false;
  }
  return out;
}

/** Writes the simulated days into a fresh database file; returns counts and timing. */
export function generate(o: GenOptions): { tickets: number; events: number; days: number; ms: number } {
  const t0 = performance.now();
  for (const f of [o.out, `${o.out}-wal`, `${o.out}-shm`]) if (existsSync(f)) rmSync(f);
  const db = openDatabase(o.out);
  db.exec("PRAGMA synchronous = OFF");
  const config = provincialHall();
  const users = new UserStore(db);
  const officerIds: number[] = [];
  const n = o.officers ?? 52;
  for (let i = 1; i <= n; i++) {
    const u = users.create(
      {
        username: `cb${String(i).padStart(2, "0")}`,
        passwordHash: "x",
        name: `Cán bộ ${i}`,
        role: "officer",
      },
      dayStartMs(o.from),
    );
    officerIds.push(u!.id);
  }
  users.create(
    { username: "quanly", passwordHash: "x", name: "Quản lý", role: "manager" },
    dayStartMs(o.from),
  );
  const store = new HallStore(db);
  const days = workingDays(o.from, o.to);
  // Scale so that a full year of working days yields ticketsPerYear in expectation.
  const yearFrom = `${o.from.slice(0, 4)}-01-01`;
  const yearDays = workingDays(yearFrom, `${o.from.slice(0, 4)}-12-31`);
  // Saturdays are mornings only: they get the morning share of the day profile.
  const morning =
    HALF_HOUR_PROFILE.slice(0, 10).reduce((s, x) => s + x, 0) / HALF_HOUR_PROFILE.reduce((s, x) => s + x, 0);
  const weights = yearDays.map(
    (d) =>
      dayFactor(d.day, rng(hash(d.day) ^ o.seed), d.afterHoliday) *
      (vnParts(dayStartMs(d.day)).weekday === 5 ? morning : 1),
  );
  const baseDaily = o.ticketsPerYear / weights.reduce((s, x) => s + x, 0);
  const sim = new HallSim({ config, store, officerIds, seed: o.seed, baseDaily });
  for (const [i, d] of days.entries()) {
    const f = dayFactor(d.day, rng(hash(d.day) ^ o.seed), d.afterHoliday);
    db.transaction(() => sim.day(d.day, f))();
    if (o.log && i % 20 === 0) o.log(`${d.day}: ${sim.tickets} tickets so far`);
  }
  const events = (db.query("SELECT COUNT(*) AS n FROM events").get() as { n: number }).n;
  db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  db.close();
  return { tickets: sim.tickets, events, days: days.length, ms: performance.now() - t0 };
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      out: { type: "string", default: "/tmp/rep-year.db" },
      year: { type: "string", default: "2025" },
      from: { type: "string" },
      to: { type: "string" },
      tickets: { type: "string", default: "500000" },
      seed: { type: "string", default: "1" },
    },
  });
  const res = generate({
    out: values.out!,
    from: values.from ?? `${values.year}-01-01`,
    to: values.to ?? `${values.year}-12-31`,
    ticketsPerYear: Number(values.tickets),
    seed: Number(values.seed),
    log: (s) => console.error(s),
  });
  console.log(
    `${values.out}: ${res.tickets} tickets, ${res.events} events, ${res.days} service days in ${(res.ms / 1000).toFixed(1)} s`,
  );
}
