/**
 * The report routes through a real hall: real HTTP port, the report worker thread reading
 * the hall's SQLite file while the hall writes it, a fake clock. A small day is played
 * through the public API (tickets, counters), then read back as JSON, CSV and XLSX.
 */
import { mkdtempSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../../../server/queue/clock.ts";
import { call, login, startTestHall, type TestHall } from "../http/hall-fixture.ts";
import { parseCsv, readXlsx } from "./read-back.ts";

const T = (hms: string) => Date.parse(`2025-03-04T${hms}+07:00`);
let h: TestHall;
let clock: FakeClock;
const tok: Record<string, string> = {};

async function get(path: string, who: string | null = "quanly", headers: Record<string, string> = {}) {
  const res = await fetch(h.base + path, {
    headers: { ...(who ? { authorization: `Bearer ${tok[who]}` } : {}), ...headers },
  });
  return res;
}
async function json(path: string, who: string | null = "quanly", headers: Record<string, string> = {}) {
  const res = await get(path, who, headers);
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  clock = new FakeClock(T("07:50:00"));
  h = await startTestHall({ clock, dataDir: mkdtempSync("/tmp/rep-api-") });
  for (const u of ["canbo1", "canbo2", "quanly", "admin"]) tok[u] = await login(h.base, u);
  const at = (hms: string) => clock.set(T(hms));
  const act = async (who: string, path: string, body?: unknown) => {
    const r = await call(h.base, "POST", path, tok[who], body);
    if (r.status >= 300) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const issue = async (serviceId: string) =>
    (await act("canbo1", "/api/tickets", { serviceId })).ticket.number;
  at("07:55:00");
  await act("canbo1", "/api/counters/1/open");
  at("08:00:00");
  expect(await issue("ho-tich")).toBe("A001");
  at("08:01:00");
  expect(await issue("ho-tich")).toBe("A002");
  at("08:02:00");
  expect(await issue("cu-tru")).toBe("D001");
  at("08:05:00");
  expect((await act("canbo1", "/api/counters/1/call-next")).ticket.number).toBe("A001");
  at("08:06:00");
  await act("canbo1", "/api/counters/1/start");
  at("08:10:00");
  await act("canbo1", "/api/counters/1/finish");
  expect((await act("canbo1", "/api/counters/1/call-next")).ticket.number).toBe("A002");
  at("08:12:00");
  await act("canbo1", "/api/counters/1/transfer", { serviceId: "cu-tru" });
  at("09:20:00");
  await act("canbo2", "/api/counters/2/open");
  expect((await act("canbo2", "/api/counters/2/call-next")).ticket.number).toBe("A002");
  at("09:25:00");
  await act("canbo2", "/api/counters/2/finish");
  expect((await act("canbo2", "/api/counters/2/call-next")).ticket.number).toBe("D001");
  // The officer links the visit's dossier code (issue 15): it shows in the breach list and its exports.
  const linked = await call(h.base, "PUT", "/api/counters/2/dossier", tok.canbo2, {
    dossierCode: "000.00.19.H26-250304-0001",
  });
  if (linked.status !== 200) throw new Error(`dossier: ${linked.status} ${JSON.stringify(linked.body)}`);
  at("09:27:00");
  await act("canbo2", "/api/counters/2/no-show");
  at("10:00:00");
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe("GET /api/reports/*", () => {
  it("answers managers and admins; officers get 403, anonymous 401", async () => {
    for (const kind of ["waits", "officers", "breaches"]) {
      const q = `/api/reports/${kind}?from=2025-03-04&to=2025-03-04`;
      expect((await json(q, null)).body.error.code).toBe("unauthorized");
      expect((await get(q, null)).status).toBe(401);
      const off = await json(q, "canbo1");
      expect([off.status, off.body.error.code]).toEqual([403, "forbidden"]);
      expect((await get(q, "quanly")).status).toBe(200);
      expect((await get(q, "admin")).status).toBe(200);
    }
  });

  it("computes the day's figures, with a wait over an hour and a transfer counted once", async () => {
    const r = await json("/api/reports/waits?from=2025-03-04&to=2025-03-04&groupBy=service");
    expect(r.status).toBe(200);
    expect(r.body.targetMin).toBe(15);
    expect(r.body.range).toEqual({ from: "2025-03-04", to: "2025-03-04", days: 1 });
    expect(r.body.total).toMatchObject({
      tickets: 3,
      served: 2,
      noShows: 1,
      called: 3,
      meanWaitSec: 1940, // (300 + 540 + 4980) / 3
      medianWaitSec: 540,
      p90WaitSec: 4980, // D001 waited 83 min
      maxWaitSec: 4980,
      breaches: 1,
      withinTargetPct: 66.7,
      meanServiceSec: 270, // (240 + 300) / 2
    });
    const rows = Object.fromEntries(
      r.body.rows.map((x: { key: string; tickets: number }) => [x.key, x.tickets]),
    );
    expect(rows).toMatchObject({ "ho-tich": 2, "cu-tru": 1, "chung-thuc": 0 });
  });

  it("serves the officers report and the breach list", async () => {
    const o = await json("/api/reports/officers?from=2025-03-04&to=2025-03-04&groupBy=counter");
    const c2 = o.body.rows.find((x: { key: string }) => x.key === "2");
    // Open since 09:20 and still open at "now" (10:00); busy 09:20–09:27.
    expect(c2).toMatchObject({
      served: 1,
      firstCalls: 1,
      breaches: 1,
      noShows: 1,
      openSec: 2400,
      busySec: 420,
      idleSec: 1980,
    });
    const b = await json("/api/reports/breaches?from=2025-03-04&to=2025-03-04");
    expect(b.body.count).toBe(1);
    expect(b.body.rows[0]).toMatchObject({
      number: "D001",
      serviceId: "cu-tru",
      hour: "08",
      waitSec: 4980,
      counter: 2,
      dossierCode: "000.00.19.H26-250304-0001",
    });
  });

  it("exports CSV (UTF-8 with BOM) and XLSX with the same columns and values as the JSON", async () => {
    for (const kind of ["waits?groupBy=hour&", "officers?", "breaches?"]) {
      const base = `/api/reports/${kind}from=2025-03-04&to=2025-03-04`;
      const j = (await json(base)).body;
      const jsonRows = "total" in j ? [...j.rows, j.total] : j.rows;
      const csvRes = await get(`${base}&format=csv`);
      expect(csvRes.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(csvRes.headers.get("content-disposition")).toMatch(/^attachment; filename="[a-z0-9-]+\.csv"$/);
      const bytes = new Uint8Array(await csvRes.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const [header, ...rows] = parseCsv(new TextDecoder().decode(bytes.slice(3)));
      expect(header).toEqual(Object.keys(jsonRows[0]));
      expect(rows.length).toBe(jsonRows.length);
      rows.forEach((r, i) => {
        const want = Object.values(jsonRows[i]) as (string | number | null)[];
        expect(r.map((s, k) => (s === "" ? null : typeof want[k] === "number" ? Number(s) : s))).toEqual(
          want,
        );
      });
      const xRes = await get(`${base}&format=xlsx`);
      expect(xRes.headers.get("content-type")).toBe(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      );
      const x = await readXlsx(new Uint8Array(await xRes.arrayBuffer()));
      expect(x.rows[0]).toEqual(Object.keys(jsonRows[0]));
      expect(x.rows.slice(1)).toEqual(jsonRows.map((r: object) => Object.values(r)));
    }
  });

  it("refuses bad input with stable codes and Vietnamese or English messages", async () => {
    const cases: [string, number, string][] = [
      ["waits?from=2025-02-30&to=2025-03-04", 400, "invalid-range"],
      ["waits?from=2025-03-05&to=2025-03-04", 400, "invalid-range"],
      ["waits?from=2025-03-04", 400, "invalid-range"],
      ["waits", 400, "invalid-range"],
      ["waits?preset=week", 400, "invalid-range"],
      ["waits?from=2024-01-01&to=2025-03-04", 400, "range-too-large"],
      ["waits?from=2025-03-04&to=2025-03-04&groupBy=week", 400, "invalid-group"],
      ["officers?from=2025-03-04&to=2025-03-04&groupBy=service", 400, "invalid-group"],
      ["breaches?from=2025-03-04&to=2025-03-04&groupBy=day", 400, "invalid-group"],
      ["waits?from=2025-03-04&to=2025-03-04&format=pdf", 400, "invalid-request"],
      ["breaches?from=2025-03-04&to=2025-03-04&limit=5000", 400, "invalid-request"],
    ];
    for (const [path, status, code] of cases) {
      const r = await json(`/api/reports/${path}`);
      expect([r.status, r.body.error.code], path).toEqual([status, code]);
    }
    const vi = await json("/api/reports/waits?from=2025-03-05&to=2025-03-04");
    expect(vi.body.error.message).toBe("Khoảng thời gian không hợp lệ.");
    expect(vi.body.error.details.reason).toBe("from is after to");
    const en = await json("/api/reports/waits?from=2024-01-01&to=2025-03-04", "quanly", {
      "accept-language": "en",
    });
    expect(en.body.error.message).toBe("The date range is too large for one request.");
    expect(en.body.error.details).toMatchObject({ maxDays: 366 });
  });

  it("resolves presets with the hall's clock", async () => {
    const r = await json("/api/reports/waits?preset=today&groupBy=hour");
    expect(r.body.range).toEqual({ from: "2025-03-04", to: "2025-03-04", days: 1, preset: "today" });
    expect(r.body.total.tickets).toBe(3);
    const m = await json("/api/reports/waits?preset=month");
    expect(m.body.range).toMatchObject({ from: "2025-03-01", to: "2025-03-04" });
  });

  it("documents the three routes in the OpenAPI document", async () => {
    const doc = (await json("/api/openapi.json", null)).body;
    for (const p of ["/api/reports/waits", "/api/reports/officers", "/api/reports/breaches"])
      expect(doc.paths[p]?.get?.tags, p).toEqual(["reports"]);
  });
});
