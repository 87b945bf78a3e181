/**
 * The province under load (issue 13): 100 halls × a month of generated days
 * (bench/province-halls.ts) replayed through the real uplink (server/uplink/shipper.ts, one per
 * hall, all reconnecting at once after "a month offline") into the real province server on its
 * real HTTP port, while one live hall (in process, real ports) makes calls and the live wall's
 * push is timed; then a year of summary rows (the month's, repeated) for the year reports.
 *
 *   npm run bench:province [-- --halls 100 --from 2026-03-02 --to 2026-03-31 --database-url postgres://… | --pg]
 *
 * Prints: generation, ingestion rate (events/s) against the busiest realistic rate (every
 * hall at the busiest minute of the month), catch-up lag per hall, live-wall latency (call →
 * pushed frame, during the catch-up storm and idle), report times over a month and a year.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { type Subprocess, spawn } from "bun";
import { ProvinceStore } from "../province/store/store.ts";
import { type RunningHall, startHall } from "../server/main.ts";
import { openDatabase } from "../server/store/db.ts";
import { HallStore } from "../server/store/store.ts";
import { startPostgres } from "../tests/helpers/postgres.ts";
import { workingDays } from "./gen-year.ts";
import { freePort, ROOT } from "./lib.ts";
import { benchProvince, generateProvince } from "./province-halls.ts";

const { values } = parseArgs({
  options: {
    halls: { type: "string", default: "100" },
    from: { type: "string", default: "2026-03-02" },
    to: { type: "string", default: "2026-03-31" },
    "database-url": { type: "string" },
    pg: { type: "boolean", default: false },
    batch: { type: "string", default: "500" },
    data: { type: "string", default: join(ROOT, "bench-data", "province") },
  },
});
const nHalls = Number(values.halls);
const T0 = performance.now();
const log = (s: string) => console.log(s);
const ms = (x: number) => `${Math.round(x)} ms`;
/** The machine's load, printed next to every figure (the machine is shared). */
const load = () =>
  `load ${loadavg()
    .map((x) => x.toFixed(1))
    .join(" ")}`;
const pctl = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s[Math.max(0, Math.ceil((p * s.length) / 100) - 1)]!;
};

// ------------------------------------------------------------------ 1. the halls' databases
const dir = join(values.data!, `${nHalls}-${values.from}-${values.to}`);
mkdirSync(dir, { recursive: true });
const halls = benchProvince(dir, nHalls);
let t0 = performance.now();
log(`Generating ${nHalls} halls × working days ${values.from} … ${values.to} in ${dir} (cached)…`);
const days = generateProvince(halls, values.from!, values.to!, log);
log(`  ${days} service days, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const stores = halls.map((h) => new HallStore(openDatabase(h.file)));
const totalEvents = stores.reduce((s, st) => s + st.lastEventId(), 0);
const totalTickets = stores.reduce(
  (s, st) => s + (st.db.query("SELECT COUNT(*) AS n FROM tickets").get() as { n: number }).n,
  0,
);
// The busiest realistic rate: all halls' events per minute at the busiest minute of the month.
const perMinute = new Map<number, number>();
for (const st of stores)
  for (const r of st.db.query("SELECT at / 60000 AS m, COUNT(*) AS n FROM events GROUP BY 1").all() as {
    m: number;
    n: number;
  }[])
    perMinute.set(Math.floor(r.m), (perMinute.get(Math.floor(r.m)) ?? 0) + r.n);
const peakPerMin = Math.max(...perMinute.values());
const peakPerSec = peakPerMin / 60;
log(
  `  ${totalTickets} tickets, ${totalEvents} events; busiest minute of the province: ${peakPerMin} events (${peakPerSec.toFixed(1)}/s)`,
);

// ------------------------------------------------------------------ 2. the province (its own process)
let databaseUrl = values["database-url"];
let pg: Awaited<ReturnType<typeof startPostgres>> | null = null;
if (values.pg) {
  pg = await startPostgres();
  databaseUrl = pg.url;
}
const port = await freePort();
const mqttPort = await freePort();
const provinceData = mkdtempSync(join(tmpdir(), "qms-bench-province-"));
const provinceUrl = `http://127.0.0.1:${port}`;
let provinceProc: Subprocess | null = null;
/** Starts `bun province/main.ts`; returns the time until /api/health answers. */
async function startProvinceProcess(): Promise<number> {
  const t = performance.now();
  provinceProc = spawn([process.execPath, join(ROOT, "province/main.ts")], {
    env: {
      ...process.env,
      QMS_PROVINCE_PORT: String(port),
      QMS_PROVINCE_DATA_DIR: provinceData,
      QMS_PROVINCE_MQTT_PORT: String(mqttPort),
      QMS_PROVINCE_MQTT_PUBLIC_URL: `mqtt://127.0.0.1:${mqttPort}`,
      QMS_PROVINCE_ADMIN_PASSWORD: "bench-password",
      ...(databaseUrl ? { QMS_PROVINCE_DATABASE_URL: databaseUrl } : {}),
    },
    stdout: "pipe",
    stderr: "inherit",
  });
  // Its log is dropped but for stalls of its event loop, printed with the time since the bench began.
  void (async () => {
    const rd = (provinceProc!.stdout as ReadableStream<Uint8Array>).getReader();
    const dec = new TextDecoder();
    for (let c = await rd.read(); !c.done; c = await rd.read())
      for (const line of dec.decode(c.value).split("\n"))
        if (line.includes("event loop held"))
          console.warn(`  [province at ${((performance.now() - T0) / 1000).toFixed(0)} s] ${line}`);
  })();
  for (;;) {
    if (
      await fetch(`${provinceUrl}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return performance.now() - t;
    if (performance.now() - t > 120_000) throw new Error("the province did not start");
    await Bun.sleep(20);
  }
}
// A failing run must not leave the province (or the PostgreSQL server) running.
process.on("exit", () => {
  provinceProc?.kill("SIGKILL");
  pg?.stop();
});
async function stopProvinceProcess() {
  provinceProc?.kill("SIGTERM");
  await provinceProc?.exited;
}
const coldMs = await startProvinceProcess();
const engine = ((await (await fetch(`${provinceUrl}/api/health`)).json()) as { store: string }).store;
log(`Province (${engine}) in its own process, first start in ${ms(coldMs)}`);
const login = async () =>
  (
    (await (
      await fetch(`${provinceUrl}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "admin", password: "bench-password" }),
      })
    ).json()) as { token: string }
  ).token;
let adminToken = await login();
const addHall = async (id: string, name: string, area: string) => {
  const r = await fetch(`${provinceUrl}/api/halls`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ id, name: { vi: name, en: name }, area }),
  });
  return ((await r.json()) as { credential: string }).credential.split(":")[1]!;
};
const secrets = new Map<string, string>();
for (const h of halls) secrets.set(h.id, await addHall(h.id, h.name, h.area));
const liveSecret = await addHall("phu-lien", "Phường Phú Liên", "Khu vực 1");

// The live wall as a dashboard sees it.
const frames: { at: number; lastEventId: number; liveEventId: number; hallId: string }[] = [];
const sse = await fetch(`${provinceUrl}/api/live`, { headers: { authorization: `Bearer ${adminToken}` } });
void (async () => {
  const rd = sse.body!.getReader();
  rd.closed.catch(() => {}); // the province closes the stream at the end
  const dec = new TextDecoder();
  let buf = "";
  for (
    let c = await rd.read().catch(() => ({ done: true as const, value: undefined }));
    !c.done;
    c = await rd.read().catch(() => ({ done: true as const, value: undefined }))
  ) {
    buf += dec.decode(c.value, { stream: true });
    for (let i = buf.indexOf("\n\n"); i >= 0; i = buf.indexOf("\n\n")) {
      const chunk = buf.slice(0, i);
      buf = buf.slice(i + 2);
      if (!chunk.startsWith("event: hall")) continue;
      const h = (
        JSON.parse(chunk.slice(chunk.indexOf("data: ") + 6)) as {
          hall: { id: string; lastEventId: number; live: { lastEventId: number } | null };
        }
      ).hall;
      frames.push({
        at: performance.now(),
        lastEventId: h.lastEventId,
        liveEventId: h.live?.lastEventId ?? 0,
        hallId: h.id,
      });
    }
  }
})();

// One live hall (in process, real ports): a call, then the time until the wall shows its event.
const liveData = mkdtempSync(join(tmpdir(), "qms-bench-live-"));
const live: RunningHall = await startHall({
  port: 0,
  mqttPort: 0,
  host: "127.0.0.1",
  dataDir: liveData,
  adminPassword: "bench-password",
  ticketRateLimit: 0,
  publicUrl: "http://bench",
  provinceUrl: `http://phu-lien:${liveSecret}@127.0.0.1:${port}`,
  log: () => {},
});
const liveApi = async (path: string, token?: string, body?: unknown) =>
  (await fetch(`${live.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body ?? {}),
  }).then((r) => r.json())) as Record<string, unknown>;
const officer = (
  await liveApi("/api/auth/login", undefined, { username: "canbo7", password: "bench-password" })
).token as string;
await liveApi("/api/counters/7/open", officer);
/**
 * A call at the live hall, then two times: until the wall shows it through the hall's live
 * summary (MQTT: waiting, counters), and until it shows it through the ingested events
 * (HTTP uplink → PostgreSQL: today's figures, last event).
 */
async function timedCall(): Promise<[number, number]> {
  await liveApi("/api/tickets", undefined, { serviceId: "ho-tich" });
  const t = performance.now();
  await liveApi("/api/counters/7/call-next", officer);
  const id = live.hall.lastEventId();
  const out: [number, number] = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
  for (;;) {
    const mine = frames.filter((x) => x.hallId === "phu-lien" && x.at >= t);
    const a = mine.find((x) => x.liveEventId >= id);
    const b = mine.find((x) => x.lastEventId >= id);
    if (a) out[0] = a.at - t;
    if (b) out[1] = b.at - t;
    if ((a && b) || performance.now() - t > 30_000) break;
    await Bun.sleep(5);
  }
  await liveApi("/api/counters/7/finish", officer);
  return out;
}
for (let i = 0; i < 3; i++) await timedCall(); // warm-up

// ------------------------------------------------------------------ 3. the replay through the uplink
// The hundred halls' uplinks run in a child process (bench/province-senders.ts): this process
// only holds the live hall and the dashboard's stream, whose timings are printed.
log(
  `Replaying ${totalEvents} events of ${nHalls} halls through their uplinks (all at once, batches of ${values.batch}, in a child process)…`,
);
const done = new Map<string, number>();
const jobFile = join(provinceData, "senders.json");
writeFileSync(
  jobFile,
  JSON.stringify({
    provinceUrl,
    dir,
    halls: nHalls,
    batch: Number(values.batch),
    secrets: Object.fromEntries(secrets),
  }),
);
for (const st of stores) st.db.close();
const senders = spawn([process.execPath, join(ROOT, "bench/province-senders.ts"), jobFile], {
  stdout: "pipe",
  stderr: "inherit",
});
let replayMs = Number.NaN;
const sendersDone = (async () => {
  const rd = senders.stdout.getReader();
  const dec = new TextDecoder();
  let buf = "";
  for (let c = await rd.read(); !c.done; c = await rd.read()) {
    buf += dec.decode(c.value, { stream: true });
    for (let i = buf.indexOf("\n"); i >= 0; i = buf.indexOf("\n")) {
      const [kind, a, b] = buf.slice(0, i).split(" ");
      buf = buf.slice(i + 1);
      if (kind === "acked") done.set(a!, Number(b));
      else if (kind === "done") replayMs = Number(a);
      else if (kind === "warn") console.warn(`  ${[a, b].join(" ")}…`);
    }
  }
})();
const stormLatency: [number, number][] = [];
while (Number.isNaN(replayMs)) {
  if (stormLatency.length < 60) stormLatency.push(await timedCall());
  else await Bun.sleep(100);
}
await sendersDone;
await senders.exited;
const replayLoad = load();
const rate = totalEvents / (replayMs / 1000);
log(
  `  replayed in ${(replayMs / 1000).toFixed(1)} s: ${Math.round(rate)} events/s (${replayLoad}); wall during it, summary ${JSON.stringify(stormLatency.map((x) => Math.round(x[0])))}, ingested ${JSON.stringify(stormLatency.map((x) => Math.round(x[1])))}`,
);
const idleLatency: [number, number][] = [];
for (let i = 0; i < 20; i++) idleLatency.push(await timedCall());
const idleLoad = load();

// ------------------------------------------------------------------ 4. reports, over HTTP as the dashboard asks
/**
 * CPU time of the province process so far (ms; all its threads, PGlite's included; not a
 * PostgreSQL server's own processes): on a shared machine the wall time of a report says as
 * much about the other engineers' load as about the report, its CPU time does not.
 */
function provinceCpuMs(): number {
  try {
    const f = readFileSync(`/proc/${provinceProc!.pid}/stat`, "utf8");
    const x = f.slice(f.lastIndexOf(")") + 2).split(" ");
    return ((Number(x[11]) + Number(x[12])) * 1000) / 100; // utime + stime, in 1/100 s
  } catch {
    return Number.NaN;
  }
}
/** Label, first, warm best, warm median (wall ms), load, CPU ms of the first and the median warm run. */
type Timing = [string, number, number, number, string, number, number];
async function time(label: string, path: string, runs = 4): Promise<Timing> {
  const xs: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const c = provinceCpuMs();
    const r = await fetch(`${provinceUrl}${path}`, { headers: { authorization: `Bearer ${adminToken}` } });
    if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    await r.arrayBuffer();
    xs.push(performance.now() - t);
    cpu.push(provinceCpuMs() - c);
  }
  return [
    label,
    xs[0]!,
    Math.min(...xs.slice(1)),
    pctl(xs.slice(1), 50),
    load(),
    cpu[0]!,
    pctl(cpu.slice(1), 50),
  ];
}
const monthRows: Timing[] = [];
for (const g of ["hall", "area", "service"])
  monthRows.push(
    await time(
      `replayed days by ${g}`,
      `/api/reports/waits?from=${values.from}&to=${values.to}&groupBy=${g}`,
    ),
  );
monthRows.push(
  await time(
    "the center's own report by field (replayed days, from the ticket projection)",
    `/api/halls/trung-tam-tinh/reports/waits?from=${values.from}&to=${values.to}&groupBy=service`,
  ),
);
await live.stop();
await stopProvinceProcess();

// A year of summary_month (what the year reports read for whole months), made directly in the
// store from the replayed days: each month gets the replayed days' cells repeated as often as
// it has working days (so a year holds ≈ 250 service days' waits; values repeat).
const year = values.from!.slice(0, 4);
const srcMonth = `${values.from!.slice(0, 7)}-01`;
t0 = performance.now();
const store = await ProvinceStore.open({ databaseUrl, dataDir: provinceData, inProcess: true });
await store.sql.query("CREATE TEMP TABLE src AS SELECT * FROM summary_month WHERE month = $1::date", [
  srcMonth,
]);
await store.sql.query("DELETE FROM summary_month WHERE month BETWEEN $1::date AND $2::date", [
  `${year}-01-01`,
  `${year}-12-01`,
]);
for (let m = 1; m <= 12; m++) {
  const mm = `${year}-${String(m).padStart(2, "0")}`;
  const last = new Date(Date.UTC(Number(year), m, 0)).getUTCDate();
  const r = Math.max(1, Math.round(workingDays(`${mm}-01`, `${mm}-${last}`).length / days));
  await store.sql.query(
    `INSERT INTO summary_month SELECT s.hall_id, $1::date, s.service_id, s.hour, s.tickets * $2, s.served * $2,
       s.no_shows * $2, s.cancelled * $2, s.within * $2, s.breaches * $2, s.wait_sum * $2, s.wait_max,
       s.service_sum * $2, s.service_n * $2, s.ratings * $2, s.satisfied * $2,
       (SELECT string_agg(x.w, ''::bytea) FROM generate_series(1, $2::int) AS g, LATERAL (SELECT s.waits AS w) AS x)
     FROM src s`,
    [`${mm}-01`, r],
  );
}
// What the ingest does in the same transaction: a new tag for every hall-month written (migration 002).
await store.sql.query("DELETE FROM summary_month_rev WHERE month BETWEEN $1::date AND $2::date", [
  `${year}-01-01`,
  `${year}-12-01`,
]);
await store.sql.query(
  `INSERT INTO summary_month_rev (hall_id, month, rev)
   SELECT hall_id, month, gen_random_uuid() FROM (SELECT DISTINCT hall_id, month FROM summary_month
   WHERE month BETWEEN $1::date AND $2::date) m`,
  [`${year}-01-01`, `${year}-12-01`],
);
const yearCells = (
  await store.sql.query<{ n: number; w: number }>(
    "SELECT count(*)::int8 AS n, sum(length(waits) / 8)::int8 AS w FROM summary_month WHERE month BETWEEN $1::date AND $2::date",
    [`${year}-01-01`, `${year}-12-01`],
  )
)[0]!;
await store.close();
log(
  `A year of summary_month (loaded directly from the replayed days): ${yearCells.n} cells holding ${yearCells.w} waits (made in ${ms(performance.now() - t0)}); ${load()}`,
);
// The first start after that load: no cache file matches what is in the store (the months were
// written behind the server's back), so the year is read out of the database while the first
// report waits. Then, for each kind of report, a plain restart (the cache kept in its file)
// and the report asked at once (cold), then three times more (warm).
const yq = `from=${year}-01-01&to=${year}-12-31`;
let warmMs = await startProvinceProcess();
adminToken = await login();
const afterLoad = await time(
  "year by hall, first start after the year was written into the store",
  `/api/reports/waits?${yq}&groupBy=hall`,
  1,
);
const kinds: [string, string][] = [
  ...["hall", "area", "service", "month", "quarter", "half", "year"].map(
    (g) => [`year by ${g}`, `/api/reports/waits?${yq}&groupBy=${g}`] as [string, string],
  ),
  ["year by hour of issue", `/api/reports/waits?${yq}&groupBy=hour`],
  ["year ranking", `/api/reports/ranking?${yq}`],
  ["year ranking, Excel file", `/api/reports/ranking?${yq}&format=xlsx`],
  ["year by field, CSV file", `/api/reports/waits?${yq}&groupBy=service&format=csv`],
  [
    "year by month, one area's halls",
    `/api/reports/waits?${yq}&groupBy=month&area=${encodeURIComponent("Khu vực 2")}`,
  ],
  ["year by hall, Excel file", `/api/reports/waits?${yq}&groupBy=hall&format=xlsx`],
];
const yearRows: Timing[] = [];
const restarts: number[] = [];
for (const [label, path] of kinds) {
  await stopProvinceProcess();
  warmMs = await startProvinceProcess();
  restarts.push(warmMs);
  yearRows.push(await time(label, path));
}
await stopProvinceProcess();

// ------------------------------------------------------------------ report
const lags = [...done.values()];
const fmt = (xs: number[]) =>
  `p50 ${ms(pctl(xs, 50))}, p95 ${ms(pctl(xs, 95))}, max ${ms(Math.max(...xs))} (n=${xs.length})`;
log("");
log(`| figure | value |`);
log(`|---|---|`);
log(
  `| store | ${engine}; first start ${ms(coldMs)}, restart (until /api/health answers) median ${ms(pctl(restarts, 50))}, max ${ms(Math.max(...restarts))} |`,
);
log(`| halls × service days | ${nHalls} × ${days} |`);
log(`| tickets / events replayed | ${totalTickets} / ${totalEvents} |`);
log(`| replay (all halls catching up at once) | ${(replayMs / 1000).toFixed(1)} s |`);
log(`| ingestion rate | ${Math.round(rate)} events/s (${replayLoad}) |`);
log(`| busiest realistic rate (all halls, busiest minute) | ${peakPerSec.toFixed(1)} events/s |`);
log(`| ingestion ÷ busiest rate | ${(rate / peakPerSec).toFixed(0)}× (goal ≥ 10×) |`);
log(`| catch-up lag per hall (a month offline) | ${fmt(lags)} |`);
log(
  `| live wall, call → frame with the hall's live summary (MQTT), during the catch-up | ${fmt(stormLatency.map((x) => x[0]))} (${replayLoad}) |`,
);
log(
  `| live wall, call → frame with the ingested event (HTTP → PostgreSQL), during the catch-up | ${fmt(stormLatency.map((x) => x[1]))} (${replayLoad}) |`,
);
log(
  `| live wall, call → frame with the live summary, idle | ${fmt(idleLatency.map((x) => x[0]))} (${idleLoad}) |`,
);
log(
  `| live wall, call → frame with the ingested event, idle | ${fmt(idleLatency.map((x) => x[1]))} (${idleLoad}) |`,
);
for (const [l, first, best, med, ld] of monthRows)
  log(`| ${l} | first ${ms(first)}, then best ${ms(best)}, median ${ms(med)} (${ld}) |`);
log(
  `| ${afterLoad[0]} (every hall-month read from the database) | ${ms(afterLoad[1])} (CPU ${ms(afterLoad[5])}) (${afterLoad[4]}) |`,
);
for (const [l, first, best, med, ld, c0, c1] of yearRows)
  log(
    `| ${l} | right after a restart ${ms(first)} (CPU ${ms(c0)}); then best ${ms(best)}, median ${ms(med)} (CPU ${ms(c1)}) (${ld}) |`,
  );
log("");
log(
  `Extrapolated to a year of ingestion: ${(totalEvents * (250 / days)).toExponential(2)} events, ${((totalEvents * (250 / days)) / rate / 60).toFixed(0)} min of ingest time at this rate.`,
);

pg?.stop();
pg = null;
// The province's database of the run (≈ 1.7 GB with the year of summaries); the halls' files stay cached.
rmSync(provinceData, { recursive: true, force: true });
rmSync(liveData, { recursive: true, force: true });
process.exit(0);
