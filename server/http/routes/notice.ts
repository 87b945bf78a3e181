/**
 * The display board's scrolling notice (`HallState.notice`): managers and admins set it
 * with `PUT /api/hall/notice {"notice": {"vi","en"} | null}`; the hall stores it and
 * republishes `hall/state`, so every board shows it within a second.
 */
import { Hono } from "hono";
import { NoticeBody } from "../../contract/http.ts";
import type { AuthEnv } from "../auth.ts";
import type { AppDeps } from "../deps.ts";
import { readJson } from "../validate.ts";

export function noticeRoutes(d: AppDeps) {
  const app = new Hono<AuthEnv>();
  app.put("/notice", d.auth.require("manager", "admin"), async (c) => {
    const body = await readJson(c, NoticeBody);
    const notice = body.notice && { vi: body.notice.vi.trim(), en: body.notice.en.trim() };
    d.hall.setNotice(notice && (notice.vi || notice.en) ? notice : null);
    return c.json({ notice: d.hall.notice() });
  });
  return app;
}
