/**
 * Local stand-ins for the outside vendors of issue 14's notices, each checking the request
 * the way the vendor documents it (written from the vendors' documents and the RFCs, not
 * from server/notices/):
 *
 * - Zalo ZNS: `POST /message/template`, header `access_token`, JSON body `phone` (84…),
 *   `template_id`, `template_data` (an object of strings), `tracking_id`; answers
 *   `{ error: 0, message: "Success", data: { msg_id } }` or a documented negative code.
 * - eSMS: `POST /MainService.svc/json/SendMultipleMessage_V4_post_json/`, JSON body with
 *   ApiKey, SecretKey, Phone, Content, Brandname, SmsType "2", IsUnicode, RequestId;
 *   answers `{ CodeResult: "100", SMSID }` or an error code (101: wrong keys).
 * - A Web Push endpoint (RFC 8030) that verifies the VAPID JWT (RFC 8292: ES256 over
 *   `header.payload` with the key in `k=`, `aud` = the endpoint's origin, `exp` within
 *   24 h, `sub` mailto:/https:) and decrypts the aes128gcm body (RFC 8188 + RFC 8291) with
 *   the subscription's own private key and auth secret, using node:crypto only.
 *
 * Each can answer normally, answer 500, reject (a documented error), or hang ("slow").
 */
import {
  createCipheriv,
  createDecipheriv,
  createECDH,
  createPublicKey,
  hkdfSync,
  randomBytes,
  verify,
} from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type FakeMode = "up" | "error" | "reject" | "slow";

export interface FakeVendor<T> {
  url: string;
  /** Every request, with why it was refused (null: the documented shape checked out). */
  received: { at: number; refused: string | null; body: T | null; headers: IncomingMessage["headers"] }[];
  accepted(): T[];
  mode: FakeMode;
  slowMs: number;
  /** Requests that arrived (answered or not yet). */
  arrived: number;
  close(): Promise<void>;
}

async function listen(
  handler: (req: IncomingMessage, res: ServerResponse, body: Buffer) => void,
  onArrive: () => void = () => {},
) {
  const server: Server = createServer((req, res) => {
    onArrive();
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => handler(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function make<T>(): Omit<FakeVendor<T>, "url" | "close"> {
  const received: FakeVendor<T>["received"] = [];
  return {
    received,
    accepted: () => received.filter((r) => r.refused === null).map((r) => r.body as T),
    mode: "up",
    slowMs: 5_000,
    arrived: 0,
  };
}

/** What the fake Zalo got. */
export interface ZnsRequest {
  phone: string;
  template_id: string;
  template_data: Record<string, string>;
  tracking_id: string;
}

/** A fake Zalo OA API that accepts `token` only. */
/** A token renewal as Zalo's OA token endpoint receives it (form fields). */
export interface ZaloTokenRequest {
  app_id: string;
  refresh_token: string;
  grant_type: string;
}

/**
 * Zalo's OA token endpoint (`POST /v4/oa/access_token`, "Lấy Access Token từ Refresh
 * Token"): header `secret_key`, form body `refresh_token`, `app_id`,
 * `grant_type=refresh_token`. Each refresh token works once; the answer is a new pair
 * `AT-n` / `RT-n` with `expires_in` "90000" (25 h, a string as Zalo sends it), or
 * `{ error: -14014, … }` for a spent or unknown refresh token.
 */
export async function startFakeZaloOAuth(o: {
  appId: string;
  secret: string;
  refreshToken: string;
}): Promise<FakeVendor<ZaloTokenRequest> & { issued: string[] }> {
  const v = make<ZaloTokenRequest>();
  const valid = new Set([o.refreshToken]);
  const issued: string[] = [];
  const srv = await listen(
    (req, res, raw) => {
      const at = Date.now();
      const refuse = (why: string, status: number, body: unknown) => {
        v.received.push({ at, refused: why, body: null, headers: req.headers });
        json(res, status, body);
      };
      if (req.method !== "POST" || req.url !== "/v4/oa/access_token")
        return refuse("wrong method or path", 404, { error: -14001, error_name: "Invalid request" });
      if (v.mode === "error") return refuse("500 mode", 500, { message: "Internal error" });
      if (!String(req.headers["content-type"]).startsWith("application/x-www-form-urlencoded"))
        return refuse("content-type", 200, { error: -14001, error_name: "Invalid request" });
      if (req.headers.secret_key !== o.secret)
        return refuse("secret_key", 200, { error: -14002, error_name: "Invalid app secret" });
      const f = new URLSearchParams(raw.toString("utf8"));
      const b = {
        app_id: f.get("app_id") ?? "",
        refresh_token: f.get("refresh_token") ?? "",
        grant_type: f.get("grant_type") ?? "",
      };
      if (b.app_id !== o.appId) return refuse("app_id", 200, { error: -14003, error_name: "Invalid app id" });
      if (b.grant_type !== "refresh_token")
        return refuse("grant_type", 200, { error: -14001, error_name: "Invalid grant type" });
      if (v.mode === "reject" || !valid.delete(b.refresh_token))
        return refuse("refresh_token", 200, { error: -14014, error_name: "Invalid refresh token" });
      v.received.push({ at, refused: null, body: b, headers: req.headers });
      const n = issued.length + 1;
      issued.push(`AT-${n}`);
      valid.add(`RT-${n}`);
      json(res, 200, { access_token: `AT-${n}`, refresh_token: `RT-${n}`, expires_in: "90000" });
    },
    () => v.arrived++,
  );
  return Object.assign(v, {
    url: `http://127.0.0.1:${srv.port}/v4/oa/access_token`,
    close: srv.close,
    issued,
  });
}

export async function startFakeZalo(token: string): Promise<FakeVendor<ZnsRequest>> {
  const v = make<ZnsRequest>();
  const srv = await listen(
    (req, res, raw) => {
      const at = Date.now();
      const refuse = (why: string, status: number, body: unknown) => {
        v.received.push({ at, refused: why, body: null, headers: req.headers });
        json(res, status, body);
      };
      if (req.method !== "POST" || req.url !== "/message/template")
        return refuse("wrong method or path", 404, { error: -106, message: "Method unsupported" });
      if (v.mode === "slow") {
        setTimeout(() => refuse("slow", 200, { error: -100, message: "late" }), v.slowMs);
        return;
      }
      if (v.mode === "error") return refuse("500 mode", 500, { message: "Internal error" });
      if (req.headers.access_token !== token)
        return refuse("access_token", 200, { error: -124, message: "Access token is invalid" });
      if (!String(req.headers["content-type"]).startsWith("application/json"))
        return refuse("content-type", 200, { error: -100, message: "content type" });
      let b: ZnsRequest;
      try {
        b = JSON.parse(raw.toString("utf8"));
      } catch {
        return refuse("json", 200, { error: -100, message: "body" });
      }
      if (typeof b.phone !== "string" || !/^84\d{9}$/.test(b.phone))
        return refuse("phone", 200, { error: -108, message: "Phone number invalid" });
      if (typeof b.template_id !== "string" || !b.template_id)
        return refuse("template_id", 200, { error: -109, message: "Template ID invalid" });
      if (
        !b.template_data ||
        typeof b.template_data !== "object" ||
        Object.values(b.template_data).some((x) => typeof x !== "string")
      )
        return refuse("template_data", 200, { error: -112, message: "Template data invalid" });
      if (typeof b.tracking_id !== "string" || b.tracking_id.length > 48)
        return refuse("tracking_id", 200, { error: -100, message: "tracking_id" });
      if (v.mode === "reject")
        return refuse("reject mode", 200, { error: -109, message: "Template ID invalid" });
      v.received.push({ at, refused: null, body: b, headers: req.headers });
      json(res, 200, {
        error: 0,
        message: "Success",
        data: {
          msg_id: randomBytes(8).toString("hex"),
          sent_time: String(at),
          quota: { dailyQuota: "500", remainingQuota: "499" },
        },
      });
    },
    () => v.arrived++,
  );
  return Object.assign(v, { url: `http://127.0.0.1:${srv.port}/message/template`, close: srv.close });
}

/** What the fake eSMS got. */
export interface EsmsRequest {
  ApiKey: string;
  SecretKey: string;
  Phone: string;
  Content: string;
  Brandname: string;
  SmsType: string;
  IsUnicode: string;
  Sandbox?: string;
  RequestId: string;
}

export const ESMS_PATH = "/MainService.svc/json/SendMultipleMessage_V4_post_json/";

/** A fake eSMS gateway for one account (`apiKey`, `secretKey`) and one brandname. */
export async function startFakeEsms(apiKey: string, secretKey: string, brandname: string) {
  const v = make<EsmsRequest>();
  const seen = new Set<string>();
  const srv = await listen(
    (req, res, raw) => {
      const at = Date.now();
      const refuse = (why: string, status: number, body: unknown) => {
        v.received.push({ at, refused: why, body: null, headers: req.headers });
        json(res, status, body);
      };
      if (req.method !== "POST" || req.url !== ESMS_PATH) return refuse("path", 404, {});
      if (v.mode === "slow") {
        setTimeout(() => refuse("slow", 200, { CodeResult: "99" }), v.slowMs);
        return;
      }
      if (v.mode === "error") return refuse("500 mode", 500, {});
      let b: EsmsRequest;
      try {
        b = JSON.parse(raw.toString("utf8"));
      } catch {
        return refuse("json", 200, { CodeResult: "118" });
      }
      if (b.ApiKey !== apiKey || b.SecretKey !== secretKey)
        return refuse("keys", 200, { CodeResult: "101", ErrorMessage: "Incorrect ApiKey or SecretKey." });
      if (b.Brandname !== brandname) return refuse("brandname", 200, { CodeResult: "104" });
      if (b.SmsType !== "2") return refuse("SmsType", 200, { CodeResult: "118" });
      if (!/^84\d{9}$/.test(b.Phone)) return refuse("phone", 200, { CodeResult: "108" });
      if (typeof b.Content !== "string" || !b.Content) return refuse("content", 200, { CodeResult: "146" });
      if (b.IsUnicode === "0" && /[^\x20-\x7e\n]/.test(b.Content))
        return refuse("non-ASCII content in a non-Unicode SMS", 200, { CodeResult: "146" });
      if (typeof b.RequestId !== "string" || !b.RequestId)
        return refuse("RequestId", 200, { CodeResult: "118" });
      if (v.mode === "reject")
        return refuse("reject mode", 200, { CodeResult: "146", ErrorMessage: "Wrong template" });
      if (seen.has(b.RequestId)) return refuse("duplicate RequestId", 200, { CodeResult: "124" });
      seen.add(b.RequestId);
      v.received.push({ at, refused: null, body: b, headers: req.headers });
      json(res, 200, { CodeResult: "100", CountRegenerate: 0, SMSID: randomBytes(16).toString("hex") });
    },
    () => v.arrived++,
  );
  return Object.assign(v, { url: `http://127.0.0.1:${srv.port}${ESMS_PATH}`, close: srv.close });
}

// ------------------------------------------------------------------ Web Push

const b64u = (b: Buffer) => b.toString("base64url");

/** A browser's side of a push subscription: its P-256 key pair and auth secret. */
export interface FakeBrowserKeys {
  ecdh: ReturnType<typeof createECDH>;
  auth: Buffer;
  subscription(endpoint: string): { endpoint: string; keys: { p256dh: string; auth: string } };
}

/** A fresh browser key pair and auth secret (what PushManager.subscribe makes). */
export function fakeBrowserKeys(): FakeBrowserKeys {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return {
    ecdh,
    auth,
    subscription: (endpoint) => ({ endpoint, keys: { p256dh: b64u(ecdh.getPublicKey()), auth: b64u(auth) } }),
  };
}

/** Verifies a VAPID `Authorization: vapid t=…, k=…` for `origin`; returns the claims or throws. */
export function verifyVapid(header: string | undefined, origin: string, nowSec = Date.now() / 1000) {
  const m = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(header ?? "");
  if (!m) throw new Error(`no vapid Authorization: ${header}`);
  const [h, p, s] = m[1]!.split(".") as [string, string, string];
  const head = JSON.parse(Buffer.from(h, "base64url").toString());
  if (head.alg !== "ES256" || head.typ !== "JWT") throw new Error(`JWT header ${JSON.stringify(head)}`);
  const pub = Buffer.from(m[2]!, "base64url");
  if (pub.length !== 65 || pub[0] !== 4) throw new Error("k is not an uncompressed P-256 point");
  const key = createPublicKey({
    key: { kty: "EC", crv: "P-256", x: b64u(pub.subarray(1, 33)), y: b64u(pub.subarray(33)) },
    format: "jwk",
  });
  const ok = verify(
    "sha256",
    Buffer.from(`${h}.${p}`),
    { key, dsaEncoding: "ieee-p1363" },
    Buffer.from(s, "base64url"),
  );
  if (!ok) throw new Error("JWT signature does not verify with k");
  const claims = JSON.parse(Buffer.from(p, "base64url").toString()) as {
    aud: string;
    exp: number;
    sub: string;
  };
  if (claims.aud !== origin) throw new Error(`aud ${claims.aud} ≠ ${origin}`);
  if (!(claims.exp > nowSec && claims.exp <= nowSec + 24 * 3600 + 60)) throw new Error(`exp ${claims.exp}`);
  if (!/^(mailto:|https:)/.test(claims.sub)) throw new Error(`sub ${claims.sub}`);
  return { claims, publicKey: m[2]! };
}

/** Decrypts an aes128gcm Web Push body (RFC 8291) with the browser's keys. */
export function decryptAes128gcm(body: Buffer, browser: FakeBrowserKeys): string {
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20]!;
  const asPublic = body.subarray(21, 21 + idlen);
  const records = body.subarray(21 + idlen);
  if (idlen !== 65) throw new Error(`keyid length ${idlen}`);
  if (records.length > rs) throw new Error("more than one record");
  const uaPublic = browser.ecdh.getPublicKey();
  const ecdhSecret = browser.ecdh.computeSecret(asPublic);
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), uaPublic, asPublic]);
  const ikm = Buffer.from(hkdfSync("sha256", ecdhSecret, browser.auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16));
  const nonce = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12));
  const d = createDecipheriv("aes-128-gcm", cek, nonce);
  d.setAuthTag(records.subarray(records.length - 16));
  const plain = Buffer.concat([d.update(records.subarray(0, records.length - 16)), d.final()]);
  // The last record ends with the delimiter 0x02, then zero padding.
  let end = plain.length - 1;
  while (end >= 0 && plain[end] === 0) end--;
  if (plain[end] !== 2) throw new Error("no last-record delimiter");
  return plain.subarray(0, end).toString("utf8");
}

/** What the push endpoint got, decrypted. */
export interface PushDelivery {
  payload: Record<string, unknown>;
  ttl: string | undefined;
  urgency: string | undefined;
  vapidKey: string;
}

/**
 * A local push service: `POST /push/{id}` for subscriptions it made with `subscribe()`;
 * verifies VAPID and decrypts with that subscription's browser keys. 201 when it checks
 * out; `gone` ids answer 410 (the browser unsubscribed).
 */
export async function startPushEndpoint() {
  const v = make<PushDelivery>();
  const browsers = new Map<string, FakeBrowserKeys>();
  const gone = new Set<string>();
  let origin = "";
  const srv = await listen(
    (req, res, raw) => {
      const at = Date.now();
      const refuse = (why: string, status: number) => {
        v.received.push({ at, refused: why, body: null, headers: req.headers });
        res.writeHead(status).end();
      };
      const id = /^\/push\/([\w-]+)$/.exec(req.url ?? "")?.[1];
      const browser = id ? browsers.get(id) : undefined;
      if (req.method !== "POST" || !browser) return refuse("unknown subscription", 404);
      if (gone.has(id!)) return refuse("gone", 410);
      if (v.mode === "slow") {
        setTimeout(() => refuse("slow", 503), v.slowMs);
        return;
      }
      if (v.mode === "error") return refuse("500 mode", 500);
      if (req.headers["content-encoding"] !== "aes128gcm") return refuse("content-encoding", 415);
      if (!/^\d+$/.test(String(req.headers.ttl ?? ""))) return refuse("TTL", 400);
      let vapidKey: string;
      let payload: Record<string, unknown>;
      try {
        vapidKey = verifyVapid(req.headers.authorization, origin).publicKey;
        payload = JSON.parse(decryptAes128gcm(raw, browser));
      } catch (e) {
        return refuse(String((e as Error).message), 403);
      }
      v.received.push({
        at,
        refused: null,
        body: { payload, ttl: req.headers.ttl as string, urgency: req.headers.urgency as string, vapidKey },
        headers: req.headers,
      });
      res.writeHead(201).end();
    },
    () => v.arrived++,
  );
  origin = `http://127.0.0.1:${srv.port}`;
  return Object.assign(v, {
    url: origin,
    close: srv.close,
    /** A new browser subscription at this push service. */
    subscribe(): {
      browser: FakeBrowserKeys;
      subscription: ReturnType<FakeBrowserKeys["subscription"]>;
      id: string;
    } {
      const id = randomBytes(9).toString("base64url");
      const browser = fakeBrowserKeys();
      browsers.set(id, browser);
      return { browser, subscription: browser.subscription(`${origin}/push/${id}`), id };
    },
    unsubscribe(id: string) {
      gone.add(id);
    },
  });
}

/** Not used by the server: proves decryptAes128gcm against a hand-built record (self-check). */
export function encryptForTest(plain: string, browser: FakeBrowserKeys): Buffer {
  const as = createECDH("prime256v1");
  as.generateKeys();
  const salt = randomBytes(16);
  const uaPublic = browser.ecdh.getPublicKey();
  const asPublic = as.getPublicKey();
  const ecdhSecret = as.computeSecret(uaPublic);
  const ikm = Buffer.from(
    hkdfSync(
      "sha256",
      ecdhSecret,
      browser.auth,
      Buffer.concat([Buffer.from("WebPush: info\0"), uaPublic, asPublic]),
      32,
    ),
  );
  const cek = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16));
  const nonce = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12));
  const c = createCipheriv("aes-128-gcm", cek, nonce);
  const ct = Buffer.concat([
    c.update(Buffer.concat([Buffer.from(plain), Buffer.from([2])])),
    c.final(),
    c.getAuthTag(),
  ]);
  const rs = Buffer.alloc(4);
  rs.writeUInt32BE(4096);
  return Buffer.concat([salt, rs, Buffer.from([65]), asPublic, ct]);
}
