/**
 * Ticket printing over MQTT (shared/CONTRACT.md, "MQTT": `printer/{id}/job/{jobId}`,
 * `…/ack`, `…/paper`, `device/{id}/status`) and its HTTP extensions:
 *
 *   POST /api/tickets                    201 {"ticket": Ticket, "print"?: PrintJob}
 *   GET  /api/print-jobs/{jobId}         200 {"job": PrintJob}            404 print-job-not-found
 *   POST /api/print-jobs/{jobId}/reprint 201 {"job": PrintJob} (a new job, never a new ticket)
 *                                        409 printer-offline | printer-no-paper | print-in-progress
 *   GET  /api/printers                   200 {"printers": PrinterStatus[]} (manager, admin)
 *
 * A kiosk shows `print.state`: "sent" (printing), "printed", or a failure
 * ("failed", "offline", "no-paper"), after which it keeps the ticket and its QR on
 * screen and offers a reprint once the printer is back: it polls
 * `GET /api/print-jobs/{jobId}`, whose `printerOnline` and `paper` say so.
 */
import type { Ticket } from "./domain.ts";
import type { PaperState } from "./topics.ts";

/**
 * Life of one print job:
 *   sent      published to the bridge, waiting for its ack (a few seconds)
 *   printed   the bridge acknowledged `{jobId}`
 *   failed    the bridge answered `{jobId} error <reason>`, or no ack came in time
 *   offline   not sent: the printer's bridge is offline (or was never seen)
 *   no-paper  not sent: the printer reported paper `out`
 * A late ack still turns a failed/offline job into `printed` (the paper is the truth).
 */
export const PRINT_JOB_STATES = ["sent", "printed", "failed", "offline", "no-paper"] as const;
export type PrintJobState = (typeof PRINT_JOB_STATES)[number];

/** One print job of one ticket (a reprint is a new job of the same ticket). */
export interface PrintJob {
  /** Lowercase ASCII, unique; the last level of the job topic. */
  jobId: string;
  /** Printer id from the hall config. */
  printer: string;
  /** The ticket's public code. */
  ticketCode: string;
  state: PrintJobState;
  /** Why it failed: `timeout`, the bridge's reason, `publish-failed`… */
  error?: string;
  /** ISO 8601 with offset (+07:00), like every time of the API. */
  createdAt: string;
  /** Extensions. */
  updatedAt?: string;
  /** The job this one reprints. */
  reprintOf?: string;
  /** State of the printer when the job was last looked at (so a kiosk can offer a reprint). */
  printerOnline?: boolean;
  paper?: PaperState | null;
}

/** A printer as managers see it. */
export interface PrinterStatus {
  id: string;
  /** From the retained `device/{id}/status`; false until the bridge was seen. */
  online: boolean;
  /** From the retained `printer/{id}/paper`; null when the bridge never reported it. */
  paper: PaperState | null;
  /** ISO 8601 of the last message from its bridge. */
  lastSeen?: string;
  /** Extensions: the last job, and how many of the recent jobs failed. */
  lastJob?: { jobId: string; state: PrintJobState; at: string };
  recentFailures?: number;
}

/** `POST /api/tickets` 201 body with the print extension. */
export interface TicketIssuedResponse {
  ticket: Ticket;
  /** Present when the request named a kiosk that has a printer. */
  print?: PrintJob;
}

export interface PrintJobResponse {
  job: PrintJob;
}

export interface PrintersResponse {
  printers: PrinterStatus[];
}
