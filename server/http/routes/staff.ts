/** Staff accounts: login/logout, who am I, and user management (admin). */
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createUser, login, logout, me, updateUser, users } from "../../contract/api/staff.ts";
import type { UserInfo } from "../../contract/domain.ts";
import type { UserRecord } from "../../store/users.ts";
import { Auth, DEVICE_COOKIE, SESSION_COOKIE, SESSION_COOKIE_PATH } from "../auth.ts";
import type { AppDeps } from "../deps.ts";
import { ApiError } from "../errors.ts";
import { routes } from "../routing.ts";
import { requestOrigin } from "../write-guard.ts";

export const userInfo = (u: UserRecord): UserInfo => ({
  id: u.id,
  username: u.username,
  name: u.name,
  role: u.role,
  disabled: u.disabled,
});

export function staffRoutes(d: AppDeps) {
  const r = routes(d.auth);

  r.on(login, async (c) => {
    const body = c.req.valid("json");
    const { token, user, expiresAt, deviceToken } = await d.auth.login(
      body.username,
      body.password,
      d.clientIp(c.req.raw),
      getCookie(c, DEVICE_COOKIE),
    );
    // The session cookie (CONTRACT.md: staff endpoints take it) goes only to the API: the
    // pages are static shells and the apps send the bearer token (decision 0024).
    const secure = requestOrigin(c)?.startsWith("https:") ?? false;
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: "Strict",
      secure,
      path: SESSION_COOKIE_PATH,
      maxAge: Math.floor(d.auth.maxAgeMs / 1000),
    });
    // This browser has logged in: the account's backoff will not slow it (auth.ts).
    setCookie(c, DEVICE_COOKIE, deviceToken, {
      httpOnly: true,
      sameSite: "Strict",
      secure,
      path: "/api/auth",
      maxAge: 400 * 86_400,
    });
    return c.json({ token, user: userInfo(user), expiresAt: new Date(expiresAt).toISOString() }, 200);
  });

  r.on(logout, (c) => {
    d.auth.logout(c.get("tokenHash"));
    deleteCookie(c, SESSION_COOKIE, { path: SESSION_COOKIE_PATH });
    deleteCookie(c, SESSION_COOKIE, { path: "/" }); // set by versions before decision 0024
    return c.json({ ok: true as const }, 200);
  });

  r.on(me, (c) => {
    const u = c.get("user");
    const n = d.hall.counterOf(u.id);
    return c.json({ user: userInfo(u), counter: n === null ? null : d.views.held(n) }, 200);
  });

  r.on(users, (c) => c.json({ users: d.users.list().map(userInfo) }, 200));

  r.on(createUser, async (c) => {
    const body = c.req.valid("json");
    const user = d.users.create(
      { ...body, passwordHash: await Auth.hashPassword(body.password) },
      d.hall.now(),
    );
    if (!user) throw new ApiError("username-taken");
    d.hall.audit("user-created", c.get("user").id, {
      userId: user.id,
      username: user.username,
      role: user.role,
    });
    return c.json({ user: userInfo(user) }, 201);
  });

  r.on(updateUser, async (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    if (!d.users.byId(id)) throw new ApiError("user-not-found");
    if (id === c.get("user").id && (body.disabled || (body.role && body.role !== "admin")))
      throw new ApiError("forbidden", { reason: "cannot-demote-or-disable-self" });
    const user = d.users.update(id, {
      name: body.name,
      role: body.role,
      disabled: body.disabled,
      passwordHash: body.password ? await Auth.hashPassword(body.password) : undefined,
    })!;
    // A disabled officer's counter is freed at once (their keypad then acts for nobody).
    if (user.disabled) d.hall.releaseCounterOf(id, { id: c.get("user").id, role: c.get("user").role });
    const changes = { ...body, password: body.password ? "reset" : undefined };
    d.hall.audit("user-updated", c.get("user").id, { userId: id, username: user.username, changes });
    return c.json({ user: userInfo(user) }, 200);
  });

  return r.app;
}
