/**
 * Extension `GET /api/staffing-advice` (managers, admins): the staffing advice of issue 9,
 * the rest of today simulated from the live state with and without each change (one more
 * counter for a field, or an open counter moved to a field), every option on the same
 * simulated days (docs/decisions/0071-staffing-hint-erlang-c.md, "Update").
 */
import { z } from "zod";
import { MANAGERS, ok, route, who } from "./define.ts";
import { IsoTime, Text } from "./wire.ts";

const FieldOutcome = z.object({
  longestWaitMin: z.number(),
  meanWaitMin: z.number(),
  withinTargetPct: z.number(),
  visitors: z.number(),
});

/** What the rest of today looks like under one option. */
export const StaffingOutcome = z
  .object({
    visitors: z.number().meta({ description: "Those waiting now and those still to come today" }),
    longestWaitMin: z.number().meta({ description: "Longest wait (mean over the simulated days)" }),
    meanWaitMin: z.number(),
    withinTargetPct: z.number().meta({ description: "% called within their target" }),
    minutesBeyond: z.number().meta({ description: "Minutes beyond the target, summed over visitors" }),
    fields: z.record(z.string(), FieldOutcome).meta({ description: "Per field id" }),
  })
  .meta({ id: "StaffingOutcome" });

export const StaffingOption = z
  .object({
    kind: z.enum(["open", "move"]),
    serviceId: z.string().meta({ description: "The field the change adds a counter for" }),
    counter: z.number().int().optional().meta({ description: "The counter moved (kind move)" }),
    fromServiceIds: z.array(z.string()).optional(),
    label: Text,
    outcome: StaffingOutcome,
  })
  .meta({ id: "StaffingOption" });

export const StaffingAdvice = z
  .object({
    at: IsoTime.meta({ description: "The state simulated" }),
    until: IsoTime.meta({ description: "End of today's issuing" }),
    runs: z.number().int().meta({ description: "Simulated days per option" }),
    baseline: StaffingOutcome,
    options: z.array(StaffingOption).meta({ description: "The most useful first" }),
  })
  .meta({ id: "StaffingAdvice" });

export const staffingAdvice = route({
  method: "get",
  path: "/api/staffing-advice",
  tags: ["reports"],
  summary: "Staffing advice: the rest of today simulated with and without each change",
  ...who(MANAGERS, "manager or admin"),
  responses: {
    200: ok(
      z.object({ advice: StaffingAdvice.nullable() }),
      "The advice for the live state; null when this server computes none",
    ),
  },
});

export const staffingRoutes = { staffingAdvice };

export type StaffingAdvice = z.output<typeof StaffingAdvice>;
