/**
 * The OpenAPI 3.1 document served at /api/openapi.json. Request bodies come from the
 * contract's zod schemas, so the document cannot drift from the validation.
 */
import { z } from "zod";
import { ERRORS } from "../contract/errors.ts";
import {
  CallSpecificBody,
  CreateUserBody,
  IssueTicketBody,
  LoginBody,
  NoticeBody,
  PauseBody,
  RatingBody,
  TransferBody,
  UpdateUserBody,
} from "../contract/http.ts";

type Op = {
  summary: string;
  tags: string[];
  body?: z.ZodType;
  auth?: string;
  /** Needs a device token (X-Device-Token): whose (docs/decisions/0023). */
  device?: string;
  responses: Record<string, string>;
  params?: string[];
  query?: string[];
};

const staff = "officer, manager or admin";
const OPS: Record<string, Record<string, Op>> = {
  "/api/health": {
    get: { summary: "Liveness and broker status", tags: ["public"], responses: { 200: "ok" } },
  },
  "/api/services": {
    get: {
      summary: "Fields offered at the kiosk",
      tags: ["public"],
      responses: { 200: "{services:[{id,prefix,name,open}]}" },
    },
  },
  "/api/tickets": {
    post: {
      summary: "Issue a ticket (idempotent per kioskId + requestId)",
      tags: ["public"],
      body: IssueTicketBody,
      responses: {
        201: '{ticket, print?, printRefused?} (print: the PrintJob when kioskId has a printer and the request carries that kiosk\'s X-Device-Token; without the token the ticket is issued, nothing is printed and printRefused = "device-not-paired"; see /api/print-jobs)',
        200: "{ticket, print?} (repeated requestId: the same ticket and job, nothing printed again)",
        404: "service-not-found",
        422: "invalid-priority",
        409: "hall-closed",
        429: "too-many-requests",
      },
    },
  },
  "/api/tickets/{code}": {
    get: {
      summary: "A ticket by its public code",
      tags: ["public"],
      params: ["code"],
      responses: { 200: "{ticket}", 404: "ticket-not-found" },
    },
  },
  "/api/tickets/{code}/rating": {
    post: {
      summary: "Rate a finished visit once (1–4)",
      tags: ["public"],
      params: ["code"],
      body: RatingBody,
      responses: { 201: "{ticket}", 409: "not-finished | already-rated", 422: "invalid-rating" },
    },
  },
  "/api/tickets/{code}/cancel": {
    post: {
      summary: "The visitor gives up a waiting ticket",
      tags: ["public"],
      params: ["code"],
      responses: { 200: "{ticket}", 409: "ticket-not-waiting" },
    },
  },
  "/api/hall": {
    get: {
      summary: "Hall snapshot: calls, waiting lines, counters",
      tags: ["public"],
      responses: { 200: "HallSnapshot" },
    },
  },
  "/api/hall/notice": {
    put: {
      summary: "Set (or clear with null) the display board's scrolling notice; republishes hall/state",
      tags: ["admin"],
      auth: "manager or admin",
      body: NoticeBody,
      responses: { 200: "{notice}", 400: "invalid-request", 403: "forbidden" },
    },
  },
  "/api/events": {
    get: {
      summary: "text/event-stream of committed events (public form: no ticket codes)",
      tags: ["public"],
      responses: { 200: "event stream" },
    },
  },
  "/api/auth/login": {
    post: {
      summary: "Staff login",
      tags: ["staff"],
      body: LoginBody,
      responses: { 200: "{token,user,expiresAt}", 401: "invalid-credentials", 429: "too-many-requests" },
    },
  },
  "/api/auth/logout": {
    post: { summary: "End the session", tags: ["staff"], auth: staff, responses: { 200: "ok" } },
  },
  "/api/auth/me": {
    get: {
      summary: "The logged-in user and the counter they hold",
      tags: ["staff"],
      auth: staff,
      responses: { 200: "{user,counter}", 401: "unauthorized | session-expired" },
    },
  },
  "/api/users": {
    get: { summary: "List staff", tags: ["admin"], auth: "admin", responses: { 200: "{users}" } },
    post: {
      summary: "Create a staff account",
      tags: ["admin"],
      auth: "admin",
      body: CreateUserBody,
      responses: { 201: "{user}", 409: "username-taken" },
    },
  },
  "/api/users/{id}": {
    patch: {
      summary: "Rename, change role, disable or reset password",
      tags: ["admin"],
      auth: "admin",
      params: ["id"],
      body: UpdateUserBody,
      responses: { 200: "{user}", 404: "user-not-found" },
    },
  },
  "/api/counters": {
    get: {
      summary: "All counters with holder and current ticket",
      tags: ["counters"],
      auth: staff,
      responses: { 200: "{counters}" },
    },
  },
  "/api/counters/{n}": {
    get: {
      summary: "One counter with holder, pause reason and current ticket",
      tags: ["counters"],
      auth: staff,
      params: ["n"],
      responses: { 200: "{counter}", 404: "counter-not-found" },
    },
  },
  "/api/counters/{n}/today": {
    get: {
      summary: "The logged-in officer's own figures today: served, mean service time, no-shows",
      tags: ["counters"],
      auth: staff,
      params: ["n"],
      responses: { 200: "{today:{served,meanServiceSec,noShows}}" },
    },
  },
  "/api/counters/{n}/rating": {
    get: {
      summary:
        "Counter-facing rating tablet: the visit last finished at n (number only) and whether it can be rated",
      tags: ["public"],
      params: ["n"],
      responses: { 200: "{counter,last:{number,finishedAt,rated,open}|null}", 404: "counter-not-found" },
    },
    post: {
      summary: "Rate the visit last finished at n (1–4), once, within the rating window; 1 = Không hài lòng",
      tags: ["public"],
      device: "counter n's rating tablet (the token of rating-{n})",
      params: ["n"],
      body: RatingBody,
      responses: {
        201: "{counter,number,score}",
        403: "device-not-paired",
        404: "counter-not-found",
        409: "not-finished | already-rated | rating-closed",
        422: "invalid-rating",
      },
    },
  },
};
const counterOps: [string, string, z.ZodType | undefined, Record<string, string>][] = [
  [
    "open",
    "Take the counter",
    undefined,
    { 200: "{counter}", 409: "counter-taken | already-holding-counter" },
  ],
  [
    "close",
    "Leave the counter (managers: force-close)",
    undefined,
    { 200: "{counter}", 409: "ticket-in-progress" },
  ],
  ["pause", "Tạm nghỉ: pause with a reason", PauseBody, { 200: "{counter}", 409: "ticket-in-progress" }],
  ["resume", "End the pause", undefined, { 200: "{counter}" }],
  [
    "call-next",
    "Call the next ticket chosen by the dispatch policy",
    undefined,
    {
      200: "{ticket}",
      204: "nobody waits",
      409: "ticket-in-progress | counter-paused",
      403: "not-your-counter",
    },
  ],
  [
    "call",
    "Call a given number out of order, with a reason (audited)",
    CallSpecificBody,
    { 200: "{ticket}", 409: "ticket-not-waiting" },
  ],
  ["recall", "Announce the current number again", undefined, { 200: "{ticket}", 409: "no-current-ticket" }],
  ["no-show", "The called visitor did not come", undefined, { 200: "{ticket}", 409: "no-current-ticket" }],
  ["start", "Service starts", undefined, { 200: "{ticket}", 409: "no-current-ticket" }],
  ["finish", "Service finished", undefined, { 200: "{ticket}", 409: "no-current-ticket" }],
  [
    "transfer",
    "Back in line for another field (or one counter), keeping the issue time",
    TransferBody,
    { 200: "{ticket}", 404: "service-not-found" },
  ],
];
for (const [action, summary, body, responses] of counterOps)
  OPS[`/api/counters/{n}/${action}`] = {
    post: { summary, tags: ["counters"], auth: "the officer holding n", params: ["n"], body, responses },
  };

/** Extra operations registered by other route modules (print, reports …). */
const extra: Record<string, Record<string, unknown>> = {};

/** Adds operations to the document (raw OpenAPI path items). */
export function registerOpenApi(paths: Record<string, Record<string, unknown>>): void {
  Object.assign(extra, paths);
}

/** The OpenAPI document. */
export function openApiDocument(version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [path, methods] of Object.entries(OPS)) {
    paths[path] = {};
    for (const [m, op] of Object.entries(methods)) {
      paths[path]![m] = {
        summary: op.summary,
        tags: op.tags,
        ...(op.auth ? { security: [{ bearer: [] }, { cookie: [] }], description: `Who: ${op.auth}` } : {}),
        ...(op.device ? { security: [{ device: [] }], description: `Who: ${op.device}` } : {}),
        parameters: (op.params ?? []).map((name) => ({
          name,
          in: "path",
          required: true,
          schema: { type: "string" },
        })),
        ...(op.body
          ? {
              requestBody: {
                required: true,
                content: { "application/json": { schema: z.toJSONSchema(op.body) } },
              },
            }
          : {}),
        responses: Object.fromEntries(
          Object.entries(op.responses).map(([status, description]) => [
            status,
            Number(status) >= 400
              ? {
                  description,
                  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
                }
              : { description },
          ]),
        ),
      };
    }
  }
  Object.assign(paths, extra);
  return {
    openapi: "3.1.0",
    info: {
      title: "QMS hall API",
      version,
      description: "Queue management of a Vietnamese public administrative service center. See CONTRACT.md.",
    },
    paths,
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer" },
        cookie: { type: "apiKey", in: "cookie", name: "qms_session" },
        device: {
          type: "apiKey",
          in: "header",
          name: "X-Device-Token",
          description:
            "A kiosk's or rating tablet's token from device-credentials.json (docs/decisions/0023-kiosk-device-tokens.md)",
        },
      },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: {
                code: { type: "string", enum: Object.keys(ERRORS) },
                message: { type: "string" },
              },
            },
          },
        },
      },
    },
  };
}
