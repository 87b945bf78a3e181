/**
 * Extension `GET /api/devices` (managers, admins): every MQTT device of the hall (LED
 * boards, keypads, rating pads per counter; printer bridges) with its availability from
 * the retained `device/{id}/status` topic, for the manager's dashboard (issue 6).
 */
import { Hono } from "hono";
import type { AuthEnv } from "../auth.ts";
import type { AppDeps } from "../deps.ts";
import { registerOpenApi } from "../openapi.ts";

const error = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

registerOpenApi({
  "/api/devices": {
    get: {
      summary: "Availability of the hall's MQTT devices (LED boards, keypads, rating pads, printer bridges)",
      tags: ["devices"],
      security: [{ bearer: [] }, { cookie: [] }],
      description: "Who: manager or admin",
      responses: {
        200: {
          description:
            '{devices:[{id, kind:"led-board"|"keypad"|"rating-pad"|"printer-bridge", counter?, printer?, online, lastSeen}]}',
        },
        401: error("unauthorized"),
        403: error("forbidden"),
      },
    },
  },
});

export function deviceRoutes(d: AppDeps) {
  const app = new Hono<AuthEnv>();
  app.get("/devices", d.auth.require("manager", "admin"), (c) => c.json({ devices: d.devices?.() ?? [] }));
  return app;
}
