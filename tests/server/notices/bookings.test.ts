/**
 * A booking's confirmation and reminder (issue 14, decision 0115 "Booking reminders"),
 * through a whole in-process hall on a FakeClock (Monday 2026-11-23 08:00, Hộ tịch takes
 * bookings): confirmation at once and reminder at its due time, delivered to the local Zalo
 * and eSMS stand-ins that check the documented shapes; nothing for a cancelled or
 * checked-in booking; a vendor's refusal on the manager's outbox card; and no phone number
 * left in the outbox or the event log once delivered, given up or after the retention job.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadHallConfig } from "../../../server/config/load.ts";
import { reminderDueAt } from "../../../server/notices/bookings.ts";
import type { FakeClock } from "../../../server/queue/clock.ts";
import { runRetention } from "../../../server/settings/retention.ts";
import { RetentionStore } from "../../../server/store/retention.ts";
import { createTestApp, MONDAY_8AM, type TestApp } from "../../helpers/app.ts";
import { client, login } from "../../helpers/hall.ts";
import {
  type EsmsRequest,
  type FakeVendor,
  startFakeEsms,
  startFakeZalo,
  type ZnsRequest,
} from "../../helpers/notice-fakes.ts";

const MIN = 60_000;
const TOKEN = "oa-token-bookings";
const TODAY = "2026-11-23";
let app: TestApp;
let clock: FakeClock;
let zalo: FakeVendor<ZnsRequest>;
let sms: FakeVendor<EsmsRequest>;
const anon = () => client(app);

beforeEach(async () => {
  zalo = await startFakeZalo(TOKEN);
  sms = await startFakeEsms("esms-api", "esms-secret", "UBND-PL");
  const config = loadHallConfig();
  config.notices = {
    ...config.notices,
    zalo: {
      ...config.notices.zalo,
      enabled: true,
      url: zalo.url,
      templates: { near: "5001", called: "5002", finished: "5003", booked: "6001", reminder: "6002" },
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
});

afterEach(async () => {
  await app?.stop();
  await zalo?.close();
  await sms?.close();
});

async function book(slot: string, phone?: string) {
  const r = await anon()("POST", "/api/appointments", { serviceId: "ho-tich", date: TODAY, slot, phone });
  expect(r.status).toBe(201);
  const a = r.body.appointment as { code: string; reminder: boolean; reminderAt?: string };
  const row = app.db
    .query<{ id: number }, [string]>("SELECT id FROM appointments WHERE code = ?")
    .get(a.code);
  return { ...a, id: row!.id };
}

/** Every outbox payload and event row as text: where a phone number must not be. */
function storedText(): string {
  const out = app.db.query<{ payload: string }, []>("SELECT payload FROM outbox").all();
  const ev = app.db.query<{ data: string | null }, []>("SELECT data FROM events").all();
  return [...out.map((r) => r.payload), ...ev.map((r) => r.data ?? "")].join("\n");
}

function pendingKeys(): string[] {
  return app.db
    .query<{ k: string }, []>("SELECT dedupe_key AS k FROM outbox WHERE state = 'pending' ORDER BY id")
    .all()
    .map((r) => r.k);
}

const setZalo = (on: boolean) => {
  app.hall.config.notices.zalo.enabled = on;
};

describe("when a booking's reminder is due", () => {
  const at = (s: string) => Date.parse(`${s}+07:00`);
  it("is the lead time before the slot, the evening before for an early slot, none when booked late", () => {
    const booked = at("2026-11-20T10:00:00");
    expect(reminderDueAt(at("2026-11-23T10:00:00"), 60, booked)).toBe(at("2026-11-23T09:00:00"));
    // 07:30 − 60 min = 06:30, at night: 19:00 the evening before.
    expect(reminderDueAt(at("2026-11-23T07:30:00"), 60, booked)).toBe(at("2026-11-22T19:00:00"));
    // 08:00 − 12 h = 20:00 the day before: not night yet.
    expect(reminderDueAt(at("2026-11-23T08:00:00"), 720, booked)).toBe(at("2026-11-22T20:00:00"));
    // 10:00 − 13 h = 21:00: night, so 19:00 that evening.
    expect(reminderDueAt(at("2026-11-23T10:00:00"), 780, booked)).toBe(at("2026-11-22T19:00:00"));
    // Booked 80 min before a slot with a 60-min lead: due 20 min after booking → none.
    expect(reminderDueAt(at("2026-11-23T10:00:00"), 60, at("2026-11-23T08:40:00"))).toBeNull();
    expect(reminderDueAt(at("2026-11-23T10:00:00"), 0, booked)).toBeNull();
  });
});

describe("a booking with a phone number", () => {
  it("gets a Zalo confirmation at once and the reminder at its due time; no number is kept after", async () => {
    const a = await book("10:00", "0912 345 678");
    expect(a.reminder).toBe(true);
    // The answer says when the reminder goes (what the page shows).
    expect(a.reminderAt).toBe("2026-11-23T09:00:00.000+07:00");
    await app.outbox.runDue();
    expect(zalo.accepted()).toEqual([
      {
        phone: "84912345678",
        template_id: "6001",
        template_data: {
          ma_hen: a.code,
          linh_vuc: "Hộ tịch",
          gio: "10:00",
          ngay: "23/11/2026",
          link: `http://hall.test/hen/${a.code}`,
        },
        tracking_id: expect.stringMatching(/^msg_[a-z2-7]{20}$/),
      },
    ]);
    expect(pendingKeys()).toEqual([`appt:${a.id}:reminder`]);
    // Not before 09:00 …
    clock.advance(59 * MIN);
    await app.outbox.runDue();
    expect(zalo.accepted()).toHaveLength(1);
    // … and at 09:00 (60 min before the slot).
    clock.advance(MIN);
    await app.outbox.runDue();
    expect(zalo.accepted()).toHaveLength(2);
    expect(zalo.accepted()[1]).toMatchObject({
      phone: "84912345678",
      template_id: "6002",
      template_data: { ma_hen: a.code, gio: "10:00", ngay: "23/11/2026" },
    });
    expect(pendingKeys()).toEqual([]);
    // Logged without the number or the booking's code; no payload keeps the number.
    const sent = app.db
      .query<{ data: string }, []>("SELECT data FROM events WHERE type = 'notice-sent'")
      .all()
      .map((r) => JSON.parse(r.data));
    expect(sent).toEqual([
      expect.objectContaining({ number: null, appointmentId: a.id, channel: "zalo", kind: "booked" }),
      expect.objectContaining({ number: null, appointmentId: a.id, channel: "zalo", kind: "reminder" }),
    ]);
    expect(storedText()).not.toMatch(/912345678/);
    // The event log does not name the booking's code either (the payloads keep it until retention).
    const ev = app.db.query<{ data: string | null }, []>("SELECT data FROM events").all();
    expect(ev.map((r) => r.data ?? "").join("\n")).not.toContain(a.code);
  });

  it("goes by SMS, unaccented, when the hall has no Zalo; a cancel drops the reminder", async () => {
    setZalo(false);
    const a = await book("10:15", "0987654321");
    await app.outbox.runDue();
    expect(sms.accepted()).toHaveLength(1);
    const m = sms.accepted()[0]!;
    expect(m).toMatchObject({ Phone: "84987654321", Brandname: "UBND-PL", SmsType: "2", IsUnicode: "0" });
    expect(m.Content).toBe(
      `Da dat lich Ho tich luc 10:15 ngay 23/11/2026, ma ${a.code}. Khi den, quet hoac nhap ma tai ki-ot. Xem/huy: http://hall.test/hen/${a.code}`,
    );
    expect(pendingKeys()).toEqual([`appt:${a.id}:reminder`]);
    expect((await anon()("DELETE", `/api/appointments/${a.code}`)).status).toBe(200);
    expect(pendingKeys()).toEqual([]);
    clock.advance(2 * 60 * MIN);
    await app.outbox.runDue();
    expect(sms.accepted()).toHaveLength(1);
    expect(zalo.received).toHaveLength(0);
    expect(storedText()).not.toMatch(/987654321/);
  });

  it("is not reminded once checked in", async () => {
    app.hall.config.notices.booking.reminderMin = 10;
    const a = await book("09:00", "0912345678");
    await app.outbox.runDue();
    expect(zalo.accepted()).toHaveLength(1);
    expect(pendingKeys()).toEqual([`appt:${a.id}:reminder`]);
    clock.advance(45 * MIN); // 08:45: check-in opens 15 min before the slot
    const t = await anon()("POST", `/api/appointments/${a.code}/check-in`, { kioskId: "kiosk-1" });
    expect(t.status).toBe(201);
    expect(pendingKeys()).toEqual([]);
    // Checked in: no reminder is promised any more.
    const after = await anon()("GET", `/api/appointments/${a.code}`);
    expect(after.body.appointment.status).toBe("checked-in");
    expect(after.body.appointment.reminderAt).toBeUndefined();
    clock.advance(30 * MIN);
    await app.outbox.runDue();
    expect(zalo.accepted()).toHaveLength(1);
  });

  it("without a number, or with notices off, sends nothing", async () => {
    await book("10:00");
    app.hall.config.notices.zalo.enabled = false;
    app.hall.config.notices.sms.enabled = false;
    const b = await book("10:30", "0912345678");
    expect(b.reminder).toBe(true);
    // No channel: no reminder is promised.
    expect(b.reminderAt).toBeUndefined();
    await app.outbox.runDue();
    expect(app.db.query<{ n: number }, []>("SELECT COUNT(*) AS n FROM outbox").get()!.n).toBe(0);
  });

  it("a Zalo refusal is given up, shown on the manager's card, sent by SMS instead; no number kept", async () => {
    zalo.mode = "reject";
    const a = await book("11:00", "0912345678");
    await app.outbox.runDue();
    const manager = client(app, await login(app, "quanly"));
    const card = await manager("GET", "/api/outbox");
    expect(card.status).toBe(200);
    const ch = card.body.channels.find((c: { channel: string }) => c.channel === "zalo");
    expect(ch).toMatchObject({ failed: 1, pending: 1 });
    expect(card.body.messages[0]).toMatchObject({ channel: "zalo", topic: "notice.booked", state: "failed" });
    const failed = app.db
      .query<{ data: string }, []>("SELECT data FROM events WHERE type = 'notice-failed'")
      .all()
      .map((r) => JSON.parse(r.data));
    expect(failed).toEqual([expect.objectContaining({ appointmentId: a.id, kind: "booked", number: null })]);
    const given = app.db
      .query<{ payload: string }, []>("SELECT payload FROM outbox WHERE state = 'failed'")
      .get()!.payload;
    expect(given).not.toMatch(/912345678/);
    expect(JSON.parse(given).recipient).toBeUndefined();
    // The confirmation went by SMS instead (the slot is still ahead), and keeps no number either.
    await app.outbox.runDue();
    expect(sms.accepted()).toEqual([expect.objectContaining({ Phone: "84912345678" })]);
    expect(sms.accepted()[0]!.Content).toContain(`ma ${a.code}`);
    const viaSms = app.db
      .query<{ payload: string; state: string }, [string]>(
        "SELECT payload, state FROM outbox WHERE dedupe_key = ?",
      )
      .get(`appt:${a.id}:booked:sms`)!;
    expect(viaSms.state).toBe("delivered");
    expect(viaSms.payload).not.toMatch(/912345678/);
    // The reminder still waits with its number (its purpose is not over).
    expect(pendingKeys()).toEqual([`appt:${a.id}:reminder`]);
  });
});

describe("the retention job", () => {
  it("removes numbers left in settled booking notices and waiting ones of ended bookings", async () => {
    const a = await book("10:00", "0912345678");
    // A leftover the service could not scrub (a crash between delivery and bookkeeping) …
    app.db
      .query(
        `INSERT INTO outbox (message_id, channel, topic, dedupe_key, ticket_id, payload, state, created_at, due_at)
         VALUES ('msg_leftover', 'zalo', 'notice.booked', 'x', NULL, ?, 'delivered', ?, ?)`,
      )
      .run(
        JSON.stringify({
          v: 1,
          kind: "booked",
          appointmentId: a.id,
          recipient: { kind: "phone", phone: "84912345678" },
        }),
        MONDAY_8AM,
        MONDAY_8AM,
      );
    // … and a waiting reminder of a booking that ended without the reaction (a no-show set by hand).
    app.db.query("UPDATE appointments SET status = 'no-show' WHERE id = ?").run(a.id);
    expect(storedText()).toMatch(/912345678/);
    const run = await runRetention(new RetentionStore(app.db), app.hall.config, clock.now());
    expect(run.noticeRecipients).toBeGreaterThanOrEqual(2);
    expect(storedText()).not.toMatch(/912345678/);
    expect(pendingKeys()).toEqual([]);
  });
});
