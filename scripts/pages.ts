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
<title>${p.title}</title>
<style>html,body{margin:0;height:100%;background:${p.background};font-family:"Noto Sans","DejaVu Sans","Segoe UI",Roboto,Arial,sans-serif}</style>
<script type="module" src="${assetBase}/${p.page}.js"></script>
</head>
<body><${p.tag}></${p.tag}></body>
</html>
`;
}
