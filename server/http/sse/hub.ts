/**
 * The server-sent-event streams' plumbing: open streams by channel, bounded buffers,
 * a cap per address, one heartbeat. What goes on which channel is feeds.ts's business.
 *
 * - **Encoded once**: frames are `Uint8Array`s built once (views.ts `Frame.sse()`) and
 *   enqueued as the same bytes on every stream; nothing is serialized per client.
 * - **Bounded** (docs/decisions/0116-slow-stream-readers.md): each stream is a
 *   ReadableStream whose queue is measured in bytes. Bun pulls from it as fast as the
 *   socket takes data; a client that stops reading first fills the kernel's send buffer
 *   (megabytes), then the queue. A stream is dropped (errored: its queue freed, the
 *   connection closed) when what it holds unsent, in the process and in the kernel
 *   (`kernelQueue`, Linux), passes `bufferBytes`, or when its queue has not emptied for
 *   `stallMs` (Bun took no byte of it: the socket accepts nothing). A client that reads
 *   empties both in milliseconds. It reconnects later and gets every view afresh.
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
  /**
   * Bytes the kernel holds unsent for a request's connection, read when the hub checks
   * (main.ts: kernel-queues.ts by the client's port); absent = the process's queue alone.
   */
  kernelQueue?: (req: Request) => (() => number) | null;
  /** A stream whose queue has not emptied for this long is dropped. */
  stallMs?: number;
  /** How often the bounds are checked against the kernel's queues and the stall deadline. */
  checkMs?: number;
  log?: (line: string) => void;
}

/** Default cap of live streams from one address (QMS_SSE_MAX_PER_ADDRESS). */
export const DEFAULT_SSE_PER_ADDRESS = 20;
/** Default bound of a stream's unsent bytes: far above any frame burst, far below trouble. */
export const DEFAULT_SSE_BUFFER = 256 * 1024;
export const HEARTBEAT_MS = 15_000;
/** Default deadline of a stream whose queue does not empty (a reader empties it in ms). */
export const DEFAULT_SSE_STALL_MS = 20_000;
/** Default pace of the bounds' check. */
export const DEFAULT_SSE_CHECK_MS = 1_000;

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
  /** When the check first saw the stream's queue not empty (null: empty at the last check). */
  stalledSince: number | null = null;

  constructor(
    private readonly hub: SseHub,
    private readonly ctl: ReadableStreamDefaultController<Uint8Array>,
    readonly address: string,
    readonly meta: StreamMeta,
    channels: readonly string[],
    readonly check: (() => EndReason | null) | undefined,
    readonly onClose: ((c: SseClient) => void) | undefined,
    /** Bytes the kernel holds unsent for this connection (0 when unknown). */
    readonly kernelQueued: () => number = () => 0,
  ) {
    this.channels = new Set(channels);
  }

  /** Bytes queued in the process, not yet taken by Bun for the socket. */
  get queued(): number {
    return this.hub.bufferBytes - (this.ctl.desiredSize ?? this.hub.bufferBytes);
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
  private readonly stallMs: number;
  private readonly checkMs: number;
  private readonly kernelQueue: HubOptions["kernelQueue"];
  private checkTimer: ReturnType<typeof setInterval> | null = null;
  private readonly log: (line: string) => void;
  private readonly byChannel = new Map<string, Set<SseClient>>();
  private readonly all = new Set<SseClient>();
  private readonly perAddress = new Map<string, number>();
  private timer: ReturnType<typeof setInterval> | null = null;
  /** Streams dropped for not reading, refused over the cap (health, tests, benches). */
  readonly stats = {
    dropped: 0,
    refused: 0,
    droppedOverBound: 0,
    droppedStalled: 0,
    /** Frames published to a channel that had streams, and the copies queued for them. */
    published: 0,
    sent: 0,
  };

  constructor(o: HubOptions = {}) {
    this.maxPerAddress = o.maxPerAddress ?? DEFAULT_SSE_PER_ADDRESS;
    this.bufferBytes = o.bufferBytes ?? DEFAULT_SSE_BUFFER;
    this.heartbeatMs = o.heartbeatMs ?? HEARTBEAT_MS;
    this.stallMs = o.stallMs ?? DEFAULT_SSE_STALL_MS;
    this.checkMs = o.checkMs ?? DEFAULT_SSE_CHECK_MS;
    this.kernelQueue = o.kernelQueue;
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
    this.stats.published++;
    this.stats.sent += n;
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
    const kernel = this.kernelQueue?.(req) ?? undefined;
    const body = new ReadableStream<Uint8Array>(
      {
        start: (ctl) => {
          client = new SseClient(this, ctl, o.address, o.meta, o.channels, o.check, o.onClose, kernel);
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
    if (this.checkTimer) clearInterval(this.checkTimer);
    this.timer = this.checkTimer = null;
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

  /** @internal A stream that does not keep up (see `check`): dropped, its memory freed. */
  dropSlow(c: SseClient, why = `over ${this.bufferBytes} bytes unsent`): void {
    if (c.closed) return;
    this.stats.dropped++;
    this.log(`dropped a stream from ${c.address}: ${why} (not reading)`);
    c.abort("slow client");
  }

  /**
   * The bounds of every stream: dropped when its unsent bytes, in the process and in the
   * kernel, pass `bufferBytes`, or when its queue has not emptied for `stallMs`.
   */
  check(now = performance.now()): void {
    for (const c of [...this.all]) {
      const queued = c.queued;
      const held = queued + c.kernelQueued();
      if (held > this.bufferBytes) {
        this.stats.droppedOverBound++;
        this.dropSlow(c, `${held} bytes unsent (${queued} in the process), over ${this.bufferBytes}`);
      } else if (queued <= 0) c.stalledSince = null;
      else if (c.stalledSince === null) c.stalledSince = now;
      else if (now - c.stalledSince >= this.stallMs) {
        this.stats.droppedStalled++;
        this.dropSlow(c, `queue not emptied for ${Math.round((now - c.stalledSince) / 1000)} s`);
      }
    }
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
    if (this.all.size === 0) {
      if (this.timer) clearInterval(this.timer);
      if (this.checkTimer) clearInterval(this.checkTimer);
      this.timer = this.checkTimer = null;
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
    this.timer ??= setInterval(() => this.beat(this.endFrame), this.heartbeatMs);
    this.checkTimer ??= setInterval(() => this.check(), this.checkMs);
  }
}
