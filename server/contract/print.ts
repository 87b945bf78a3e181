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
 * The routes and their response schemas: api/printing.ts.
 */

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

/**
 * `PrintJob` and `PrinterStatus` are declared once, as the schemas of the print routes
 * (api/printing.ts); these are their inferred types.
 */
export type { PrinterStatus, PrintJob } from "./api/printing.ts";
