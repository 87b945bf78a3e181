/**
 * Print routes (extension of CONTRACT.md, documented in /api/openapi.json):
 *   GET  /api/print-jobs/{jobId}          a job's state, for the kiosk that holds its id
 *   POST /api/print-jobs/{jobId}/reprint  the same ticket again, as a new job
 *   GET  /api/printers                    printer status for managers
 * Job ids are 16 random characters: holding one is the kiosk's right to ask.
 */
import { Hono } from "hono";
import { ID_PATTERN } from "../../contract/index.ts";
import type { AppDeps } from "../deps.ts";
import { ApiError } from "../errors.ts";
import { registerOpenApi } from "../openapi.ts";

registerOpenApi({
  "/api/print-jobs/{jobId}": {
    get: {
      summary: "A print job (state of the ticket's printing, and whether its printer is back)",
      tags: ["printing"],
      parameters: [{ name: "jobId", in: "path", required: true, schema: { type: "string" } }],
      responses: {
        200: {
          description: '{job: PrintJob} (state "sent" | "printed" | "failed" | "offline" | "no-paper")',
        },
        404: {
          description: "print-job-not-found",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        },
      },
    },
  },
  "/api/print-jobs/{jobId}/reprint": {
    post: {
      summary: "Print the same ticket again as a new job (never a new ticket)",
      tags: ["printing"],
      parameters: [{ name: "jobId", in: "path", required: true, schema: { type: "string" } }],
      responses: {
        201: { description: "{job: PrintJob} the new job" },
        404: {
          description: "print-job-not-found",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        },
        403: {
          description: "device-not-paired (the X-Device-Token of a kiosk using this printer is required)",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        },
        409: {
          description:
            "printer-offline | printer-no-paper | print-in-progress | reprint-limit (3 reprints per ticket)",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        },
      },
    },
  },
  "/api/printers": {
    get: {
      summary: "Printer status (online, paper ok/low/out, last job, recent failures)",
      tags: ["printing"],
      security: [{ bearer: [] }, { cookie: [] }],
      description: "Who: manager or admin",
      responses: {
        200: { description: "{printers: PrinterStatus[]}" },
        401: {
          description: "unauthorized",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        },
        403: {
          description: "forbidden",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        },
      },
    },
  },
});

export function printRoutes(d: AppDeps) {
  const app = new Hono();
  const jobId = (s: string) => {
    if (!ID_PATTERN.test(s)) throw new ApiError("print-job-not-found");
    return s;
  };

  app.get("/print-jobs/:jobId", (c) => {
    const job = d.printing?.tracker.job(jobId(c.req.param("jobId")));
    if (!job) throw new ApiError("print-job-not-found");
    return c.json({ job });
  });

  app.post("/print-jobs/:jobId/reprint", (c) => {
    if (!d.printing) throw new ApiError("print-job-not-found");
    const job = d.printing.tracker.job(jobId(c.req.param("jobId")));
    if (job && !d.devicesAuth.mayReprintOn(c, job.printer)) throw new ApiError("device-not-paired");
    const r = d.printing.tracker.reprint(jobId(c.req.param("jobId")));
    if ("refused" in r) throw new ApiError(r.refused);
    return c.json({ job: r }, 201);
  });

  app.get("/printers", d.auth.require("manager", "admin"), (c) =>
    c.json({ printers: d.printing?.tracker.printers() ?? [] }),
  );

  return app;
}
