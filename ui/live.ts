/**
 * A Lit reactive controller for the hall's event stream (`/api/events`, SSE): it
 * connects when its host connects and closes when the host disconnects (after
 * home-assistant's subscribe mixin). `onChange` runs on every committed event and after
 * every (re)connect, so the host refetches its state and never shows a stale screen.
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { COUNTER_EVENT_TYPES, type HallEvent, TICKET_EVENT_TYPES } from "../server/contract/events.ts";

export class LiveController implements ReactiveController {
  /** True while the stream is open. */
  connected = false;
  private source: EventSource | null = null;
  private retry: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onChange: (e: HallEvent | null) => void,
    private readonly url = "/api/events",
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.open();
  }

  hostDisconnected(): void {
    this.source?.close();
    this.source = null;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
  }

  /**
   * Closes the stream while the host stays on the page (e.g. the phone page once its
   * ticket is over: no event can change it any more). It reopens only if the host
   * reconnects.
   */
  close(): void {
    this.hostDisconnected();
    this.connected = false;
  }

  private open(): void {
    const es = new EventSource(this.url);
    this.source = es;
    es.addEventListener("hello", () => {
      this.connected = true;
      this.host.requestUpdate();
      this.onChange(null);
    });
    es.addEventListener("resync", () => this.onChange(null));
    const types = [...TICKET_EVENT_TYPES, ...COUNTER_EVENT_TYPES];
    for (const t of types)
      es.addEventListener(t, (m) => {
        try {
          this.onChange(JSON.parse((m as MessageEvent).data) as HallEvent);
        } catch {
          /* ignore a malformed frame */
        }
      });
    es.onerror = () => {
      this.connected = false;
      this.host.requestUpdate();
      // EventSource retries by itself; if the browser gave up (CLOSED), start over.
      if (es.readyState === EventSource.CLOSED && this.source === es) {
        this.retry = setTimeout(() => this.open(), 2000);
      }
    };
  }
}
