/**
 * The hall's side of the province link, in process: what leaves the hall (row form, no free
 * text, nothing personal), and how the shipper behaves when the province is down, refuses, or
 * stands elsewhere (backoff, resume from its cursor, the acknowledged id kept in the store).
 * The province is a stand-in `fetch` here; tests/province/ run the real one.
 */
import { describe, expect, it } from "vitest";
import { EventV2Schema, type IngestBody } from "../../../server/contract/index.ts";
import { openDatabase } from "../../../server/store/db.ts";
import { HallStore, type UplinkRow } from "../../../server/store/store.ts";
import { toEventRow } from "../../../server/uplink/rows.ts";
import { parseProvinceUrl } from "../../../server/uplink/settings.ts";
import { EventShipper } from "../../../server/uplink/shipper.ts";
import { MON_0800, makeCore } from "../../helpers/core.ts";

const row = (p: Partial<UplinkRow>): UplinkRow => ({
  id: 1,
  at: MON_0800,
  type: "called",
  ticket_id: 5,
  counter: 2,
  officer_id: 9,
  service_id: "ho-tich",
  data: null,
  number: null,
  service_day: null,
  priority: null,
  due_at: null,
  ...p,
});

describe("the row form leaves nothing personal at the hall", () => {
  it("keeps only the documented data keys", () => {
    const called = toEventRow(
      row({
        data: JSON.stringify({
          waitSec: 70,
          outOfOrder: true,
          reason: "Ông Nguyễn Văn A, người quen",
          expected: 4,
        }),
      }),
      "phu-lien",
    );
    expect(called).toEqual({
      v: 2,
      id: 1,
      type: "called",
      at: "2026-11-23T08:00:00.000+07:00",
      hallId: "phu-lien",
      ticketId: 5,
      serviceId: "ho-tich",
      counter: 2,
      officerId: 9,
      data: { waitSec: 70, outOfOrder: true },
    });
    const pause = toEventRow(
      row({
        type: "counter-paused",
        ticket_id: null,
        service_id: null,
        data: JSON.stringify({ reason: "đi họp với ông X" }),
      }),
      "h",
    );
    expect(pause.data).toBeUndefined();
    const audit = toEventRow(
      row({
        type: "user-created",
        ticket_id: null,
        counter: null,
        service_id: null,
        data: JSON.stringify({ username: "canbo9", name: "Trần Thị B" }),
      }),
      "h",
    );
    expect(JSON.stringify(audit)).not.toMatch(/canbo9|Trần/);
  });

  /** The `issued` row of a ticket, as the store reads it with the ticket's fixed facts. */
  const issuedRow = (p: Partial<UplinkRow>) =>
    row({ type: "issued", counter: null, officer_id: null, service_day: "2026-11-23", ...p });

  it("carries the fixed facts of a ticket on `issued` (number, service day, priority), never its code", () => {
    const e = toEventRow(issuedRow({ number: "A012", priority: "elderly" }), "h");
    expect(e.issued).toEqual({ number: "A012", serviceDay: "2026-11-23", priority: "elderly" });
    expect(JSON.stringify(e)).not.toMatch(/code|statusUrl/);
  });

  it("carries a checked-in booking's slot on `issued`, which the province's schema accepts", () => {
    const e = toEventRow(
      issuedRow({ number: "A013", priority: "none", due_at: MON_0800 + 15 * 60_000 }),
      "h",
    );
    expect(e.issued).toEqual({
      number: "A013",
      serviceDay: "2026-11-23",
      priority: "none",
      dueAt: "2026-11-23T08:15:00.000+07:00",
    });
    expect(EventV2Schema.safeParse(e).success).toBe(true);
  });
});

describe("QMS_PROVINCE_URL", () => {
  it("takes the hall's credential from the userinfo", () => {
    expect(parseProvinceUrl("https://phu-lien:s3cr%2Ft@province.example/")).toEqual({
      baseUrl: "https://province.example",
      hallId: "phu-lien",
      secret: "s3cr/t",
    });
    expect(() => parseProvinceUrl("https://province.example")).toThrow(/credential/);
    expect(() => parseProvinceUrl("ftp://a:b@x")).toThrow(/http/);
  });
});

/** A hall store with `n` issued tickets (2 events each: issued, then a counter event first). */
function hallWithEvents(n: number): HallStore {
  const db = openDatabase(":memory:");
  const store = new HallStore(db);
  const { core } = makeCore();
  for (let i = 0; i < n; i++) {
    const r = core.issue(
      { serviceId: "ho-tich", priority: "none", kioskId: null, lang: "vi" },
      MON_0800 + i * 1000,
    );
    store.commit(r.change, new Map());
    core.apply(r.change);
  }
  return store;
}

/** A stand-in province: keeps a cursor, refuses what does not follow it, can be "down". */
function fakeProvince(o: { downFor?: number; cursor?: number } = {}) {
  const s = {
    cursor: o.cursor ?? 0,
    posts: 0,
    down: o.downFor ?? 0,
    batches: [] as number[],
    profiles: [] as { officers?: { name: string }[] }[],
  };
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  const f = (async (url: string, init: RequestInit) => {
    if (s.down > 0) {
      s.down--;
      throw new TypeError("fetch failed: ECONNREFUSED");
    }
    const path = new URL(url).pathname;
    if (init.method === "GET")
      return json(200, { hallId: "phu-lien", lastEventId: s.cursor, versions: [1, 2], mqtt: null });
    if (path.endsWith("/profile")) {
      s.profiles.push(JSON.parse(String(init.body)));
      return json(200, { ok: true });
    }
    const body = JSON.parse(String(init.body)) as IngestBody;
    s.posts++;
    if (body.after !== s.cursor)
      return json(409, { error: { code: "out-of-order", message: "", details: { lastEventId: s.cursor } } });
    s.batches.push(body.events.length);
    s.cursor = (body.events[body.events.length - 1] as { id: number }).id;
    return json(200, {
      hallId: "phu-lien",
      lastEventId: s.cursor,
      accepted: body.events.length,
      duplicates: 0,
    });
  }) as unknown as typeof fetch;
  return { s, fetch: f };
}

const link = { baseUrl: "http://province.test", hallId: "phu-lien", secret: "x" };
const profile = () => ({ config: {} });

describe("the event shipper", () => {
  it("catches up in bounded batches, resumes after the province was down, and keeps the acknowledged id", async () => {
    const store = hallWithEvents(230);
    const p = fakeProvince({ downFor: 3 });
    const sh = new EventShipper({
      link,
      store,
      profile,
      fetch: p.fetch,
      batch: 100,
      maxBackoffMs: 20,
      log: () => {},
    });
    sh.start();
    await expect.poll(() => p.s.cursor, { timeout: 15_000 }).toBe(store.lastEventId());
    expect(p.s.batches.every((n) => n <= 100)).toBe(true);
    // The last answer is in; the shipper goes idle when it finds nothing more to send.
    await expect.poll(() => sh.status().state, { timeout: 10_000 }).toBe("idle");
    expect(sh.status()).toMatchObject({ state: "idle", acked: store.lastEventId(), failures: 0 });
    await sh.stop();
    expect(store.uplinkAcked()).toBe(store.lastEventId());
  });

  it("resumes from where the province stands, not from its own copy", async () => {
    const store = hallWithEvents(50);
    store.setUplinkAcked(10); // the hall believes 10; the province holds 30 (its answer wins)
    const p = fakeProvince({ cursor: 30 });
    const sh = new EventShipper({
      link,
      store,
      profile,
      fetch: p.fetch,
      batch: 7,
      maxBackoffMs: 20,
      log: () => {},
    });
    sh.start();
    await expect.poll(() => p.s.cursor, { timeout: 15_000 }).toBe(store.lastEventId());
    expect(p.s.batches.reduce((x, y) => x + y, 0)).toBe(store.lastEventId() - 30);
    await sh.stop();
  });

  it("refuses to send when the province holds more than the hall's log (a replaced database)", async () => {
    const store = hallWithEvents(5);
    const p = fakeProvince({ cursor: 500 });
    const logs: string[] = [];
    const sh = new EventShipper({
      link,
      store,
      profile,
      fetch: p.fetch,
      maxBackoffMs: 20,
      log: (m) => logs.push(m),
    });
    sh.start();
    await expect.poll(() => sh.status().state, { timeout: 10_000 }).toBe("backoff");
    expect(p.s.posts).toBe(0);
    expect(logs.join("\n")).toMatch(/database replaced/);
    await sh.stop();
  });

  it("sends the profile again when it changes (an officer added while connected), not at every batch", async () => {
    const store = hallWithEvents(30);
    const p = fakeProvince();
    const officers = [{ id: 2, name: "Cán bộ Một", username: "canbo1" }];
    const sh = new EventShipper({
      link,
      store,
      profile: () => ({ config: {}, officers: [...officers] }),
      fetch: p.fetch,
      batch: 7,
      maxBackoffMs: 20,
      coalesceMs: 1,
      log: () => {},
    });
    sh.start();
    await expect.poll(() => sh.status().state, { timeout: 15_000 }).toBe("idle");
    expect(p.s.batches.length).toBeGreaterThan(1);
    expect(p.s.profiles).toHaveLength(1);
    officers.push({ id: 3, name: "Cán bộ Hai", username: "canbo2" });
    sh.wake();
    await expect.poll(() => p.s.profiles.length, { timeout: 10_000 }).toBe(2);
    expect(p.s.profiles[1]!.officers!.map((o) => o.name)).toEqual(["Cán bộ Một", "Cán bộ Hai"]);
    await sh.stop();
  });
});
