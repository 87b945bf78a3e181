/**
 * The bench's hundred halls catching up (bench/province.ts), in a process of their own: one
 * real uplink (server/uplink/shipper.ts) per generated hall database, all started at once,
 * so that reading and sending a month of events does not share an event loop with the live
 * hall and the dashboard stream whose timings the bench prints.
 *
 *   bun bench/province-senders.ts JOB.json
 *
 * JOB.json: { provinceUrl, dir, halls, batch, secrets: { [hallId]: secret } }. Prints one line
 * per event on stdout: `acked HALL MS` when a hall's last event is acknowledged (MS since the
 * start), `warn TEXT`, and `done MS` when every hall has caught up; stops on SIGTERM.
 */
import { readFileSync } from "node:fs";
import { openDatabase } from "../server/store/db.ts";
import { HallStore } from "../server/store/store.ts";
import { EventShipper } from "../server/uplink/shipper.ts";
import { benchProvince } from "./province-halls.ts";

const job = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as {
  provinceUrl: string;
  dir: string;
  halls: number;
  batch: number;
  secrets: Record<string, string>;
};
const out = (line: string) => process.stdout.write(`${line}\n`);
const halls = benchProvince(job.dir, job.halls);
const start = performance.now();
const shippers = halls.map((h) => {
  const store = new HallStore(openDatabase(h.file));
  const target = store.lastEventId();
  store.setUplinkAcked(0); // a fresh province: nothing acknowledged yet (the files are reused between runs)
  const s = new EventShipper({
    link: { baseUrl: job.provinceUrl, hallId: h.id, secret: job.secrets[h.id]! },
    store,
    profile: () => ({ config: h.config as unknown as Record<string, unknown> }),
    batch: job.batch,
    maxBackoffMs: 2000,
    log: (m) => (m.includes("cannot reach") ? out(`warn [${h.id}] ${m}`) : undefined),
  });
  s.start();
  return { s, target, id: h.id, done: false };
});
process.on("SIGTERM", () => {
  void Promise.all(shippers.map((x) => x.s.stop())).then(() => process.exit(0));
});
const timer = setInterval(() => {
  let all = true;
  for (const x of shippers) {
    if (x.done) continue;
    if (x.s.status().acked >= x.target) {
      x.done = true;
      out(`acked ${x.id} ${Math.round(performance.now() - start)}`);
    } else all = false;
  }
  if (all) {
    clearInterval(timer);
    out(`done ${Math.round(performance.now() - start)}`);
    void Promise.all(shippers.map((x) => x.s.stop())).then(() => process.exit(0));
  }
}, 50);
