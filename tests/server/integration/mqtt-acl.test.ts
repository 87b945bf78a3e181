/** The embedded broker's logins and ACL (CONTRACT.md "MQTT", last paragraph). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningHall } from "../../../server/main.ts";
import { client, login, startTestHall } from "../../helpers/hall.ts";
import { connect, record } from "../../helpers/mqtt.ts";

let h: RunningHall;
let url = "";
let creds: Record<string, string>;
const T = "qms/phu-lien";

/** The granted QoS per filter (128 = refused); mqtt.js rejects a refused SUBACK, so one at a time. */
async function granted(c: Awaited<ReturnType<typeof connect>>, filters: string[]): Promise<number[]> {
  const out: number[] = [];
  for (const f of filters)
    out.push(
      await c.subscribeAsync(f, { qos: 1 }).then(
        (g) => g[0]!.qos,
        () => 128,
      ),
    );
  return out;
}

beforeAll(async () => {
  h = await startTestHall();
  url = `mqtt://127.0.0.1:${h.mqttPort}`;
  creds = JSON.parse(readFileSync(join(h.dataDir, "device-credentials.json"), "utf8"));
});
afterAll(() => h?.stop());

describe("MQTT logins and ACL", () => {
  it("generates one login per device of the hall config, kept private in the data dir", () => {
    expect(Object.keys(creds).sort()).toEqual(
      expect.arrayContaining([
        "server",
        "led-1",
        "keypad-1",
        "rating-1",
        "keypad-7",
        "printer-1",
        "printer-2",
      ]),
    );
    // The server, 3 devices per counter, 2 printer bridges, and the 2 kiosks' HTTP tokens.
    expect(Object.keys(creds)).toHaveLength(1 + 7 * 3 + 2 + 2);
  });

  it("lets anonymous clients read hall/# and counter displays, and nothing else", async () => {
    const c = await connect(url);
    const g = await granted(c, [
      `${T}/hall/#`,
      `${T}/counter/+/display`,
      `${T}/server/status`,
      `${T}/counter/+/button`,
      `${T}/printer/+/job/+`,
      "#",
    ]);
    expect(g).toEqual([1, 1, 1, 128, 128, 128]);
    await c.endAsync();
  });

  it("refuses a wrong password", async () => {
    await expect(connect(url, { username: "keypad-1", password: "wrong" })).rejects.toThrow(
      /Bad username or password|Not authorized|refused/i,
    );
  });

  it("closes an anonymous client that publishes, and the publish is not delivered", async () => {
    const rec = await record(url, [`${T}/counter/+/button`], { username: "server", password: creds.server });
    const c = await connect(url);
    const closed = new Promise<void>((r) => c.once("close", () => r()));
    c.publish(`${T}/counter/1/button`, "next", { qos: 1 });
    await closed;
    await new Promise((r) => setTimeout(r, 200));
    expect(rec.messages).toHaveLength(0);
    await rec.close();
  });

  it("lets a keypad publish only its own counter's button", async () => {
    const rec = await record(url, [`${T}/counter/+/button`], { username: "server", password: creds.server });
    const k = await connect(url, { username: "keypad-2", password: creds["keypad-2"] });
    await k.publishAsync(`${T}/counter/2/button`, "recall", { qos: 1 });
    await rec.waitFor((m) => m.topic === `${T}/counter/2/button`);
    const closed = new Promise<void>((r) => k.once("close", () => r()));
    k.publish(`${T}/counter/3/button`, "next", { qos: 1 });
    await closed;
    await new Promise((r) => setTimeout(r, 200));
    expect(rec.messages.map((m) => m.topic)).toEqual([`${T}/counter/2/button`]);
    await rec.close();
  });

  it("lets a printer bridge read only its own jobs", async () => {
    const p = await connect(url, { username: "printer-1", password: creds["printer-1"] });
    expect(await granted(p, [`${T}/printer/printer-1/job/+`, `${T}/printer/printer-2/job/+`])).toEqual([
      1, 128,
    ]);
    await p.endAsync();
  });

  it("a keypad acts for the officer holding the counter; garbage is ignored", async () => {
    const officer = client(h.url, await login(h.url, "canbo6"));
    await officer("POST", "/api/counters/6/open");
    const issued = await client(h.url)("POST", "/api/tickets", { serviceId: "kinh-doanh" });
    const k = await connect(url, { username: "keypad-6", password: creds["keypad-6"] });
    const rec = await record(url, [`${T}/counter/6/display`]);
    await k.publishAsync(`${T}/counter/6/button`, "\u0000garbage\u00ff", { qos: 1 });
    await k.publishAsync(`${T}/counter/6/button`, "next", { qos: 1 });
    const shown = await rec.waitFor((m) => m.payload.includes(issued.body.ticket.number));
    expect(JSON.parse(shown.payload)).toMatchObject({ state: "called", number: issued.body.ticket.number });
    const t = await client(h.url)("GET", `/api/tickets/${issued.body.ticket.code}`);
    expect(t.body.ticket).toMatchObject({ status: "called", counter: 6 });
    await k.endAsync();
    await rec.close();
  });
});
