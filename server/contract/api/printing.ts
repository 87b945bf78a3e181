/**
 * Print routes (extension of CONTRACT.md; the MQTT side is in ../print.ts):
 *   GET  /api/print-jobs/{jobId}          a job's state, for the kiosk that holds its id
 *   POST /api/print-jobs/{jobId}/reprint  the same ticket again, as a new job
 *   GET  /api/printers                    printer status for managers
 * Job ids are 16 random characters: holding one is the kiosk's right to ask.
 */
import { z } from "zod";
import { PRINT_JOB_STATES } from "../print.ts";
import { PAPER_STATES } from "../topics.ts";
import { errors, MANAGERS, ok, route, who } from "./define.ts";
import { PrintJobPath } from "./requests.ts";
import { IsoTime } from "./wire.ts";

const Paper = z.enum(PAPER_STATES);
const JobState = z.enum(PRINT_JOB_STATES).meta({
  description:
    "sent (waiting for the bridge's ack) · printed · failed (error or no ack in time) · offline / no-paper (not sent)",
});

/** One print job of one ticket (a reprint is a new job of the same ticket). */
export const PrintJob = z
  .object({
    jobId: z.string().meta({ description: "Lowercase ASCII; the last level of the job topic" }),
    printer: z.string().meta({ example: "printer-1" }),
    ticketCode: z.string().meta({ description: "The ticket's public code" }),
    state: JobState,
    error: z.string().optional().meta({ description: "Why it failed: `timeout`, the bridge's reason…" }),
    createdAt: IsoTime,
    updatedAt: IsoTime.optional(),
    reprintOf: z.string().optional().meta({ description: "The job this one reprints" }),
    printerOnline: z.boolean().optional().meta({ description: "The printer's state when the job was read" }),
    paper: Paper.nullable().optional(),
  })
  .meta({ id: "PrintJob" });

/** A printer as managers see it. */
export const PrinterStatus = z
  .object({
    id: z.string(),
    online: z.boolean().meta({ description: "From the retained device status; false until seen" }),
    paper: Paper.nullable().meta({
      description: "From the retained `paper` topic; null when never reported",
    }),
    lastSeen: IsoTime.optional(),
    lastJob: z.object({ jobId: z.string(), state: JobState, at: IsoTime }).optional(),
    recentFailures: z.number().int().optional(),
  })
  .meta({ id: "PrinterStatus" });

const JobBody = z.object({ job: PrintJob });

export const printJob = route({
  method: "get",
  path: "/api/print-jobs/{jobId}",
  tags: ["printing"],
  summary: "A print job (state of the ticket's printing, and whether its printer is back)",
  request: { params: PrintJobPath },
  responses: { 200: ok(JobBody, "The job"), ...errors("print-job-not-found") },
});

export const reprint = route({
  method: "post",
  path: "/api/print-jobs/{jobId}/reprint",
  tags: ["printing"],
  summary: "Print the same ticket again as a new job (never a new ticket)",
  description:
    "Needs the X-Device-Token of a kiosk whose printer printed the job (decision 0023); at most 3 reprints per ticket.",
  request: { params: PrintJobPath },
  responses: {
    201: ok(JobBody, "The new job"),
    ...errors(
      "print-job-not-found",
      "device-not-paired",
      "printer-offline",
      "printer-no-paper",
      "print-in-progress",
      "reprint-limit",
    ),
  },
});

export const printers = route({
  method: "get",
  path: "/api/printers",
  tags: ["printing"],
  summary: "Printer status (online, paper ok/low/out, last job, recent failures)",
  ...who(MANAGERS, "manager or admin"),
  responses: { 200: ok(z.object({ printers: z.array(PrinterStatus) }), "Every printer of the hall") },
});

export const printRoutes = { printJob, reprint, printers };

export type PrintJob = z.output<typeof PrintJob>;
export type PrinterStatus = z.output<typeof PrinterStatus>;
