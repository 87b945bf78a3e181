/**
 * Where the bridge sends ticket bytes:
 *   /dev/usb/lp0 (any path under /dev/)  the Linux USB printer class device
 *   tcp://host:9100                      a raw network printer ("JetDirect" port)
 *   any other path (or file:/path)       a plain file, appended to (tests, dry runs)
 *
 * Paper status: a plain file always has paper (`ok`); a TCP printer is asked
 * with the real-time command DLE EOT 4 (Epson ESC/POS reference, "transmit
 * roll paper sensor status": bits 2–3 near end, bits 5–6 paper end, fixed bits
 * 0x12); a /dev device is not asked (reading back from usblp needs a
 * bidirectional driver), so its paper stays unknown, which the server treats as ok.
 */
import { appendFile } from "node:fs/promises";
import { connect } from "node:net";
import type { PaperState } from "../../server/contract/index.ts";

export interface PrinterOutput {
  /** Human-readable target, for logs. */
  readonly describe: string;
  /** Sends one job's bytes; rejects on error or after `timeoutMs`. */
  write(bytes: Uint8Array, timeoutMs?: number): Promise<void>;
  /** Current paper state, or null when this output cannot tell. */
  paper(): Promise<PaperState | null>;
}

/** Opens an output from its spec (see the file comment). */
export function openOutput(spec: string): PrinterOutput {
  if (spec.startsWith("tcp://")) {
    const u = new URL(spec);
    return new TcpOutput(u.hostname, Number(u.port || 9100));
  }
  const path = spec.startsWith("file:") ? spec.slice(5) : spec;
  return new FileOutput(path, path.startsWith("/dev/"));
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

class FileOutput implements PrinterOutput {
  readonly describe: string;
  constructor(
    private readonly path: string,
    private readonly device: boolean,
  ) {
    this.describe = device ? `device ${path}` : `file ${path}`;
  }

  write(bytes: Uint8Array, timeoutMs = 15_000): Promise<void> {
    return withTimeout(appendFile(this.path, bytes), timeoutMs, "write");
  }

  async paper(): Promise<PaperState | null> {
    return this.device ? null : "ok";
  }
}

/** DLE EOT 4: transmit roll paper sensor status (real-time command). */
const PAPER_STATUS_REQUEST = Uint8Array.from([0x10, 0x04, 0x04]);

/** Decodes the DLE EOT 4 status byte; null when it is not one (fixed bits 0x12 under mask 0x93). */
export function decodePaperStatus(b: number): PaperState | null {
  if ((b & 0x93) !== 0x12) return null;
  if (b & 0x60) return "out";
  if (b & 0x0c) return "low";
  return "ok";
}

class TcpOutput implements PrinterOutput {
  readonly describe: string;
  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {
    this.describe = `tcp ${host}:${port}`;
  }

  write(bytes: Uint8Array, timeoutMs = 15_000): Promise<void> {
    const sent = new Promise<void>((resolve, reject) => {
      const s = connect({ host: this.host, port: this.port }, () => {
        s.end(bytes);
      });
      s.on("error", reject);
      s.on("close", (hadError) => (hadError ? reject(new Error("connection closed with error")) : resolve()));
      s.setTimeout(timeoutMs, () => s.destroy(new Error("write timed out")));
    });
    return withTimeout(sent, timeoutMs + 1000, "write");
  }

  paper(timeoutMs = 2000): Promise<PaperState | null> {
    return new Promise((resolve) => {
      let done = false;
      const finish = (v: PaperState | null) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        s.destroy();
        resolve(v);
      };
      const timer = setTimeout(() => finish(null), timeoutMs);
      const s = connect({ host: this.host, port: this.port }, () => s.write(PAPER_STATUS_REQUEST));
      s.on("data", (buf: Buffer) => {
        for (const b of buf) {
          const st = decodePaperStatus(b);
          if (st) return finish(st);
        }
      });
      s.on("error", () => finish(null));
      s.on("close", () => finish(null));
    });
  }
}
