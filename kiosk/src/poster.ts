/** Entry of `/hen/poster` (bundled to dist/kiosk/poster.js): defines `<kiosk-booking-poster>`. */
import "./kiosk-booking-poster.ts";
