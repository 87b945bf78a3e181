/** Staff accounts: login/logout, who am I, and user management (admin). */
import { z } from "zod";
import { HeldCounter } from "./counters.ts";
import { ADMINS, errors, ok, route, STAFF, who } from "./define.ts";
import { CreateUserBody, LoginBody, UpdateUserBody, UserIdPath } from "./requests.ts";
import { IsoTime, UserInfo } from "./wire.ts";

const UserBody = z.object({ user: UserInfo });

export const login = route({
  method: "post",
  path: "/api/auth/login",
  tags: ["staff"],
  summary: "Staff login: a bearer token, and the same session as an HttpOnly cookie",
  request: { body: { required: true, content: { "application/json": { schema: LoginBody } } } },
  responses: {
    200: ok(
      z.object({
        token: z.string().meta({ description: "Send as `Authorization: Bearer <token>`" }),
        user: UserInfo,
        expiresAt: IsoTime.meta({ description: "Sliding: each request moves it on" }),
      }),
      "Logged in",
    ),
    ...errors("invalid-credentials", "account-disabled", "too-many-requests"),
  },
});

export const logout = route({
  method: "post",
  path: "/api/auth/logout",
  tags: ["staff"],
  summary: "End the session",
  ...who(STAFF, "officer, manager or admin"),
  responses: { 200: ok(z.object({ ok: z.literal(true) }), "The session is closed") },
});

export const me = route({
  method: "get",
  path: "/api/auth/me",
  tags: ["staff"],
  summary: "The logged-in user and the counter they hold",
  ...who(STAFF, "officer, manager or admin"),
  responses: {
    200: ok(
      z.object({ user: UserInfo, counter: HeldCounter.nullable() }),
      "`counter` is null when the user holds none",
    ),
  },
});

export const users = route({
  method: "get",
  path: "/api/users",
  tags: ["admin"],
  summary: "List staff",
  ...who(ADMINS, "admin"),
  responses: { 200: ok(z.object({ users: z.array(UserInfo) }), "Every account, disabled ones too") },
});

export const createUser = route({
  method: "post",
  path: "/api/users",
  tags: ["admin"],
  summary: "Create a staff account",
  ...who(ADMINS, "admin", "Recorded in the audit trail (who, when; never the password)."),
  request: { body: { required: true, content: { "application/json": { schema: CreateUserBody } } } },
  responses: { 201: ok(UserBody, "The new account"), ...errors("username-taken") },
});

export const updateUser = route({
  method: "patch",
  path: "/api/users/{id}",
  tags: ["admin"],
  summary: "Rename, change role, disable or reset password",
  ...who(ADMINS, "admin", "An admin cannot disable or demote themself."),
  request: {
    params: UserIdPath,
    body: { required: true, content: { "application/json": { schema: UpdateUserBody } } },
  },
  responses: { 200: ok(UserBody, "The account as changed"), ...errors("user-not-found", "forbidden") },
});

/** Outcomes of a login attempt in the login log (docs/decisions/0022-login-throttling.md). */
export const LOGIN_OUTCOMES = [
  "success",
  "invalid-credentials",
  "account-disabled",
  "throttled-account",
  "throttled-address",
] as const;

export const LoginAttempt = z
  .object({
    id: z.number().int(),
    at: IsoTime,
    username: z.string(),
    userId: z.number().int().nullable(),
    address: z.string().meta({ description: "The client address" }),
    outcome: z.enum(LOGIN_OUTCOMES),
    trusted: z.enum(["device", "address"]).nullable().meta({
      description:
        "How the attempt was known: a browser (`device`) or an `address` the account logged in from before; the account's backoff does not slow those",
    }),
  })
  .meta({ id: "LoginAttempt" });

export const AuthLogQuery = z.object({
  limit: z
    .string()
    .regex(/^([1-9][0-9]?|[1-4][0-9]{2}|500)$/)
    .transform(Number)
    .optional()
    .meta({ description: "1–500, default 100" }),
  before: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/)
    .transform(Number)
    .optional()
    .meta({ description: "An id: the page older than it" }),
  username: z.string().max(64).optional(),
  outcome: z.enum(LOGIN_OUTCOMES).optional(),
});

export const authLog = route({
  method: "get",
  path: "/api/auth/log",
  tags: ["staff"],
  summary: "Login attempts, newest first: successes, wrong passwords, disabled accounts, throttled attempts",
  ...who(
    ADMINS,
    "admin",
    "A throttled attempt is logged at most once a minute per address or name. Kept 90 days (docs/decisions/0022-login-throttling.md).",
  ),
  request: { query: AuthLogQuery },
  responses: {
    200: ok(z.object({ attempts: z.array(LoginAttempt) }), "One page of the log"),
    ...errors("invalid-request"),
  },
});

export const staffRoutes = { login, logout, me, users, createUser, updateUser, authLog };
