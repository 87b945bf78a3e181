/**
 * Behind a reverse proxy (deploy/README.md) a hall that keeps sending a wrong secret is held
 * back (failures are counted per address), and only that hall, once the proxy is trusted
 * (QMS_PROVINCE_TRUSTED_PROXIES); otherwise every hall behind the proxy shares its count.
 * Real port; the test process is the "proxy" at 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningProvince } from "../../province/main.ts";
import { addHall, startTestProvince } from "./helpers.ts";

let behindProxy: RunningProvince;
let direct: RunningProvince;
beforeAll(async () => {
  behindProxy = await startTestProvince({ trustedProxies: ["127.0.0.1", "::1"] });
  direct = await startTestProvince();
}, 60_000);
afterAll(async () => {
  await behindProxy?.stop();
  await direct?.stop();
});

const hello = (p: RunningProvince, id: string, secret: string, forwardedFor: string) =>
  fetch(`${p.url}/api/uplink`, {
    headers: {
      authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`,
      "x-forwarded-for": forwardedFor,
    },
  }).then((r) => r.status);

async function tenWrongSecrets(p: RunningProvince, forwardedFor: string) {
  const statuses: number[] = [];
  for (let i = 0; i < 10; i++) statuses.push(await hello(p, "phuong-a", "wrong-secret", forwardedFor));
  return statuses;
}

describe("a hall sending a wrong secret", () => {
  it("behind a trusted proxy holds back only its own address", async () => {
    await addHall(behindProxy, "phuong-a", "Phường A");
    const b = await addHall(behindProxy, "xa-b", "Xã B");
    expect(new Set(await tenWrongSecrets(behindProxy, "10.0.0.1"))).toEqual(new Set([401]));
    expect(await hello(behindProxy, "phuong-a", "wrong-secret", "10.0.0.1")).toBe(429);
    // Hall B, at its own address behind the same proxy, is not held back.
    expect(await hello(behindProxy, "xa-b", b.secret, "10.0.0.2")).toBe(200);
  });

  it("without a trusted proxy every hall at that address is held back with it", async () => {
    await addHall(direct, "phuong-a", "Phường A");
    const b = await addHall(direct, "xa-b", "Xã B");
    await tenWrongSecrets(direct, "10.0.0.1");
    expect(await hello(direct, "xa-b", b.secret, "10.0.0.2")).toBe(429);
  });
});
