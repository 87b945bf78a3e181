/**
 * The typed in-process event bus (after zigbee2mqtt's eventBus): the hall emits only
 * committed changes; the read side (hall/views.ts), the live streams, the MQTT gateway
 * and printing listen.
 */
import type { PrinterStatus, PrintJob } from "../contract/api/printing.ts";
import type { Text } from "../contract/domain.ts";
import type { HallEvent } from "../contract/events.ts";

export interface BusEvents {
  /**
   * One committed event in its staff form (officer ids, reasons, the priority category;
   * never the ticket's code), in commit order. Public feeds shape it with
   * `publicEvent()` (hall/dto.ts) before it leaves the server.
   */
  event: HallEvent;
  /** After the events of one commit: the counters and tickets it touched. */
  changed: { counters: number[]; tickets: number[] };
  /** The board's notice changed. */
  notice: { notice: Text | null };
  /** A print job or a printer changed (print/jobs.ts). */
  print: { type: "job"; job: PrintJob } | { type: "printer"; printer: PrinterStatus };
  /** An MQTT device's availability changed (its retained status). */
  device: { id: string };
  /** Time moved (every 15 s): waits grew and estimates drifted without any event. */
  refresh: Record<string, never>;
  /** The hall's configuration changed: every view is rebuilt. */
  config: Record<string, never>;
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
