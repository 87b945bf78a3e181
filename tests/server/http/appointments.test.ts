/**
 * Appointments through the API (issue 14), in process on a FakeClock at Monday
 * 2026-11-23 08:00 with the demo hall: Hộ tịch takes bookings in 15-minute slots, 4
 * visitors a slot, half of them bookable (2). Booking, refusals with their codes, phone
 * rules, cancel, check-in window and idempotence, dispatch by the slot time, the no-show
 * job, the manager's day, the guessing cap and the retention job.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AppointmentEvent } from "../../../server/contract/events.ts";
import type { FakeClock } from "../../../server/queue/clock.ts";
import { RetentionStore } from "../../../server/store/retention.ts";
import { createTestApp, MONDAY_8AM, type TestApp } from "../../helpers/app.ts";
import { call, issue, login } from "./hall-fixture.ts";

let hall: TestApp;
let clock: FakeClock;
let events: AppointmentEvent[];
const MIN = 60_000;
const TODAY = "2026-11-23";

beforeEach(async () => {
  hall = await createTestApp();
  clock = hall.clock as FakeClock;
  events = [];
  hall.bus.on("appointment", (e) => events.push(e));
});
afterEach(async () => {
  await hall.stop();
});

const book = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  call(hall, "POST", "/api/appointments", null, body, headers);
const checkIn = (code: string, kioskId = "kiosk-1") =>
  call(hall, "POST", `/api/appointments/${code}/check-in`, null, { kioskId });
const slots = async (serviceId: string, date: string) =>
  call(hall, "GET", `/api/appointments/slots?serviceId=${serviceId}&date=${date}`);

describe("slots and booking", () => {
  it("lists the day's slots on the schedule with free places, and a booking takes one", async () => {
    const s = await slots("ho-tich", TODAY);
    expect(s.status).toBe(200);
    // 07:30–11:30 and 13:30–17:00 in 15-minute slots: 16 + 14; the lunch break has none.
    expect(s.body.slots).toHaveLength(30);
    expect(s.body.slots.map((x: { slot: string }) => x.slot)).not.toContain("12:00");
    const at = (hm: string) => s.body.slots.find((x: { slot: string }) => x.slot === hm);
    expect(at("07:45")).toMatchObject({ past: true, bookable: 2, free: 2 });
    expect(at("08:30")).toMatchObject({
      past: false,
      bookable: 2,
      free: 2,
      at: "2026-11-23T08:30:00.000+07:00",
    });

    const b = await book({ serviceId: "ho-tich", date: TODAY, slot: "08:30" });
    expect(b.status).toBe(201);
    expect(b.body.appointment).toMatchObject({
      serviceId: "ho-tich",
      date: TODAY,
      slot: "08:30",
      status: "booked",
      reminder: false,
      checkInFrom: "2026-11-23T08:15:00.000+07:00",
      checkInUntil: "2026-11-23T08:40:00.000+07:00",
    });
    expect(b.body.appointment.code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(b.body.appointment.url).toBe(`http://hall.test/hen/${b.body.appointment.code}`);
    expect(events.map((e) => e.type)).toEqual(["appointment.booked"]);
    expect(events[0]!.appointment).toMatchObject({
      slot: "08:30",
      phone: null,
      slotAt: "2026-11-23T08:30:00.000+07:00",
    });

    const after = await slots("ho-tich", TODAY);
    expect(after.body.slots.find((x: { slot: string }) => x.slot === "08:30").free).toBe(1);
  });

  it("fills a slot at its bookable share and refuses the next one (walk-ins keep the rest)", async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 2; i++) {
      const r = await book({ serviceId: "ho-tich", date: TODAY, slot: "09:00" });
      expect(r.status).toBe(201);
      codes.add(r.body.appointment.code);
    }
    expect(codes.size).toBe(2);
    const full = await book({ serviceId: "ho-tich", date: TODAY, slot: "09:00" });
    expect([full.status, full.body.error.code]).toEqual([409, "appointment-slot-full"]);
    expect(full.body.error.message).toContain("hết chỗ");
    // Walk-in tickets are never refused because of bookings.
    expect((await issue(hall, "ho-tich")).number).toBe("A001");
  });

  it("refuses past slots, closed days, unknown or switched-off fields, far days and odd slots, with codes", async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [{ serviceId: "ho-tich", date: TODAY, slot: "07:45" }, 422, "appointment-slot-past"],
      [{ serviceId: "ho-tich", date: "2026-11-22", slot: "09:00" }, 422, "appointment-slot-past"],
      [{ serviceId: "ho-tich", date: "2026-11-29", slot: "09:00" }, 422, "appointment-day-closed"], // a Sunday
      [{ serviceId: "ho-tich", date: "2027-01-01", slot: "09:00" }, 422, "appointment-too-far"],
      [{ serviceId: "ho-tich", date: TODAY, slot: "12:00" }, 422, "appointment-slot-invalid"], // lunch
      [{ serviceId: "ho-tich", date: TODAY, slot: "09:10" }, 422, "appointment-slot-invalid"], // off the grid
      [{ serviceId: "ho-tich", date: TODAY, slot: "9h" }, 422, "appointment-slot-invalid"],
      [{ serviceId: "khong-co", date: TODAY, slot: "09:00" }, 422, "appointment-service-unknown"],
      [{ serviceId: "chung-thuc", date: TODAY, slot: "09:00" }, 409, "appointments-off"],
      [{ serviceId: "ho-tich", date: TODAY, slot: "09:00", phone: "12345" }, 422, "invalid-phone"],
      [{ serviceId: "ho-tich", date: TODAY, slot: "09:00", extra: 1 }, 400, "unknown-field"],
    ];
    for (const [body, status, code] of cases) {
      const r = await book(body);
      expect([r.status, r.body.error.code], JSON.stringify(body)).toEqual([status, code]);
      expect(r.body.error.message).toMatch(/[àáảãạăâđêôơư]/i);
    }
    const en = await book(
      { serviceId: "ho-tich", date: "2027-01-01", slot: "09:00" },
      { "accept-language": "en" },
    );
    expect(en.body.error.message).toBe("Appointments can be booked at most 14 days ahead.");
    // A closed day is also refused by the slot list; the days list marks it closed.
    expect((await slots("ho-tich", "2026-11-29")).body.error.code).toBe("appointment-day-closed");
    const days = await call(hall, "GET", "/api/appointments/days?serviceId=ho-tich");
    expect(days.body.days).toHaveLength(15);
    expect(days.body.days.find((d: { date: string }) => d.date === "2026-11-29")).toMatchObject({
      open: false,
      free: 0,
    });
    expect(days.body.days[1]).toMatchObject({ date: "2026-11-24", open: true, free: 60 });
    expect(events).toEqual([]);
  });

  it("keeps a phone only when given, normalised, and refuses a second booking of one phone for one slot", async () => {
    const a = await book({ serviceId: "ho-tich", date: TODAY, slot: "10:00", phone: "0912 345 678" });
    expect(a.status).toBe(201);
    expect(a.body.appointment.reminder).toBe(true);
    expect(JSON.stringify(a.body)).not.toContain("912345678");
    expect(events[0]!.appointment.phone).toBe("84912345678");
    // The same number in another form, for the same slot of another field: refused.
    const again = await book({ serviceId: "dat-dai", date: TODAY, slot: "10:00", phone: "+84 912-345-678" });
    expect([again.status, again.body.error.code]).toEqual([409, "appointment-phone-taken"]);
    // Another slot is fine.
    expect(
      (await book({ serviceId: "ho-tich", date: TODAY, slot: "10:15", phone: "0912345678" })).status,
    ).toBe(201);
    const row = hall.db
      .query<{ phone: string }, []>("SELECT phone FROM appointments ORDER BY id LIMIT 1")
      .get();
    expect(row!.phone).toBe("84912345678");
  });

  it("is cancelled by the visitor: the place is free again and the phone number is gone at once", async () => {
    const a = await book({ serviceId: "ho-tich", date: TODAY, slot: "09:30", phone: "0987654321" });
    const code = a.body.appointment.code as string;
    const got = await call(hall, "GET", `/api/appointments/${code.toLowerCase()}`);
    expect(got.body.appointment).toMatchObject({ code, status: "booked" });
    const c = await call(hall, "DELETE", `/api/appointments/${code}`);
    expect(c.status).toBe(200);
    expect(c.body.appointment.status).toBe("cancelled");
    expect(hall.db.query("SELECT phone FROM appointments").get()).toEqual({ phone: null });
    expect(
      (await slots("ho-tich", TODAY)).body.slots.find((x: { slot: string }) => x.slot === "09:30").free,
    ).toBe(2);
    const twice = await call(hall, "DELETE", `/api/appointments/${code}`);
    expect([twice.status, twice.body.error.code]).toEqual([409, "appointment-not-active"]);
    expect((await checkIn(code)).body.error.code).toBe("appointment-not-active");
    expect(events.map((e) => e.type)).toEqual(["appointment.booked", "appointment.cancelled"]);
  });
});

describe("check-in at the kiosk", () => {
  it("explains too early and too late, issues a ticket due at the slot, and reprints instead of a second ticket", async () => {
    const code = (await book({ serviceId: "ho-tich", date: TODAY, slot: "08:30" })).body.appointment.code;
    const early = await checkIn(code);
    expect([early.status, early.body.error.code]).toEqual([409, "check-in-too-early"]);
    expect(early.body.error.message).toBe("Chưa đến giờ nhận số của lịch hẹn. Vui lòng quay lại lúc 08:15.");
    expect(early.body.error.details.comeBackAt).toBe("08:15");

    clock.set(MONDAY_8AM + 20 * MIN); // 08:20
    const first = await checkIn(code);
    expect(first.status).toBe(201);
    expect(first.body.ticket).toMatchObject({
      number: "A001",
      serviceId: "ho-tich",
      status: "waiting",
      booked: true,
      dueAt: "2026-11-23T08:30:00.000+07:00",
      issuedAt: "2026-11-23T08:20:00.000+07:00",
    });
    expect(first.body.print?.printer).toBe("printer-1");
    const second = await checkIn(code);
    expect(second.status).toBe(200);
    expect(second.body.ticket.id).toBe(first.body.ticket.id);
    // The kiosk prints it again (here the printer has no bridge: the ticket's last job) …
    expect(second.body.print).toMatchObject({ printer: "printer-1", ticketCode: first.body.ticket.code });
    expect(hall.db.query("SELECT COUNT(*) AS n FROM tickets").get()).toEqual({ n: 1 }); // … of the one ticket
    const got = await call(hall, "GET", `/api/appointments/${code}`);
    expect(got.body.appointment).toMatchObject({ status: "checked-in", ticket: { number: "A001" } });
    expect(events.map((e) => e.type)).toEqual(["appointment.booked", "appointment.checked-in"]);
    expect(events[1]!.ticket).toMatchObject({ number: "A001" });
    // A booking for another day: come back at the time and date.
    const tomorrow = (await book({ serviceId: "ho-tich", date: "2026-11-24", slot: "09:00" })).body
      .appointment.code;
    expect((await checkIn(tomorrow)).body.error.details.comeBackAt).toBe("08:45 24/11/2026");
    // An unknown kiosk is refused before anything happens.
    expect((await checkIn(tomorrow, "kiosk-9")).body.error.code).toBe("kiosk-not-found");
  });

  it("refuses a late check-in (take a normal ticket) and the no-show job marks it", async () => {
    const code = (await book({ serviceId: "ho-tich", date: TODAY, slot: "09:00", phone: "0912345678" })).body
      .appointment.code;
    const onTime = (await book({ serviceId: "ho-tich", date: TODAY, slot: "09:00" })).body.appointment.code;
    clock.set(MONDAY_8AM + 55 * MIN);
    expect((await checkIn(onTime)).status).toBe(201);
    clock.set(MONDAY_8AM + 70 * MIN); // 09:10: the window has closed
    const late = await checkIn(code);
    expect([late.status, late.body.error.code]).toEqual([409, "check-in-too-late"]);
    expect(late.body.error.message).toContain("lấy số thường");
    expect(hall.appointments.sweep()).toBe(1);
    expect(hall.appointments.sweep()).toBe(0);
    expect((await call(hall, "GET", `/api/appointments/${code}`)).body.appointment.status).toBe("no-show");
    expect(events.filter((e) => e.type === "appointment.no-show").map((e) => e.appointment.code)).toEqual([
      code,
    ]);

    const mgr = await login(hall, "quanly");
    const day = await call(hall, "GET", "/api/appointments/today", mgr);
    expect(day.body.totals).toEqual({ booked: 2, checkedIn: 1, noShow: 1, cancelled: 0 });
    expect(JSON.stringify(day.body)).not.toContain("912345678");
    expect((await call(hall, "GET", "/api/appointments/today", await login(hall, "canbo1"))).status).toBe(
      403,
    );
  });

  it("gives the booked visitor the counter by the slot time + 10 min ahead of walk-ins who came earlier", async () => {
    const code = (await book({ serviceId: "ho-tich", date: TODAY, slot: "08:30" })).body.appointment.code;
    clock.set(MONDAY_8AM + 26 * MIN); // 08:26: two walk-ins (promised 08:41) …
    await issue(hall, "ho-tich");
    await issue(hall, "ho-tich");
    clock.set(MONDAY_8AM + 27 * MIN); // … then the booked visitor checks in (due 08:30, promised 08:40)
    const t = (await checkIn(code)).body.ticket;
    const officer = await login(hall, "canbo1");
    expect((await call(hall, "POST", "/api/counters/1/open", officer)).status).toBe(200);
    clock.set(MONDAY_8AM + 29 * MIN);
    // The line per field says how many of those waiting booked.
    const lines = (await call(hall, "GET", "/api/hall")).body.waiting;
    expect(lines.find((w: { serviceId: string }) => w.serviceId === "ho-tich")).toMatchObject({
      count: 3,
      bookedCount: 1,
    });
    const called = await call(hall, "POST", "/api/counters/1/call-next", officer);
    expect(called.body.ticket).toMatchObject({ number: t.number, booked: true });
    // The officer's console sees the booked visitor marked.
    const me = await call(hall, "GET", "/api/counters/1", officer);
    expect(me.body.counter.current).toMatchObject({ number: t.number, booked: true, dueAt: t.dueAt });
    // The reports count booked and walk-in visits apart.
    const mgr = await login(hall, "quanly");
    const rep = await call(hall, "GET", "/api/reports/waits?preset=today&groupBy=booking", mgr);
    expect(rep.status).toBe(200);
    expect(
      rep.body.rows.map((r: { key: string; label: string; tickets: number; called: number }) => [
        r.key,
        r.label,
        r.tickets,
        r.called,
      ]),
    ).toEqual([
      ["walk-in", "Lấy số trực tiếp", 2, 0],
      ["booked", "Đặt lịch hẹn", 1, 1],
    ]);
  });
});

describe("guessing and retention", () => {
  it("caps lookups of booking codes that do not exist like ticket codes", async () => {
    for (let i = 0; i < 30; i++)
      expect((await call(hall, "GET", `/api/appointments/ZZZZZZZ${"23456789"[i % 8]}`)).status).toBe(404);
    const capped = await call(hall, "GET", "/api/appointments/ZZZZZZZZ");
    expect([capped.status, capped.body.error.code]).toEqual([429, "too-many-requests"]);
  });

  it("removes phone and code of ended bookings past the retention period", async () => {
    const code = (await book({ serviceId: "ho-tich", date: TODAY, slot: "08:30", phone: "0912345678" })).body
      .appointment.code;
    clock.set(MONDAY_8AM + 60 * MIN);
    hall.appointments.sweep();
    const store = new RetentionStore(hall.db);
    expect(store.anonymizeAppointments(MONDAY_8AM, clock.now(), 100)).toBe(0); // not old enough
    expect(store.anonymizeAppointments(MONDAY_8AM + 90 * MIN, clock.now(), 100)).toBe(1);
    expect(hall.db.query("SELECT code, phone, status FROM appointments").get()).toEqual({
      code: "~1",
      phone: null,
      status: "no-show",
    });
    expect((await call(hall, "GET", `/api/appointments/${code}`)).status).toBe(404);
  });

  it("declares the routes in the OpenAPI document", async () => {
    const doc = (await call(hall, "GET", "/api/openapi.json")).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/appointments/slots",
        "/api/appointments",
        "/api/appointments/{code}",
        "/api/appointments/{code}/check-in",
      ]),
    );
    expect(doc.paths["/api/appointments/{code}"].delete).toBeDefined();
    expect(Object.keys(doc.paths["/api/appointments/{code}/check-in"].post.responses)).toEqual(
      expect.arrayContaining(["200", "201", "404", "409"]),
    );
  });
});
