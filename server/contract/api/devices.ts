/**
 * Extension `GET /api/devices` (managers, admins): every MQTT device of the hall (LED
 * boards, keypads, rating pads per counter; printer bridges) with its availability from
 * the retained `device/{id}/status` topic, for the manager's dashboard (issue 6).
 */
import { z } from "zod";
import { DEVICE_KINDS } from "../config.ts";
import { MANAGERS, ok, route, who } from "./define.ts";
import { IsoTime } from "./wire.ts";

export const DeviceStatus = z
  .object({
    id: z.string().meta({ example: "keypad-3" }),
    kind: z.enum(DEVICE_KINDS),
    counter: z.number().int().optional(),
    printer: z.string().optional(),
    online: z.boolean().meta({ description: "From the retained device status; false until seen" }),
    lastSeen: IsoTime.nullable().meta({ description: "Its last status message; null when never seen" }),
  })
  .meta({ id: "DeviceStatus" });

export const devices = route({
  method: "get",
  path: "/api/devices",
  tags: ["devices"],
  summary: "Availability of the hall's MQTT devices (LED boards, keypads, rating pads, printer bridges)",
  ...who(MANAGERS, "manager or admin"),
  responses: { 200: ok(z.object({ devices: z.array(DeviceStatus) }), "Every device of the hall") },
});

export const deviceRoutes = { devices };

export type DeviceStatus = z.output<typeof DeviceStatus>;
