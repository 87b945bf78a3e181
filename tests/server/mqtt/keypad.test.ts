/**
 * Hardware keypads and rating pads through the real embedded broker (issue 4): an
 * mqtt.js client logs in as device `keypad-{n}` / `rating-{n}` with the password from
 * `<dataDir>/device-credentials.json`. A keypad acts for the officer holding counter n
 * exactly like the console (same events, same LED display); garbage, a keypad at a
 * counter nobody holds and refused actions are logged and ignored.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { connectAsync, type MqttClient } from "mqtt";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { topics } from "../../../server/contract/topics.ts";
import {
  call,
  issue,
  login,
  type SseTap,
  startTestHall,
  type TestHall,
  tapStaffEvents,
} from "../http/hall-fixture.ts";

let hall: TestHall;
let tap: SseTap;
let keypad: MqttClient;
let pad: MqttClient;
let board: MqttClient;
let officer: string;
let officerId: number;
const t = topics("qms", "phu-lien");
const displays: { seq: number; number: string | null; state: string; text: string }[] = [];
const warn = vi.spyOn(console, "warn");

async function device(id: string): Promise<MqttClient> {
  const creds = JSON.parse(readFileSync(join(hall.dataDir, "device-credentials.json"), "utf8"));
  return connectAsync(`mqtt://127.0.0.1:${hall.mqttPort}`, {
    username: id,
    password: creds[id],
    // Unique per connection: a second client with the same id would take the first one's session over.
    clientId: `${id}-test-${Math.random().toString(36).slice(2, 8)}`,
    reconnectPeriod: 0,
  });
}

/** Resolves once the gateway logged a warning containing `text`. */
async function warned(text: string, ms = 3000): Promise<string> {
  const t0 = Date.now();
  for (;;) {
    const hit = warn.mock.calls.map((c) => String(c[0])).find((m) => m.includes(text));
    if (hit) return hit;
    if (Date.now() - t0 > ms) throw new Error(`no warning "${text}"; got ${JSON.stringify(warn.mock.calls)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const press = (payload: string | Buffer, client = keypad, topic = t.counterButton(1)) =>
  client.publishAsync(topic, payload, { qos: 1 });
const me = async () => (await call(hall.base, "GET", "/api/auth/me", officer)).body;

beforeAll(async () => {
  hall = await startTestHall();
  // The staff form of the events: who acted (officerId) and the rating's score.
  tap = await tapStaffEvents(hall.base, await login(hall.base, "quanly"));
  [keypad, pad, board] = await Promise.all([
    device("keypad-1"),
    device("rating-1"),
    connectAsync(`mqtt://127.0.0.1:${hall.mqttPort}`, { reconnectPeriod: 0 }),
  ]);
  board.on("message", (_topic, payload) => displays.push(JSON.parse(payload.toString())));
  await board.subscribeAsync(t.counterDisplay(1), { qos: 1 });
  officer = await login(hall.base, "canbo1");
  officerId = (await me()).user.id;
});

afterEach(() => warn.mockClear());

afterAll(async () => {
  await Promise.all([keypad, pad, board].map((c) => c?.endAsync()));
  tap?.close();
  await hall?.close();
  warn.mockRestore();
});

describe("keypad at a counter nobody holds", () => {
  it("is ignored with a logged warning; nobody is called", async () => {
    const ticket = await issue(hall.base, "ho-tich");
    await press("next");
    expect(await warned('keypad "next" at counter 1: nobody holds the counter')).toBeTruthy();
    const r = await call(hall.base, "GET", `/api/tickets/${ticket.code}`);
    expect(r.body.ticket.status).toBe("waiting");
    expect(displays.at(-1)).toMatchObject({ state: "closed", number: null });
  });
});

describe("keypad acting for the officer holding the counter", () => {
  it("next, recall, start, finish act as the console does, with the same events and LED display", async () => {
    expect((await call(hall.base, "POST", "/api/counters/1/open", officer)).status).toBe(200);
    const waiting = (await call(hall.base, "GET", "/api/hall")).body.waiting;
    expect(waiting.find((w: { serviceId: string }) => w.serviceId === "ho-tich").count).toBe(1);

    await press("next");
    const called = await tap.next((e) => e.type === "called" && e.data.counter === 1);
    expect(called.data.officerId).toBe(officerId);
    const number = called.data.ticket.number;
    await vi.waitFor(() => expect(displays.at(-1)).toMatchObject({ number, state: "called" }));
    expect((await me()).counter.currentTicket).toMatchObject({ number, status: "called" });

    await press("recall");
    expect((await tap.next((e) => e.type === "recalled")).data).toMatchObject({ officerId, counter: 1 });
    await press("start");
    await tap.next((e) => e.type === "started" && e.data.counter === 1);
    await vi.waitFor(() => expect(displays.at(-1)).toMatchObject({ number, state: "serving" }));
    await press("finish");
    const fin = await tap.next((e) => e.type === "finished" && e.data.counter === 1);
    expect(fin.data).toMatchObject({ officerId, ticket: { number, status: "done" } });
    await vi.waitFor(() => expect(displays.at(-1)).toMatchObject({ number: null, state: "idle" }));
    expect((await me()).counter.currentTicket).toBeNull();
  });

  it("no-show skips the called visitor", async () => {
    const ticket = await issue(hall.base, "chung-thuc");
    await press("next");
    await tap.next((e) => e.type === "called" && e.data.ticket?.number === ticket.number);
    await press("no-show");
    const ev = await tap.next((e) => e.type === "no-show" && e.data.ticket?.number === ticket.number);
    expect(ev.data.officerId).toBe(officerId);
  });

  it("garbage payloads are logged and ignored; the keypad keeps working afterwards", async () => {
    const ticket = await issue(hall.base, "ho-tich");
    const junk = [
      "NEXT",
      "next please",
      "",
      '{"action":"next"}',
      "x".repeat(300),
      Buffer.from([0xff, 0x00, 0xfe]),
    ];
    for (const p of junk) await press(p);
    await warned('ignored keypad payload "next please"');
    await warned('ignored keypad payload "NEXT"');
    expect((await call(hall.base, "GET", `/api/tickets/${ticket.code}`)).body.ticket.status).toBe("waiting");
    // MQTT keeps one client's messages on a topic in order: once this call is seen,
    // every junk message before it was handled, and none of them called anybody.
    await press("next");
    const ev = await tap.next((e) => e.type === "called" && e.data.ticket?.number === ticket.number);
    expect(
      tap.events.filter((e) => e.type === "called" && e.data.ticket?.number === ticket.number),
    ).toHaveLength(1);
    expect(ev.data.data.outOfOrder).toBeUndefined();
  });

  it("an action the server refuses (call next with a visitor at the desk) is logged, not applied", async () => {
    const before = (await me()).counter.currentTicket;
    await issue(hall.base, "ho-tich");
    await press("next");
    await warned("refused: ticket-in-progress");
    expect((await me()).counter.currentTicket).toEqual(before);
    await press("finish");
    await tap.next((e) => e.type === "finished" && e.data.ticket?.number === before.number);
  });

  it("no calls while the counter is paused", async () => {
    await call(hall.base, "POST", "/api/counters/1/pause", officer, { reason: "Họp" });
    await press("next");
    await warned("refused: counter-paused");
    expect((await me()).counter.currentTicket).toBeNull();
    await call(hall.base, "POST", "/api/counters/1/resume", officer);
  });

  it("a keypad cannot press another counter's buttons (broker ACL)", async () => {
    const other = await device("keypad-1");
    const officer2 = await login(hall.base, "canbo2");
    await call(hall.base, "POST", "/api/counters/2/open", officer2);
    other.on("error", () => {});
    // Not awaited: a broker may drop the connection of a client that publishes where it
    // must not (MQTT 3.1.1 §3.3.5), and then no PUBACK ever comes.
    other.publish(t.counterButton(2), "next", { qos: 1 });
    await warned("denied publish on qms/phu-lien/counter/2/button");
    const c2 = (await call(hall.base, "GET", "/api/auth/me", officer2)).body.counter;
    expect(c2.currentTicket).toBeNull();
    other.end(true);
  });
});

describe("rating pad", () => {
  it("rates the visit last finished at its counter, once; 1 (Không hài lòng) reaches the event stream", async () => {
    await issue(hall.base, "ho-tich");
    const from = tap.events.length;
    await press("next");
    const called = await tap.next((e) => e.type === "called" && tap.events.indexOf(e) >= from);
    const number = called.data.ticket.number;
    await press("finish");
    await tap.next((e) => e.type === "finished" && e.data.ticket?.number === number);
    const ticket = (await call(hall.base, "GET", "/api/counters/1/rating")).body.last;
    expect(ticket).toMatchObject({ number, rated: false, open: true });

    for (const junk of ["5", "0", "abc", "4.0", "", "-1"]) await press(junk, pad, t.counterRating(1));
    await warned('ignored rating payload "abc" at counter 1');
    await press("1", pad, t.counterRating(1));
    const rated = await tap.next((e) => e.type === "rated" && e.data.ticket?.number === number);
    expect(rated.data).toMatchObject({ counter: 1, data: { score: 1, source: "pad" } });

    await press("4", pad, t.counterRating(1));
    await warned("refused: already-rated");
    expect((await call(hall.base, "GET", "/api/counters/1/rating")).body.last).toMatchObject({
      number,
      rated: true,
    });
    const ratings = tap.events.filter((e) => e.type === "rated" && e.data.ticket?.number === number);
    expect(ratings.map((e) => e.data.ticket.rating)).toEqual([1]);
  });
});
