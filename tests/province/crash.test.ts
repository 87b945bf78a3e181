/**
 * `kill -9` of the one-command province (embedded PostgreSQL in PGlite, embedded broker) in the
 * middle of a hall's catch-up: after a restart on the same data folder, the province holds
 * every event of the hall exactly once and its numbers are the hall's own. (The same fault on a
 * PostgreSQL server: postgres.test.ts.)
 */
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProvinceStore } from "../../province/store/store.ts";
import type { RunningHall } from "../../server/main.ts";
import { client, login } from "../helpers/hall.ts";
import { freePort } from "../helpers/ports.ts";
import { ADMIN_PASSWORD, provinceClient, startLinkedHall, until } from "./helpers.ts";
import { freshDataDir } from "./pglite.ts";
import { type ProvinceProcess, spawnProvince } from "./process.ts";

let dataDir = "";
let port = 0;
let mqttPort = 0;
let server: ProvinceProcess | null = null;
let hall: RunningHall;
/** Every process started, so a test cut short by its timeout leaves none behind. */
const started: ProvinceProcess[] = [];

const start = async () => {
  const p = await spawnProvince(port, {
    QMS_PROVINCE_DATA_DIR: dataDir,
    QMS_PROVINCE_MQTT_PORT: String(mqttPort),
    QMS_PROVINCE_MQTT_PUBLIC_URL: `mqtt://127.0.0.1:${mqttPort}`,
    QMS_PROVINCE_ADMIN_PASSWORD: ADMIN_PASSWORD,
  });
  started.push(p);
  return p;
};

async function cursor(): Promise<number> {
  const { call } = await provinceClient({ url: server!.url });
  const h = (await call("GET", "/api/halls")).body.halls.find((x: { id: string }) => x.id === "phu-lien");
  return h.lastEventId as number;
}

beforeAll(async () => {
  dataDir = await freshDataDir();
  [port, mqttPort] = [await freePort(), await freePort()];
  // The hall is registered offline, as `npm run province -- add-hall` does when no server runs.
  const s = await ProvinceStore.open({ dataDir });
  const secret = await s.halls.create({ id: "phu-lien" }, Date.now());
  await s.close();
  server = await start();
  hall = await startLinkedHall(`http://phu-lien:${secret}@127.0.0.1:${port}`, {
    uplinkTuning: { batch: 20, maxBackoffMs: 300, throttleMs: 100 },
  });
}, 120_000);

afterAll(async () => {
  await hall?.stop();
  for (const p of started) await p.kill9();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe("kill -9 of the one-command province", () => {
  it("loses nothing and counts nothing twice", async () => {
    const H = hall.hall;
    const users = (await client(hall.url, await login(hall.url, "admin"))("GET", "/api/users")).body.users;
    const who = {
      id: users.find((u: { username: string }) => u.username === "canbo1").id,
      role: "officer" as const,
    };
    H.openCounter(1, who);
    for (let i = 0; i < 150; i++) {
      H.issue({ serviceId: "ho-tich", priority: "none", kioskId: null, lang: "vi" });
      if (i % 4 !== 3 && hall.views.held(1).currentTicket === null && H.callNext(1, who)) {
        H.start(1, who);
        H.finish(1, who);
      }
    }
    const target = H.lastEventId();
    await until(async () => (await cursor()) > 40, 60_000, "ingestion under way");
    await server!.kill9();
    server = await start();
    expect(await cursor()).toBeLessThan(target);
    await until(async () => (await cursor()) === target, 60_000, "caught up after the crash");
    const { call } = await provinceClient({ url: server.url });
    const own = (
      await client(hall.url, await login(hall.url, "quanly"))(
        "GET",
        "/api/reports/waits?preset=today&groupBy=hour",
      )
    ).body;
    const prov = (await call("GET", "/api/halls/phu-lien/reports/waits?preset=today&groupBy=hour")).body;
    expect({ ...prov, generatedAt: 0 }).toEqual({ ...own, generatedAt: 0 });
    expect(own.total.tickets).toBe(150);
    // Two process starts on PGlite and two waits of up to a minute each (the process's own
    // limits above): more than the suite's 30 s default on a busy machine.
  }, 180_000);
});
