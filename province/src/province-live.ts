/**
 * A Lit reactive controller for the live wall (`/api/live`, SSE): it connects with its host
 * and closes with it; `wall` frames replace every hall, `hall` frames one hall (pushed by the
 * server on each change: no polling). The session cookie set at login authorizes the stream.
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { ProvinceHall } from "../../server/contract/province.ts";

export class WallController implements ReactiveController {
  connected = false;
  halls: ProvinceHall[] = [];
  /** When the last frame arrived (ms). */
  lastFrameAt = 0;
  private source: EventSource | null = null;
  private retry: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onUnauthorized: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.close();
  }

  /** Opens the stream (after login). */
  open(): void {
    this.close();
    const es = new EventSource("/api/live");
    this.source = es;
    es.addEventListener("wall", (m) => {
      const f = JSON.parse((m as MessageEvent).data) as { halls: ProvinceHall[] };
      this.halls = f.halls;
      this.connected = true;
      this.lastFrameAt = Date.now();
      this.host.requestUpdate();
    });
    es.addEventListener("hall", (m) => {
      const f = JSON.parse((m as MessageEvent).data) as { hall: ProvinceHall };
      const i = this.halls.findIndex((h) => h.id === f.hall.id);
      this.halls = i < 0 ? [...this.halls, f.hall] : this.halls.map((h, k) => (k === i ? f.hall : h));
      this.lastFrameAt = Date.now();
      this.host.requestUpdate();
    });
    es.onerror = () => {
      this.connected = false;
      this.host.requestUpdate();
      if (es.readyState === EventSource.CLOSED && this.source === es) {
        // A closed stream is usually a lost session (401): ask again, or retry.
        fetch("/api/auth/me", { credentials: "same-origin" })
          .then((r) => (r.status === 401 ? this.onUnauthorized() : undefined))
          .catch(() => {});
        this.retry = setTimeout(() => this.open(), 2000);
      }
    };
  }

  close(): void {
    this.source?.close();
    this.source = null;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.connected = false;
  }
}
