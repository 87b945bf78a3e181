/**
 * Security headers on every response (issue 11; docs/decisions/0024-http-edge.md).
 *
 * Every answer: `nosniff`, `Referrer-Policy: no-referrer` (the phone page's URL carries
 * the ticket code), `Cross-Origin-Opener-Policy` and `-Resource-Policy: same-origin`
 * (no other site opens our pages as popups it can script, or reads our answers as
 * `no-cors` subresources), and a Content-Security-Policy: the pages get their app's
 * policy (`pageCsp`), everything else — JSON, event streams, report files, bundles,
 * errors — `default-src 'none'` and `sandbox`, so an answer opened as a document can
 * run nothing and be framed by nobody.
 */
import { createHash } from "node:crypto";
import type { MiddlewareHandler } from "hono";

/** Headers every response carries. */
export const BASE_HEADERS: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
};

/** The policy of anything that is not a page. */
export const API_CSP =
  "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox";

/** The pages (scripts/pages.ts `page`) and what each needs beyond its own bundle and the API. */
const PAGE_NEEDS: Record<
  string,
  { media?: boolean; framedBySelf?: boolean; devices?: boolean; blobWorker?: boolean; installable?: boolean }
> = {
  kiosk: { devices: true }, // an ID-card or QR reader may need the camera or USB (CCCD)
  // An installable web app with a service worker for Web Push (issue 14).
  phone: { installable: true },
  booking: {},
  poster: {},
  counter: {},
  rating: {},
  manager: {},
  admin: {},
  province: {}, // the province server's dashboard (province/http/app.ts)
  // The hall board plays voice clips and may be previewed in a frame of the hall's own pages;
  // mqtt.js runs its keep-alive timer in a worker made from a blob: URL (worker-timers), and
  // hands `new Worker()` a plain string, which Trusted Types would refuse.
  display: { media: true, framedBySelf: true, blobWorker: true },
};

/**
 * The Content-Security-Policy of page `page`, allowing its inline `<style>` blocks by hash.
 * Scripts: the app's bundle only (`'self'`, no inline, no eval), DOM writes only through
 * Lit's Trusted Types policy (not on the display: see PAGE_NEEDS); styles: the bundle's (Lit's constructed style sheets) and
 * the shell's by hash, plus `style` attributes (Lit binds a few: bar widths, colours);
 * connections: the API, its event streams and MQTT over WebSocket at `/mqtt` (`'self'`
 * covers `ws:`/`wss:` of the same host and port).
 */
export function pageCsp(page: string, inlineStyles: readonly string[] = []): string {
  const need = PAGE_NEEDS[page] ?? {};
  const hashes = inlineStyles.map((s) => `'sha256-${createHash("sha256").update(s).digest("base64")}'`);
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' ${hashes.join(" ")}`.trim(),
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    need.media ? "media-src 'self' blob:" : null,
    need.blobWorker ? "worker-src blob:" : null,
    need.installable ? "worker-src 'self'" : null,
    need.installable ? "manifest-src 'self'" : null,
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${need.framedBySelf ? "'self'" : "'none'"}`,
    need.blobWorker ? null : "require-trusted-types-for 'script'",
    // The installable page registers its service worker through its own Trusted Types policy.
    need.blobWorker ? null : `trusted-types lit-html${need.installable ? " qms-sw" : ""}`,
  ]
    .filter(Boolean)
    .join("; ");
}

/** The other per-page headers: framing (for old browsers) and powerful features off. */
export function pageHeaders(page: string): Record<string, string> {
  const need = PAGE_NEEDS[page] ?? {};
  const off = [
    "microphone",
    "geolocation",
    "payment",
    ...(need.devices ? [] : ["camera", "usb", "serial", "hid"]),
  ];
  return {
    "x-frame-options": need.framedBySelf ? "SAMEORIGIN" : "DENY",
    "permissions-policy": off.map((f) => `${f}=()`).join(", "),
  };
}

/** The text of each inline `<style>` block of an HTML shell (what pageCsp hashes). */
export function inlineStyles(html: string): string[] {
  return [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
}

/**
 * Middleware for every path: adds BASE_HEADERS and, when the route set none, the
 * non-page policy and `x-frame-options: DENY` (the page routes set their own).
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    for (const [k, v] of Object.entries(BASE_HEADERS)) if (!h.has(k)) h.set(k, v);
    if (!h.has("content-security-policy")) h.set("content-security-policy", API_CSP);
    if (!h.has("x-frame-options")) h.set("x-frame-options", "DENY");
    if (c.req.path.startsWith("/api/") && !h.has("cache-control")) h.set("cache-control", "no-store");
  };
}
