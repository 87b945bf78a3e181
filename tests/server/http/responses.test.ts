/**
 * Every answer the server gives matches the response schema its route declares
 * (server/contract/api/), field for field: a visit, a day at a counter, accounts,
 * printing and reports are driven through the real server, and each JSON body is parsed
 * with the declared schema of its status. Parsing strips undeclared fields, so comparing
 * the parsed body with the raw one fails on any field the contract does not document;
 * error bodies are checked against the one Error schema. The last test fails when a
 * declared route was never exercised here, so a new route cannot skip this check.
 */
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { type RunningBridge, startBridge } from "../../../kiosk/bridge/bridge.ts";
import type { ApiResponse, ApiRoute } from "../../../server/contract/api/define.ts";
import { API_ROUTES, ErrorBody } from "../../../server/contract/api/index.ts";
import { pairedKiosksConfig } from "../../helpers/hall.ts";
import { call, login, PASSWORD, type Reply, startTestHall, type TestHall } from "./hall-fixture.ts";

let hall: TestHall;
let dir: string;
let bridge: RunningBridge;
/** Device tokens (decision 0023): kiosk-1 prints and reprints, rating-1/2 are the tablets. */
let dev: (id: string) => Record<string, string>;
const exercised = new Map<string, Set<number>>();
const routes = Object.values(API_ROUTES) as ApiRoute[];

/** The declaration answering `method` `path` (a concrete path, query string ignored). */
function declared(method: string, path: string): ApiRoute {
  const bare = path.split("?")[0]!;
  const r = routes.find(
    (x) =>
      x.method === method.toLowerCase() && new RegExp(`^${x.path.replace(/\{\w+\}/g, "[^/]+")}$`).test(bare),
  );
  if (!r) throw new Error(`no route declared for ${method} ${bare}`);
  return r;
}

/** Calls the API and checks the answer against the declaration; returns it. */
async function api(
  method: string,
  path: string,
  token?: string | null,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const route = declared(method, path);
  const r = await call(hall.base, method, path, token, body, headers);
  const key = `${route.method} ${route.path}`;
  exercised.set(key, (exercised.get(key) ?? new Set()).add(r.status));
  const res = route.responses[r.status] as ApiResponse | undefined;
  expect(res, `${key} answered ${r.status}, which it does not declare`).toBeDefined();
  const schema = res!.content?.["application/json"]?.schema;
  if (r.status === 204) expect(r.body, key).toBeNull();
  else {
    expect(schema, `${key} ${r.status} has no JSON schema`).toBeDefined();
    const parsed = (r.status >= 400 ? ErrorBody : (schema as z.ZodType)).safeParse(r.body);
    expect(parsed.error?.issues ?? [], `${key} ${r.status}: ${JSON.stringify(r.body)}`).toEqual([]);
    // Stripping undeclared fields must change nothing: every field is documented.
    expect(parsed.data, `${key} ${r.status} carries undocumented fields`).toEqual(r.body);
  }
  return r;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "qms-responses-"));
  // The outbox gives up at the first failure here, so that "send again" can be exercised.
  // The hall's time runs from Monday 2026-11-23 08:20 (+07:00), so that a booking can be
  // made and checked in within its window (appointments below); it moves with the real clock.
  const t0 = Date.now();
  hall = await startTestHall({
    clock: { now: () => Date.parse("2026-11-23T08:20:00+07:00") + (Date.now() - t0) },
    dataDir: join(dir, "data"),
    hallConfigPath: pairedKiosksConfig(),
    outboxTiming: { giveUpMs: 0 },
  });
  const creds = JSON.parse(readFileSync(join(hall.dataDir, "device-credentials.json"), "utf8"));
  dev = (id) => ({ "x-device-token": creds[id] });
  bridge = startBridge(
    {
      brokerUrl: `mqtt://127.0.0.1:${hall.mqttPort}`,
      hall: "phu-lien",
      base: "qms",
      printer: "printer-1",
      password: creds["printer-1"],
      output: join(dir, "printer-1.bin"),
      stateFile: join(dir, "printer-1.state.json"),
      clientId: "responses-printer-1",
      reconnectMs: 100,
      probeIntervalSec: 0,
    },
    { log: () => {} },
  );
  await bridge.ready;
});
afterAll(async () => {
  await bridge?.stop().catch(() => {});
  await hall?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("answers match their declared schemas", () => {
  it("public: health, fields, a ticket printed at a kiosk, its job, the hall", async () => {
    await api("GET", "/api/health");
    await api("GET", "/api/services");
    const admin = await login(hall.base, "admin");
    for (let i = 0; i < 50; i++) {
      const p = (await api("GET", "/api/printers", admin)).body.printers;
      if (p.find((x: { id: string; online: boolean }) => x.id === "printer-1")?.online) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const issued = await api(
      "POST",
      "/api/tickets",
      null,
      {
        serviceId: "ho-tich",
        priority: "elderly",
        kioskId: "kiosk-1",
        lang: "vi",
        requestId: "responses-0001",
      },
      dev("kiosk-1"),
    );
    expect(issued.status).toBe(201);
    expect(
      (
        await api(
          "POST",
          "/api/tickets",
          null,
          { serviceId: "ho-tich", kioskId: "kiosk-1", requestId: "responses-0001" },
          dev("kiosk-1"),
        )
      ).status,
    ).toBe(200);
    // Without the kiosk's token: issued, not printed.
    const unpaired = await api("POST", "/api/tickets", null, { serviceId: "cu-tru", kioskId: "kiosk-1" });
    expect(unpaired.body.printRefused).toBe("device-not-paired");
    await api("POST", `/api/tickets/${unpaired.body.ticket.code}/cancel`);
    const job = issued.body.print.jobId;
    for (let i = 0; i < 100 && (await api("GET", `/api/print-jobs/${job}`)).body.job.state === "sent"; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(
      (await api("POST", `/api/print-jobs/${job}/reprint`, null, undefined, dev("kiosk-1"))).status,
    ).toBe(201);
    expect((await api("POST", `/api/print-jobs/${job}/reprint`)).status).toBe(403);
    await api("POST", "/api/print-jobs/aaaa/reprint", null, undefined, dev("kiosk-1"));
    await api("GET", `/api/tickets/${issued.body.ticket.code}`);
    await api("GET", "/api/tickets/aaaaaaaaaaaaaaaa");
    await api("GET", "/api/hall");
    await api("GET", "/api/printers", admin);
    await api("GET", "/api/devices", admin);
    await api("GET", "/api/staffing-advice", admin);
  });

  it("a counter's day: open, call, recall, start, finish, rate, transfer, pause, close", async () => {
    const t = await login(hall.base, "canbo1");
    await api("GET", "/api/counters/1", null);
    await api("POST", "/api/counters/1/open", t);
    await api("GET", "/api/auth/me", t);
    await api("POST", "/api/counters/1/call-next", t);
    await api("POST", "/api/counters/1/recall", t);
    await api("POST", "/api/counters/1/start", t);
    await api("GET", "/api/counters", t);
    await api("GET", "/api/auth/me", t);
    await api("POST", "/api/counters/1/finish", t);
    await api("POST", "/api/counters/1/call-next", t);
    await api("GET", "/api/counters/1/rating");
    const rated = await api("POST", "/api/counters/1/rating", null, { score: 4 }, dev("rating-1"));
    expect(rated.status).toBe(201);
    await api("POST", "/api/counters/1/rating", null, { score: 4 }, dev("rating-1"));
    const second = (await api("POST", "/api/tickets", null, { serviceId: "ho-tich" })).body.ticket;
    await api("POST", "/api/counters/1/call", t, { number: second.number, reason: "Khách quay lại" });
    await api("POST", "/api/counters/1/transfer", t, { serviceId: "chung-thuc" });
    await api("POST", "/api/counters/1/no-show", t);
    await api("POST", `/api/tickets/${second.code}/cancel`);
    await api("POST", `/api/tickets/${second.code}/rating`, null, { score: 2 });
    const third = (await api("POST", "/api/tickets", null, { serviceId: "ho-tich" })).body.ticket;
    await api("POST", "/api/counters/1/call-next", t);
    await api("POST", "/api/counters/1/no-show", t);
    await api("POST", `/api/tickets/${third.code}/cancel`);
    await api("POST", "/api/counters/1/pause", t, { reason: "Họp giao ban" });
    await api("GET", "/api/counters/1", t);
    await api("POST", "/api/counters/1/resume", t);
    await api("GET", "/api/counters/1/today", t);
    await api("POST", "/api/counters/1/close", t);
    await api("GET", "/api/auth/me", t);
    await api("POST", "/api/auth/logout", t);
  });

  it("a visitor rates their own finished visit from the phone page", async () => {
    const t = await login(hall.base, "canbo2");
    const mine = (await api("POST", "/api/tickets", null, { serviceId: "cu-tru" })).body.ticket;
    await api("POST", "/api/counters/2/open", t);
    expect((await api("POST", "/api/counters/2/call-next", t)).body.ticket.code).toBe(mine.code);
    await api("POST", "/api/counters/2/finish", t);
    expect((await api("POST", `/api/tickets/${mine.code}/rating`, null, { score: 3 })).status).toBe(201);
    await api("POST", "/api/counters/2/close", t);
  });

  it("accounts and the board's notice", async () => {
    const admin = await login(hall.base, "admin");
    await api("POST", "/api/auth/login", null, { username: "admin", password: "wrong-password" });
    await api("POST", "/api/auth/login", null, { username: "quanly", password: PASSWORD });
    await api("GET", "/api/users", admin);
    await api("GET", "/api/auth/log?limit=50", admin);
    await api("GET", "/api/auth/log?outcome=invalid-credentials&username=admin", admin);
    await api("GET", "/api/auth/log?limit=0", admin);
    const u = await api("POST", "/api/users", admin, {
      username: "lan.nguyen",
      password: "mat-khau-8",
      name: "Nguyễn Thị Lan",
      role: "officer",
    });
    await api("PATCH", `/api/users/${u.body.user.id}`, admin, { disabled: true });
    await api("PUT", "/api/hall/notice", admin, { notice: { vi: "Nghỉ trưa 11:30", en: "Lunch 11:30" } });
    await api("GET", "/api/hall");
    await api("PUT", "/api/hall/notice", admin, { notice: null });
  });

  it("reports, as JSON", async () => {
    const m = await login(hall.base, "quanly");
    await api("GET", "/api/reports/waits?preset=today&groupBy=service", m);
    await api("GET", "/api/reports/waits?preset=today&groupBy=officer", m);
    await api("GET", "/api/reports/officers?preset=today", m);
    await api("GET", "/api/reports/breaches?preset=today", m);
    await api("GET", "/api/reports/waits?from=2026-01-02&to=2026-01-01", m);
  });

  it("issue 15: the kiosk's card key, dossier codes at the kiosk and the console, the outbox", async () => {
    const key = await api("GET", "/api/kiosks/kiosk-2/cccd-key", null, undefined, dev("kiosk-2"));
    expect(key.body.key).toMatch(/^[0-9a-f]{64}$/);
    expect((await api("GET", "/api/kiosks/kiosk-2/cccd-key", null, undefined, dev("kiosk-1"))).status).toBe(
      403,
    );
    expect((await api("GET", "/api/kiosks/nope/cccd-key", null, undefined, dev("kiosk-1"))).status).toBe(404);
    const cccd = { elderly: true, keyId: key.body.keyId, hash: "ab".repeat(32) };
    const first = await api("POST", "/api/tickets", null, {
      serviceId: "dat-dai",
      priority: "elderly",
      cccd,
    });
    expect(first.status).toBe(201);
    const again = await api("POST", "/api/tickets", null, {
      serviceId: "dat-dai",
      priority: "elderly",
      cccd,
    });
    expect(again.body.error.code).toBe("cccd-already-issued");
    const stale = { ...cccd, keyId: "2020-01-01.000000000000" };
    expect(
      (await api("POST", "/api/tickets", null, { serviceId: "cu-tru", cccd: stale })).body.error.code,
    ).toBe("cccd-key-expired");
    const young = { ...cccd, elderly: false, hash: "cd".repeat(32) };
    expect(
      (await api("POST", "/api/tickets", null, { serviceId: "cu-tru", priority: "elderly", cccd: young }))
        .body.error.code,
    ).toBe("invalid-cccd");
    const code = "000.00.19.H26-231109-0003";
    expect(
      (await api("POST", "/api/tickets", null, { serviceId: "tra-ket-qua", dossierCode: code })).status,
    ).toBe(201);
    expect(
      (await api("POST", "/api/tickets", null, { serviceId: "tra-ket-qua", dossierCode: code })).body.error
        .code,
    ).toBe("dossier-code-taken");
    expect(
      (await api("POST", "/api/tickets", null, { serviceId: "tra-ket-qua", dossierCode: "abc" })).body.error
        .code,
    ).toBe("invalid-dossier-code");
    const t = await login(hall.base, "canbo3");
    await api("POST", "/api/counters/3/open", t);
    await api("POST", "/api/counters/3/call-next", t);
    const linked = await api("PUT", "/api/counters/3/dossier", t, {
      dossierCode: "H26.99-240315-0012",
      procedureCode: "1.001612",
    });
    expect(linked.body.dossier.procedureCode).toBe("1.001612");
    expect((await api("GET", "/api/auth/me", t)).body.counter.currentDossier.dossierCode).toBe(
      "H26.99-240315-0012",
    );
    expect((await api("PUT", "/api/counters/3/dossier", t, { dossierCode: code })).body.error.code).toBe(
      "dossier-code-taken",
    );
    expect(
      (
        await api("PUT", "/api/counters/3/dossier", t, {
          dossierCode: "H26.99-240315-0012",
          procedureCode: "x",
        })
      ).body.error.code,
    ).toBe("invalid-procedure-code");
    expect((await api("PUT", "/api/counters/3/dossier", t, { dossierCode: null })).body.dossier).toBeNull();
    await api("POST", "/api/counters/3/finish", t);
    expect((await api("PUT", "/api/counters/3/dossier", t, { dossierCode: code })).body.error.code).toBe(
      "no-current-ticket",
    );
    await api("PUT", "/api/counters/4/dossier", t, { dossierCode: code });
    await api("POST", "/api/counters/3/close", t);
    const m = await login(hall.base, "quanly");
    const box = await api("GET", "/api/outbox", m);
    expect(box.body.channels).toEqual([
      expect.objectContaining({ channel: "webhook", configured: false }),
      // Web Push needs no vendor account: on by default (issue 14).
      expect.objectContaining({ channel: "push", configured: true }),
    ]);
    await api("POST", "/api/outbox/999/retry", m);
    // A message for a channel this hall does not have: it fails, shows, and can be sent again.
    const id = hall.outbox.enqueue({
      channel: "sms",
      topic: "test",
      dedupeKey: null,
      ticketId: null,
      payload: "{}",
      dueAt: 0,
    });
    await hall.outbox.runDue();
    const failed = await api("GET", "/api/outbox", m);
    expect(failed.body.channels.find((c: { channel: string }) => c.channel === "sms")).toMatchObject({
      failed: 1,
      configured: false,
    });
    expect((await api("POST", `/api/outbox/${id}/retry`, m)).body.message.state).toBe("pending");
    await api("POST", `/api/outbox/${id}/retry`, m);
    await api("GET", "/api/outbox", t);
  });

  it("issue 14: notices before one's turn (state, subscribe, refuse, stop, VAPID key)", async () => {
    const t = (await api("POST", "/api/tickets", null, { serviceId: "ho-tich" })).body.ticket;
    const state = await api("GET", `/api/tickets/${t.code}/notify`);
    expect(state.body.channels).toEqual(["push"]);
    await api("GET", "/api/tickets/aaaaaaaaaaaaaaaa/notify");
    const key = await api("GET", "/api/push/vapid-public-key");
    expect(key.body.publicKey).toBe(state.body.vapidPublicKey);
    const subscription = {
      endpoint: "https://push.example.net/send/abc",
      keys: {
        p256dh: "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM",
        auth: "tBHItJI5svbpez7KI4CCXg",
      },
    };
    const ok = await api("POST", `/api/tickets/${t.code}/notify`, null, {
      channel: "push",
      subscription,
      ahead: 2,
    });
    expect(ok.status).toBe(201);
    expect(
      (await api("POST", `/api/tickets/${t.code}/notify`, null, { channel: "push", ahead: 2 })).body.error
        .code,
    ).toBe("invalid-push-subscription");
    expect(
      (
        await api("POST", `/api/tickets/${t.code}/notify`, null, {
          channel: "sms",
          phone: "0912345678",
          ahead: 2,
        })
      ).status,
    ).toBe(409);
    expect((await api("DELETE", `/api/tickets/${t.code}/notify?channel=push`)).body).toEqual({ removed: 1 });
    await api("DELETE", "/api/tickets/aaaaaaaaaaaaaaaa/notify");
    await api("POST", `/api/tickets/${t.code}/cancel`);
    await api("POST", `/api/tickets/${t.code}/notify`, null, { channel: "push", subscription, ahead: 2 });
  });

  it("settings: read, save, refuse, history, restore, export and import", async () => {
    const admin = await login(hall.base, "admin");
    await api("GET", "/api/settings/public");
    await api("GET", "/api/schedule?days=3", admin);
    await api("GET", "/api/schedule?from=2026-02-30", admin);
    const cur = await api("GET", "/api/settings", admin);
    const v = cur.body.version as number;
    const next = structuredClone(cur.body.config);
    next.targets.waitMin = 14;
    await api("PUT", "/api/settings", admin, next);
    await api("PUT", "/api/settings", admin, next, { "if-match": "0" });
    const bad = structuredClone(next);
    bad.counters[0].serviceIds = ["khong-co"];
    await api("PUT", "/api/settings", admin, bad, { "if-match": String(v) });
    await api("PUT", "/api/settings?dryRun=true", admin, next, { "if-match": String(v) });
    const saved = await api("PUT", "/api/settings", admin, next, { "if-match": String(v) });
    await api("GET", "/api/settings/history?limit=10", admin);
    await api("GET", `/api/settings/history/${v}`, admin);
    await api("GET", "/api/settings/history/999", admin);
    const restored = await api("POST", `/api/settings/history/${v}/restore`, admin, undefined, {
      "if-match": String(saved.body.version),
    });
    // The export is YAML (no JSON schema): checked here, then imported back.
    const res = await fetch(`${hall.base}/api/settings/export`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(res.status).toBe(200);
    exercised.set("get /api/settings/export", new Set([res.status]));
    const yaml = await res.text();
    await api("POST", "/api/settings/import", admin, { yaml }, { "if-match": String(restored.body.version) });
    await api(
      "POST",
      "/api/settings/import",
      admin,
      { yaml: "id: [" },
      { "if-match": String(restored.body.version) },
    );
  });

  it("backups: the list, one written now, and a refusal when the folder cannot be written", async () => {
    const admin = await login(hall.base, "admin");
    const empty = await api("GET", "/api/backups", admin);
    expect(empty.body).toMatchObject({ keep: expect.any(Number), daily: true, retentionDays: 90 });
    const made = await api("POST", "/api/backups", admin);
    expect(made.status).toBe(201);
    expect(made.body.created.file).toMatch(/^qms-\d{8}-\d{6}\.sqlite$/);
    expect(made.body.files.map((f: { file: string }) => f.file)).toContain(made.body.created.file);
    expect((await api("GET", "/api/backups", admin)).body.files[0]).toEqual(made.body.created);
    // A file where the folder should be: 503 backup-failed, said in words, nothing else changes.
    const dirPath = join(hall.dataDir, "backups");
    renameSync(dirPath, `${dirPath}.aside`);
    writeFileSync(dirPath, "not a folder");
    try {
      const failed = await api("POST", "/api/backups", admin);
      expect(failed.status).toBe(503);
      expect(failed.body.error.code).toBe("backup-failed");
    } finally {
      rmSync(dirPath);
      renameSync(`${dirPath}.aside`, dirPath);
    }
  });

  it("appointments: fields, days, slots, booking, lookup, check-in twice, cancel, the manager's day", async () => {
    await api("GET", "/api/appointments/fields");
    await api("GET", "/api/appointments/days?serviceId=ho-tich");
    await api("GET", "/api/appointments/slots?serviceId=ho-tich&date=2026-11-23");
    const b = await api("POST", "/api/appointments", null, {
      serviceId: "ho-tich",
      date: "2026-11-23",
      slot: "08:30",
      phone: "0912345678",
    });
    expect(b.status).toBe(201);
    const code = b.body.appointment.code;
    await api("GET", `/api/appointments/${code}`);
    expect(
      (await api("POST", `/api/appointments/${code}/check-in`, null, { kioskId: "kiosk-1" }, dev("kiosk-1")))
        .status,
    ).toBe(201);
    expect(
      (await api("POST", `/api/appointments/${code}/check-in`, null, { kioskId: "kiosk-1" }, dev("kiosk-1")))
        .status,
    ).toBe(200);
    expect((await api("GET", `/api/appointments/${code}`)).body.appointment.ticket.number).toMatch(
      /^A\d{3}$/,
    );
    const other = await api("POST", "/api/appointments", null, {
      serviceId: "dat-dai",
      date: "2026-11-24",
      slot: "09:00",
    });
    await api("DELETE", `/api/appointments/${other.body.appointment.code}`);
    expect(
      (
        await api("POST", "/api/appointments", null, {
          serviceId: "ho-tich",
          date: "2026-11-29",
          slot: "09:00",
        })
      ).status,
    ).toBe(422);
    await api("GET", "/api/appointments/today", await login(hall.base, "quanly"));
  });

  it("every declared route with a JSON answer was exercised here, with a success", () => {
    const missing = routes
      // Event streams have no JSON answer (tests/server/http/live.test.ts reads their frames).
      .filter((r) => !("text/event-stream" in (r.responses[200]?.content ?? {})))
      .map((r) => `${r.method} ${r.path}`)
      .filter((k) => ![...(exercised.get(k) ?? [])].some((s) => s < 300));
    expect(missing).toEqual([]);
  });
});
