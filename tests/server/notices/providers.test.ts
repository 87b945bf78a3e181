/**
 * The three notice providers against local stand-ins of their vendors that check the
 * documented request shapes (tests/helpers/notice-fakes.ts): Web Push (VAPID JWT verified,
 * aes128gcm body decrypted with the subscription's own keys), Zalo ZNS (access_token
 * header, phone 84…, template_id, template_data, tracking_id) and eSMS (keys, brandname,
 * unaccented content); and how each classifies a failure (retry or give up).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ESMS_URL, NoticesSchema, ZALO_ZNS_URL } from "../../../server/contract/config-notices.ts";
import { type NoticeFacts, noticeText } from "../../../server/contract/notices.ts";
import type { NoticeEnvelope } from "../../../server/notices/provider.ts";
import { WebPushProvider } from "../../../server/notices/push.ts";
import { EsmsProvider } from "../../../server/notices/sms.ts";
import { memoryVapidKeys } from "../../../server/notices/vapid.ts";
import { ZaloZnsProvider } from "../../../server/notices/zalo.ts";
import {
  decryptAes128gcm,
  type EsmsRequest,
  encryptForTest,
  type FakeVendor,
  fakeBrowserKeys,
  startFakeEsms,
  startFakeZalo,
  startPushEndpoint,
  type ZnsRequest,
} from "../../helpers/notice-fakes.ts";

const env = (
  facts: NoticeFacts,
  lang: "vi" | "en" = "vi",
  messageId = "msg_aaaaaaaaaaaaaaaaaaaa",
): NoticeEnvelope => ({
  facts,
  text: noticeText(facts),
  lang,
  messageId,
});
const CALLED: NoticeFacts = { kind: "called", number: "A012", counter: 3, url: "https://hall.test/t/abc" };
const NEAR: NoticeFacts = {
  kind: "near",
  number: "B007",
  ahead: 2,
  minutes: 9,
  service: { vi: "Đất đai", en: "Land" },
};
const defaults = NoticesSchema.parse(undefined);

let push: Awaited<ReturnType<typeof startPushEndpoint>>;
let zalo: FakeVendor<ZnsRequest>;
let sms: FakeVendor<EsmsRequest>;

beforeAll(async () => {
  push = await startPushEndpoint();
  zalo = await startFakeZalo("oa-token-123");
  sms = await startFakeEsms("api-key-1", "secret-key-1", "UBND-PL");
});
afterAll(async () => {
  await push?.close();
  await zalo?.close();
  await sms?.close();
});

describe("the push endpoint's own checks", () => {
  it("decrypts a record built by hand from RFC 8291 (the checker is right before it judges the server)", () => {
    const b = fakeBrowserKeys();
    expect(decryptAes128gcm(encryptForTest("xin chào", b), b)).toBe("xin chào");
    expect(() => decryptAes128gcm(encryptForTest("x", b), fakeBrowserKeys())).toThrow();
  });
});

describe("WebPushProvider (web-push's VAPID and aes128gcm)", () => {
  const keys = memoryVapidKeys();
  const provider = new WebPushProvider(
    () => ({ enabled: true, subject: "mailto:hall@example.vn", timeoutSec: 2 }),
    () => keys,
  );

  it("delivers a notice the endpoint verifies and decrypts: both languages, the visitor's first", async () => {
    const s = push.subscribe();
    const out = await provider.send({ kind: "push", subscription: s.subscription }, env(CALLED, "en"));
    expect(out).toEqual({ ok: true, status: 201 });
    const got = push.accepted().at(-1)!;
    expect(push.received.at(-1)!.refused).toBeNull();
    expect(got.vapidKey).toBe(keys.publicKey);
    expect(got.urgency).toBe("high");
    expect(got.payload).toMatchObject({
      title: "Ticket A012, please · Mời số A012",
      body: "Ticket A012, please go to counter 3.\nMời số A012 đến quầy 3.",
      url: "https://hall.test/t/abc",
      kind: "called",
    });
  });

  it("a subscription the browser dropped (410) is given up at once; a 500 is retried", async () => {
    const s = push.subscribe();
    push.unsubscribe(s.id);
    const gone = await provider.send({ kind: "push", subscription: s.subscription }, env(CALLED));
    expect(gone).toMatchObject({ ok: false, status: 410, permanent: true });
    push.mode = "error";
    const s2 = push.subscribe();
    const err = await provider.send({ kind: "push", subscription: s2.subscription }, env(CALLED));
    push.mode = "up";
    expect(err).toMatchObject({ ok: false, status: 500, permanent: false });
  });
});

describe("ZaloZnsProvider (POST /message/template)", () => {
  const cfg = {
    ...defaults.zalo,
    enabled: true,
    url: "",
    templates: { near: "231001", called: "231002", finished: "231003", booked: null, reminder: null },
    timeoutSec: 1,
  };
  let token = "oa-token-123";
  const provider = new ZaloZnsProvider(
    () => ({ ...cfg, url: zalo.url }),
    () => token,
  );

  it("sends the documented shape: access_token header, phone 84…, template_id, template_data, tracking_id", async () => {
    const out = await provider.send(
      { kind: "phone", phone: "84912345678" },
      env(NEAR, "vi", "msg_zzzzzzzzzzzzzzzzzzzz"),
    );
    expect(out).toEqual({ ok: true, status: 200 });
    expect(zalo.accepted().at(-1)).toEqual({
      phone: "84912345678",
      template_id: "231001",
      template_data: { so_thu_tu: "B007", so_nguoi: "2", so_phut: "9", linh_vuc: "Đất đai" },
      tracking_id: "msg_zzzzzzzzzzzzzzzzzzzz",
    });
    expect(ZALO_ZNS_URL).toBe("https://business.openapi.zalo.me/message/template");
  });

  it("a rejected template gives up at once; a bad token, a 500 and a timeout are retried", async () => {
    zalo.mode = "reject";
    expect(await provider.send({ kind: "phone", phone: "84912345678" }, env(CALLED))).toMatchObject({
      ok: false,
      permanent: true,
      error: "Zalo error -109: Template ID invalid",
    });
    zalo.mode = "up";
    token = "expired";
    expect(await provider.send({ kind: "phone", phone: "84912345678" }, env(CALLED))).toMatchObject({
      ok: false,
      permanent: false,
      error: "Zalo error -124: Access token is invalid",
    });
    token = "oa-token-123";
    zalo.mode = "error";
    const e500 = await provider.send({ kind: "phone", phone: "84912345678" }, env(CALLED));
    expect(e500).toMatchObject({ ok: false, status: 500, error: "HTTP 500" });
    expect(e500.ok === false && e500.permanent).toBeFalsy();
    zalo.mode = "slow";
    zalo.slowMs = 3000;
    const t0 = Date.now();
    const slow = await provider.send({ kind: "phone", phone: "84912345678" }, env(CALLED));
    expect(slow).toMatchObject({ ok: false, status: null, error: "no answer within 1 s" });
    expect(Date.now() - t0).toBeLessThan(2500);
    zalo.mode = "up";
  });

  it("is offered only with a token and a template", () => {
    expect(provider.configured()).toBe(true);
    const none = new ZaloZnsProvider(
      () => cfg,
      () => null,
    );
    expect(none.configured()).toBe(false);
  });
});

describe("EsmsProvider (SendMultipleMessage_V4_post_json)", () => {
  const cfg = { ...defaults.sms, enabled: true, brandname: "UBND-PL", timeoutSec: 1 };
  let keys = { apiKey: "api-key-1", secretKey: "secret-key-1" };
  const provider = new EsmsProvider(
    () => ({ ...cfg, url: sms.url }),
    () => keys,
  );

  it("sends the account's keys, the brandname, type 2 and the text without diacritics", async () => {
    const out = await provider.send(
      { kind: "phone", phone: "84987654321" },
      env(CALLED, "en", "msg_ssssssssssssssssssss"),
    );
    expect(out).toEqual({ ok: true, status: 200 });
    expect(sms.accepted().at(-1)).toEqual({
      ApiKey: "api-key-1",
      SecretKey: "secret-key-1",
      Phone: "84987654321",
      Content: "Moi so A012 den quay 3.",
      Brandname: "UBND-PL",
      SmsType: "2",
      IsUnicode: "0",
      Sandbox: "0",
      RequestId: "msg_ssssssssssssssssssss",
    });
    expect(ESMS_URL).toMatch(/^https:\/\/rest\.esms\.vn\//);
    // The same RequestId again (a retry after a lost answer): eSMS says 124, which counts as sent.
    expect(
      await provider.send(
        { kind: "phone", phone: "84987654321" },
        env(CALLED, "en", "msg_ssssssssssssssssssss"),
      ),
    ).toEqual({ ok: true, status: 200 });
  });

  it("wrong keys are retried (fixable by the operator); a rejected template gives up", async () => {
    keys = { apiKey: "api-key-1", secretKey: "wrong" };
    expect(await provider.send({ kind: "phone", phone: "84987654321" }, env(CALLED))).toMatchObject({
      ok: false,
      permanent: false,
      error: "eSMS CodeResult 101: Incorrect ApiKey or SecretKey.",
    });
    keys = { apiKey: "api-key-1", secretKey: "secret-key-1" };
    sms.mode = "reject";
    expect(await provider.send({ kind: "phone", phone: "84987654321" }, env(CALLED))).toMatchObject({
      ok: false,
      permanent: true,
    });
    sms.mode = "up";
  });
});
