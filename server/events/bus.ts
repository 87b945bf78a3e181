/**
 * The typed in-process event bus (after zigbee2mqtt's eventBus): the hall emits only
 * committed changes; the SSE hub, the MQTT gateway and printing listen.
 */
import type { HallConfig } from "../contract/config.ts";
import type { HallEvent } from "../contract/events.ts";

export interface BusEvents {
  /** One committed change (ticket or counter event), in commit order. */
  event: HallEvent;
  /** Anything visible on the boards changed (after the events of one commit). */
  changed: { counters: number[] };
  /**
   * A new settings version is in force and applied to the hall (after its commit and
   * after the queue core took it): republish what depends on the configuration.
   */
  config: { version: number; config: HallConfig; previous: HallConfig };
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
