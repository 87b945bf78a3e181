/**
 * Notices before one's turn through a whole in-process hall (FakeClock; issue 14, decision
 * 0115): the phone page's API with its 4xx codes, the threshold crossed as an officer
 * calls, the call and the rating notices, delivered by the outbox to local Zalo and eSMS
 * stand-ins that check the documented shapes; retries with backoff and the give-up shown
 * to the manager; the event log; and the recipients gone once the ticket is over.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadHallConfig } from "../../../server/config/load.ts";
import type { FakeClock } from "../../../server/queue/clock.ts";
import { NoticeStore } from "../../../server/store/notices.ts";
import { RetentionStore } from "../../../server/store/retention.ts";
import { createTestApp, type TestApp } from "../../helpers/app.ts";
import { client, login } from "../../helpers/hall.ts";
import {
  type EsmsRequest,
  type FakeVendor,
  startFakeEsms,
  startFakeZalo,
  type ZnsRequest,
} from "../../helpers/notice-fakes.ts";

let app: TestApp;
let clock: FakeClock;
let zalo: FakeVendor<ZnsRequest>;
let sms: FakeVendor<EsmsRequest>;
let officer: ReturnType<typeof client>;
let manager: ReturnType<typeof client>;
const anon = () => client(app);
const MIN = 60_000;
const TOKEN = "oa-access-token-xyz";

async function issue(serviceId = "ho-tich") {
  const r = await anon()("POST", "/api/tickets", { serviceId });
  expect(r.status).toBe(201);
  return r.body.ticket as { id: number; number: string; code: string };
}

/** Calls the next ticket to counter 1, serves it in 3 minutes; returns its number. */
async function serveNext(): Promise<string> {
  const c = await officer("POST", "/api/counters/1/call-next");
  expect(c.status).toBe(200);
  await officer("POST", "/api/counters/1/start");
  clock.advance(3 * MIN);
  expect((await officer("POST", "/api/counters/1/finish")).status).toBe(200);
  return c.body.ticket.number;
}

function events(type: string) {
  return app.db
    .query<{ data: string }, [string]>("SELECT data FROM events WHERE type = ? ORDER BY id")
    .all(type)
    .map((r) => JSON.parse(r.data));
}

beforeAll(async () => {
  zalo = await startFakeZalo(TOKEN);
  sms = await startFakeEsms("esms-api", "esms-secret", "UBND-PL");
  const config = loadHallConfig();
  config.notices = {
    ...config.notices,
    zalo: {
      ...config.notices.zalo,
      enabled: true,
      url: zalo.url,
      templates: { near: "5001", called: "5002", finished: "5003", booked: null, reminder: null },
      timeoutSec: 1,
    },
    sms: { ...config.notices.sms, enabled: true, url: sms.url, brandname: "UBND-PL", timeoutSec: 1 },
  };
  app = await createTestApp({
    config,
    noticeEnv: { zaloToken: TOKEN, smsApiKey: "esms-api", smsSecretKey: "esms-secret" },
    outboxTiming: { baseMs: 10_000, maxMs: 600_000, giveUpMs: 3_600_000 },
  });
  clock = app.clock as FakeClock;
  officer = client(app, await login(app, "canbo1"));
  manager = client(app, await login(app, "quanly"));
  expect((await officer("POST", "/api/counters/1/open")).status).toBe(200);
});

afterAll(async () => {
  await app?.stop();
  await zalo?.close();
  await sms?.close();
});

describe("the phone page's API", () => {
  it("offers the configured channels, the choices and the VAPID key", async () => {
    const t = await issue();
    const r = await anon()("GET", `/api/tickets/${t.code}/notify`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      channels: ["push", "zalo", "sms"],
      aheadChoices: [2, 5, 10],
      subscriptions: [],
    });
    expect(r.body.vapidPublicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    const k = await anon()("GET", "/api/push/vapid-public-key");
    expect(k.body.publicKey).toBe(r.body.vapidPublicKey);
    await anon()("POST", `/api/tickets/${t.code}/cancel`);
  });

  it("refuses bad input with stable codes, in Vietnamese and in English", async () => {
    const t = await issue();
    const post = (body: unknown, h: Record<string, string> = {}) =>
      anon()("POST", `/api/tickets/${t.code}/notify`, body, h);
    const bad = await post({ channel: "zalo", phone: "0241 3825 123", ahead: 2 });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({
      code: "invalid-phone",
      message: expect.stringContaining("Số điện thoại"),
    });
    const en = await post({ channel: "sms", phone: "12345", ahead: 2 }, { "accept-language": "en" });
    expect(en.body.error).toMatchObject({
      code: "invalid-phone",
      message: expect.stringContaining("Vietnamese mobile"),
    });
    expect((await post({ channel: "zalo", phone: "0912345678" })).body.error.code).toBe(
      "notice-threshold-required",
    );
    const fax = await post({ channel: "fax", phone: "0912345678", ahead: 2 });
    expect(fax.status).toBe(409);
    expect(fax.body.error.code).toBe("notice-channel-unavailable");
    const push = await post({
      channel: "push",
      subscription: { endpoint: "ftp://x", keys: { p256dh: "a", auth: "b" } },
      ahead: 2,
    });
    expect(push.body.error.code).toBe("invalid-push-subscription");
    expect((await post({ channel: "zalo", phone: "0912345678", ahead: 2, extra: 1 })).status).toBe(400);
    const unknown = await anon()("POST", "/api/tickets/aaaaaaaaaaaaaaaa/notify", {
      channel: "zalo",
      phone: "0912345678",
      ahead: 2,
    });
    expect(unknown.status).toBe(404);
    // Nothing was stored by any of them.
    expect(new NoticeStore(app.db).forTicket(t.id)).toEqual([]);
    await anon()("POST", `/api/tickets/${t.code}/cancel`);
    const late = await post({ channel: "zalo", phone: "0912345678", ahead: 2 });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("ticket-not-waiting");
  });
});

describe("a visitor who asked for Zalo at 1 ahead and SMS at about 5 minutes", () => {
  it("gets 'near' once when the threshold is crossed, then the call, then the rating link", async () => {
    const tickets = [await issue(), await issue(), await issue(), await issue()];
    const me = tickets[3]!;
    const z = await anon()("POST", `/api/tickets/${me.code}/notify`, {
      channel: "zalo",
      phone: "+84 912-345-678",
      ahead: 1,
    });
    expect(z.status).toBe(201);
    expect(z.body.subscription).toEqual({
      channel: "zalo",
      ahead: 1,
      minutes: null,
      phone: "0912****678",
      nearSent: false,
    });
    const s = await anon()("POST", `/api/tickets/${me.code}/notify`, {
      channel: "sms",
      phone: "0987 654 321",
      minutes: 5,
    });
    expect(s.status).toBe(201);
    // The recipient is stored as 84…, and never in an outbox payload.
    expect(new NoticeStore(app.db).forTicket(me.id).map((x) => x.recipient)).toEqual([
      "84912345678",
      "84987654321",
    ]);

    const zaloBefore = zalo.accepted().length;
    await serveNext(); // 2 ahead now
    expect(app.notices.pass()).toBe(0);
    await serveNext(); // 1 ahead: Zalo's threshold
    app.notices.pass();
    await app.outbox.runDue();
    const near = zalo.accepted().slice(zaloBefore);
    expect(near).toHaveLength(1);
    expect(near[0]).toMatchObject({
      phone: "84912345678",
      template_id: "5001",
      template_data: { so_thu_tu: me.number, so_nguoi: "1", linh_vuc: "Hộ tịch" },
    });
    // Sent once: more changes do not send it again.
    clock.advance(MIN);
    app.views.refresh();
    app.notices.pass();
    await app.outbox.runDue();
    expect(zalo.accepted().slice(zaloBefore)).toHaveLength(1);

    const smsBefore = sms.accepted().length;
    await serveNext(); // 0 ahead
    app.notices.pass();
    const called = await officer("POST", "/api/counters/1/call-next");
    expect(called.body.ticket.number).toBe(me.number);
    await app.outbox.runDue();
    const zaloCall = zalo.accepted().at(-1)!;
    expect(zaloCall).toMatchObject({
      template_id: "5002",
      template_data: { so_thu_tu: me.number, quay: "1" },
    });
    const smsTexts = sms
      .accepted()
      .slice(smsBefore)
      .map((x) => x.Content);
    expect(smsTexts.at(-1)).toBe(`Moi so ${me.number} den quay 1.`);
    expect(smsTexts.some((c) => c.startsWith(`So ${me.number}:`))).toBe(true); // its "near", by minutes

    await officer("POST", "/api/counters/1/start");
    clock.advance(2 * MIN);
    await officer("POST", "/api/counters/1/finish");
    await app.outbox.runDue();
    expect(zalo.accepted().at(-1)).toMatchObject({
      template_id: "5003",
      template_data: { so_thu_tu: me.number, link: `http://hall.test/t/${me.code}` },
    });
    expect(sms.accepted().at(-1)!.Content).toContain(`http://hall.test/t/${me.code}`);

    // Logged as events (no phone number in them), and the recipients are gone.
    const sent = events("notice-sent").filter((e) => e.number === me.number);
    expect(sent.map((e) => `${e.channel}:${e.kind}`).sort()).toEqual(
      ["sms:called", "sms:finished", "sms:near", "zalo:called", "zalo:finished", "zalo:near"].sort(),
    );
    expect(JSON.stringify(events("notice-subscribed"))).not.toContain("912345678");
    expect(new NoticeStore(app.db).forTicket(me.id)).toEqual([]);
    const payloads = app.db
      .query<{ payload: string }, []>("SELECT payload FROM outbox")
      .all()
      .map((r) => r.payload);
    expect(payloads.join()).not.toMatch(/912345678|987654321/);
  });
});

describe("a failing provider", () => {
  it("never holds up the hall: retried with backoff, then given up and shown to the manager", async () => {
    zalo.mode = "error";
    const first = await issue();
    const me = await issue();
    expect(
      (
        await anon()("POST", `/api/tickets/${me.code}/notify`, {
          channel: "zalo",
          phone: "0912000111",
          ahead: 0,
        })
      ).status,
    ).toBe(201);
    await serveNext(); // me: 0 ahead
    app.notices.pass();
    expect(await app.outbox.runDue()).toBeGreaterThan(0);
    const m = app.db
      .query<{ id: number; attempts: number; due_at: number; state: string }, []>(
        "SELECT id, attempts, due_at, state FROM outbox WHERE channel = 'zalo' ORDER BY id DESC LIMIT 1",
      )
      .get()!;
    expect(m).toMatchObject({ attempts: 1, state: "pending" });
    const wait1 = m.due_at - clock.now();
    expect(wait1).toBeGreaterThanOrEqual(8_000);
    expect(wait1).toBeLessThanOrEqual(12_000);
    // The hall carries on while it retries: the call goes through at once.
    const called = await officer("POST", "/api/counters/1/call-next");
    expect(called.status).toBe(200);
    expect(called.body.ticket.number).toBe(me.number);
    // Retries, each later than the one before (10 s, 20 s, 40 s… up to 10 min), then the give-up after an hour.
    const dues: number[] = [];
    for (let i = 0; i < 30; i++) {
      const row = app.db
        .query<{ due_at: number; state: string }, [number]>("SELECT due_at, state FROM outbox WHERE id = ?")
        .get(m.id)!;
      if (row.state !== "pending") break;
      dues.push(row.due_at);
      clock.set(row.due_at);
      await app.outbox.runDue();
    }
    const gaps = dues.slice(1).map((d, i) => d - dues[i]!);
    expect(gaps[1]!).toBeGreaterThan(gaps[0]!);
    const final = app.db
      .query<{ state: string; last_status: number }, [number]>(
        "SELECT state, last_status FROM outbox WHERE id = ?",
      )
      .get(m.id)!;
    expect(final).toEqual({ state: "failed", last_status: 500 });
    const failed = events("notice-failed").filter((e) => e.number === me.number);
    expect(failed.length).toBeGreaterThanOrEqual(1);
    expect(failed[0]).toMatchObject({ channel: "zalo", error: "HTTP 500" });
    const dash = await manager("GET", "/api/outbox");
    const ch = dash.body.channels.find((c: { channel: string }) => c.channel === "zalo");
    expect(ch).toMatchObject({ configured: true, lastError: { status: 500 } });
    expect(ch.failed).toBeGreaterThanOrEqual(1);
    zalo.mode = "up";
    expect(first.number).not.toBe(me.number);
  });

  it("a template Zalo rejects is given up at the first answer", async () => {
    zalo.mode = "reject";
    await officer("POST", "/api/counters/1/start");
    await officer("POST", "/api/counters/1/finish");
    const me = await issue();
    await anon()("POST", `/api/tickets/${me.code}/notify`, {
      channel: "zalo",
      phone: "0912000222",
      ahead: 3,
    });
    app.notices.pass();
    await app.outbox.runDue();
    const row = app.db
      .query<{ state: string; attempts: number; last_error: string }, []>(
        "SELECT state, attempts, last_error FROM outbox WHERE channel = 'zalo' ORDER BY id DESC LIMIT 1",
      )
      .get()!;
    expect(row).toEqual({ state: "failed", attempts: 1, last_error: "Zalo error -109: Template ID invalid" });
    zalo.mode = "up";
    // The visitor stops notices: the number is deleted at once.
    expect((await anon()("DELETE", `/api/tickets/${me.code}/notify`)).body).toEqual({ removed: 1 });
    expect(new NoticeStore(app.db).forTicket(me.id)).toEqual([]);
  });
});

describe("a booking reminder (appointments, later): an inline recipient through the same outbox", () => {
  it("goes out by SMS with the booking's own number, and is logged", async () => {
    const before = sms.accepted().length;
    app.outbox.enqueue({
      channel: "sms",
      topic: "notice.reminder",
      dedupeKey: null,
      ticketId: null,
      payload: JSON.stringify({
        v: 1,
        kind: "reminder",
        lang: "vi",
        facts: {
          kind: "reminder",
          number: "HK7Q2",
          text: {
            vi: "Lịch hẹn HK7Q2: 9:30 hôm nay tại quầy Hộ tịch.",
            en: "Booking HK7Q2: 9:30 today, civil status.",
          },
        },
        recipient: { kind: "phone", phone: "84935111222" },
      }),
      dueAt: clock.now(),
    });
    await app.outbox.runDue();
    expect(sms.accepted().slice(before)).toEqual([
      expect.objectContaining({
        Phone: "84935111222",
        Content: "Lich hen HK7Q2: 9:30 hom nay tai quay Ho tich.",
      }),
    ]);
    expect(events("notice-sent").at(-1)).toMatchObject({ number: "HK7Q2", channel: "sms", kind: "reminder" });
  });
});

describe("privacy", () => {
  it("the retention job deletes recipients of tickets that are over or from an earlier day", async () => {
    const t = await issue();
    await anon()("POST", `/api/tickets/${t.code}/notify`, { channel: "sms", phone: "0987000333", ahead: 2 });
    const store = new NoticeStore(app.db);
    expect(store.forTicket(t.id)).toHaveLength(1);
    // Still waiting today: kept.
    const retention = new RetentionStore(app.db);
    const todayStart = clock.now() - 3 * 3_600_000;
    expect(retention.dropNoticeRecipients(todayStart)).toBe(0);
    // The next day (the ticket never lived past its day): gone.
    expect(retention.dropNoticeRecipients(clock.now() + 3_600_000)).toBeGreaterThanOrEqual(1);
    expect(store.forTicket(t.id)).toEqual([]);
  });

  it("the providers' secrets are not settings: the settings API never shows them", async () => {
    const admin = client(app, await login(app, "admin"));
    const r = await admin("GET", "/api/settings");
    expect(r.status).toBe(200);
    const text = JSON.stringify(r.body);
    expect(text).toContain('"notices"');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain("esms-secret");
  });
});
