/**
 * The entry point of ticket printing: ticket data + the printer's config → the
 * ESC/POS bytes of one print job. Pure (no MQTT, HTTP, SQLite or clock).
 */
import type { PrinterConfig } from "../contract/index.ts";
import { renderRasterTicket } from "./raster-mode.ts";
import { renderTextTicket } from "./text-mode.ts";
import { layoutTicket, type TicketPrintData } from "./ticket.ts";

/**
 * Renders one ticket for one printer: text mode (WPC1258, native QR) when the
 * printer is configured `mode: text` with a code page, otherwise the raster image
 * (a text-mode printer without a code page number falls back to raster, since
 * Vietnamese would not print).
 */
export function renderTicket(data: TicketPrintData, printer: PrinterConfig): Uint8Array {
  const blocks = layoutTicket(data);
  if (printer.mode === "text" && printer.codepage !== null) return renderTextTicket(blocks, printer);
  return renderRasterTicket(blocks, printer);
}
