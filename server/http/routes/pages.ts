/** The browser apps: HTML shells and bundles built to dist/ by scripts/build-apps.ts. */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, normalize } from "node:path";
import { Hono } from "hono";
import { PAGES } from "../../../scripts/pages.ts";
import { inlineStyles, pageCsp, pageHeaders } from "../headers.ts";

const ROUTES: Record<string, string> = {
  "/kiosk": "kiosk/kiosk.html",
  "/t/:code": "kiosk/phone.html",
  "/hen": "kiosk/booking.html",
  "/hen/poster": "kiosk/poster.html",
  "/hen/:code": "kiosk/booking.html",
  "/counter": "counter/counter.html",
  "/counter/rating": "counter/rating.html",
  "/manager": "counter/manager.html",
  "/admin": "counter/admin.html",
  "/display": "display/display.html",
};

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wav": "audio/wav",
  ".ogg": "audio/ogg",
  ".mp3": "audio/mpeg",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".woff2": "font/woff2",
};

/**
 * The inline styles of a built shell, read again only when the file changes (`npm run dev`);
 * what `pageCsp` hashes (the province server's dashboard page uses it too).
 */
const shells = new Map<string, { mtimeMs: number; styles: string[] }>();
export function shellStyles(path: string): string[] {
  const mtimeMs = statSync(path).mtimeMs;
  const hit = shells.get(path);
  if (hit?.mtimeMs === mtimeMs) return hit.styles;
  const styles = inlineStyles(readFileSync(path, "utf8"));
  shells.set(path, { mtimeMs, styles });
  return styles;
}

export function pageRoutes(distDir: string) {
  const app = new Hono();
  const file = (rel: string) => {
    const p = normalize(join(distDir, rel));
    if (!p.startsWith(normalize(distDir)) || !existsSync(p)) return null;
    return Bun.file(p);
  };
  // Installable pages (the phone status page, issue 14): the service worker at the root of
  // its scope and the manifest, before `/t/:code` would take them.
  for (const p of PAGES)
    if (p.installable) {
      const i = p.installable;
      app.get(i.workerUrl, (c) => {
        const f = file(join(p.app, `${p.page}-sw.js`));
        if (!f) return c.notFound();
        return new Response(f, {
          headers: {
            "content-type": TYPES[".js"]!,
            "cache-control": "no-cache",
            "content-security-policy": "default-src 'none'",
          },
        });
      });
      app.get(i.manifestUrl, (c) => {
        const f = file(join(p.app, `${p.page}.webmanifest`));
        if (!f) return c.notFound();
        return new Response(f, {
          headers: { "content-type": "application/manifest+json", "cache-control": "no-cache" },
        });
      });
    }
  for (const [route, rel] of Object.entries(ROUTES)) {
    app.get(route, (c) => {
      const f = file(rel);
      if (!f)
        return c.html(
          `<!doctype html><meta charset="utf-8"><p>Ứng dụng chưa được build. Chạy <code>npm run build</code>.<br>The app is not built: run <code>npm run build</code>.</p>`,
          503,
        );
      const page = rel.slice(rel.lastIndexOf("/") + 1, -".html".length);
      return new Response(f, {
        headers: {
          "content-type": TYPES[".html"]!,
          "cache-control": "no-cache",
          "content-security-policy": pageCsp(page, shellStyles(f.name!)),
          ...pageHeaders(page),
        },
      });
    });
  }
  app.get("/assets/:app/*", (c) => {
    const appName = c.req.param("app");
    if (!PAGES.some((p) => p.app === appName)) return c.notFound();
    const rest = c.req.path.slice(`/assets/${appName}/`.length);
    const f = file(join(appName, rest));
    if (!f) return c.notFound();
    const ext = rest.slice(rest.lastIndexOf("."));
    return new Response(f, {
      headers: { "content-type": TYPES[ext] ?? "application/octet-stream", "cache-control": "no-cache" },
    });
  });
  app.get("/", (c) => c.redirect("/display"));
  return app;
}
