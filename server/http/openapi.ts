/**
 * The OpenAPI 3.1 document served at /api/openapi.json, generated from the route
 * declarations the app implements (server/contract/api/): paths, parameters, request
 * bodies, every response with its schema, error codes with examples, security schemes.
 * Nothing here is written by hand but the document's header.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Env } from "hono";

/** Registers the security schemes the declarations refer to (`bearer`, `cookie`, `device`). */
export function registerSecurity<E extends Env>(app: OpenAPIHono<E>): void {
  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "The token of `POST /api/auth/login`",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "cookie", {
    type: "apiKey",
    in: "cookie",
    name: "qms_session",
    description: "The HttpOnly session cookie set at login (same session as the token)",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "device", {
    type: "apiKey",
    in: "header",
    name: "X-Device-Token",
    description:
      "A kiosk's or rating tablet's token from device-credentials.json (docs/decisions/0023-kiosk-device-tokens.md)",
  });
}

/** The document of `app`, built once (the routes do not change while the server runs). */
export function openApiDocument<E extends Env>(app: OpenAPIHono<E>, version: string) {
  return app.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: "QMS hall API",
      version,
      description:
        'Queue management of a Vietnamese public administrative service center (CONTRACT.md). Errors are always `{"error":{"code","message"}}` with a 4xx status; messages in Vietnamese, or English with `Accept-Language: en`.',
    },
    tags: [
      { name: "public", description: "Kiosk, phone page, boards: no login" },
      { name: "staff", description: "Login and session" },
      { name: "counters", description: "The officer's console" },
      { name: "admin", description: "Accounts and the board's notice" },
      { name: "printing", description: "Ticket printing (extension)" },
      { name: "devices", description: "MQTT device availability (extension)" },
      { name: "reports", description: "Waits against the target" },
      {
        name: "appointments",
        description:
          "Booking a slot, cancelling, checking in at the kiosk (issue 14; no login but the manager's day)",
      },
      { name: "live", description: "Live streams (server-sent events): state pushed, not pinged" },
    ],
  });
}
