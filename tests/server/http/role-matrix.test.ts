/**
 * The role matrix of issue 4: every staff endpoint × anonymous / officer holding the
 * counter / another officer / manager / admin → the expected status, through the whole
 * app in process (tests/helpers/app.ts). Counter actions are walked through one visit's
 * life so that each one is valid for its holder; the refusals run first and must not
 * change anything.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../helpers/app.ts";
import { call, issue, login } from "./hall-fixture.ts";

type Who = "anonymous" | "officer" | "otherOfficer" | "manager" | "admin";
const REFUSERS: Who[] = ["anonymous", "otherOfficer", "manager", "admin"];

let hall: TestApp;
const tokens: Record<Who, string | null> = {
  anonymous: null,
  officer: null,
  otherOfficer: null,
  manager: null,
  admin: null,
};

beforeAll(async () => {
  hall = await createTestApp();
  [tokens.officer, tokens.otherOfficer, tokens.manager, tokens.admin] = await Promise.all([
    login(hall, "canbo1"),
    login(hall, "canbo2"),
    login(hall, "quanly"),
    login(hall, "admin"),
  ]);
  expect((await call(hall, "POST", "/api/counters/1/open", tokens.officer)).status).toBe(200);
  expect((await call(hall, "POST", "/api/counters/2/open", tokens.otherOfficer)).status).toBe(200);
});

afterAll(async () => {
  await hall?.stop();
});

const req = (who: Who, method: string, path: string, body?: unknown) =>
  call(hall, method, path, tokens[who], body);

/** Runs the refusals first (they must change nothing), then the holder's call. */
async function matrix(
  method: string,
  path: string,
  body: unknown,
  holderStatus: number,
  refused: Partial<Record<Who, [number, string]>> = {},
) {
  const want: Record<Who, [number, string]> = {
    anonymous: [401, "unauthorized"],
    otherOfficer: [403, "not-your-counter"],
    manager: [403, "not-your-counter"],
    admin: [403, "not-your-counter"],
    officer: [holderStatus, ""],
    ...refused,
  };
  const before = (await req("officer", "GET", "/api/auth/me")).body.counter;
  for (const who of REFUSERS) {
    const r = await req(who, method, path, body);
    expect({ who, status: r.status, code: r.body?.error?.code }).toEqual({
      who,
      status: want[who][0],
      code: want[who][1],
    });
  }
  const after = (await req("officer", "GET", "/api/auth/me")).body.counter;
  expect(after).toEqual(before);
  const r = await req("officer", method, path, body);
  expect({ status: r.status, body: r.body }).toMatchObject({ status: holderStatus });
  return r;
}

describe("counter actions: only the officer holding the counter may act", () => {
  it("call-next, recall, start, transfer, no-show, call, finish, pause, resume, close", async () => {
    const a = await issue(hall, "ho-tich");
    const called = await matrix("POST", "/api/counters/1/call-next", undefined, 200);
    expect(called.body.ticket).toMatchObject({ number: a.number, status: "called", counter: 1 });

    const recalled = await matrix("POST", "/api/counters/1/recall", undefined, 200);
    expect(recalled.body.ticket.callCount).toBe(2);

    const started = await matrix("POST", "/api/counters/1/start", undefined, 200);
    expect(started.body.ticket.status).toBe("serving");

    const moved = await matrix("POST", "/api/counters/1/transfer", { serviceId: "chung-thuc" }, 200);
    expect(moved.body.ticket).toMatchObject({ status: "waiting", serviceId: "chung-thuc" });

    await matrix("POST", "/api/counters/1/call-next", undefined, 200);
    const skipped = await matrix("POST", "/api/counters/1/no-show", undefined, 200);
    expect(skipped.body.ticket.status).toBe("no-show");

    await issue(hall, "ho-tich");
    const b = await issue(hall, "ho-tich");
    const out = await matrix(
      "POST",
      "/api/counters/1/call",
      { number: b.number, reason: "khách quay lại" },
      200,
    );
    expect(out.body.ticket.number).toBe(b.number);

    const done = await matrix("POST", "/api/counters/1/finish", undefined, 200);
    expect(done.body.ticket.status).toBe("done");

    const paused = await matrix("POST", "/api/counters/1/pause", { reason: "Họp" }, 200);
    expect(paused.body.counter).toMatchObject({ paused: true, pauseReason: "Họp" });
    const resumed = await matrix("POST", "/api/counters/1/resume", undefined, 200);
    expect(resumed.body.counter.paused).toBe(false);

    // Managers and admins may force-close (tested below), so only two refusals here.
    for (const who of ["anonymous", "otherOfficer"] as const) {
      const r = await req(who, "POST", "/api/counters/1/close");
      expect(r.status).toBe(who === "anonymous" ? 401 : 403);
    }
    await req("officer", "POST", "/api/counters/1/call-next"); // the waiting one, if any
    await req("officer", "POST", "/api/counters/1/finish");
    const closed = await req("officer", "POST", "/api/counters/1/close");
    expect(closed.status).toBe(200);
    expect(closed.body.counter.open).toBe(false);
  });

  it("call-next answers 204 when nobody waits for the counter", async () => {
    const r = await req("otherOfficer", "POST", "/api/counters/2/call-next");
    // Counter 2 serves ho-tich and cu-tru; drain, then nobody is left.
    if (r.status === 200) await req("otherOfficer", "POST", "/api/counters/2/finish");
    let last = r.status;
    while (last === 200) {
      last = (await req("otherOfficer", "POST", "/api/counters/2/call-next")).status;
      if (last === 200) await req("otherOfficer", "POST", "/api/counters/2/finish");
    }
    expect(last).toBe(204);
  });

  it("acting on a counter nobody holds is 409 counter-not-open; unknown counters are 404", async () => {
    const r = await req("officer", "POST", "/api/counters/5/call-next");
    expect([r.status, r.body.error.code]).toEqual([409, "counter-not-open"]);
    const u = await req("officer", "POST", "/api/counters/99/call-next");
    expect([u.status, u.body.error.code]).toEqual([404, "counter-not-found"]);
    const bad = await req("officer", "POST", "/api/counters/abc/call-next");
    expect([bad.status, bad.body.error.code]).toEqual([404, "counter-not-found"]);
  });
});

describe("opening and closing counters", () => {
  it("anonymous 401; a free counter opens; a taken one is 409 counter-taken; one counter per officer", async () => {
    expect((await req("anonymous", "POST", "/api/counters/3/open")).status).toBe(401);
    const taken = await req("officer", "POST", "/api/counters/2/open");
    expect([taken.status, taken.body.error.code]).toEqual([409, "counter-taken"]);
    expect((await req("officer", "POST", "/api/counters/3/open")).status).toBe(200);
    const second = await req("officer", "POST", "/api/counters/4/open");
    expect([second.status, second.body.error.code]).toEqual([409, "already-holding-counter"]);
    expect(second.body.error.details).toEqual({ counter: 3 });
  });

  it("managers and admins force-close a counter left open; the visitor at it goes back in line", async () => {
    const t = await issue(hall, "dat-dai");
    const c = await req("officer", "POST", "/api/counters/3/call-next");
    expect(c.body.ticket.number).toBe(t.number);
    const forced = await req("manager", "POST", "/api/counters/3/close");
    expect(forced.status).toBe(200);
    expect(forced.body.counter).toMatchObject({ open: false, current: null });
    const back = await call(hall, "GET", `/api/tickets/${t.code}`);
    expect(back.body.ticket.status).toBe("waiting");
    // The officer's console learns it from /api/auth/me.
    expect((await req("officer", "GET", "/api/auth/me")).body.counter).toBeNull();

    expect((await req("officer", "POST", "/api/counters/3/open")).status).toBe(200);
    const byAdmin = await req("admin", "POST", "/api/counters/3/close");
    expect([byAdmin.status, byAdmin.body.counter.open]).toEqual([200, false]);
  });

  it("a manager may staff a free counter like an officer", async () => {
    expect((await req("manager", "POST", "/api/counters/6/open")).status).toBe(200);
    expect((await req("manager", "POST", "/api/counters/6/close")).status).toBe(200);
  });
});

describe("read endpoints and accounts", () => {
  const staff: Who[] = ["officer", "otherOfficer", "manager", "admin"];

  it.each(["/api/auth/me", "/api/counters", "/api/counters/1", "/api/counters/1/today"])(
    "GET %s: 401 anonymous, 200 for every staff role",
    async (path) => {
      expect((await req("anonymous", "GET", path)).status).toBe(401);
      for (const who of staff)
        expect({ who, status: (await req(who, "GET", path)).status }).toEqual({ who, status: 200 });
    },
  );

  it("user management is admin-only: 401 anonymous, 403 officer and manager", async () => {
    const body = { username: "canbo-moi", password: "mat-khau-1", name: "Cán bộ mới", role: "officer" };
    for (const [method, path, b, ok] of [
      ["GET", "/api/users", undefined, 200],
      ["POST", "/api/users", body, 201],
      ["PATCH", "/api/users/3", { name: "Cán bộ 2 (đổi tên)" }, 200],
    ] as const) {
      expect((await req("anonymous", method, path, b)).status).toBe(401);
      for (const who of ["officer", "otherOfficer", "manager"] as const) {
        const r = await req(who, method, path, b);
        expect({ who, method, path, status: r.status, code: r.body.error.code }).toEqual({
          who,
          method,
          path,
          status: 403,
          code: "forbidden",
        });
      }
      expect((await req("admin", method, path, b)).status).toBe(ok);
    }
    const again = await req("admin", "POST", "/api/users", body);
    expect([again.status, again.body.error.code]).toEqual([409, "username-taken"]);
  });

  it("an admin cannot disable or demote themselves", async () => {
    const me = (await req("admin", "GET", "/api/auth/me")).body.user;
    const r = await req("admin", "PATCH", `/api/users/${me.id}`, { disabled: true });
    expect(r.status).toBe(403);
  });

  it("logout: 401 anonymous; the token stops working afterwards", async () => {
    expect((await req("anonymous", "POST", "/api/auth/logout")).status).toBe(401);
    const t = await login(hall, "canbo7");
    expect((await call(hall, "POST", "/api/auth/logout", t)).status).toBe(200);
    const after = await call(hall, "GET", "/api/auth/me", t);
    expect([after.status, after.body.error.code]).toEqual([401, "unauthorized"]);
  });
});

describe("every secured operation of the OpenAPI document", () => {
  /** Path parameters filled with values that pass validation or fail after auth. */
  const fill = (p: string) =>
    p
      .replace("{n}", "1")
      .replace("{id}", "2")
      .replace("{code}", "aaaaaaaaaaaaaaaa")
      .replace("{kioskId}", "kiosk-1")
      .replace(/\{[^}]+\}/g, "x");

  it("refuses anonymous callers with 401, and officers on manager/admin operations with 403", async () => {
    const doc = (await call(hall, "GET", "/api/openapi.json")).body;
    let secured = 0;
    for (const [path, ops] of Object.entries(
      doc.paths as Record<string, Record<string, { security?: unknown; description?: string }>>,
    )) {
      for (const [method, op] of Object.entries(ops)) {
        if (!op.security) continue;
        const url = fill(path);
        // Operations of a device (kiosk, rating tablet) refuse callers without its token.
        if (!(op.security as Record<string, unknown>[]).some((x) => "bearer" in x)) {
          const dev = await req(
            "anonymous",
            method.toUpperCase(),
            url,
            method === "get" ? undefined : { score: 4 },
          );
          expect({ method, path, status: dev.status }).toEqual({ method, path, status: 403 });
          continue;
        }
        secured++;
        const anon = await req("anonymous", method.toUpperCase(), url, method === "get" ? undefined : {});
        expect({ method, path, status: anon.status }).toEqual({ method, path, status: 401 });
        const who = /Who: (admin|manager or admin|managers?, admins?)\b/.exec(op.description ?? "");
        if (!who) continue;
        const r = await req("otherOfficer", method.toUpperCase(), url, method === "get" ? undefined : {});
        expect({ method, path, status: r.status }).toEqual({ method, path, status: 403 });
        if (who[1] === "admin") {
          const m = await req("manager", method.toUpperCase(), url, method === "get" ? undefined : {});
          expect({ method, path, status: m.status }).toEqual({ method, path, status: 403 });
        }
      }
    }
    // auth (2) + users (3) + counters (3 reads + 11 actions) at least.
    expect(secured).toBeGreaterThanOrEqual(19);
  });
});
