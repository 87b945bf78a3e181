/**
 * What the kernel holds unsent for each connection of the HTTP port (Linux,
 * `/proc/net/tcp` and `/proc/net/tcp6`, column `tx_queue`), so that a stream's bound counts
 * those bytes too (docs/decisions/0116-slow-stream-readers.md).
 *
 * A client that stops reading first fills the kernel's send buffer, which Linux grows up
 * to `net.ipv4.tcp_wmem`'s maximum (4 MB here) per socket, and only then the process's
 * queue: counted alone, the process's queue of a board that stopped reading at ~7 KB/s of
 * frames passes 256 KB after ten minutes. Bun gives no `SO_SNDBUF` or `SIOCOUTQ` on the
 * sockets of `Bun.serve`, so the table is read, by a worker thread once a second while
 * streams are open (with a thousand connections one reading takes 20 to 100 ms of
 * kernel time: on the event loop it cost the issue path 12 % of the server's CPU).
 *
 * A connection is known by the client's port on the server's port. Two clients on
 * different hosts may have the same port: the smaller queue is taken, so a client that
 * reads is never dropped for another's queue. Where the table cannot be read (not Linux),
 * every queue reads 0 and the bound counts the process's queue alone.
 */
import { readFileSync } from "node:fs";

const TABLES = ["/proc/net/tcp", "/proc/net/tcp6"];
/** `st` of an established connection. */
const ESTABLISHED = "01";

/**
 * Unsent bytes per client port of the connections to `localPort` in the text of
 * `/proc/net/tcp` or `/proc/net/tcp6`, added to `into` (the smaller of two on one port).
 */
export function parseSendQueues(text: string, localPort: number, into = new Map<number, number>()) {
  const lines = text.split("\n");
  for (let i = 1; i < lines.length; i++) {
    const f = lines[i]!.trim().split(/\s+/);
    if (f.length < 5 || f[3] !== ESTABLISHED) continue;
    const local = f[1]!;
    if (Number.parseInt(local.slice(local.lastIndexOf(":") + 1), 16) !== localPort) continue;
    const remote = f[2]!;
    const port = Number.parseInt(remote.slice(remote.lastIndexOf(":") + 1), 16);
    const tx = Number.parseInt(f[4]!.slice(0, f[4]!.indexOf(":")), 16);
    if (!Number.isFinite(port) || !Number.isFinite(tx)) continue;
    const had = into.get(port);
    into.set(port, had === undefined ? tx : Math.min(had, tx));
  }
  return into;
}

/** Reads both tables for `localPort`: the unsent bytes per client port (non-zero ones), or null (no tables). */
export function readSendQueues(
  localPort: number,
  read: (path: string) => string = (p) => readFileSync(p, "utf8"),
): [number, number][] | null {
  const into = new Map<number, number>();
  let tables = 0;
  for (const path of TABLES) {
    try {
      parseSendQueues(read(path), localPort, into);
      tables++;
    } catch {
      /* no such table (no IPv6, not Linux) */
    }
  }
  return tables === 0 ? null : [...into].filter(([, tx]) => tx > 0);
}

/**
 * The kernel's queues, read by a worker thread every `everyMs` while someone asks (the
 * tables take tens of milliseconds to read with a thousand connections: never on the
 * event loop that answers requests). `of()` answers from the last reading.
 */
export class KernelSendQueues {
  private byPort = new Map<number, number>();
  private worker: Worker | null = null;
  private asked = false;
  private busy = false;
  private timer: ReturnType<typeof setInterval> | null = null;
  /** False once the tables could not be read (not Linux): every queue reads 0. */
  available = true;

  constructor(
    /** The HTTP port (known once the server listens). */
    private readonly localPort: () => number | undefined,
    private readonly everyMs = 1000,
  ) {}

  /** Bytes the kernel held unsent toward the client at `remotePort` at the last reading (0 when unknown). */
  of(remotePort: number): number {
    if (!this.available) return 0;
    this.asked = true;
    this.start();
    return this.byPort.get(remotePort) ?? 0;
  }

  /** Stops the worker (shutdown). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.worker?.terminate();
    this.worker = null;
  }

  private start(): void {
    if (this.timer) return;
    const w = new Worker(new URL("./kernel-queues-worker.ts", import.meta.url).href);
    // Bun: the worker does not keep the process alive.
    (w as unknown as { unref?: () => void }).unref?.();
    w.onmessage = (ev: MessageEvent<[number, number][] | null>) => {
      this.busy = false;
      if (ev.data === null) {
        this.available = false;
        this.stop();
        return;
      }
      this.byPort = new Map(ev.data);
    };
    w.onerror = () => {
      this.available = false;
      this.stop();
    };
    this.worker = w;
    const tick = () => {
      const port = this.localPort();
      // Nobody asked since the last reading (no streams): the worker rests.
      if (!this.asked || this.busy || port === undefined) return;
      this.asked = false;
      this.busy = true;
      w.postMessage(port);
    };
    this.timer = setInterval(tick, this.everyMs);
    this.timer.unref?.();
    tick();
  }
}
