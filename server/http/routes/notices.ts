/**
 * Extension: notices before a visitor's turn (server/contract/api/notices.ts, decision
 * 0115). Keyed by the ticket's code like the phone page's stream; the work is in
 * server/notices/service.ts.
 */
import { noticeState, notify, stopNotify, vapidPublicKey } from "../../contract/api/notices.ts";
import type { AppDeps } from "../deps.ts";
import { ApiError } from "../errors.ts";
import { routes } from "../routing.ts";

export function noticeRoutes(d: AppDeps) {
  const r = routes(d.auth);
  const notices = () => {
    if (!d.notices) throw new ApiError("notice-channel-unavailable");
    return d.notices;
  };
  const state = (subscriptions: ReturnType<NonNullable<AppDeps["notices"]>["list"]>["subscriptions"]) => {
    const n = notices();
    const cfg = d.hall.config.notices;
    const channels = n.available();
    return {
      channels,
      aheadChoices: cfg.aheadChoices,
      minutesChoices: cfg.minutesChoices,
      onCall: cfg.onCall,
      onFinish: cfg.onFinish,
      vapidPublicKey: channels.includes("push") ? n.vapidPublicKey() : null,
      subscriptions,
    };
  };

  r.on(noticeState, (c) => {
    const { code } = c.req.valid("param");
    if (!d.notices) {
      d.hall.ticketByCode(code);
      const cfg = d.hall.config.notices;
      return c.json(
        {
          channels: [],
          aheadChoices: cfg.aheadChoices,
          minutesChoices: cfg.minutesChoices,
          onCall: cfg.onCall,
          onFinish: cfg.onFinish,
          vapidPublicKey: null,
          subscriptions: [],
        },
        200,
      );
    }
    return c.json(state(d.notices.list(code).subscriptions), 200);
  });

  r.on(notify, (c) => {
    const { code } = c.req.valid("param");
    const body = c.req.valid("json");
    const subscription = notices().subscribe(code, body);
    return c.json({ subscription }, 201);
  });

  r.on(stopNotify, (c) => {
    const { code } = c.req.valid("param");
    const { channel } = c.req.valid("query");
    if (!d.notices) {
      d.hall.ticketByCode(code);
      return c.json({ removed: 0 }, 200);
    }
    return c.json({ removed: d.notices.unsubscribe(code, channel) }, 200);
  });

  r.on(vapidPublicKey, (c) => {
    const key = d.notices?.available().includes("push") ? d.notices.vapidPublicKey() : null;
    if (!key) throw new ApiError("notice-channel-unavailable");
    return c.json({ publicKey: key }, 200);
  });

  return r.app;
}
