/** The province server's OpenAPI document (`GET /api/openapi.json`): its paths and who may call them. */
import { ERRORS } from "../../server/contract/errors.ts";
import { INGEST_MAX_EVENTS, PROVINCE_GROUPS } from "../../server/contract/province.ts";

const op = (summary: string, who: string, extra: Record<string, unknown> = {}) => ({
  summary,
  description: `Who: ${who}.`,
  ...extra,
});

/** The document; bodies and answers are the TypeScript types of server/contract/province.ts. */
export function provinceOpenApi(version: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "QMS province server",
      version,
      description:
        "Every hall of a province: uplink ingest, live wall, reports across halls (docs/decisions/0090-province-level.md). Types: server/contract/province.ts.",
    },
    components: {
      securitySchemes: {
        hall: {
          type: "http",
          scheme: "basic",
          description: "hallId:secret (npm run province -- add-hall ID)",
        },
        bearer: { type: "http", scheme: "bearer" },
        cookie: { type: "apiKey", in: "cookie", name: "qms_province_session" },
      },
      schemas: {
        Error: {
          type: "object",
          properties: {
            error: {
              type: "object",
              properties: {
                code: { type: "string", enum: Object.keys(ERRORS) },
                message: { type: "string" },
              },
            },
          },
        },
      },
    },
    paths: {
      "/api/health": { get: op("Health", "anyone") },
      "/api/uplink": { get: op("UplinkHello: the province's cursor for this hall and its broker", "a hall") },
      "/api/uplink/profile": {
        put: op("HallProfileBody: the hall's config (and officer names if allowed)", "a hall"),
      },
      "/api/uplink/events": {
        post: op(
          `IngestBody → IngestResponse: up to ${INGEST_MAX_EVENTS} events (schema v1 or v2) after the cursor. 409 out-of-order | event-conflict, 403 foreign-hall, 422 invalid-event | unsupported-event-version | unknown-ticket, 413 payload-too-large`,
          "a hall",
        ),
      },
      "/api/auth/login": { post: op("Staff login", "anyone") },
      "/api/auth/logout": { post: op("Staff logout", "staff") },
      "/api/auth/me": { get: op("The logged-in staff member", "staff") },
      "/api/users": {
        get: op("Staff accounts", "admin"),
        post: op("New staff account (admin | viewer)", "admin"),
      },
      "/api/halls": {
        get: op("ProvinceHalls: every hall with live figures and today's totals", "staff"),
        post: op("A new hall; the answer carries its credential once", "admin"),
      },
      "/api/halls/{id}": { patch: op("Name, area, disabled", "admin") },
      "/api/halls/{id}/secret": { post: op("A new secret for the hall", "admin") },
      "/api/halls/{id}/reports/waits": { get: op("The hall's waits report, as the hall gives it", "staff") },
      "/api/halls/{id}/reports/officers": { get: op("The hall's officers report", "staff") },
      "/api/halls/{id}/reports/breaches": { get: op("The hall's breach list", "staff") },
      "/api/reports/waits": {
        get: op(`ProvinceWaitReport; groupBy ${PROVINCE_GROUPS.join("|")}; format json|csv|xlsx`, "staff"),
      },
      "/api/reports/ranking": { get: op("Ranking: halls by waits within target and satisfaction", "staff") },
      "/api/refusals": { get: op("Refused uplink batches", "admin") },
      "/api/live": {
        get: op("text/event-stream of the live wall (`wall`, `hall` frames with seq)", "staff"),
      },
    },
  };
}
