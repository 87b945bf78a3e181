/** Test fixtures: a ticket of the demo hall and its two printers (server/config/demo-hall.yaml). */

import { loadHallConfig } from "../../../server/config/load.ts";
import type { PrinterConfig } from "../../../server/contract/index.ts";
import type { TicketPrintData } from "../../../server/print/ticket.ts";

export const demo = loadHallConfig();

/** The demo printer with this id. */
export function demoPrinter(id: string): PrinterConfig {
  const p = demo.printers.find((x) => x.id === id);
  if (!p) throw new Error(`no printer ${id} in the demo hall`);
  return p;
}

/** A ticket of the demo hall for the field `serviceId`. */
export function demoTicket(serviceId = "bhxh", over: Partial<TicketPrintData> = {}): TicketPrintData {
  const s = demo.services.find((x) => x.id === serviceId)!;
  return {
    hallName: demo.name,
    number: `${s.prefix}012`,
    serviceName: s.name,
    priority: null,
    // 2025-11-22 01:05 UTC = 08:05 in Hanoi.
    issuedAt: Date.UTC(2025, 10, 22, 1, 5),
    ahead: 3,
    estimatedWaitMin: 14,
    estimatedWaitMaxMin: 22,
    statusUrl: "http://192.168.1.10:3000/t/k7m2x9qp4tz8w3",
    lang: "vi",
    ...over,
  };
}
