/**
 * The hall's data care (decision 0103) through the whole app in process: `GET/POST
 * /api/backups` are the admin's alone; a backup written now is a checked copy listed at
 * once; the minute timer runs, once per service day after closing, the retention job and
 * then the daily backup, so the day's copy no longer holds the expired visit's code.
 */
import { Database } from "bun:sqlite";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../../../server/queue/clock.ts";
import { checkDatabaseFile } from "../../../server/store/backup.ts";
import { createTestApp, MONDAY_8AM, type TestApp } from "../../helpers/app.ts";
import { call, issue, login } from "../http/hall-fixture.ts";

let hall: TestApp;
let clock: FakeClock;
let admin: string;
beforeAll(async () => {
  clock = new FakeClock(MONDAY_8AM);
  hall = await createTestApp({ clock });
  admin = await login(hall, "admin");
});
afterAll(async () => {
  await hall?.stop();
});

describe("backups on demand", () => {
  it("are for admins only: 401 anonymous, 403 officer and manager", async () => {
    const officer = await login(hall, "canbo1");
    const manager = await login(hall, "quanly");
    for (const method of ["GET", "POST"]) {
      expect((await call(hall, method, "/api/backups")).status).toBe(401);
      expect((await call(hall, method, "/api/backups", officer)).status).toBe(403);
      expect((await call(hall, method, "/api/backups", manager)).status).toBe(403);
    }
    expect((await call(hall, "GET", "/api/backups", admin)).body.files).toEqual([]);
  });

  it("writes a checked copy now and lists it, newest first", async () => {
    await issue(hall, "ho-tich");
    const r = await call(hall, "POST", "/api/backups", admin);
    expect(r.status).toBe(201);
    expect(r.body.created).toMatchObject({
      file: "qms-20261123-080000.sqlite",
      at: "2026-11-23T08:00:00.000+07:00",
    });
    expect(r.body.created.bytes).toBeGreaterThan(10_000);
    const path = join(hall.care!.dir, r.body.created.file);
    expect(checkDatabaseFile(path)).toBe("ok");
    const copy = new Database(path, { readonly: true });
    expect(copy.query("SELECT COUNT(*) AS n FROM tickets").get()).toEqual({ n: 1 });
    copy.close();
    clock.set(MONDAY_8AM + 60_000);
    const again = await call(hall, "POST", "/api/backups", admin);
    expect(again.body.files.map((f: { file: string }) => f.file)).toEqual([
      "qms-20261123-080100.sqlite",
      "qms-20261123-080000.sqlite",
    ]);
  });
});

describe("the daily job", () => {
  it("after closing: retention first, then the backup; once per service day", async () => {
    const t = await issue(hall, "ho-tich");
    expect((await call(hall, "POST", `/api/tickets/${t.code}/cancel`)).status).toBe(200);
    const care = hall.care!;
    // 91 days later (retention 90 days), in the morning: nothing is due yet.
    clock.set(MONDAY_8AM + 91 * 86_400_000);
    await care.tick();
    expect(care.list()).toHaveLength(2);
    expect((await call(hall, "GET", `/api/tickets/${t.code}`)).status).toBe(200);
    // After closing (17:00 + 30 min): the code is gone, and the copy does not hold it.
    clock.set(MONDAY_8AM + 91 * 86_400_000 + 10 * 3_600_000);
    await care.tick();
    expect((await call(hall, "GET", `/api/tickets/${t.code}`)).status).toBe(404);
    const files = care.list();
    expect(files).toHaveLength(3);
    const copy = new Database(join(care.dir, files[0]!.file), { readonly: true });
    const codes = copy.query<{ code: string }, []>("SELECT code FROM tickets").all();
    copy.close();
    expect(codes.map((c) => c.code)).not.toContain(t.code);
    expect(codes.filter((c) => c.code.startsWith("~"))).toHaveLength(1);
    // A minute later: both already done today.
    clock.set(clock.now() + 60_000);
    await care.tick();
    expect(care.list()).toHaveLength(3);
  });
});
