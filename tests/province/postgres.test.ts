/**
 * The province as a real process on a real PostgreSQL server (initdb in a temp folder) with a
 * real Mosquitto carrying the halls' live state under per-hall credentials and ACLs generated
 * by the province (province/mqtt/mosquitto.ts), two halls in process on real ports, and the
 * faults of issue 13: `kill -9` of the province mid-ingestion, a PostgreSQL restart mid-
 * ingestion, a broker restart. After each, the province holds every event exactly once and
 * the hall's reports equal the province's, figure by figure.
 */
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Subprocess, spawn } from "bun";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { provinceMqttPassword } from "../../province/main.ts";
import { provinceAcl, provinceMosquittoConf, provincePasswords } from "../../province/mqtt/mosquitto.ts";
import { ProvinceStore } from "../../province/store/store.ts";
import type { RunningHall } from "../../server/main.ts";
import { client, login, PASSWORD } from "../helpers/hall.ts";
import { connect, record } from "../helpers/mqtt.ts";
import { freePort } from "../helpers/ports.ts";
import { startPostgres, type TestPostgres } from "../helpers/postgres.ts";
import { requireTool } from "../helpers/tools.ts";
import { ADMIN_PASSWORD, provinceClient, startLinkedHall, until } from "./helpers.ts";
import { type ProvinceProcess, spawnProvince } from "./process.ts";

let pg: TestPostgres;
let store: ProvinceStore;
let broker: Subprocess | null = null;
let server: ProvinceProcess | null = null;
let port = 0;
let mqttPort = 0;
let mqttDir = "";
let mqttPw = "";
const secrets: Record<string, string> = {};
let a: RunningHall;
let b: RunningHall;
const province = () => ({ url: `http://127.0.0.1:${port}` });

async function startBroker() {
  broker = spawn(["mosquitto", "-c", join(mqttDir, "mosquitto.conf")], {
    stdout: "ignore",
    stderr: "ignore",
  });
  await until(
    async () => {
      const c = await connect(`mqtt://127.0.0.1:${mqttPort}`, { username: "province", password: mqttPw });
      await c.endAsync();
      return true;
    },
    10_000,
    "mosquitto",
  );
}

async function startServer() {
  server = await spawnProvince(port, {
    QMS_PROVINCE_DATA_DIR: mkdtempSync(join(tmpdir(), "qms-prov-data-")),
    QMS_PROVINCE_DATABASE_URL: pg.url,
    QMS_PROVINCE_MQTT_URL: `mqtt://province:${mqttPw}@127.0.0.1:${mqttPort}`,
    QMS_PROVINCE_MQTT_PUBLIC_URL: `mqtt://127.0.0.1:${mqttPort}`,
    QMS_PROVINCE_ADMIN_PASSWORD: ADMIN_PASSWORD,
  });
}

/** Hall h's waits report of today equals the province's, and the province holds each event once. */
async function sameNumbers(h: RunningHall, id: string) {
  await until(
    async () => (await store.halls.get(id))!.lastEventId === h.hall.lastEventId(),
    30_000,
    `${id} caught up`,
  );
  const rows = await store.sql.query<{ n: number; d: number }>(
    "SELECT count(*)::int8 AS n, count(DISTINCT id)::int8 AS d FROM events WHERE hall_id = $1",
    [id],
  );
  const own = h.hall.lastEventId();
  expect(rows[0]).toEqual({ n: own, d: own }); // every row of the hall's log, none twice (ids 1…n, no gaps)
  const { call } = await provinceClient(province());
  const m = client(h.url, await login(h.url, "admin"));
  for (const g of ["service", "hour", "counter"]) {
    const mine = (await m("GET", `/api/reports/waits?preset=today&groupBy=${g}`)).body;
    const theirs = (await call("GET", `/api/halls/${id}/reports/waits?preset=today&groupBy=${g}`)).body;
    expect({ ...theirs, generatedAt: 0 }, g).toEqual({ ...mine, generatedAt: 0 });
  }
  const across = (await call("GET", `/api/reports/waits?preset=today&groupBy=hall&hall=${id}`)).body;
  const total = (await m("GET", "/api/reports/waits?preset=today&groupBy=day")).body.total;
  expect({ ...across.rows[0], key: "total", label: "" }).toEqual({ ...total, label: "" });
}

/** A burst of work in a hall: `n` tickets, most called and finished, a few rated. */
async function burst(h: RunningHall, n: number, counter: number, officer: string) {
  const H = h.hall;
  const users = (await client(h.url, await login(h.url, "admin"))("GET", "/api/users")).body.users as {
    id: number;
    username: string;
  }[];
  const who = { id: users.find((u) => u.username === officer)!.id, role: "officer" as const };
  if (H.holderOf(counter) === null) H.openCounter(counter, who);
  for (let i = 0; i < n; i++) {
    H.issue({ serviceId: "ho-tich", priority: "none", kioskId: null, lang: "vi" });
    if (i % 4 !== 3 && h.views.held(counter).currentTicket === null && H.callNext(counter, who)) {
      H.start(counter, who);
      H.finish(counter, who);
      if (i % 3 === 0) H.rateAtCounter(counter, 4);
    }
  }
}

beforeAll(async () => {
  requireTool("mosquitto");
  pg = await startPostgres();
  store = await ProvinceStore.open({ databaseUrl: pg.url });
  for (const id of ["phu-lien", "xa-b"])
    secrets[id] = (await store.halls.create({ id, area: "Khu vực 1" }, Date.now()))!;
  mqttPw = await provinceMqttPassword(store);
  [port, mqttPort] = [await freePort(), await freePort()];
  mqttDir = mkdtempSync(join(tmpdir(), "qms-prov-mosq-"));
  chmodSync(mqttDir, 0o777); // mosquitto (user mosquitto) reads the files and keeps its persistence file here
  const halls = await store.halls.list();
  writeFileSync(
    join(mqttDir, "acl"),
    provinceAcl(
      "qms",
      halls.map((h) => h.id),
    ),
    { mode: 0o644 },
  );
  writeFileSync(join(mqttDir, "passwd"), provincePasswords(halls, mqttPw), { mode: 0o644 });
  writeFileSync(join(mqttDir, "mosquitto.conf"), provinceMosquittoConf(mqttDir, mqttPort, "127.0.0.1"));
  await startBroker();
  await startServer();
  const url = (id: string) => `http://${id}:${secrets[id]}@127.0.0.1:${port}`;
  const tuning = { batch: 25, maxBackoffMs: 300, throttleMs: 100 };
  a = await startLinkedHall(url("phu-lien"), { uplinkTuning: tuning });
  b = await startLinkedHall(url("xa-b"), { id: "xa-b", name: "Xã B", uplinkTuning: tuning });
  await client(b.url, await login(b.url, "admin"))("POST", "/api/users", {
    username: "canbo1",
    password: PASSWORD,
    name: "Cán bộ Một",
    role: "officer",
  });
}, 120_000);

afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await server?.kill9();
  broker?.kill();
  await store?.close();
  pg?.stop();
});

describe("the province on PostgreSQL and Mosquitto", () => {
  it("ingests both halls into monthly partitions and shows them live through Mosquitto", async () => {
    await burst(a, 40, 1, "canbo1");
    await burst(b, 25, 2, "canbo1");
    await sameNumbers(a, "phu-lien");
    await sameNumbers(b, "xa-b");
    const { call } = await provinceClient(province());
    expect((await call("GET", "/api/health")).body).toMatchObject({ store: "PostgreSQL", mqtt: "connected" });
    const halls = await until(
      async () => {
        const r = (await call("GET", "/api/halls")).body.halls as {
          id: string;
          online: boolean;
          live: { lastEventId: number } | null;
        }[];
        return r.every(
          (h) => h.online && h.live?.lastEventId === (h.id === "xa-b" ? b : a).hall.lastEventId(),
        )
          ? r
          : null;
      },
      15_000,
      "both halls live",
    );
    expect(halls.map((h) => h.id)).toEqual(["phu-lien", "xa-b"]);
    const parts = await store.sql.query<{ name: string }>(
      "SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname IN ('events', 'tickets', 'summary_hour') AND c.relkind = 'r'",
    );
    const month = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7).replace("-", "_");
    expect(parts.map((p) => p.name)).toEqual(
      expect.arrayContaining([`events_p${month}`, `tickets_p${month}`, `summary_p${month}`]),
    );
  }, 90_000);

  it("Mosquitto lets a hall publish only under its own prefix, and nobody in without a login", async () => {
    const url = `mqtt://127.0.0.1:${mqttPort}`;
    const spy = await record(url, ["qms/+/province/summary"], { username: "province", password: mqttPw });
    const forger = await connect(url, { username: "xa-b", password: secrets["xa-b"] });
    await forger.publishAsync("qms/phu-lien/province/summary", JSON.stringify({ forged: true }), { qos: 1 });
    await forger.publishAsync("qms/xa-b/province/status", "online", { qos: 1, retain: true });
    await Bun.sleep(500);
    expect(spy.messages.some((m) => m.payload.includes("forged"))).toBe(false);
    await expect(connect(url, { username: "xa-b", password: "wrong" })).rejects.toThrow();
    await expect(connect(url)).rejects.toThrow();
    await Promise.all([forger.endAsync(), spy.close()]);
  });

  it("kill -9 of the province mid-ingestion: nothing lost, nothing counted twice", async () => {
    const start = (await store.halls.get("phu-lien"))!.lastEventId;
    await burst(a, 150, 1, "canbo1");
    const target = a.hall.lastEventId();
    await until(
      async () => (await store.halls.get("phu-lien"))!.lastEventId > start + 50,
      30_000,
      "ingestion under way",
    );
    await server!.kill9();
    const mid = (await store.halls.get("phu-lien"))!.lastEventId;
    expect(mid).toBeLessThan(target);
    await startServer();
    await sameNumbers(a, "phu-lien");
  }, 120_000);

  it("a PostgreSQL restart mid-ingestion: the province answers 503, the hall retries, nothing lost or doubled", async () => {
    const start = (await store.halls.get("phu-lien"))!.lastEventId;
    await burst(a, 150, 1, "canbo1");
    await until(
      async () => (await store.halls.get("phu-lien"))!.lastEventId > start + 50,
      30_000,
      "ingestion under way",
    );
    pg.restart();
    await store.close();
    store = await ProvinceStore.open({ databaseUrl: pg.url });
    await sameNumbers(a, "phu-lien");
    expect(server!.log()).toMatch(/storage unavailable|PostgreSQL connection lost/);
  }, 120_000);

  it("a broker restart: the halls and the province reconnect and the wall is live again", async () => {
    broker!.kill();
    await broker!.exited;
    await startBroker();
    await burst(b, 5, 2, "canbo1");
    const { call } = await provinceClient(province());
    await until(
      async () => {
        const h = (
          (await call("GET", "/api/halls")).body.halls as {
            id: string;
            online: boolean;
            live: { lastEventId: number };
          }[]
        ).find((x) => x.id === "xa-b")!;
        return h.online && h.live.lastEventId === b.hall.lastEventId();
      },
      20_000,
      "xa-b live again",
    );
    await sameNumbers(b, "xa-b");
  });
});
