/**
 * The browser pages the server serves, and where each is built from.
 * One list, read by the build (scripts/build-apps.ts) and by the server's static routes.
 */
export interface PageDef {
  /** App folder: kiosk, counter, display, or the province dashboard (served by the province server). */
  app: "kiosk" | "counter" | "display" | "province";
  /** Bundle name: the entry is bundled to `dist/<app>/<page>.js` and served as `/assets/<app>/<page>.js`. */
  page: string;
  /** Entry module under `<app>/src/`: the file of the root element (a file is named after the tag it defines). */
  entry: string;
  /** Root custom element the entry defines. */
  tag: string;
  title: string;
  /** Theme colour of the page background while it loads. */
  background: string;
  /**
   * An installable web app (issue 14: the phone page, for Web Push): its service worker's
   * entry under `<app>/src/` (bundled to `<page>-sw.js`), the URL it is served at, and the
   * manifest's URL; the shell links the manifest (scope: the worker's folder).
   */
  installable?: { worker: string; workerUrl: string; manifestUrl: string; shortName: string; theme: string };
}

export const PAGES: PageDef[] = [
  {
    app: "kiosk",
    page: "kiosk",
    entry: "kiosk.ts",
    tag: "kiosk-app",
    title: "Lấy số thứ tự",
    background: "#0b3d6e",
  },
  {
    app: "kiosk",
    page: "phone",
    entry: "phone.ts",
    tag: "kiosk-phone-app",
    title: "Theo dõi số thứ tự",
    background: "#f4f6f9",
    installable: {
      worker: "phone-sw.ts",
      workerUrl: "/t/sw.js",
      manifestUrl: "/t/manifest.webmanifest",
      shortName: "Số thứ tự",
      theme: "#0b3d6e",
    },
  },
  {
    app: "kiosk",
    page: "booking",
    entry: "booking.ts",
    tag: "kiosk-booking-app",
    title: "Đặt lịch hẹn",
    background: "#f4f6f9",
  },
  {
    app: "kiosk",
    page: "poster",
    entry: "poster.ts",
    tag: "kiosk-booking-poster",
    title: "Đặt lịch hẹn – Áp phích",
    background: "#ffffff",
  },
  {
    app: "counter",
    page: "counter",
    entry: "console/counter-app.ts",
    tag: "counter-app",
    title: "Quầy – Cán bộ",
    background: "#f4f6f9",
  },
  {
    app: "counter",
    page: "rating",
    entry: "rating/rating-app.ts",
    tag: "rating-app",
    title: "Đánh giá",
    background: "#ffffff",
  },
  {
    app: "counter",
    page: "manager",
    entry: "manager/manager-app.ts",
    tag: "manager-app",
    title: "Quản lý",
    background: "#f4f6f9",
  },
  {
    app: "counter",
    page: "admin",
    entry: "admin/admin-app.ts",
    tag: "admin-app",
    title: "Quản trị",
    background: "#f4f6f9",
  },
  {
    app: "display",
    page: "display",
    entry: "display.ts",
    tag: "display-app",
    title: "Bảng hiển thị",
    background: "#061a33",
  },
  {
    app: "province",
    page: "province",
    entry: "province-app.ts",
    tag: "province-app",
    title: "Cấp tỉnh – Giám sát",
    background: "#f4f6f9",
  },
];

/** The HTML shell of a page. */
export function pageHtml(p: PageDef, assetBase: string): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${p.title}</title>${
    p.installable
      ? `\n<link rel="manifest" href="${p.installable.manifestUrl}">\n<meta name="theme-color" content="${p.installable.theme}">\n<link rel="icon" href="${assetBase}/${p.page}-icon.svg">`
      : ""
  }
<style>html,body{margin:0;height:100%;background:${p.background};font-family:"Noto Sans","DejaVu Sans","Segoe UI",Roboto,Arial,sans-serif}</style>
<script type="module" src="${assetBase}/${p.page}.js"></script>
</head>
<body><${p.tag}></${p.tag}></body>
</html>
`;
}

/**
 * The web app manifest of an installable page: no `start_url`, so an installed status page
 * opens the ticket it was installed from (the manifest's default is the document's URL);
 * scope = the service worker's folder.
 */
export function pageManifest(p: PageDef, assetBase: string): string {
  const i = p.installable!;
  return JSON.stringify(
    {
      name: p.title,
      short_name: i.shortName,
      lang: "vi",
      dir: "ltr",
      scope: i.workerUrl.slice(0, i.workerUrl.lastIndexOf("/") + 1),
      display: "standalone",
      background_color: p.background,
      theme_color: i.theme,
      icons: [
        { src: `${assetBase}/${p.page}-icon.svg`, sizes: "any", type: "image/svg+xml", purpose: "any" },
      ],
    },
    null,
    2,
  );
}

/** The icon of an installable page: a ticket with a bell (SVG). */
export const PAGE_ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><rect width="512" height="512" rx="96" fill="#0b3d6e"/><rect x="96" y="120" width="320" height="272" rx="28" fill="#fff"/><text x="256" y="290" font-family="DejaVu Sans,Arial,sans-serif" font-size="150" font-weight="700" text-anchor="middle" fill="#0b3d6e">A1</text><circle cx="392" cy="128" r="64" fill="#f2a900"/><path d="M372 146h40l-8-12v-18a16 16 0 0 0-32 0v18z" fill="#fff"/></svg>
`;
