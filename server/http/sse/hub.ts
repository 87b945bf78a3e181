/**
 * The server-sent-event streams' plumbing: open streams by channel, bounded buffers,
 * a cap per address, one heartbeat. What goes on which channel is feeds.ts's business.
 *
 * - **Encoded once**: frames are `Uint8Array`s built once (views.ts `Frame.sse()`) and
 *   enqueued as the same bytes on every stream; nothing is serialized per client.
 * - **Bounded**: each stream is a ReadableStream whose queue is measured in bytes. Bun
 *   pulls from it as fast as the socket takes data; a client that stops reading leaves
 *   frames in the queue, and once they pass `bufferBytes` the stream is errored (its queue
 *   freed, the connection closed). It reconnects later and gets every view afresh.
 * - **Capped per address**: at most `maxPerAddress` open streams from one address; one more
 *   answers 429 `too-many-streams` (hall boards and kiosks are a handful of addresses;
 *   each phone has its own).
 * - **Heartbeat**: a comment line every `heartbeatMs` keeps proxies from closing an idle
 *   stream (Bun's own idle timeout is turned off per request, `keepAlive`), and runs each
 *   stream's `check` (a staff session still valid?).
 */
import type { EndReason, StreamName } from "../../contract/api/live.ts";
import type { UserInfo } from "../../contract/domain.ts";
import { ApiError } from "../errors.ts";

const ENC = new TextEncoder();
const PING = ENC.encode(": ping\n\n");
const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-store, no-transform",
  connection: "keep-alive",
  "x-accel-buffering": "no",
};

export interface HubOptions {
  /** Streams from one address at once; 0 = no cap. */
  maxPerAddress?: number;
  /** Unsent bytes a stream may hold before it is dropped. */
  bufferBytes?: number;
  heartbeatMs?: number;
  log?: (line: string) => void;
}

/** Default cap of live streams from one address (QMS_SSE_MAX_PER_ADDRESS). */
export const DEFAULT_SSE_PER_ADDRESS = 20;
/** Default bound of a stream's unsent bytes: far above any frame burst, far below trouble. */
export const DEFAULT_SSE_BUFFER = 256 * 1024;
export const HEARTBEAT_MS = 15_000;

/** What the feeds keep per stream. */
export interface StreamMeta {
  /** A staff stream's user. */
  user?: UserInfo;
  /** A phone page's ticket. */
  ticketId?: number;
}

export interface OpenOptions {
  /** The client's address (per-address cap). */
  address: string;
  stream: StreamName | "events";
  /** Channels the stream hears from the start. */
  channels: readonly string[];
  /** Bytes sent first (hello, the views afresh, a replay), in order. */
  first: readonly Uint8Array[];
  /** Data the feeds keep per stream (the user, the views asked for, the ticket). */
  meta: StreamMeta;
  /** Run every heartbeat: an end reason closes the stream with an `end` frame. */
  check?: () => EndReason | null;
  /** Once the stream is open, before anything else is sent (feeds note what it has). */
  onOpen?: (client: SseClient) => void;
  /** After the stream closed, whatever the reason. */
  onClose?: (client: SseClient) => void;
  /** Send `first` and close (a ticket already over): nothing is registered. */
  closeAfterFirst?: boolean;
}

/** One open stream. */
export class SseClient {
  readonly channels: Set<string>;
  /** Last JSON sent per frame name (feeds skip a frame that did not change). */
  readonly last = new Map<string, string>();
  closed = false;

  constructor(
    private readonly hub: SseHub,
    private readonly ctl: ReadableStreamDefaultController<Uint8Array>,
    readonly address: string,
    readonly meta: StreamMeta,
    channels: readonly string[],
    readonly check: (() => EndReason | null) | undefined,
    readonly onClose: ((c: SseClient) => void) | undefined,
  ) {
    this.channels = new Set(channels);
  }

  /** Queues `chunk`; false when the stream is gone or was just dropped for being too slow. */
  send(chunk: Uint8Array): boolean {
    if (this.closed) return false;
    try {
      this.ctl.enqueue(chunk);
    } catch {
      this.hub.remove(this);
      return false;
    }
    if ((this.ctl.desiredSize ?? 0) < 0) {
      this.hub.dropSlow(this);
      return false;
    }
    return true;
  }

  /** Sends `last` (an `end` frame) if given, then closes the stream normally. */
  end(last?: Uint8Array): void {
    if (this.closed) return;
    if (last) this.send(last);
    try {
      this.ctl.close();
    } catch {
      /* already closed */
    }
    this.hub.remove(this);
  }

  /** Errors the stream: its queue is freed at once and the connection is closed. */
  abort(why: string): void {
    try {
      this.ctl.error(new Error(why));
    } catch {
      /* already closed */
    }
    this.hub.remove(this);
  }

  /** Starts hearing `channel`. */
  join(channel: string): void {
    if (this.closed || this.channels.has(channel)) return;
    this.channels.add(channel);
    this.hub.index(this, channel);
  }
}

export class SseHub {
  readonly maxPerAddress: number;
  readonly bufferBytes: number;
  private readonly heartbeatMs: number;
  private readonly log: (line: string) => void;
  private readonly byChannel = new Map<string, Set<SseClient>>();
  private readonly all = new Set<SseClient>();
  private readonly perAddress = new Map<string, number>();
  private timer: ReturnType<typeof setInterval> | null = null;
  /** Streams dropped for not reading, refused over the cap (health, tests, benches). */
  readonly stats = { dropped: 0, refused: 0 };

  constructor(o: HubOptions = {}) {
    this.maxPerAddress = o.maxPerAddress ?? DEFAULT_SSE_PER_ADDRESS;
    this.bufferBytes = o.bufferBytes ?? DEFAULT_SSE_BUFFER;
    this.heartbeatMs = o.heartbeatMs ?? HEARTBEAT_MS;
    this.log = o.log ?? ((l) => console.warn(`[sse] ${l}`));
  }

  /** Open streams. */
  get size(): number {
    return this.all.size;
  }

  /** True when some stream hears `channel` (feeds build nothing for nobody). */
  has(channel: string): boolean {
    return (this.byChannel.get(channel)?.size ?? 0) > 0;
  }

  /** The streams hearing `channel`. */
  clients(channel: string): Iterable<SseClient> {
    return this.byChannel.get(channel) ?? [];
  }

  /** Sends the same bytes to every stream of `channel`; returns how many took them. */
  publish(channel: string, chunk: Uint8Array): number {
    const set = this.byChannel.get(channel);
    if (!set) return 0;
    let n = 0;
    for (const c of [...set]) if (c.send(chunk)) n++;
    return n;
  }

  /**
   * A `text/event-stream` response for one client; throws 429 `too-many-streams` when its
   * address has `maxPerAddress` streams open.
   */
  open(req: Request, o: OpenOptions): Response {
    const open = this.perAddress.get(o.address) ?? 0;
    if (this.maxPerAddress > 0 && open >= this.maxPerAddress) {
      this.stats.refused++;
      throw new ApiError("too-many-streams", { maxPerAddress: this.maxPerAddress });
    }
    if (o.closeAfterFirst) {
      const once = new ReadableStream<Uint8Array>({
        start: (ctl) => {
          for (const chunk of o.first) ctl.enqueue(chunk);
          ctl.close();
        },
      });
      return new Response(once, { headers: SSE_HEADERS });
    }
    this.perAddress.set(o.address, open + 1);
    let client: SseClient | null = null;
    const body = new ReadableStream<Uint8Array>(
      {
        start: (ctl) => {
          client = new SseClient(this, ctl, o.address, o.meta, o.channels, o.check, o.onClose);
          o.onOpen?.(client);
          this.all.add(client);
          for (const ch of o.channels) this.index(client, ch);
          ctl.enqueue(ENC.encode("retry: 2000\n\n"));
          for (const chunk of o.first) ctl.enqueue(chunk);
          this.ensureTimer();
        },
        cancel: () => {
          if (client) this.remove(client);
        },
      },
      { highWaterMark: this.bufferBytes, size: (chunk) => chunk?.byteLength ?? 0 },
    );
    req.signal?.addEventListener("abort", () => client && this.remove(client));
    return new Response(body, { headers: SSE_HEADERS });
  }

  /** Closes every stream (shutdown). */
  closeAll(): void {
    for (const c of [...this.all]) c.end();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** @internal Adds `c` to `channel`'s index. */
  index(c: SseClient, channel: string): void {
    let set = this.byChannel.get(channel);
    if (!set) {
      set = new Set();
      this.byChannel.set(channel, set);
    }
    set.add(c);
  }

  /** @internal A stream whose unsent frames passed the bound: dropped, its memory freed. */
  dropSlow(c: SseClient): void {
    if (c.closed) return;
    this.stats.dropped++;
    this.log(`dropped a stream from ${c.address}: over ${this.bufferBytes} bytes unsent (not reading)`);
    c.abort("slow client");
  }

  /** @internal Forgets a closed stream. */
  remove(c: SseClient): void {
    if (c.closed) return;
    c.closed = true;
    this.all.delete(c);
    for (const ch of c.channels) {
      const set = this.byChannel.get(ch);
      set?.delete(c);
      if (set?.size === 0) this.byChannel.delete(ch);
    }
    const n = (this.perAddress.get(c.address) ?? 1) - 1;
    if (n <= 0) this.perAddress.delete(c.address);
    else this.perAddress.set(c.address, n);
    try {
      c.onClose?.(c);
    } catch (e) {
      this.log(`onClose failed: ${(e as Error).message}`);
    }
    if (this.all.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  /** One heartbeat: a comment line to every stream, and each stream's check. */
  beat(endFrame: (reason: EndReason) => Uint8Array): void {
    for (const c of [...this.all]) {
      const reason = c.check?.() ?? null;
      if (reason) c.end(endFrame(reason));
      else c.send(PING);
    }
  }

  /** The heartbeat's `end` frame builder (set by feeds.ts). */
  endFrame: (reason: EndReason) => Uint8Array = (reason) =>
    ENC.encode(`event: end\ndata: ${JSON.stringify({ reason })}\n\n`);

  private ensureTimer(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.beat(this.endFrame), this.heartbeatMs);
  }
}
