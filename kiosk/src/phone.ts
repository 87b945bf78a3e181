/** Entry of `/t/{code}` (bundled to dist/kiosk/phone.js): defines `<kiosk-phone-app>`. */
import "./kiosk-phone-app.ts";
