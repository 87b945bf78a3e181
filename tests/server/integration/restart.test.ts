/** State survives a restart, and a broker that goes away does not stop the hall. */
import { mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Aedes } from "aedes";
import { describe, expect, it } from "vitest";
import { client, login, startTestHall } from "../../helpers/hall.ts";
import { record } from "../../helpers/mqtt.ts";

const T = "qms/phu-lien";

describe("restart", () => {
  it("keeps tickets, numbering, counters and sessions across a restart", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "qms-restart-"));
    const a = await startTestHall({ dataDir });
    const anon = client(a.url);
    const t1 = (await anon("POST", "/api/tickets", { serviceId: "ho-tich" })).body.ticket;
    const t2 = (await anon("POST", "/api/tickets", { serviceId: "ho-tich" })).body.ticket;
    const token = await login(a.url, "canbo1");
    await client(a.url, token)("POST", "/api/counters/1/open");
    await client(a.url, token)("POST", "/api/counters/1/call-next");
    await a.stop();

    const b = await startTestHall({ dataDir });
    try {
      const officer = client(b.url, token);
      const me = await officer("GET", "/api/auth/me");
      expect(me.body.counter).toMatchObject({ number: 1, open: true, current: "A001" });
      expect((await client(b.url)("GET", `/api/tickets/${t1.code}`)).body.ticket).toMatchObject({
        status: "called",
        counter: 1,
      });
      expect((await client(b.url)("GET", `/api/tickets/${t2.code}`)).body.ticket).toMatchObject({
        status: "waiting",
        position: 0,
      });
      expect((await client(b.url)("POST", "/api/tickets", { serviceId: "ho-tich" })).body.ticket.number).toBe(
        "A003",
      );
      expect((await officer("POST", "/api/counters/1/call-next")).body.error.code).toBe("ticket-in-progress");
      const hall = await client(b.url)("GET", "/api/hall");
      expect(hall.body.calls[0]).toMatchObject({ number: "A001", counter: 1 });
    } finally {
      await b.stop();
    }
  });
});

describe("an external broker that goes away", () => {
  async function broker(port: number): Promise<{ close(): Promise<void>; port: number }> {
    const aedes = await Aedes.createBroker();
    const srv: Server = createServer(aedes.handle);
    await new Promise<void>((r) => srv.listen(port, "127.0.0.1", () => r()));
    const p = (srv.address() as { port: number }).port;
    return {
      port: p,
      close: () =>
        new Promise<void>((r) => {
          for (const c of Object.values(
            (aedes as unknown as { clients: Record<string, { close(): void }> }).clients,
          ))
            c.close();
          srv.close();
          aedes.close(() => r());
        }),
    };
  }

  it("keeps HTTP working and republishes the state when it returns", async () => {
    const b1 = await broker(0);
    const h = await startTestHall({ mqttUrl: `mqtt://127.0.0.1:${b1.port}` });
    try {
      expect((await client(h.url)("GET", "/api/health")).body.mqtt).toBe("connected");
      await b1.close();
      await new Promise((r) => setTimeout(r, 300));
      expect((await client(h.url)("GET", "/api/health")).body.mqtt).toBe("disconnected");
      const t = await client(h.url)("POST", "/api/tickets", { serviceId: "cu-tru" });
      expect(t.status).toBe(201);

      const b2 = await broker(b1.port);
      try {
        const sub = await record(`mqtt://127.0.0.1:${b2.port}`, [
          `${T}/hall/state`,
          `${T}/server/status`,
          `${T}/counter/+/display`,
        ]);
        const state = await sub.waitFor((m) => m.topic === `${T}/hall/state`, 5000);
        const waiting = JSON.parse(state.payload).waiting.find(
          (w: { serviceId: string }) => w.serviceId === "cu-tru",
        );
        expect(waiting.count).toBe(1);
        // A board that connects later gets it as a retained message.
        const late = await record(`mqtt://127.0.0.1:${b2.port}`, [`${T}/hall/state`]);
        expect((await late.waitFor((m) => m.topic === `${T}/hall/state`)).retain).toBe(true);
        await late.close();
        await sub.waitFor((m) => m.topic === `${T}/server/status` && m.payload === "online");
        await sub.waitFor(
          (m) => m.topic === `${T}/counter/7/display` && JSON.parse(m.payload).state === "closed",
        );
        await sub.close();
      } finally {
        await h.stop();
        await b2.close();
      }
    } finally {
      await h.stop();
    }
  });
});
