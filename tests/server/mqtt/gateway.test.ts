/**
 * The MQTT gateway in process (tests/helpers/app.ts: the hall wired as in production, a
 * fake broker link): retained state on connect, a keypad's press acting for the holder
 * of its counter, device availability on the hall's clock, and garbage ignored. The
 * same paths through the real broker, with device logins and the ACL, are in
 * keypad.test.ts and ../integration/mqtt-acl.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../../../server/queue/clock.ts";
import { createTestApp, MONDAY_8AM, type TestApp } from "../../helpers/app.ts";
import { call, issue, login } from "../http/hall-fixture.ts";

let h: TestApp;
const clock = new FakeClock(MONDAY_8AM);
beforeAll(async () => {
  h = await createTestApp({ clock });
});
afterAll(() => h?.stop());

describe("MQTT gateway (in process)", () => {
  it("publishes the retained state on connect: server online, hall state, every counter's display", () => {
    const t = h.topics;
    expect(h.link.retained.get(t.serverStatus)).toBe("online");
    expect(h.link.retainedJson(t.hallState)).toMatchObject({
      seq: expect.any(Number),
      waiting: expect.any(Array),
    });
    for (const c of h.hall.config.counters)
      expect(h.link.retainedJson(t.counterDisplay(c.number)), `counter ${c.number}`).toMatchObject({
        state: "closed",
        number: null,
      });
  });

  it("a keypad press calls the next visitor for the officer holding its counter", async () => {
    const officer = await login(h, "canbo1");
    await call(h, "POST", "/api/counters/1/open", officer);
    const ticket = await issue(h, "ho-tich");
    expect(h.link.deliver(h.topics.counterButton(1), "next")).toBe(true);
    expect((await call(h, "GET", `/api/tickets/${ticket.code}`)).body.ticket).toMatchObject({
      status: "called",
      counter: 1,
    });
    expect(h.link.retainedJson(h.topics.counterDisplay(1))).toMatchObject({
      number: ticket.number,
      state: "called",
    });
    const cue = h.link.published.findLast((m) => m.topic === h.topics.hallCall);
    expect(JSON.parse(cue!.payload)).toMatchObject({ number: ticket.number, counter: 1, recall: false });
  });

  it("ignores garbage and topics it never subscribed to", async () => {
    const before = h.link.published.length;
    expect(h.link.deliver(h.topics.counterButton(1), "NEXT")).toBe(true); // delivered, then ignored
    expect(h.link.deliver(h.topics.counterDisplay(1), "{}")).toBe(false); // the server's own output
    expect(h.link.published.length).toBe(before);
  });

  it("records device availability on the hall's clock", async () => {
    clock.set(MONDAY_8AM + 3_600_000);
    h.link.deliver(h.topics.deviceStatus("led-2"), "online");
    const admin = await login(h, "admin");
    const led = (await call(h, "GET", "/api/devices", admin)).body.devices.find(
      (d: { id: string }) => d.id === "led-2",
    );
    expect(led).toMatchObject({ online: true, lastSeen: "2026-11-23T09:00:00.000+07:00" });
  });
});
