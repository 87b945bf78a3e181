/**
 * Device tokens over HTTP (docs/decisions/0023-kiosk-device-tokens.md): kiosks and the
 * counters' rating tablets are devices with credentials, like the MQTT devices. Their
 * token is their entry of `<dataDir>/device-credentials.json` (a kiosk's under its kiosk
 * id, a rating tablet's under `rating-{n}`, the same as the counter's rating pad), sent
 * in the `X-Device-Token` header. The page gets it once from the URL fragment
 * `#pair=<token>` (kiosk/README.md) and keeps it in localStorage.
 *
 * - printing for a kiosk (`POST /api/tickets` with `kioskId`) needs that kiosk's token:
 *   without it the ticket is issued but not printed (`printRefused`), unless the hall
 *   config says `security.kioskPrintToken: optional` (the demo hall, decision 0025);
 * - a reprint needs the token of a kiosk whose printer printed the job;
 * - `POST /api/counters/{n}/rating` needs counter n's rating token.
 */
import type { Context, MiddlewareHandler } from "hono";
import { CounterNumber } from "../contract/api/requests.ts";
import type { HallConfig } from "../contract/config.ts";
import { type Credentials, checkLogin } from "../mqtt/credentials.ts";
import { ApiError } from "./errors.ts";

export const DEVICE_TOKEN_HEADER = "x-device-token";

export class DeviceAuth {
  constructor(
    private readonly creds: Credentials,
    private readonly config: () => HallConfig,
  ) {}

  /** Does the request carry device `id`'s token? */
  holds(c: Context, id: string): boolean {
    const token = c.req.header(DEVICE_TOKEN_HEADER);
    return token !== undefined && checkLogin(this.creds, id, token);
  }

  /**
   * May this request print a newly issued ticket for `kioskId`? Its token, unless the hall
   * config makes it optional (`security.kioskPrintToken`, decision 0025).
   */
  mayPrintFor(c: Context, kioskId: string): boolean {
    return this.config().security.kioskPrintToken === "optional" || this.holds(c, kioskId);
  }

  /** May this request reprint a job of `printer` (holds a token of a kiosk using it)? */
  mayReprintOn(c: Context, printer: string): boolean {
    return this.config().kiosks.some((k) => k.printer === printer && this.holds(c, k.id));
  }

  /** Middleware: the request comes from counter n's rating tablet (`rating-{n}`'s token). */
  ratingDevice(): MiddlewareHandler {
    return async (c, next) => {
      // Runs before the route's validation: the path's counter is parsed here the same way.
      const parsed = CounterNumber.safeParse(c.req.param("n") ?? "");
      const n = parsed.success ? parsed.data : null;
      if (!this.config().counters.some((x) => x.number === n)) throw new ApiError("counter-not-found");
      if (!this.holds(c, `rating-${n}`)) throw new ApiError("device-not-paired");
      await next();
    };
  }
}
