/** A visit end to end through the real HTTP port, SSE and the real embedded broker. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningHall } from "../../../server/main.ts";
import { client, login, startTestHall } from "../../helpers/hall.ts";
import { type Recorder, record } from "../../helpers/mqtt.ts";

let h: RunningHall;
let sub: Recorder;
const T = "qms/phu-lien";

beforeAll(async () => {
  h = await startTestHall();
  sub = await record(`mqtt://127.0.0.1:${h.mqttPort}`, [
    `${T}/hall/#`,
    `${T}/counter/+/display`,
    `${T}/server/status`,
  ]);
});
afterAll(async () => {
  await sub?.close();
  await h?.stop();
});

/** Reads SSE frames from /api/events until `n` events of the given types arrived. */
async function sseCollect(types: string[], n: number, act: () => Promise<void>) {
  const ctl = new AbortController();
  const res = await fetch(`${h.url}/api/events`, { signal: ctl.signal });
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  const got: { event: string; id?: string; data: Record<string, unknown> }[] = [];
  let buf = "";
  const reading = (async () => {
    while (got.filter((g) => types.includes(g.event)).length < n) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += dec.decode(value);
      let i = buf.indexOf("\n\n");
      while (i >= 0) {
        const frame = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const ev = /^event: (.*)$/m.exec(frame)?.[1];
        const data = /^data: (.*)$/m.exec(frame)?.[1];
        const id = /^id: (.*)$/m.exec(frame)?.[1];
        if (ev && data) got.push({ event: ev, id, data: JSON.parse(data) });
        i = buf.indexOf("\n\n");
      }
    }
  })();
  await new Promise((r) => setTimeout(r, 50));
  await act();
  await Promise.race([reading, new Promise((r) => setTimeout(r, 3000))]);
  ctl.abort();
  return got;
}

describe("a visit through HTTP, SSE and MQTT", () => {
  it("publishes server/status online, retained, on start", async () => {
    const m = await sub.waitFor((x) => x.topic === `${T}/server/status`);
    expect(m).toMatchObject({ payload: "online", retain: true });
  });

  it("issues, calls, serves, finishes and rates one visitor", async () => {
    const anon = client(h.url);
    const token = await login(h.url, "canbo1");
    const officer = client(h.url, token);
    let code = "";
    const events = await sseCollect(["issued", "called", "started", "finished", "rated"], 5, async () => {
      const issued = await anon("POST", "/api/tickets", {
        serviceId: "ho-tich",
        priority: "elderly",
        kioskId: "kiosk-1",
      });
      expect(issued.status).toBe(201);
      expect(issued.body.ticket).toMatchObject({
        number: "A001",
        serviceId: "ho-tich",
        priority: "elderly",
        status: "waiting",
        position: 0,
      });
      expect(issued.body.ticket.code).toMatch(/^[a-z2-7]{16}$/);
      expect(issued.body.ticket.statusUrl).toBe(`http://hall.test/t/${issued.body.ticket.code}`);
      expect(issued.body.ticket.issuedAt).toMatch(/\+07:00$/);
      code = issued.body.ticket.code;

      expect((await officer("POST", "/api/counters/1/open")).body.counter).toMatchObject({
        number: 1,
        officer: "Cán bộ 1",
        serviceIds: ["ho-tich", "chung-thuc", "tra-ket-qua"],
        open: true,
      });
      const called = await officer("POST", "/api/counters/1/call-next");
      expect(called.status).toBe(200);
      expect(called.body.ticket).toMatchObject({ code, status: "called", counter: 1 });
      expect((await officer("POST", "/api/counters/1/start")).body.ticket.status).toBe("serving");
      expect((await officer("POST", "/api/counters/1/finish")).body.ticket.status).toBe("done");
      expect((await anon("POST", `/api/tickets/${code}/rating`, { score: 4 })).status).toBe(201);
      expect((await anon("POST", `/api/tickets/${code}/rating`, { score: 3 })).body.error.code).toBe(
        "already-rated",
      );
    });
    const types = events.map((e) => e.event).filter((e) => e !== "hello");
    expect(types).toEqual(["issued", "counter-opened", "called", "started", "finished", "rated"]);
    // Public events never carry the visitor's code.
    expect(JSON.stringify(events)).not.toContain(code);
    expect(Number(events.at(-1)!.id)).toBeGreaterThan(Number(events[1]!.id));

    const cue = await sub.waitFor((m) => m.topic === `${T}/hall/call`);
    // A priority visitor, yes; which category (elderly) stays with staff (decision 0005).
    expect(JSON.parse(cue.payload)).toEqual({
      number: "A001",
      counter: 1,
      recall: false,
      at: expect.stringMatching(/\+07:00$/),
      serviceId: "ho-tich",
      prioritized: true,
    });
    expect(cue.retain).toBe(false);
    const display = await sub.waitFor(
      (m) => m.topic === `${T}/counter/1/display` && m.payload.includes("A001"),
    );
    expect(JSON.parse(display.payload)).toMatchObject({
      number: "A001",
      state: "called",
      text: "MOI SO A001",
    });
    const state = await sub.waitFor((m) => m.topic === `${T}/hall/state` && m.payload.includes('"A001"'));
    const hs = JSON.parse(state.payload);
    expect(hs.seq).toBeGreaterThan(0);
    expect(hs.calls[0]).toMatchObject({ number: "A001", counter: 1 });
    expect(JSON.stringify(hs)).not.toContain(code);

    const ticket = await anon("GET", `/api/tickets/${code}`);
    expect(ticket.body.ticket).toMatchObject({ status: "done", rating: 4 });
  });

  it("serves the hall snapshot of the contract", async () => {
    const r = await client(h.url)("GET", "/api/hall");
    expect(r.status).toBe(200);
    expect(r.body.hall).toMatchObject({
      id: "phu-lien",
      name: "Trung tâm Phục vụ hành chính công phường Phú Liên",
    });
    expect(r.body.waiting).toHaveLength(8);
    expect(r.body.counters).toHaveLength(7);
    expect(r.body.counters[6]).toMatchObject({
      number: 7,
      priorityCounter: true,
      open: false,
      current: null,
    });
    expect(r.body.counters[0]).not.toHaveProperty("officerId");
  });

  it("lists the services with prefixes and names", async () => {
    const r = await client(h.url)("GET", "/api/services");
    expect(r.body.services.map((s: { id: string; prefix: string }) => `${s.prefix}:${s.id}`)).toEqual([
      "A:ho-tich",
      "B:chung-thuc",
      "C:dat-dai",
      "D:cu-tru",
      "E:bhxh",
      "F:chinh-sach",
      "G:kinh-doanh",
      "H:tra-ket-qua",
    ]);
    expect(r.body.services[4].name).toEqual({
      vi: "Bảo hiểm xã hội – y tế",
      en: "Social and health insurance",
    });
  });

  it("serves an OpenAPI document that lists the contract's paths", async () => {
    const r = await client(h.url)("GET", "/api/openapi.json");
    expect(r.body.openapi).toBe("3.1.0");
    for (const p of [
      "/api/tickets",
      "/api/tickets/{code}",
      "/api/counters/{n}/call-next",
      "/api/hall",
      "/api/events",
    ])
      expect(r.body.paths).toHaveProperty([p]);
  });
});
