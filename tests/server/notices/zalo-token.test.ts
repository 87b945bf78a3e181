/**
 * The hall renews its Zalo OA access token (issue 14, decision 0115 "Zalo token"), against a
 * local stand-in of Zalo's OA token endpoint that checks the documented request (secret_key
 * header, form body) and honours single-use refresh tokens: seeded from the environment,
 * renewed an hour before the 25-hour token ends, the new pair saved (0600) before the spent
 * one is dropped, a restart keeps the newer pair, a failed renewal backs off while the old
 * token still works; and a whole hall sends its ZNS with the renewed token.
 */
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadHallConfig } from "../../../server/config/load.ts";
import {
  RENEW_BEFORE_MS,
  type ZaloTokenDeps,
  ZaloTokenKeeper,
  zaloTokenFile,
} from "../../../server/notices/zalo-token.ts";
import { FakeClock } from "../../../server/queue/clock.ts";
import { createTestApp, MONDAY_8AM, type TestApp } from "../../helpers/app.ts";
import { client } from "../../helpers/hall.ts";
import {
  type FakeVendor,
  startFakeZalo,
  startFakeZaloOAuth,
  type ZaloTokenRequest,
  type ZnsRequest,
} from "../../helpers/notice-fakes.ts";

const MIN = 60_000;
const APP = { appId: "1234567890", secret: "app-secret-xyz", refreshToken: "RT-seed" };
let oauth: FakeVendor<ZaloTokenRequest> & { issued: string[] };
let clock: FakeClock;
let dir: string;
let logs: string[];

beforeEach(async () => {
  oauth = await startFakeZaloOAuth(APP);
  clock = new FakeClock(MONDAY_8AM);
  dir = mkdtempSync(join(tmpdir(), "qms-zalo-token-"));
  logs = [];
});

afterEach(async () => {
  await oauth.close();
});

const keeper = (o: Partial<ZaloTokenDeps> = {}) =>
  new ZaloTokenKeeper({
    appId: APP.appId,
    appSecret: APP.secret,
    seedRefreshToken: APP.refreshToken,
    tokenUrl: () => oauth.url,
    now: () => clock.now(),
    ...zaloTokenFile(join(dir, "zalo-token.json")),
    log: (m) => logs.push(m),
    timeoutMs: 2_000,
    ...o,
  });

describe("the Zalo token keeper", () => {
  it("renews from the seed, saves the pair privately, and renews again an hour before the end with the new refresh token", async () => {
    const k = keeper();
    expect(k.token()).toBeNull();
    expect(await k.tick()).toBe(true);
    expect(k.token()).toBe("AT-1");
    expect(oauth.accepted()).toEqual([
      { app_id: APP.appId, refresh_token: "RT-seed", grant_type: "refresh_token" },
    ]);
    const file = join(dir, "zalo-token.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({
      accessToken: "AT-1",
      refreshToken: "RT-1",
      expiresAt: MONDAY_8AM + 90_000_000,
    });
    // 23 h later (2 h left): nothing to do.
    clock.advance(23 * 60 * MIN);
    expect(await k.tick()).toBe(false);
    // 24 h 1 min (59 min left): renewed with RT-1, the seed being spent.
    clock.advance(61 * MIN);
    expect(90_000_000 - 24 * 60 * MIN - MIN).toBeLessThan(RENEW_BEFORE_MS);
    expect(await k.tick()).toBe(true);
    expect(k.token()).toBe("AT-2");
    expect(oauth.accepted().at(-1)!.refresh_token).toBe("RT-1");
    expect(oauth.received.every((r) => r.headers.secret_key === APP.secret)).toBe(true);
  });

  it("keeps the newer pair across a restart, and takes a new seed when the OA is authorised again", async () => {
    await keeper().tick();
    // Restarted with the same environment: the saved RT-1, not the spent seed.
    const again = keeper();
    expect(again.token()).toBe("AT-1");
    clock.advance(24 * 60 * MIN + MIN);
    expect(await again.tick()).toBe(true);
    expect(oauth.accepted().map((r) => r.refresh_token)).toEqual(["RT-seed", "RT-1"]);
    expect(oauth.received.filter((r) => r.refused)).toEqual([]);
    // A different refresh token in the environment (re-authorised): it wins over the file.
    const fresh = await startFakeZaloOAuth({ ...APP, refreshToken: "RT-new-consent" });
    try {
      const k = keeper({ seedRefreshToken: "RT-new-consent", tokenUrl: () => fresh.url });
      expect(k.token()).toBeNull();
      expect(await k.tick()).toBe(true);
      expect(fresh.accepted()[0]!.refresh_token).toBe("RT-new-consent");
    } finally {
      await fresh.close();
    }
  });

  it("backs off after a refused renewal, keeps the old token meanwhile, and says why", async () => {
    const k = keeper();
    await k.tick();
    clock.advance(24 * 60 * MIN + MIN);
    oauth.mode = "reject";
    expect(await k.tick()).toBe(false);
    expect(k.token()).toBe("AT-1"); // still 59 minutes left
    expect(k.status().lastError).toContain("-14014");
    expect(logs.at(-1)).toContain("renewal failed");
    const tries = oauth.arrived;
    expect(await k.tick()).toBe(false); // within the first minute: not tried
    expect(oauth.arrived).toBe(tries);
    oauth.mode = "up";
    clock.advance(MIN);
    // The refused try did not spend RT-1 (Zalo refused it): it works now.
    expect(await k.tick()).toBe(true);
    expect(k.token()).toBe("AT-2");
    expect(k.status().lastError).toBeNull();
  });
});

describe("a hall with the Zalo app's id, secret and refresh token", () => {
  let app: TestApp;
  let zalo: FakeVendor<ZnsRequest>;

  afterEach(async () => {
    await app?.stop();
    await zalo?.close();
  });

  it("sends its ZNS with the access token it renewed itself", async () => {
    zalo = await startFakeZalo("AT-1");
    const config = loadHallConfig();
    config.notices.zalo = {
      ...config.notices.zalo,
      enabled: true,
      url: zalo.url,
      tokenUrl: oauth.url,
      templates: { near: null, called: null, finished: null, booked: "6001", reminder: null },
      timeoutSec: 1,
    };
    app = await createTestApp({
      config,
      noticeEnv: { zaloAppId: APP.appId, zaloAppSecret: APP.secret, zaloRefreshToken: APP.refreshToken },
    });
    await expect.poll(() => oauth.issued).toEqual(["AT-1"]);
    const r = await client(app)("POST", "/api/appointments", {
      serviceId: "ho-tich",
      date: "2026-11-23",
      slot: "10:00",
      phone: "0912345678",
    });
    expect(r.status).toBe(201);
    await app.outbox.runDue();
    expect(zalo.accepted()).toHaveLength(1);
    expect(zalo.received.at(-1)!.headers.access_token).toBe("AT-1");
  });
});
