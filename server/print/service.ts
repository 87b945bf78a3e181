/**
 * Printing of issued tickets: which printer (the kiosk's, from the hall config),
 * what to print (the ticket as issued), and the job tracking. Called by the HTTP
 * route right after the ticket was committed (DESIGN.md "Side effects follow
 * commits"). Pure: the tracker's publish is the only way out.
 */
import {
  type HallConfig,
  isPriority,
  type Lang,
  PRIORITY_LABELS,
  type PrinterConfig,
  type PrintJob,
  type Ticket,
} from "../contract/index.ts";
import type { PrintJobTracker } from "./jobs.ts";
import { renderTicket } from "./render.ts";
import type { TicketPrintData } from "./ticket.ts";

export class TicketPrinting {
  private readonly current: () => HallConfig;

  /** `config`: the hall's configuration, or a function giving the one in force (it changes at run time). */
  constructor(
    config: HallConfig | (() => HallConfig),
    readonly tracker: PrintJobTracker,
  ) {
    this.current = typeof config === "function" ? config : () => config;
  }

  /** The hall configuration in force. */
  get config(): HallConfig {
    return this.current();
  }

  /** The printer attached to a kiosk, or undefined (unknown kiosk, kiosk without printer). */
  printerOfKiosk(kioskId: string | null | undefined): PrinterConfig | undefined {
    if (!kioskId) return undefined;
    const k = this.config.kiosks.find((x) => x.id === kioskId);
    return k?.printer ? this.config.printers.find((p) => p.id === k.printer) : undefined;
  }

  /** What the ticket says on paper. */
  printData(ticket: Ticket, lang: Lang): TicketPrintData {
    const s = this.config.services.find((x) => x.id === ticket.serviceId);
    return {
      hallName: this.config.name,
      number: ticket.number,
      serviceName: s?.name ?? { vi: ticket.serviceId, en: ticket.serviceId },
      priority: isPriority(ticket.priority)
        ? (this.config.priorities.find((p) => p.id === ticket.priority)?.label ??
          PRIORITY_LABELS[ticket.priority])
        : null,
      issuedAt: Date.parse(ticket.issuedAt),
      ahead: ticket.position ?? 0,
      estimatedWaitMin: ticket.estimatedWaitMin ?? null,
      estimatedWaitMaxMin: ticket.estimatedWaitMaxMin ?? null,
      statusUrl: ticket.statusUrl,
      lang,
      bookedAt: ticket.dueAt ? Date.parse(ticket.dueAt) : null,
    };
  }

  /**
   * Prints a ticket just issued at `kioskId` and returns its job; undefined when the
   * kiosk has no printer. A repeated request (double tap, retry) prints nothing
   * new and returns the ticket's latest job.
   */
  forIssued(
    ticket: Ticket,
    kioskId: string | null | undefined,
    lang: Lang,
    repeated: boolean,
  ): PrintJob | undefined {
    const printer = this.printerOfKiosk(kioskId);
    if (!printer) return undefined;
    if (repeated) {
      const last = this.tracker.jobsOfTicket(ticket.code).at(-1);
      if (last) return last;
    }
    const data = this.printData(ticket, lang);
    return this.tracker.submit(printer.id, ticket.code, () => renderTicket(data, printer));
  }

  /**
   * Renders sample tickets for every printer (every digit of the big number, every
   * field name) so that fonts are parsed and glyphs cached before the first visitor:
   * the first raster render costs ~200 ms, later ones a few ms. Runs in the
   * background, one ticket per timer tick after `delayMs`, so that it neither delays
   * the server's start nor blocks requests for long. Returns a cancel function.
   */
  startWarmUp(delayMs = 1000): () => void {
    const first = this.config.services[0];
    const sample: Ticket = {
      id: 0,
      code: "warmup",
      number: `${first?.prefix ?? "A"}000`,
      serviceId: first?.id ?? "",
      priority: "none",
      status: "waiting",
      issuedAt: "2026-01-05T08:30:00+07:00", // a sample: only its glyphs matter
      position: 10,
      estimatedWaitMin: 25,
      estimatedWaitMaxMin: 38,
      statusUrl: "http://localhost/t/aaaaaaaaaaaaaaaa",
    };
    const steps: (() => void)[] = [];
    for (const p of this.config.printers) {
      for (const n of ["012", "345", "678", "901"])
        steps.push(() =>
          renderTicket(this.printData({ ...sample, number: `${first?.prefix ?? "A"}${n}` }, "vi"), p),
        );
      for (const s of this.config.services)
        steps.push(() =>
          renderTicket(this.printData({ ...sample, serviceId: s.id, number: `${s.prefix}000` }, "vi"), p),
        );
    }
    let timer: ReturnType<typeof setTimeout> | null = null;
    const next = () => {
      const step = steps.shift();
      if (!step) return;
      step();
      timer = setTimeout(next, 0);
    };
    timer = setTimeout(next, delayMs);
    return () => {
      steps.length = 0;
      if (timer) clearTimeout(timer);
    };
  }
}
