/** Entry of `/kiosk?kiosk=<kioskId>` (bundled to dist/kiosk/kiosk.js): defines `<kiosk-app>`. */
import "./kiosk-app.ts";
