/**
 * The typed in-process event bus (after zigbee2mqtt's eventBus): the hall emits only
 * committed changes; the read side (hall/views.ts), the live streams, the MQTT gateway
 * and printing listen.
 */
import type { PrinterStatus, PrintJob } from "../contract/api/printing.ts";
import type { HallConfig } from "../contract/config.ts";
import type { AppointmentEvent, HallEvent } from "../contract/events.ts";

export interface BusEvents {
  /**
   * One committed event in its staff form (officer ids, reasons, the priority category;
   * never the ticket's code), in commit order. Public feeds shape it with
   * `publicEvent()` (hall/dto.ts) before it leaves the server.
   */
  event: HallEvent;
  /** After the events of one commit: the counters and tickets it touched. */
  changed: { counters: number[]; tickets: number[] };
  /** A print job or a printer changed (print/jobs.ts). */
  print: { type: "job"; job: PrintJob } | { type: "printer"; printer: PrinterStatus };
  /** An MQTT device's availability changed (its retained status). */
  device: { id: string };
  /** Time moved (every 15 s): waits grew and estimates drifted without any event. */
  refresh: Record<string, never>;
  /**
   * A new settings version is in force and applied to the hall (after its commit and
   * after the queue core took it): every view is rebuilt, and what depends on the
   * configuration (boards, live streams, printers, devices) is republished.
   */
  config: { version: number; config: HallConfig; previous: HallConfig };
  /**
   * A booking was made, cancelled, checked in or missed (issue 14), after its commit. It
   * carries the visitor's phone number: staff side only, never on a public feed.
   */
  appointment: AppointmentEvent;
}

type Listener<T> = (payload: T) => void;

export class EventBus {
  private readonly listeners = new Map<keyof BusEvents, Set<Listener<never>>>();

  /** Subscribes; returns the function that unsubscribes. */
  on<K extends keyof BusEvents>(name: K, fn: Listener<BusEvents[K]>): () => void {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    set.add(fn as Listener<never>);
    return () => set.delete(fn as Listener<never>);
  }

  /** Calls every listener; one that throws is logged and does not stop the others. */
  emit<K extends keyof BusEvents>(name: K, payload: BusEvents[K]): void {
    for (const fn of this.listeners.get(name) ?? []) {
      try {
        (fn as Listener<BusEvents[K]>)(payload);
      } catch (e) {
        console.error(`[bus] ${String(name)} listener failed:`, e);
      }
    }
  }
}
