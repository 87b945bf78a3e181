/**
 * What the kernel holds unsent for each connection of the HTTP port (Linux,
 * `/proc/net/tcp` and `/proc/net/tcp6`, column `tx_queue`), so that a stream's bound counts
 * those bytes too (docs/decisions/0116-slow-stream-readers.md).
 *
 * A client that stops reading first fills the kernel's send buffer, which Linux grows up
 * to `net.ipv4.tcp_wmem`'s maximum (4 MB here) per socket, and only then the process's
 * queue: counted alone, the process's queue of a board that stopped reading at ~7 KB/s of
 * frames passes 256 KB after ten minutes. Bun gives no `SO_SNDBUF` or `SIOCOUTQ` on the
 * sockets of `Bun.serve`, so the table is read, at most once per `maxAgeMs` for all
 * streams (one read of a few hundred kilobytes with a thousand connections).
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

export class KernelSendQueues {
  private byPort = new Map<number, number>();
  private readAt = Number.NEGATIVE_INFINITY;
  /** False once the tables could not be read (not Linux): every queue reads 0. */
  available = true;

  constructor(
    /** The HTTP port (known once the server listens). */
    private readonly localPort: () => number | undefined,
    private readonly maxAgeMs = 500,
    private readonly read: (path: string) => string = (p) => readFileSync(p, "utf8"),
  ) {}

  /** Bytes the kernel holds unsent toward the client at `remotePort` (0 when unknown). */
  of(remotePort: number): number {
    if (!this.available) return 0;
    const now = performance.now();
    if (now - this.readAt > this.maxAgeMs) {
      this.readAt = now;
      this.refresh();
    }
    return this.byPort.get(remotePort) ?? 0;
  }

  private refresh(): void {
    const port = this.localPort();
    if (port === undefined) return;
    const next = new Map<number, number>();
    let read = 0;
    for (const path of TABLES) {
      try {
        parseSendQueues(this.read(path), port, next);
        read++;
      } catch {
        /* no such table (no IPv6, not Linux) */
      }
    }
    if (read === 0) this.available = false;
    this.byPort = next;
  }
}
