/**
 * A hall offline from the province for a simulated day (issue 13, "Faults"): the province is
 * down while the hall works through a whole service day and into the next; the hall keeps
 * serving, then catches up by itself when the province is back, and the province ends with
 * exactly the hall's own numbers (report equality over HTTP, every grouping, figure by
 * figure). An older hall that only has the version-1 live feed (SSE/MQTT `events`), relayed to
 * the ingest, gets the same numbers too. Hall and province share one fake clock.
 */
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningProvince } from "../../province/main.ts";
import type { HallEvent } from "../../server/contract/index.ts";
import type { RunningHall } from "../../server/main.ts";
import { FakeClock } from "../../server/queue/clock.ts";
import { client, login, PASSWORD, startTestHall } from "../helpers/hall.ts";
import { freePort } from "../helpers/ports.ts";
import {
  addHall,
  hallConfigFile,
  provinceClient,
  startLinkedHall,
  startTestProvince,
  until,
} from "./helpers.ts";
import { freshDataDir } from "./pglite.ts";

const D1 = "2025-03-04";
const D2 = "2025-03-05";
const clock = new FakeClock(Date.parse(`${D1}T07:25:00+07:00`));
const GROUPS = ["day", "hour", "service", "counter", "officer", "priority"];
let dataDir = "";
let port = 0;
let mqttPort = 0;
let province: RunningProvince | null = null;
let hall: RunningHall;
let older: RunningHall;
const olderEvents: HallEvent[] = [];

const up = () => startTestProvince({ dataDir, port, mqttPort, now: () => clock.now() });

/** A busy stretch of a day: tickets, calls, transfers, no-shows, ratings, a pause, visitors left waiting. */
async function work(h: RunningHall, n: number) {
  const H = h.hall;
  const admin = client(h.url, await login(h.url, "admin"));
  const list = async () =>
    new Map<string, number>(
      (await admin("GET", "/api/users")).body.users.map((u: { username: string; id: number }) => [
        u.username,
        u.id,
      ]),
    );
  let users = await list();
  // The demo hall has officers canbo1…canbo7; another hall gets them here.
  for (const i of [1, 2, 3, 4])
    if (!users.has(`canbo${i}`))
      await admin("POST", "/api/users", {
        username: `canbo${i}`,
        password: PASSWORD,
        name: `Cán bộ ${i}`,
        role: "officer",
      });
  users = await list();
  const off = (i: number) => ({ id: users.get(`canbo${i}`)!, role: "officer" as const });
  const fields = ["ho-tich", "chung-thuc", "dat-dai", "cu-tru"];
  for (const c of [1, 2, 3, 4]) if (H.holderOf(c) === null) H.openCounter(c, off(c));
  for (let i = 0; i < n; i++) {
    clock.advance(47_000);
    H.issue({
      serviceId: fields[i % 4]!,
      priority: i % 9 === 0 ? "elderly" : "none",
      kioskId: null,
      lang: "vi",
    });
    if (i % 3 === 2) {
      const c = 1 + (i % 4);
      if (h.views.held(c).currentTicket === null) {
        const r = H.callNext(c, off(c));
        clock.advance(20_000);
        if (!r) continue;
        if (i % 11 === 0) H.noShow(c, off(c));
        else if (i % 13 === 0) H.transfer(c, off(c), { serviceId: "cu-tru" });
        else {
          H.start(c, off(c));
          clock.advance(90_000);
          H.finish(c, off(c));
          if (i % 2 === 0) H.rateAtCounter(c, 1 + (i % 4));
        }
      }
    }
  }
}

beforeAll(async () => {
  dataDir = await freshDataDir();
  [port, mqttPort] = [await freePort(), await freePort()];
  province = await up();
  const cred = await addHall(province, "phu-lien", "Phường Phú Liên");
  const credOld = await addHall(province, "xa-cu", "Xã Cũ");
  hall = await startLinkedHall(cred.url, { clock });
  // The older hall has no uplink: its v1 live events are recorded and relayed below.
  older = await startTestHall({
    hallConfigPath: hallConfigFile("xa-cu", "Xã Cũ"),
    clock,
  });
  older.bus.on("event", (e) => olderEvents.push(e));
  (globalThis as { credOld?: string }).credOld = credOld.secret;
}, 120_000);

afterAll(async () => {
  await hall?.stop();
  await older?.stop();
  await province?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe("a hall offline for a day catches up with exactly its own numbers", () => {
  it("ships the morning, then keeps serving while the province is down", async () => {
    await work(hall, 30);
    await until(
      () => province!.store.halls.get("phu-lien").then((h) => h!.lastEventId === hall.hall.lastEventId()),
      20_000,
      "morning shipped",
    );
    await province!.stop();
    province = null;
    await work(hall, 120);
    clock.set(Date.parse(`${D2}T07:40:00+07:00`)); // the next day; leftovers are cancelled at its first command
    await work(hall, 60);
    const health = (await client(hall.url)("GET", "/api/health")).body.province;
    expect(health.state).toBe("backoff");
    expect(health.acked).toBeLessThan(hall.hall.lastEventId());
    expect(hall.hall.lastEventId() - health.acked).toBeGreaterThan(300);
  }, 90_000);

  it("catches up by itself when the province is back", async () => {
    province = await up();
    await until(
      () => province!.store.halls.get("phu-lien").then((h) => h!.lastEventId === hall.hall.lastEventId()),
      30_000,
      "caught up",
    );
    // The province has committed the last batch; the hall learns it from the answer, a moment later.
    await expect
      .poll(async () => (await client(hall.url)("GET", "/api/health")).body.province.acked, {
        timeout: 10_000,
      })
      .toBe(hall.hall.lastEventId());
  });

  for (const g of GROUPS)
    it(`the province's waits report by ${g} equals the hall's, figure by figure`, async () => {
      const { call } = await provinceClient(province!);
      const own = (
        await client(hall.url, await login(hall.url, "quanly"))(
          "GET",
          `/api/reports/waits?from=${D1}&to=${D2}&groupBy=${g}`,
        )
      ).body;
      const prov = (await call("GET", `/api/halls/phu-lien/reports/waits?from=${D1}&to=${D2}&groupBy=${g}`))
        .body;
      // Officer names stay at the hall (ids only at the province): compare officer rows by key.
      type R = { rows: { key: string; label: string }[]; total: { label: string } };
      const noLabels = (r: R) =>
        g === "officer"
          ? {
              ...r,
              rows: r.rows.map((x) => ({ ...x, label: "" })).sort((x, y) => x.key.localeCompare(y.key)),
            }
          : r;
      expect(noLabels(prov)).toEqual(noLabels(own));
      expect(own.total.tickets).toBe(210);
    });

  it("the officers report and the breach list too", async () => {
    const { call } = await provinceClient(province!);
    const m = client(hall.url, await login(hall.url, "quanly"));
    for (const path of [
      `officers?from=${D1}&to=${D2}&groupBy=counter`,
      `breaches?from=${D1}&to=${D2}&limit=1000`,
    ]) {
      const own = (await m("GET", `/api/reports/${path}`)).body;
      const prov = (await call("GET", `/api/halls/phu-lien/reports/${path}`)).body;
      const strip = (r: { rows: Record<string, unknown>[] }) => ({
        ...r,
        rows: r.rows.map((x) => ({
          ...x,
          officer: undefined,
          label: x.label === undefined ? undefined : String(x.label),
        })),
      });
      expect(strip(prov)).toEqual(strip(own));
    }
  });

  it("the across-halls rows by day are the hall's own days", async () => {
    const { call } = await provinceClient(province!);
    const own = (
      await client(hall.url, await login(hall.url, "quanly"))(
        "GET",
        `/api/reports/waits?from=${D1}&to=${D2}&groupBy=day`,
      )
    ).body;
    const across = (await call("GET", `/api/reports/waits?from=${D1}&to=${D2}&groupBy=day&hall=phu-lien`))
      .body;
    expect(across.rows.map((r: { label: string }) => ({ ...r, label: "" }))).toEqual(
      own.rows.map((r: { label: string }) => ({ ...r, label: "" })),
    );
  });
});

describe("an older hall (event schema version 1) keeps working", () => {
  it("its live-feed events, relayed to the ingest, give the hall's own numbers", async () => {
    clock.set(Date.parse(`${D2}T13:30:00+07:00`));
    await work(older, 80);
    clock.advance(3600_000);
    const secret = (globalThis as { credOld?: string }).credOld!;
    const auth = `Basic ${Buffer.from(`xa-cu:${secret}`).toString("base64")}`;
    expect(olderEvents.every((e) => e.v === 1)).toBe(true);
    // The relay (e.g. a province-side client of the older hall's `{b}/{h}/events` feed) is
    // configured with the hall's config, which it hands over like the uplink does.
    const profile = await fetch(`${province!.url}/api/uplink/profile`, {
      method: "PUT",
      headers: { authorization: auth, "content-type": "application/json" },
      body: JSON.stringify({ config: older.hall.config }),
    });
    expect(profile.status).toBe(200);
    let after = 0;
    for (let i = 0; i < olderEvents.length; i += 100) {
      const events = olderEvents.slice(i, i + 100);
      const res = await fetch(`${province!.url}/api/uplink/events`, {
        method: "POST",
        headers: { authorization: auth, "content-type": "application/json" },
        body: JSON.stringify({ after, events }),
      });
      expect(res.status).toBe(200);
      after = ((await res.json()) as { lastEventId: number }).lastEventId;
    }
    const { call } = await provinceClient(province!);
    const m = client(older.url, await login(older.url, "admin"));
    for (const g of ["day", "hour", "service", "counter", "priority"]) {
      const own = (await m("GET", `/api/reports/waits?from=${D2}&to=${D2}&groupBy=${g}`)).body;
      const prov = (await call("GET", `/api/halls/xa-cu/reports/waits?from=${D2}&to=${D2}&groupBy=${g}`))
        .body;
      const figures = (r: { rows: { label: string }[]; total: { label: string } }) => ({
        rows: r.rows.map((x) => ({ ...x, label: "" })),
        total: { ...r.total, label: "" },
      });
      expect(figures(prov), g).toEqual(figures(own));
    }
    expect((await province!.store.halls.get("xa-cu"))!.eventVersion).toBe(1);
  });
});
