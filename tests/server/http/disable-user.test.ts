/**
 * Disabling an officer (issue 11), at a real port with the real broker: their counter is
 * freed at once as a manager's forced close frees it (the visitor at the desk goes back
 * in line first), and their counter's keypad no longer acts in their name.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { connectAsync } from "mqtt";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { topics } from "../../../server/contract/topics.ts";
import { call, issue, login, startTestHall, type TestHall } from "./hall-fixture.ts";

let hall: TestHall;
const warn = vi.spyOn(console, "warn");

beforeAll(async () => {
  hall = await startTestHall();
});
afterAll(async () => {
  await hall?.close();
  warn.mockRestore();
});

describe("disabling an officer", () => {
  it("closes their counter, puts their visitor back in line and stops their keypad", async () => {
    const admin = await login(hall.base, "admin");
    const officer = await login(hall.base, "canbo5");
    const opened = await call(hall.base, "POST", "/api/counters/5/open", officer);
    const field = opened.body.counter.serviceIds[0];
    const t = await issue(hall.base, field);
    const other = await issue(hall.base, field);
    const called = await call(hall.base, "POST", "/api/counters/5/call-next", officer);
    expect(called.body.ticket.number).toBe(t.number);

    const users = (await call(hall.base, "GET", "/api/users", admin)).body.users;
    const id = users.find((u: { username: string }) => u.username === "canbo5").id;
    expect((await call(hall.base, "PATCH", `/api/users/${id}`, admin, { disabled: true })).status).toBe(200);

    const counter = (await call(hall.base, "GET", "/api/counters/5", admin)).body.counter;
    expect(counter).toMatchObject({ open: false, officerId: null, current: null });
    expect((await call(hall.base, "GET", `/api/tickets/${t.code}`)).body.ticket.status).toBe("waiting");

    // keypad-5 presses "next": nobody holds the counter, nobody is called.
    const creds = JSON.parse(readFileSync(join(hall.dataDir, "device-credentials.json"), "utf8"));
    const keypad = await connectAsync(`mqtt://127.0.0.1:${hall.mqttPort}`, {
      username: "keypad-5",
      password: creds["keypad-5"],
      clientId: "keypad-5",
      reconnectPeriod: 0,
    });
    await keypad.publishAsync(topics("qms", "phu-lien").counterButton(5), "next", { qos: 1 });
    await vi.waitFor(() =>
      expect(warn.mock.calls.map((c) => String(c[0]))).toContain(
        '[mqtt] keypad "next" at counter 5: nobody holds the counter',
      ),
    );
    for (const x of [t, other])
      expect((await call(hall.base, "GET", `/api/tickets/${x.code}`)).body.ticket.status).toBe("waiting");
    await keypad.endAsync();
  });
});
