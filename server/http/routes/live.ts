/**
 * The live streams (declared in server/contract/api/live.ts; what each carries and when:
 * server/http/sse/feeds.ts). Every stream is kept open past the server's idle timeout
 * (`keepAlive`) and counted against its address's cap (429 `too-many-streams`).
 */
import {
  liveKiosk,
  livePublic,
  liveStaff,
  liveTicket,
  MANAGER_VIEWS,
  type StaffView,
} from "../../contract/api/live.ts";
import type { AppDeps } from "../deps.ts";
import { ApiError } from "../errors.ts";
import { routes } from "../routing.ts";

/** The views a staff stream gets when it names none. */
const DEFAULT_VIEWS: readonly StaffView[] = ["hall", "counters", "mine", "events"];

/** The `Last-Event-ID` a reconnecting client sends, if it is a valid id. */
export function lastEventId(req: Request): number | null {
  const raw = req.headers.get("last-event-id");
  return raw && /^[0-9]{1,15}$/.test(raw) ? Number(raw) : null;
}

export function liveRoutes(d: AppDeps) {
  const r = routes(d.auth);

  r.on(livePublic, (c) => {
    d.keepAlive(c.req.raw);
    return d.live.openPublic(c.req.raw, d.clientIp(c.req.raw));
  });

  r.on(liveStaff, (c) => {
    const user = c.get("user");
    const manager = user.role === "manager" || user.role === "admin";
    const asked = c.req.valid("query").views;
    const views = asked
      ? ([...new Set(asked.split(","))] as StaffView[])
      : [...DEFAULT_VIEWS, ...(manager ? MANAGER_VIEWS : [])];
    if (!manager && views.some((v) => MANAGER_VIEWS.includes(v)))
      throw new ApiError("forbidden", { views: MANAGER_VIEWS });
    const tokenHash = c.get("tokenHash");
    d.keepAlive(c.req.raw);
    return d.live.openStaff(c.req.raw, {
      address: d.clientIp(c.req.raw),
      user: { id: user.id, username: user.username, name: user.name, role: user.role },
      views,
      lastSeen: lastEventId(c.req.raw),
      check: () => d.auth.sessionEnded(tokenHash),
    });
  });

  r.on(liveTicket, (c) => {
    const { rec } = d.hall.ticketByCode(c.req.valid("param").code);
    d.keepAlive(c.req.raw);
    return d.live.openTicket(c.req.raw, d.clientIp(c.req.raw), rec.id);
  });

  r.on(liveKiosk, (c) => {
    const { kioskId } = c.req.valid("param");
    const kiosk = d.hall.config.kiosks.find((k) => k.id === kioskId);
    if (!kiosk) throw new ApiError("kiosk-not-found");
    if (!d.devicesAuth.holds(c, kiosk.id)) throw new ApiError("device-not-paired");
    d.keepAlive(c.req.raw);
    return d.live.openKiosk(c.req.raw, d.clientIp(c.req.raw), kiosk.printer ?? null);
  });

  return r.app;
}
