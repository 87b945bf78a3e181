/**
 * A Duplex whose `read()` without a size returns everything buffered, as Node's does.
 *
 * Bun's `Readable.read()` returns only the first buffered chunk. aedes reads once per
 * `readable` event (`conn.read(null)`) and waits for the next event; when several chunks
 * were pushed while it was busy (a CONNECT being authenticated; MQTT.js over WebSocket
 * sends one packet as several small frames), it took the first and the rest stayed in the
 * buffer with no event to come: the client's SUBSCRIBE was never seen, and it heard
 * nothing until the keep-alive closed it (1 WebSocket subscriber in 10 to 30, measured).
 */
import { Duplex } from "node:stream";

export class WholeReadDuplex extends Duplex {
  // biome-ignore lint/suspicious/noExplicitAny: Readable.read's own signature
  override read(size?: number): any {
    if (size !== undefined && size !== null) return super.read(size);
    const first = super.read();
    if (first === null || !Buffer.isBuffer(first)) return first;
    const parts: Buffer[] = [first];
    while (this.readableLength > 0) {
      const next = super.read();
      if (next === null) break;
      parts.push(next);
    }
    return parts.length === 1 ? first : Buffer.concat(parts);
  }
}
