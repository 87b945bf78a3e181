/** Entry of `/hen` and `/hen/{code}` (bundled to dist/kiosk/booking.js): defines `<kiosk-booking-app>`. */
import "./kiosk-booking-app.ts";
