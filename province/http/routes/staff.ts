/** Province staff: login, logout, who am I; accounts (admin). */
import { Hono } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import { LoginBody } from "../../../server/contract/api/requests.ts";
import { PROVINCE_ROLES } from "../../../server/contract/province.ts";
import { Auth } from "../../../server/http/auth.ts";
import { ApiError } from "../../../server/http/errors.ts";
import type { StaffRecord } from "../../store/staff.ts";
import { PROVINCE_COOKIE, type StaffEnv } from "../auth.ts";
import { readJson } from "../body.ts";
import type { ProvinceDeps } from "../deps.ts";

export const staffInfo = (u: StaffRecord) => ({
  id: u.id,
  username: u.username,
  name: u.name,
  role: u.role,
  disabled: u.disabled,
});

const CreateStaffBody = z.object({
  username: z
    .string()
    .min(2)
    .max(64)
    .regex(/^[a-z0-9._-]+$/, "lowercase letters, digits, . _ -"),
  password: z.string().min(8).max(256),
  name: z.string().min(1).max(128),
  role: z.enum(PROVINCE_ROLES),
});

export function authRoutes(d: ProvinceDeps) {
  const app = new Hono<StaffEnv>();
  app.post("/login", async (c) => {
    const body = await readJson(c, LoginBody);
    const { token, user, expiresAt } = await d.auth.login(
      body.username,
      body.password,
      d.clientIp(c.req.raw),
    );
    setCookie(c, PROVINCE_COOKIE, token, {
      httpOnly: true,
      sameSite: "Strict",
      path: "/",
      maxAge: Math.floor(d.auth.ttlMs / 1000),
    });
    return c.json({ token, user: staffInfo(user), expiresAt: new Date(expiresAt).toISOString() });
  });
  app.post("/logout", d.auth.require(), async (c) => {
    await d.store.staff.deleteSession(c.get("tokenHash"));
    deleteCookie(c, PROVINCE_COOKIE, { path: "/" });
    return c.json({ ok: true });
  });
  app.get("/me", d.auth.require(), (c) => c.json({ user: staffInfo(c.get("user")) }));
  return app;
}

export function userRoutes(d: ProvinceDeps) {
  const app = new Hono<StaffEnv>();
  app.use("*", d.auth.require("admin"));
  app.get("/", async (c) => c.json({ users: (await d.store.staff.list()).map(staffInfo) }));
  app.post("/", async (c) => {
    const b = await readJson(c, CreateStaffBody);
    const u = await d.store.staff.create(
      { username: b.username, passwordHash: await Auth.hashPassword(b.password), name: b.name, role: b.role },
      d.now(),
    );
    if (!u) throw new ApiError("username-taken");
    return c.json({ user: staffInfo(u) }, 201);
  });
  return app;
}
