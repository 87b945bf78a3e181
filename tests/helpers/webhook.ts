/**
 * A local webhook receiver that checks what decision 0043 documents, written from the
 * Standard Webhooks text rather than from server/webhooks/sign.ts: the three headers, a
 * timestamp within 5 minutes, `v1,` + base64 HMAC-SHA256 over `id.timestamp.body` with the
 * base64-decoded part of `whsec_…`. It can be down (connection refused), slow, or answer
 * 500; and a hall config file with the webhook set.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const DEMO = fileURLToPath(new URL("../../server/config/demo-hall.yaml", import.meta.url));

/** A fresh `whsec_` secret (32 random bytes). */
export function newSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/** The demo hall's YAML with the webhook (and any extra top-level YAML) set; returns the file path. */
export function hallConfigWithWebhook(
  url: string,
  secret: string,
  opts: { waitForRating?: boolean; timeoutSec?: number; extra?: string } = {},
): string {
  const yaml = readFileSync(DEMO, "utf8").replace(
    /^webhook: .*$/m,
    `webhook: { url: "${url}", secret: "${secret}", waitForRating: ${opts.waitForRating ?? true}, timeoutSec: ${opts.timeoutSec ?? 10} }`,
  );
  const path = join(mkdtempSync(join(tmpdir(), "qms-webhook-")), "hall.yaml");
  writeFileSync(path, yaml + (opts.extra ?? ""));
  return path;
}

export interface Received {
  id: string;
  timestamp: number;
  body: string;
  /** Why the receiver refused it, or null when the signature checked out. */
  refused: string | null;
  at: number;
}

export interface Receiver {
  url: string;
  port: number;
  received: Received[];
  /** Verified deliveries, parsed. */
  accepted(): { id: string; body: { type: string; data: { visit: Record<string, unknown> } } }[];
  /** "up": 200; "error": 500; "slow": answers 200 after `slowMs`. */
  mode: "up" | "error" | "slow";
  slowMs: number;
  /** Stops listening (connections are refused) until `up()`. */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

/** Checks one request exactly as a receiver following the documentation would. */
export function check(
  secret: string,
  h: Record<string, string | string[] | undefined>,
  body: string,
): string | null {
  const id = h["webhook-id"];
  const ts = h["webhook-timestamp"];
  const sig = h["webhook-signature"];
  if (typeof id !== "string" || typeof ts !== "string" || typeof sig !== "string") return "missing-headers";
  if (Math.abs(Date.now() / 1000 - Number(ts)) > 300) return "stale-timestamp";
  const key = Buffer.from(secret.slice("whsec_".length), "base64");
  const want = createHmac("sha256", key).update(`${id}.${ts}.${body}`).digest();
  const ok = sig
    .split(" ")
    .filter((s) => s.startsWith("v1,"))
    .some((s) => {
      const got = Buffer.from(s.slice(3), "base64");
      return got.length === want.length && timingSafeEqual(got, want);
    });
  return ok ? null : "bad-signature";
}

/** Starts a receiver on a free port of 127.0.0.1 (or `port`). */
export async function startReceiver(secret: string, port = 0): Promise<Receiver> {
  let server: Server | null = null;
  const received: Received[] = [];
  const r: Receiver = {
    url: "",
    port,
    received,
    mode: "up",
    slowMs: 0,
    accepted: () =>
      received.filter((x) => x.refused === null).map((x) => ({ id: x.id, body: JSON.parse(x.body) })),
    down: () =>
      new Promise<void>((res) => (server ? server.close(() => res()) : res())).then(() => {
        server?.closeAllConnections();
        server = null;
      }),
    up: () => listen(),
    close: () => r.down(),
  };
  const listen = () =>
    new Promise<void>((res) => {
      server = createServer((req, resp) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => {
          const body = Buffer.concat(chunks).toString("utf8");
          const refused = check(secret, req.headers, body);
          received.push({
            id: String(req.headers["webhook-id"]),
            timestamp: Number(req.headers["webhook-timestamp"]),
            body,
            refused,
            at: Date.now(),
          });
          const answer = () => {
            resp.statusCode = refused ? 401 : r.mode === "error" ? 500 : 200;
            resp.end(refused ?? "ok");
          };
          if (r.mode === "slow") setTimeout(answer, r.slowMs);
          else answer();
        });
      });
      server.listen(r.port, "127.0.0.1", () => {
        r.port = (server!.address() as AddressInfo).port;
        r.url = `http://127.0.0.1:${r.port}/hooks/qms`;
        res();
      });
    });
  await listen();
  return r;
}
