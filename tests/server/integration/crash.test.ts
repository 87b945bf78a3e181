/**
 * kill -9 mid-stream loses no acknowledged ticket and never hands one ticket to two
 * counters: a real server process, real HTTP, 20 concurrent kiosks and two officers.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { client, login } from "../../helpers/hall.ts";
import { freePort } from "../../helpers/ports.ts";

const ROOT = join(import.meta.dirname, "../../..");

async function startProcess(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(ROOT, "server/main.ts")], {
    env: {
      ...process.env,
      PORT: String(port),
      QMS_DATA_DIR: dataDir,
      QMS_MQTT_PORT: "0",
      QMS_ADMIN_PASSWORD: "secret123",
      QMS_DEMO_PASSWORD: "secret123",
      QMS_TICKET_RATE_LIMIT: "0",
      QMS_PUBLIC_URL: "http://hall.test",
    },
    stdio: "ignore",
  });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error("server did not start");
}

describe("crash safety", () => {
  it("keeps every acknowledged ticket and call after kill -9", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "qms-crash-"));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    let child = await startProcess(dataDir, port);
    const issued: { code: string; number: string }[] = [];
    const calls: { counter: number; code: string }[] = [];
    const o1 = client(base, await login(base, "canbo1"));
    const o2 = client(base, await login(base, "canbo2"));
    await o1("POST", "/api/counters/1/open");
    await o2("POST", "/api/counters/2/open");
    let running = true;
    const kiosk = async () => {
      while (running) {
        try {
          const r = await client(base)("POST", "/api/tickets", { serviceId: "ho-tich" });
          if (r.status === 201) issued.push({ code: r.body.ticket.code, number: r.body.ticket.number });
        } catch {
          return; // the server died mid-request: not acknowledged
        }
      }
    };
    const officer = async (n: number, call: ReturnType<typeof client>) => {
      while (running) {
        try {
          const r = await call("POST", `/api/counters/${n}/call-next`);
          if (r.status === 200) {
            calls.push({ counter: n, code: r.body.ticket.code });
            await call("POST", `/api/counters/${n}/finish`);
          }
        } catch {
          return;
        }
      }
    };
    const workers = [...Array.from({ length: 20 }, kiosk), officer(1, o1), officer(2, o2)];
    // Kill mid-stream once traffic is flowing (or after 10 s on a very loaded machine).
    for (let i = 0; i < 200 && (issued.length < 40 || calls.length < 4); i++)
      await new Promise((r) => setTimeout(r, 50));
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    running = false;
    await Promise.all(workers);
    expect(issued.length).toBeGreaterThan(10);
    expect(calls.length).toBeGreaterThan(0);

    child = await startProcess(dataDir, port);
    try {
      const anon = client(base);
      for (const t of issued) {
        const r = await anon("GET", `/api/tickets/${t.code}`);
        expect(r.status, t.number).toBe(200);
        expect(r.body.ticket.number).toBe(t.number);
      }
      expect(new Set(issued.map((t) => t.number)).size).toBe(issued.length);
      for (const c of calls) {
        const r = await anon("GET", `/api/tickets/${c.code}`);
        expect(["called", "done"]).toContain(r.body.ticket.status);
        expect(r.body.ticket.counter).toBe(c.counter);
      }
      expect(new Set(calls.map((c) => c.code)).size).toBe(calls.length);
      // Numbering goes on after the highest acknowledged number.
      const next = await anon("POST", "/api/tickets", { serviceId: "ho-tich" });
      const max = Math.max(...issued.map((t) => Number(t.number.slice(1))));
      expect(Number(next.body.ticket.number.slice(1))).toBeGreaterThan(max);
    } finally {
      child.kill("SIGKILL");
    }
  }, 60_000);
});

describe("concurrent call-next", () => {
  it("never hands one ticket to two counters", async () => {
    const { startTestHall } = await import("../../helpers/hall.ts");
    const h = await startTestHall();
    try {
      const anon = client(h.url);
      for (let i = 0; i < 60; i++)
        await anon("POST", "/api/tickets", { serviceId: i % 2 ? "ho-tich" : "chung-thuc" });
      const officers = await Promise.all(
        [1, 2, 3, 6, 7].map(async (n, i) => {
          const c = client(h.url, await login(h.url, `canbo${i + 1}`));
          await c("POST", `/api/counters/${n}/open`);
          return { n, c };
        }),
      );
      const got: string[] = [];
      const loop = async ({ n, c }: { n: number; c: ReturnType<typeof client> }) => {
        for (;;) {
          const [r] = await Promise.all([c("POST", `/api/counters/${n}/call-next`)]);
          if (r.status === 204) return;
          expect(r.status).toBe(200);
          got.push(r.body.ticket.code);
          await c("POST", `/api/counters/${n}/no-show`);
        }
      };
      await Promise.all(officers.map(loop));
      expect(got).toHaveLength(60);
      expect(new Set(got).size).toBe(60);
    } finally {
      await h.stop();
    }
  });
});
