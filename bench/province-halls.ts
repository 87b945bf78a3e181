/**
 * The province of the load bench (issue 13): one provincial center and 99 commune-level halls,
 * each a real hall database generated through the real queue core and store
 * (bench/reports-sim.ts), so the uplink replays exactly what halls write.
 *
 * Volumes are plausible figures, not measurements: since the 2025 reform a province has about
 * 100 communes (3,321 in 34 provinces); a commune hall takes tens to a few hundred visits a
 * day (log-normal, median ≈ 90), the provincial center ≈ 1,500. Commune halls have 3–8
 * counters and a priority counter; the center has the 43 counters of bench/reports-hall.ts.
 */
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { type HallConfig, HallConfigSchema } from "../server/contract/index.ts";
import { openDatabase } from "../server/store/db.ts";
import { HallStore } from "../server/store/store.ts";
import { UserStore } from "../server/store/users.ts";
import { workingDays } from "./gen-year.ts";
import { FIELDS, provincialHall } from "./reports-hall.ts";
import { dayFactor, HallSim, rng } from "./reports-sim.ts";

export interface BenchHall {
  id: string;
  name: string;
  area: string;
  baseDaily: number;
  config: HallConfig;
  file: string;
}

const AREAS = ["Khu vực 1", "Khu vực 2", "Khu vực 3", "Khu vực 4", "Khu vực 5", "Khu vực 6"];

/** A commune hall: every field (the simulator draws from all eight), `n` counters plus a priority counter. */
export function communeHall(id: string, name: string, n: number): HallConfig {
  const ids = FIELDS.map((f) => f.id);
  const counters = Array.from({ length: n }, (_, i) => ({
    number: i + 1,
    // Each counter serves two or three neighbouring fields; together they cover all of them.
    serviceIds: [0, 1, 2].slice(0, i % 2 === 0 ? 3 : 2).map((k) => ids[(i * 2 + k) % ids.length]!),
  }));
  counters.push({ number: n + 1, serviceIds: [...ids], priority: true } as (typeof counters)[number]);
  const wd: [string, string][] = [
    ["07:30", "11:30"],
    ["13:30", "17:00"],
  ];
  return HallConfigSchema.parse({
    id,
    name: { vi: name, en: name },
    hours: { mon: wd, tue: wd, wed: wd, thu: wd, fri: wd, sat: [["07:30", "11:30"]], sun: [] },
    services: FIELDS.map((f) => ({
      id: f.id,
      prefix: f.prefix,
      name: { vi: f.vi, en: f.en },
      defaultServiceMin: f.serviceMin,
    })),
    counters,
  });
}

/** The 100 halls of the bench province (deterministic). */
export function benchProvince(dir: string, halls = 100): BenchHall[] {
  const r = rng(2025);
  const out: BenchHall[] = [];
  const center = { ...provincialHall(), id: "trung-tam-tinh" };
  center.name = { vi: "Trung tâm Phục vụ hành chính công tỉnh", en: "Provincial service center" };
  out.push({
    id: center.id,
    name: center.name.vi,
    area: "Cấp tỉnh",
    baseDaily: 1500,
    config: center,
    file: join(dir, `${center.id}.sqlite`),
  });
  for (let i = 1; i < halls; i++) {
    const id = `xa-${String(i).padStart(3, "0")}`;
    // Log-normal daily volume, median ≈ 90, clipped to 25–400.
    const z = Math.sqrt(-2 * Math.log(Math.max(r(), 1e-9))) * Math.cos(2 * Math.PI * r());
    const baseDaily = Math.round(Math.min(400, Math.max(25, 90 * Math.exp(0.6 * z))));
    const counters = Math.min(8, Math.max(3, Math.round(baseDaily / 35)));
    const name = `Xã số ${i}`;
    out.push({
      id,
      name,
      area: AREAS[i % AREAS.length]!,
      baseDaily,
      config: communeHall(id, name, counters),
      file: join(dir, `${id}.sqlite`),
    });
  }
  return out;
}

/** Generates the halls' databases for [from, to] (skips halls whose file exists). */
export function generateProvince(halls: BenchHall[], from: string, to: string, log: (s: string) => void) {
  const days = workingDays(from, to);
  let tickets = 0;
  for (const [k, h] of halls.entries()) {
    if (existsSync(h.file)) continue;
    mkdirSync(join(h.file, ".."), { recursive: true });
    const tmp = `${h.file}.tmp`;
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
    const db = openDatabase(tmp);
    db.exec("PRAGMA synchronous = OFF");
    const users = new UserStore(db);
    const officers = Array.from(
      { length: h.config.counters.length + 2 },
      (_, i) =>
        users.create(
          { username: `cb${i + 1}`, passwordHash: "x", name: `Cán bộ ${i + 1}`, role: "officer" },
          0,
        )!.id,
    );
    const sim = new HallSim({
      config: h.config,
      store: new HallStore(db),
      officerIds: officers,
      seed: 1000 + k,
      baseDaily: h.baseDaily,
    });
    for (const d of days)
      db.transaction(() =>
        sim.day(d.day, dayFactor(d.day, rng(k * 7919 + Number(d.day.replaceAll("-", ""))), d.afterHoliday)),
      )();
    tickets += sim.tickets;
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    db.close();
    for (const f of [`${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
    Bun.spawnSync(["mv", tmp, h.file]);
    if (k % 10 === 0) log(`  generated ${k + 1}/${halls.length} halls (${tickets} tickets so far)`);
  }
  return days.length;
}
