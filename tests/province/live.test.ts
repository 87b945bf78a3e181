/**
 * The one-command province (PGlite, embedded broker) with two real halls on real ports
 * linked by their uplink: events arrive in order, `GET /api/halls` shows each hall's live
 * figures and today's totals, the live wall is pushed within 2 s of a call, the province's
 * reports of a hall equal the hall's own over HTTP, and a hall's credential reaches only its
 * own data (HTTP ingest and broker topics).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningProvince } from "../../province/main.ts";
import type { RunningHall } from "../../server/main.ts";
import { client, login } from "../helpers/hall.ts";
import { connect } from "../helpers/mqtt.ts";
import {
  addHall,
  liveFrames,
  PASSWORD,
  provinceClient,
  startLinkedHall,
  startTestProvince,
  until,
} from "./helpers.ts";

let province: RunningProvince;
let a: RunningHall;
let b: RunningHall;
let credB = "";

async function serveSome(h: RunningHall, officer: string, counter: number, n: number) {
  const anon = client(h.url);
  const o = client(h.url, await login(h.url, officer));
  await o("POST", `/api/counters/${counter}/open`);
  for (let i = 0; i < n; i++) await anon("POST", "/api/tickets", { serviceId: "ho-tich" });
  for (let i = 0; i < n - 1; i++) {
    const t = (await o("POST", `/api/counters/${counter}/call-next`)).body.ticket;
    await o("POST", `/api/counters/${counter}/start`);
    await o("POST", `/api/counters/${counter}/finish`);
    await anon("POST", `/api/tickets/${t.code}/rating`, { score: 4 - (i % 2) });
  }
  return o;
}

beforeAll(async () => {
  province = await startTestProvince();
  const ca = await addHall(province, "phu-lien", "Phường Phú Liên", "Khu vực Bắc");
  const cb = await addHall(province, "xa-binh-an", "Xã Bình An", "Khu vực Nam");
  credB = cb.secret;
  a = await startLinkedHall(ca.url);
  b = await startLinkedHall(cb.url, { id: "xa-binh-an", name: "Xã Bình An", provinceOfficerNames: true });
  const admin = client(b.url, await login(b.url, "admin"));
  await admin("POST", "/api/users", {
    username: "canbo2",
    password: PASSWORD,
    name: "Cán bộ Hai",
    role: "officer",
  });
}, 120_000);

afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await province?.stop();
});

describe("halls linked to the one-command province", () => {
  it("ships every event in order and shows each hall live in GET /api/halls", async () => {
    await serveSome(a, "canbo1", 1, 5);
    await serveSome(b, "canbo2", 2, 3);
    const { call } = await provinceClient(province);
    const body = await until(
      async () => {
        const r = (await call("GET", "/api/halls")).body;
        const ha = r.halls.find((h: { id: string }) => h.id === "phu-lien");
        const hb = r.halls.find((h: { id: string }) => h.id === "xa-binh-an");
        return ha.lastEventId === a.hall.lastEventId() &&
          hb.lastEventId === b.hall.lastEventId() &&
          ha.live?.lastEventId === a.hall.lastEventId() &&
          ha.today.served === 4
          ? r
          : null;
      },
      20_000,
      "both halls shipped and summarised",
    );
    const ha = body.halls.find((h: { id: string }) => h.id === "phu-lien");
    expect(ha).toMatchObject({
      name: { vi: "Phường Phú Liên" },
      area: "Khu vực Bắc",
      online: true,
      eventVersion: 2,
      overTarget: false,
      live: { waitingTotal: 1, countersOpen: 1, countersTotal: 7, targetMin: 15 },
      today: { tickets: 5, served: 4, ratings: 4, satisfiedPct: 100 },
    });
    // Nothing personal in the live summary: no ticket numbers or codes, no names.
    expect(JSON.stringify(ha.live)).not.toMatch(/A00\d|canbo|Cán bộ/);
    expect((await client(a.url)("GET", "/api/health")).body.province).toMatchObject({
      state: "idle",
      acked: a.hall.lastEventId(),
      mqtt: "connected",
    });
  });

  it("the province's reports of a hall are the hall's own, figure by figure", async () => {
    const { call } = await provinceClient(province);
    const manager = client(a.url, await login(a.url, "quanly"));
    for (const g of ["day", "hour", "service", "counter", "officer", "priority"]) {
      const own = (await manager("GET", `/api/reports/waits?preset=today&groupBy=${g}`)).body;
      const prov = (await call("GET", `/api/halls/phu-lien/reports/waits?preset=today&groupBy=${g}`)).body;
      const strip = (r: { rows: { label: string }[]; generatedAt?: string }) => ({
        ...r,
        generatedAt: undefined,
        rows: r.rows.map((x) => ({ ...x, label: g === "officer" ? undefined : x.label })),
      });
      expect(strip(prov), g).toEqual(strip(own));
    }
    const across = (await call("GET", "/api/reports/waits?preset=today&groupBy=hall")).body;
    const own = (await manager("GET", "/api/reports/waits?preset=today&groupBy=day")).body.total;
    const row = across.rows.find((r: { key: string }) => r.key === "phu-lien");
    expect({ ...row, key: "total", label: undefined }).toEqual({ ...own, label: undefined });
  });

  it("pushes a call in any hall to the live wall (the 2 s goal is measured by bench:province)", async () => {
    const { token } = await provinceClient(province);
    const live = await liveFrames(province, token);
    try {
      await until(() => live.frames.find((f) => f.type === "wall"), 5000, "the first wall frame");
      const o = client(b.url, await login(b.url, "canbo2"));
      const before = b.hall.lastEventId();
      const r = await o("POST", "/api/counters/2/call-next");
      expect(r.status).toBe(200);
      await until(
        () =>
          live.frames.find((f) => {
            const h = f.data.hall as
              | { id: string; lastEventId: number; live: { waitingTotal: number } }
              | undefined;
            return (
              f.type === "hall" &&
              h?.id === "xa-binh-an" &&
              h.lastEventId > before &&
              h.live.waitingTotal === 0
            );
          }),
        10_000,
        "a hall frame with the call",
      );
    } finally {
      live.close();
    }
  });

  it("a hall's credential writes only its own data: foreign events are refused and logged", async () => {
    const basic = `Basic ${Buffer.from(`xa-binh-an:${credB}`).toString("base64")}`;
    const post = (body: unknown) =>
      fetch(`${province.url}/api/uplink/events`, {
        method: "POST",
        headers: { authorization: basic, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const hb = (await province.store.halls.get("xa-binh-an"))!;
    const res = await post({
      after: hb.lastEventId,
      events: [
        {
          v: 2,
          id: hb.lastEventId + 1,
          type: "counter-opened",
          at: new Date().toISOString(),
          hallId: "phu-lien",
          counter: 3,
        },
      ],
    });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("foreign-hall");
    expect((await province.store.halls.get("phu-lien"))!.lastEventId).toBe(a.hall.lastEventId());
    const { call } = await provinceClient(province);
    const refusals = (await call("GET", "/api/refusals")).body.refusals;
    expect(refusals[0]).toMatchObject({ hallId: "xa-binh-an", code: "foreign-hall" });
    // A wrong secret gets nothing at all.
    const bad = await fetch(`${province.url}/api/uplink`, {
      headers: { authorization: `Basic ${Buffer.from("phu-lien:not-the-secret").toString("base64")}` },
    });
    expect(bad.status).toBe(401);
  });

  it("on the broker, a hall may publish only under its own prefix", async () => {
    const url = `mqtt://127.0.0.1:${province.mqttPort}`;
    const mq = await connect(url, { username: "xa-binh-an", password: credB });
    const closed = new Promise<void>((r) => mq.once("close", () => r()));
    mq.publish("qms/phu-lien/province/summary", JSON.stringify({ forged: true }), { qos: 1, retain: true });
    await closed; // aedes closes a client whose publish is denied
    await expect(connect(url, { username: "xa-binh-an", password: "wrong" })).rejects.toThrow();
    await expect(connect(url)).rejects.toThrow(); // no anonymous access
    const row = province.wall.snapshot().halls.find((h) => h.id === "phu-lien")!;
    expect(row.live?.hallId).toBe("phu-lien");
    expect(JSON.stringify(row.live)).not.toContain("forged");
  });

  it("officers are ids unless the hall allows their names", async () => {
    expect((await province.store.halls.get("phu-lien"))!.officers).toBeNull();
    const named = (await province.store.halls.get("xa-binh-an"))!.officers!;
    expect(named.map((o) => o.name)).toContain("Cán bộ Hai");
    const { call } = await provinceClient(province);
    const rows = (await call("GET", "/api/halls/phu-lien/reports/waits?preset=today&groupBy=officer")).body
      .rows;
    expect(
      rows
        .filter((r: { key: string }) => r.key !== "not-called")
        .every((r: { label: string }) => /^#\d+$/.test(r.label)),
    ).toBe(true);
  });

  it("province roles: a viewer watches and reports, only an admin manages halls and accounts", async () => {
    const { call } = await provinceClient(province);
    expect(
      (
        await call("POST", "/api/users", {
          username: "theodoi",
          password: "viewer-pass-1",
          name: "Theo dõi",
          role: "viewer",
        })
      ).status,
    ).toBe(201);
    const viewer = (await provinceClient(province, "theodoi", "viewer-pass-1")).call;
    expect((await viewer("GET", "/api/halls")).status).toBe(200);
    expect((await viewer("GET", "/api/reports/ranking?preset=month")).status).toBe(200);
    for (const [m, path, body] of [
      ["POST", "/api/halls", { id: "xa-khac" }],
      ["POST", "/api/halls/phu-lien/secret", undefined],
      ["PATCH", "/api/halls/phu-lien", { area: "Khác" }],
      ["GET", "/api/refusals", undefined],
      ["POST", "/api/users", { username: "x1", password: "12345678", name: "x", role: "admin" }],
    ] as const) {
      const r = await viewer(m, path, body);
      expect(r.status, path).toBe(403);
      expect(r.body.error.code).toBe("forbidden");
    }
    expect((await client(province.url)("GET", "/api/halls")).status).toBe(401);
  });

  it("shows a hall offline when it stops", async () => {
    await b.stop();
    await until(
      () => province.wall.snapshot().halls.find((h) => h.id === "xa-binh-an")?.online === false,
      5000,
      "offline",
    );
  });
});
