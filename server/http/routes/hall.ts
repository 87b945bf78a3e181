/**
 * The hall's public snapshot and event stream, and the display board's scrolling notice
 * (`HallState.notice`): managers and admins set it with `PUT /api/hall/notice`, which saves
 * it as a settings version (the `notice` setting); `hall/state` is republished, so every
 * board shows it within a second.
 */
import { events, hall, setNotice } from "../../contract/api/hall.ts";
import type { AppDeps } from "../deps.ts";
import { langOf } from "../errors.ts";
import { routes } from "../routing.ts";
import { lastEventId } from "./live.ts";

export function hallRoutes(d: AppDeps) {
  const r = routes(d.auth);

  r.on(hall, (c) => c.json(d.views.hallSnapshot(), 200));

  r.on(events, (c) => {
    d.keepAlive(c.req.raw);
    return d.live.openEvents(c.req.raw, d.clientIp(c.req.raw), lastEventId(c.req.raw));
  });

  r.on(setNotice, (c) => {
    const body = c.req.valid("json");
    const notice = body.notice && { vi: body.notice.vi.trim(), en: body.notice.en.trim() };
    const u = c.get("user");
    // A settings change like any other: a new version, an event row, every board follows.
    d.settings.patch(
      (cfg) => ({
        ...cfg,
        notice:
          notice && (notice.vi || notice.en)
            ? { vi: notice.vi || notice.en, en: notice.en || notice.vi }
            : null,
      }),
      { id: u.id, role: u.role },
      langOf(c),
    );
    return c.json({ notice: d.hall.notice() }, 200);
  });

  return r.app;
}
