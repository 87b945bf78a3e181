/**
 * Server-sent events: one `event` per committed change, in commit order, with the
 * event row id as SSE id. A client that reconnects with `Last-Event-ID` older than the
 * newest event gets a `resync` event and refetches the snapshot. A comment line every
 * `heartbeatMs` keeps proxies and Bun's 10 s idle timeout (DEVELOPERS.md) from closing it.
 */
import type { HallEvent } from "../contract/events.ts";
import type { EventBus } from "../events/bus.ts";

interface Client {
  send(chunk: string): void;
  close(): void;
}

export class SseHub {
  private readonly clients = new Set<Client>();
  private readonly enc = new TextEncoder();
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    bus: EventBus,
    private readonly lastEventId: () => number,
    private readonly heartbeatMs = 5_000,
  ) {
    bus.on("event", (e) => this.broadcast(e));
  }

  get size(): number {
    return this.clients.size;
  }

  /** A `text/event-stream` response for one client. */
  connect(req: Request): Response {
    const lastSeen = Number(req.headers.get("last-event-id") ?? Number.NaN);
    let client: Client | null = null;
    const stream = new ReadableStream<Uint8Array>({
      start: (ctl) => {
        client = {
          send: (chunk) => {
            try {
              ctl.enqueue(this.enc.encode(chunk));
            } catch {
              this.drop(client!);
            }
          },
          close: () => {
            try {
              ctl.close();
            } catch {
              /* already closed */
            }
          },
        };
        this.clients.add(client);
        const last = this.lastEventId();
        client.send(`retry: 2000\nevent: hello\ndata: ${JSON.stringify({ lastEventId: last })}\n\n`);
        if (Number.isFinite(lastSeen) && lastSeen < last) client.send(`event: resync\ndata: {}\n\n`);
        this.ensureTimer();
      },
      cancel: () => {
        if (client) this.drop(client);
      },
    });
    req.signal.addEventListener("abort", () => client && this.drop(client));
    return new Response(stream, {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        connection: "keep-alive",
        "x-accel-buffering": "no",
      },
    });
  }

  /** Closes every stream (shutdown). */
  closeAll(): void {
    for (const c of this.clients) c.close();
    this.clients.clear();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private broadcast(e: HallEvent): void {
    const chunk = `id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`;
    for (const c of this.clients) c.send(chunk);
  }

  private drop(c: Client): void {
    this.clients.delete(c);
    if (this.clients.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  private ensureTimer(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      for (const c of this.clients) c.send(`: ping\n\n`);
    }, this.heartbeatMs);
  }
}
