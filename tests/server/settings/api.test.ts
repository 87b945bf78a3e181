/**
 * The settings API (issue 12, docs/decisions/0100-settings-model.md) driven as an admin
 * and a manager would: read with its version, save against If-Match, refusals that keep
 * visitors safe, the event row, history, restore, YAML export and import, and a change
 * that reaches the kiosk (its fields and the public event stream), the board (retained
 * `hall/state`) and the dispatch without a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../helpers/app.ts";
import { call, login, type SseTap, tapEvents } from "../http/hall-fixture.ts";

let hall: TestApp;
let admin: string;
let manager: string;
let tap: SseTap;
beforeAll(async () => {
  hall = await createTestApp();
  admin = await login(hall, "admin");
  manager = await login(hall, "quanly");
  tap = await tapEvents(hall);
});
afterAll(async () => {
  tap?.close();
  await hall?.stop();
});

// biome-ignore lint/suspicious/noExplicitAny: a hall configuration, asserted by shape
type Cfg = any;
const get = async () =>
  (await call(hall, "GET", "/api/settings", admin)).body as { version: number; config: Cfg };
const put = (config: Cfg, version: number | undefined, token = admin, headers: Record<string, string> = {}) =>
  call(hall, "PUT", "/api/settings", token, config, {
    ...(version === undefined ? {} : { "if-match": `"${version}"` }),
    ...headers,
  });
const ticket = async (serviceId: string) => call(hall, "POST", "/api/tickets", null, { serviceId });

describe("the settings API", () => {
  it("answers the whole configuration with its version, also as the ETag", async () => {
    const r = await call(hall, "GET", "/api/settings", admin);
    expect(r.status).toBe(200);
    expect(r.body.version).toBe(1);
    expect(r.body.source).toBe("file");
    expect(r.body.config.id).toBe("phu-lien");
    expect(r.body.config.services.map((s: Cfg) => s.id)).toContain("dat-dai");
    const raw = await hall.request("/api/settings", { headers: { authorization: `Bearer ${admin}` } });
    expect(raw.headers.get("etag")).toBe('"1"');
    expect((await call(hall, "GET", "/api/settings", await login(hall, "canbo1"))).status).toBe(403);
  });

  it("refuses a save without If-Match (428) and one based on an older version (409)", async () => {
    const { config } = await get();
    const none = await put(config, undefined);
    expect(none.status).toBe(428);
    expect(none.body.error.code).toBe("settings-version-required");
    const stale = await put(config, 0);
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("settings-conflict");
  });

  it("refuses invalid settings with 422 naming the setting in Vietnamese (English on request), nothing applied", async () => {
    const { version, config } = await get();
    const bad = structuredClone(config);
    bad.services[1].prefix = bad.services[0].prefix; // duplicate prefix
    const r = await put(bad, version);
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe("invalid-settings");
    expect(r.body.error.details.issues[0].path).toMatch(/^services\.\d\.prefix$/);
    expect(r.body.error.message).toMatch(/[ạảãáàâấầẩẫậăắằẳẵặđêếềểễệôốồổỗộơớờởỡợưứừửữự]/i);
    const en = await put(bad, version, admin, { "accept-language": "en" });
    expect(en.status).toBe(422);
    expect(en.body.error.details.issues[0].message).toMatch(/[a-z]/);
    const unknown = structuredClone(config);
    unknown.counters[0].serviceIds = ["khong-co"];
    expect((await put(unknown, version)).body.error.code).toBe("invalid-settings");
    expect((await get()).version).toBe(version);
  });

  it("adds a field live: the kiosk lists it, the board's state and the event stream announce it, a counter calls its ticket", async () => {
    const { version, config } = await get();
    const next = structuredClone(config);
    next.services.push({
      id: "tu-phap",
      prefix: "M",
      name: { vi: "Tư pháp", en: "Justice" },
      defaultServiceMin: 9,
    });
    next.counters.find((c: Cfg) => c.number === 3).serviceIds.push("tu-phap");
    const r = await put(next, version);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.saved).toBe(true);
    expect(r.body.version).toBe(version + 1);
    expect(r.body.changes.map((c: Cfg) => c.path)).toEqual(
      expect.arrayContaining(["services[tu-phap]", "counters[3].serviceIds"]),
    );

    // The live channel: the public event (no who/what), the board's retained state.
    const ev = await tap.next((e) => e.type === "settings-changed" && e.data.data?.version === version + 1);
    expect(ev.data.data.sections).toEqual(expect.arrayContaining(["services", "counters"]));
    expect(ev.data.data.changes).toBeUndefined();
    await expect.poll(() => hall.link.retainedJson(hall.topics.hallState)?.configVersion).toBe(version + 1);

    // The kiosk's fields, and the dispatch: a ticket of the new field is called at counter 3.
    const services = (await call(hall, "GET", "/api/services")).body;
    expect(services.version).toBe(version + 1);
    expect(services.services.find((s: Cfg) => s.id === "tu-phap")).toMatchObject({ prefix: "M", open: true });
    const t = await ticket("tu-phap");
    expect(t.status).toBe(201);
    expect(t.body.ticket.number).toBe("M001");
    const officer = await login(hall, "canbo3");
    expect((await call(hall, "POST", "/api/counters/3/open", officer)).status).toBe(200);
    const called = await call(hall, "POST", "/api/counters/3/call-next", officer);
    expect(called.body.ticket.number).toBe("M001");

    // The event row: who, before and after.
    const row = hall.db
      .query<{ officer_id: number; data: string }, []>(
        "SELECT officer_id, data FROM events WHERE type = 'settings-changed' ORDER BY id DESC LIMIT 1",
      )
      .get()!;
    const adminId = hall.db
      .query<{ id: number }, []>("SELECT id FROM users WHERE username = 'admin'")
      .get()!.id;
    expect(row.officer_id).toBe(adminId);
    const data = JSON.parse(row.data);
    expect(data.version).toBe(version + 1);
    expect(data.changes.find((c: Cfg) => c.path === "counters[3].serviceIds")).toMatchObject({
      before: ["chung-thuc", "dat-dai"],
      after: ["chung-thuc", "dat-dai", "tu-phap"],
    });
  });

  it("a counter taken off a field mid-visit finishes the visit; the field cannot be deleted while people wait", async () => {
    // M001 is at counter 3; another visitor of tu-phap waits.
    expect((await ticket("tu-phap")).body.ticket.number).toBe("M002");
    const { version, config } = await get();
    const gone = structuredClone(config);
    gone.services = gone.services.filter((s: Cfg) => s.id !== "tu-phap");
    for (const c of gone.counters) c.serviceIds = c.serviceIds.filter((x: string) => x !== "tu-phap");
    const r = await put(gone, version);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe("settings-in-use");
    expect(r.body.error.message).toContain("Tư pháp");

    // Counter 3 leaves tu-phap but counter 7 takes it: allowed; the visit at 3 goes on.
    const moved = structuredClone(config);
    moved.counters.find((c: Cfg) => c.number === 3).serviceIds = ["chung-thuc", "dat-dai"];
    moved.counters.find((c: Cfg) => c.number === 7).serviceIds.push("tu-phap");
    expect((await put(moved, version)).status).toBe(200);
    const officer = await login(hall, "canbo3");
    expect((await call(hall, "POST", "/api/counters/3/finish", officer)).status).toBe(200);
    // Counter 3 no longer calls tu-phap's visitors.
    const next = await call(hall, "POST", "/api/counters/3/call-next", officer);
    expect(next.body?.ticket?.number ?? null).not.toBe("M002");
    await call(hall, "POST", "/api/counters/3/close", officer);

    // Closing the field for new tickets is the way: the kiosk shows it closed, issuing refuses.
    const cur = await get();
    const closed = structuredClone(cur.config);
    closed.services.find((s: Cfg) => s.id === "tu-phap").open = false;
    expect((await put(closed, cur.version)).status).toBe(200);
    const f = (await call(hall, "GET", "/api/services")).body.services.find((s: Cfg) => s.id === "tu-phap");
    expect(f).toMatchObject({ open: false, closedReason: "field-closed" });
    const refused = await ticket("tu-phap");
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect(refused.body.error.code).toBe("service-closed");
  });

  it("a prefix change of a field that issued today applies from the next service day", async () => {
    expect((await ticket("ho-tich")).body.ticket.number).toMatch(/^A\d{3}$/);
    const { version, config } = await get();
    const next = structuredClone(config);
    next.services.find((s: Cfg) => s.id === "ho-tich").prefix = "K";
    const r = await put(next, version);
    expect(r.status).toBe(200);
    expect(r.body.deferred).toEqual([{ serviceId: "ho-tich", today: "A", next: "K" }]);
    expect((await ticket("ho-tich")).body.ticket.number).toMatch(/^A\d{3}$/);
    const kiosk = (await call(hall, "GET", "/api/services")).body.services.find(
      (s: Cfg) => s.id === "ho-tich",
    );
    expect(kiosk.prefix).toBe("A");
  });

  it("lets a manager open or close a field and set the notice, not change what only an admin may", async () => {
    const { version, config } = await get();
    const open = structuredClone(config);
    open.services.find((s: Cfg) => s.id === "tu-phap").open = true;
    open.notice = { vi: "Chiều nay nghỉ họp", en: "Closed this afternoon for a meeting" };
    const ok = await put(open, version, manager);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const beyond = structuredClone(ok.body.config);
    beyond.targets.waitMin = 20;
    const r = await put(beyond, ok.body.version, manager);
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe("forbidden");
    expect(
      (await call(hall, "POST", "/api/settings/history/1/restore", manager, undefined, { "if-match": "1" }))
        .status,
    ).toBe(403);
    expect((await call(hall, "GET", "/api/settings/export", manager)).status).toBe(403);
  });

  it("keeps a history with who saved what, and restores an earlier version as a new one", async () => {
    const h = await call(hall, "GET", "/api/settings/history?limit=100", admin);
    expect(h.status).toBe(200);
    const versions = h.body.versions;
    expect(versions[0].version).toBeGreaterThan(versions.at(-1).version);
    expect(versions.at(-1)).toMatchObject({ version: 1, source: "file", savedBy: null });
    expect(versions.find((v: Cfg) => v.savedBy?.username === "quanly")).toBeDefined();
    const v1 = await call(hall, "GET", "/api/settings/history/1", admin);
    expect(v1.body.config.services.some((s: Cfg) => s.id === "tu-phap")).toBe(false);

    // Version 1 has no tu-phap: with M002 still waiting, the restore is refused.
    const { version } = await get();
    const refused = await call(hall, "POST", "/api/settings/history/1/restore", admin, undefined, {
      "if-match": String(version),
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("settings-in-use");

    // Restoring the version that added the field (2) works and is recorded as a restore.
    const r = await call(hall, "POST", "/api/settings/history/2/restore", admin, undefined, {
      "if-match": String(version),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.version).toBe(version + 1);
    const now = (await call(hall, "GET", "/api/settings", admin)).body;
    expect(now.source).toBe("restore");
    expect(now.config.counters.find((c: Cfg) => c.number === 3).serviceIds).toContain("tu-phap");
    expect((await call(hall, "GET", "/api/settings/history/999", admin)).body.error.code).toBe(
      "settings-version-not-found",
    );
  });

  it("exports YAML that imports back unchanged, and refuses a broken YAML file with 422", async () => {
    const res = await hall.request("/api/settings/export", { headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("yaml");
    const yaml = await res.text();
    expect(yaml).toContain("id: phu-lien");
    const { version } = await get();
    const back = await call(
      hall,
      "POST",
      "/api/settings/import",
      admin,
      { yaml },
      { "if-match": String(version) },
    );
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ saved: false, changes: [], version });
    const changed = yaml.replace("waitMin: 15", "waitMin: 12");
    const dry = await call(
      hall,
      "POST",
      "/api/settings/import?dryRun=true",
      admin,
      { yaml: changed },
      {
        "if-match": String(version),
      },
    );
    expect(dry.body).toMatchObject({ saved: false, version });
    expect(dry.body.changes).toEqual([{ path: "targets.waitMin", before: 15, after: 12 }]);
    const broken = await call(
      hall,
      "POST",
      "/api/settings/import",
      admin,
      { yaml: "id: [unclosed" },
      {
        "if-match": String(version),
      },
    );
    expect(broken.status).toBe(422);
    expect(broken.body.error.code).toBe("invalid-settings");
    expect((await get()).version).toBe(version);
  });
});
