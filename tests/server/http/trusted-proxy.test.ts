/**
 * Behind a reverse proxy (deploy/README.md) the per-address limits count each visitor, not
 * the proxy, once the proxy is trusted (QMS_TRUSTED_PROXIES); without it a forged
 * X-Forwarded-For changes nothing. Over a real port: the test process is the "proxy" at 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningHall } from "../../../server/main.ts";
import { startTestHall } from "../../helpers/hall.ts";

let behindProxy: RunningHall;
let direct: RunningHall;
beforeAll(async () => {
  [behindProxy, direct] = await Promise.all([
    startTestHall({
      trustedProxies: ["127.0.0.1", "::1"],
      ticketRateLimit: 2,
      sseMaxPerAddress: 1,
      mqttMaxPerAddress: 1,
    }),
    startTestHall({ ticketRateLimit: 2, sseMaxPerAddress: 1, mqttMaxPerAddress: 1 }),
  ]);
});
afterAll(async () => {
  await Promise.all([behindProxy?.stop(), direct?.stop()]);
});

const issue = (h: RunningHall, forwardedFor: string) =>
  fetch(`${h.url}/api/tickets`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": forwardedFor },
    body: JSON.stringify({ serviceId: "ho-tich" }),
  });

const stream = async (h: RunningHall, forwardedFor: string) => {
  const ctl = new AbortController();
  const r = await fetch(`${h.url}/api/live`, {
    headers: { accept: "text/event-stream", "x-forwarded-for": forwardedFor },
    signal: ctl.signal,
  });
  return { status: r.status, close: () => ctl.abort() };
};

/** Opens MQTT over WebSocket at /mqtt; resolves "open", or "refused" when the hall closes it at once. */
const mqttSocket = (h: RunningHall, forwardedFor: string) =>
  new Promise<{ state: "open" | "refused"; close: () => void }>((resolve) => {
    const ws = new WebSocket(`${h.url.replace("http", "ws")}/mqtt`, {
      headers: { "x-forwarded-for": forwardedFor },
      protocols: ["mqtt"],
    } as unknown as string[]);
    let timer: ReturnType<typeof setTimeout>;
    ws.onopen = () => {
      // A refused socket is closed by the broker right after the upgrade (1013).
      timer = setTimeout(() => resolve({ state: "open", close: () => ws.close() }), 300);
    };
    ws.onclose = (e) => {
      clearTimeout(timer);
      resolve({ state: e.code === 1013 ? "refused" : "open", close: () => {} });
    };
  });

describe("behind a trusted proxy", () => {
  it("each kiosk has its own ticket limit", async () => {
    expect((await issue(behindProxy, "192.168.1.21")).status).toBe(201);
    expect((await issue(behindProxy, "192.168.1.21")).status).toBe(201);
    const third = await issue(behindProxy, "192.168.1.21");
    expect(third.status).toBe(429);
    expect((await third.json()).error.code).toBe("too-many-requests");
    // Another kiosk behind the same proxy is not held back by the first one's limit.
    expect((await issue(behindProxy, "192.168.1.22")).status).toBe(201);
    // A client cannot escape its limit by naming another address itself: the proxy appends the real one.
    expect((await issue(behindProxy, "10.9.9.9, 192.168.1.21")).status).toBe(429);
  });

  it("each phone has its own cap of live streams", async () => {
    const a = await stream(behindProxy, "192.168.1.50");
    const again = await stream(behindProxy, "192.168.1.50");
    const b = await stream(behindProxy, "192.168.1.51");
    try {
      expect([a.status, again.status, b.status]).toEqual([200, 429, 200]);
    } finally {
      for (const s of [a, again, b]) s.close();
    }
  });
});

describe("MQTT over WebSocket (the boards)", () => {
  it("behind a trusted proxy, each board has its own cap; without it, one address shares it", async () => {
    const a = await mqttSocket(behindProxy, "192.168.1.60");
    const again = await mqttSocket(behindProxy, "192.168.1.60");
    const b = await mqttSocket(behindProxy, "192.168.1.61");
    const d1 = await mqttSocket(direct, "192.168.1.60");
    const d2 = await mqttSocket(direct, "192.168.1.61");
    try {
      expect([a.state, again.state, b.state]).toEqual(["open", "refused", "open"]);
      expect([d1.state, d2.state]).toEqual(["open", "refused"]);
    } finally {
      for (const s of [a, again, b, d1, d2]) s.close();
    }
  });
});

describe("without a trusted proxy", () => {
  it("X-Forwarded-For is ignored: every request from one socket address shares its limits", async () => {
    expect((await issue(direct, "192.168.1.21")).status).toBe(201);
    expect((await issue(direct, "192.168.1.22")).status).toBe(201);
    expect((await issue(direct, "192.168.1.23")).status).toBe(429);
    const a = await stream(direct, "192.168.1.50");
    const b = await stream(direct, "192.168.1.51");
    try {
      expect([a.status, b.status]).toEqual([200, 429]);
    } finally {
      a.close();
      b.close();
    }
  });
});
