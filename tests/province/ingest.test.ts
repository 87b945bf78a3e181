/**
 * Bad input at the ingest (issue 13, "Faults and bad input"), in process (`app.request()`, no
 * port): malformed, out-of-order, duplicated, foreign-hall and unknown-version batches are
 * refused with a stable code, logged in `refusals`, and write nothing; a repeated batch (a
 * retry after a lost answer) is accepted once and counted once.
 */
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { provincialHall } from "../../bench/reports-hall.ts";
import { createProvinceApp } from "../../province/http/app.ts";
import { ProvinceAuth } from "../../province/http/auth.ts";
import { IngestQueue } from "../../province/ingest/queue.ts";
import { LiveWall } from "../../province/live/wall.ts";
import { MonthCache } from "../../province/reports/month-cache.ts";
import type { ProvinceStore } from "../../province/store/store.ts";
import { INGEST_MAX_BYTES } from "../../server/contract/index.ts";
import { freshStore } from "./pglite.ts";

let dataDir = "";
let store: ProvinceStore;
let app: ReturnType<typeof createProvinceApp>;
let secret = "";
const T0 = Date.parse("2025-03-03T08:00:00+07:00");
const at = (min: number) => new Date(T0 + min * 60_000).toISOString();

const issued = (id: number, ticketId: number, min: number, hallId = "xa-a") => ({
  v: 2,
  id,
  type: "issued",
  at: at(min),
  hallId,
  ticketId,
  serviceId: "ho-tich",
  issued: { number: `A${String(ticketId).padStart(3, "0")}`, serviceDay: "2025-03-03", priority: "none" },
});
const called = (id: number, ticketId: number, min: number) => ({
  v: 2,
  id,
  type: "called",
  at: at(min),
  hallId: "xa-a",
  ticketId,
  serviceId: "ho-tich",
  counter: 1,
  officerId: 3,
  data: { waitSec: 60 },
});

async function post(body: unknown, cred = `xa-a:${secret}`) {
  const res = await app.request("/api/uplink/events", {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(cred).toString("base64")}`,
      "content-type": "application/json",
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as { error?: { code: string; details?: unknown } } & Record<string, unknown>,
  };
}

const cursor = async () => (await store.halls.get("xa-a"))!.lastEventId;
const tickets = async () =>
  (await store.sql.query<{ n: number }>("SELECT count(*)::int8 AS n FROM tickets WHERE hall_id = 'xa-a'"))[0]!
    .n;

beforeAll(async () => {
  ({ store, dataDir } = await freshStore());
  secret = (await store.halls.create({ id: "xa-a" }, 0))!;
  await store.halls.create({ id: "xa-b" }, 0);
  const wall = new LiveWall(store, { targetMin: 15, now: () => T0, log: () => {} });
  await wall.start();
  const auth = new ProvinceAuth(store.staff, store.halls);
  app = createProvinceApp({
    store,
    auth,
    wall,
    monthCache: new MonthCache(),
    ingestQueue: new IngestQueue(1),
    now: () => T0 + 3600_000,
    targetMin: 15,
    mqtt: { url: null, baseTopic: "qms", connected: () => false },
    clientIp: () => "test",
    keepAlive: () => {},
    distDir: "/nonexistent",
    publicUrl: () => "http://province.test",
    version: "test",
    log: () => {},
  });
  wall.stop();
}, 60_000);

afterAll(async () => {
  await store?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe("the ingest refuses bad batches and writes nothing", () => {
  it("accepts a good batch and answers the new cursor", async () => {
    const r = await post({ after: 0, events: [issued(1, 1, 0), issued(2, 2, 1), called(3, 1, 5)] });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ hallId: "xa-a", lastEventId: 3, accepted: 3, duplicates: 0 });
  });

  const cases: [string, () => unknown, number, string][] = [
    ["malformed JSON", () => '{"after": 3, "events": [', 400, "invalid-json"],
    ["no events", () => ({ after: 3, events: [] }), 400, "invalid-request"],
    [
      "an unknown schema version",
      () => ({ after: 3, events: [{ ...issued(4, 3, 6), v: 9 }] }),
      422,
      "unsupported-event-version",
    ],
    [
      "a ticket event without its ticket",
      () => ({ after: 3, events: [{ ...called(4, 2, 6), ticketId: undefined }] }),
      422,
      "invalid-event",
    ],
    [
      "a bad instant",
      () => ({ after: 3, events: [{ ...issued(4, 3, 6), at: "yesterday" }] }),
      422,
      "invalid-event",
    ],
    [
      "a booking slot that is not an instant",
      () => ({
        after: 3,
        events: [{ ...issued(4, 3, 6), issued: { ...issued(4, 3, 6).issued, dueAt: "8:15" } }],
      }),
      422,
      "invalid-event",
    ],
    [
      "a booking slot a day away from its check-in",
      () => ({
        after: 3,
        events: [
          { ...issued(4, 3, 6), issued: { ...issued(4, 3, 6).issued, dueAt: "2025-03-05T08:15:00+07:00" } },
        ],
      }),
      422,
      "invalid-event",
    ],
    [
      "a rating of 7",
      () => ({ after: 3, events: [{ ...called(4, 1, 6), type: "rated", data: { score: 7 } }] }),
      422,
      "invalid-event",
    ],
    [
      "ids going backwards",
      () => ({ after: 3, events: [issued(5, 3, 6), issued(4, 4, 7)] }),
      409,
      "out-of-order",
    ],
    [
      "a batch that skips events (after ahead of the cursor)",
      () => ({ after: 10, events: [issued(11, 3, 6)] }),
      409,
      "out-of-order",
    ],
    ["another hall's events", () => ({ after: 3, events: [issued(4, 3, 6, "xa-b")] }), 403, "foreign-hall"],
    [
      "a call of a ticket never issued",
      () => ({ after: 3, events: [called(4, 99, 6)] }),
      422,
      "unknown-ticket",
    ],
    ["a ticket issued twice", () => ({ after: 3, events: [issued(4, 2, 6)] }), 422, "invalid-event"],
    [
      "a repeat that differs from what is stored",
      () => ({ after: 2, events: [{ ...called(3, 2, 5) }, issued(4, 3, 6)] }),
      409,
      "event-conflict",
    ],
  ];
  for (const [what, body, status, code] of cases)
    it(`${what}: ${status} ${code}, nothing written, logged`, async () => {
      const before = { cursor: await cursor(), tickets: await tickets() };
      const r = await post(body());
      expect(r.status).toBe(status);
      expect(r.body.error?.code).toBe(code);
      expect({ cursor: await cursor(), tickets: await tickets() }).toEqual(before);
      if (code !== "invalid-json" && code !== "invalid-request") {
        const log = await store.staff.refusals(1);
        expect(log[0]).toMatchObject({ hallId: "xa-a", code });
      }
    });

  it("tells the hall where the province stands when it is out of order", async () => {
    const r = await post({ after: 10, events: [issued(11, 3, 6)] });
    expect(r.body.error?.details).toMatchObject({ lastEventId: 3 });
  });

  it("a body over the limit: 413 payload-too-large", async () => {
    const r = await post(`{"after":3,"events":[],"pad":"${"x".repeat(INGEST_MAX_BYTES)}"}`);
    expect(r.status).toBe(413);
    expect(r.body.error?.code).toBe("payload-too-large");
  });

  it("no credential or a wrong one: 401, and the English message on request", async () => {
    const anonymous = { method: "POST", headers: { "content-type": "application/json" }, body: "{}" };
    expect((await app.request("/api/uplink/events", anonymous)).status).toBe(401);
    const r = await app.request("/api/uplink", {
      headers: {
        authorization: `Basic ${Buffer.from("xa-a:wrong").toString("base64")}`,
        "accept-language": "en",
      },
    });
    expect(r.status).toBe(401);
    expect(((await r.json()) as { error: { message: string } }).error.message).toBe("Please log in.");
  });
});

describe("a repeated batch (the hall retries after a lost answer) counts once", () => {
  it("skips the repeats and stores the rest", async () => {
    const batch = { after: 3, events: [issued(4, 3, 6), called(5, 2, 8)] };
    expect((await post(batch)).body).toMatchObject({ lastEventId: 5, accepted: 2, duplicates: 0 });
    expect((await post(batch)).body).toMatchObject({ lastEventId: 5, accepted: 0, duplicates: 2 });
    const overlap = { after: 3, events: [issued(4, 3, 6), called(5, 2, 8), called(6, 3, 9)] };
    expect((await post(overlap)).body).toMatchObject({ lastEventId: 6, accepted: 1, duplicates: 2 });
    const cells = await store.sql.query<{ tickets: number; n: number }>(
      "SELECT sum(tickets)::int8 AS tickets, sum(length(waits) / 8)::int8 AS n FROM summary_hour WHERE hall_id = 'xa-a'",
    );
    expect(cells[0]).toEqual({ tickets: 3, n: 3 });
  });
});

describe("the summary's months carry a tag that changes with them (the report cache checks it)", () => {
  it("a batch gives the months it touched a new tag, and only those", async () => {
    const tags = async () =>
      store.sql.query<{ hall_id: string; month: string; rev: string }>(
        "SELECT hall_id, month::text AS month, rev::text AS rev FROM summary_month_rev ORDER BY 1, 2",
      );
    const before = await tags();
    expect(before.map((r) => [r.hall_id, r.month])).toEqual([["xa-a", "2025-03-01"]]);
    expect((await post({ after: 6, events: [issued(7, 4, 12)] })).body).toMatchObject({ accepted: 1 });
    const after = await tags();
    expect(after).toHaveLength(1);
    expect(after[0]!.rev).not.toBe(before[0]!.rev);
  });

  it("a profile sent again unchanged (each reconnection) is not a change", async () => {
    const config = { ...provincialHall(), id: "xa-b" };
    expect(await store.halls.setProfile("xa-b", config, null, 1)).toBe(true);
    expect(await store.halls.setProfile("xa-b", config, null, 2)).toBe(false);
    expect(await store.halls.setProfile("xa-b", { ...config, name: { vi: "Xã B", en: "B" } }, null, 3)).toBe(
      true,
    );
    expect((await store.halls.get("xa-b"))!.profileAt).toBe(3);
  });
});
