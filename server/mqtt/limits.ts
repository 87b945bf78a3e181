/**
 * Size and connection limits of the MQTT listeners (TCP and `/mqtt` WebSocket),
 * checked on the bytes as they arrive, before the broker buffers a packet:
 *
 * - a packet announces its length in its fixed header (MQTT 3.1.1 §2.2.3); a packet
 *   longer than the client's cap closes the connection as soon as that header is
 *   read, so a client cannot make the broker hold megabytes;
 * - anonymous clients (and every CONNECT) are capped at `ANONYMOUS_MAX_PACKET`; after a
 *   login the cap is `LOGIN_MAX_PACKET`, a bit above the largest print job (a raster
 *   ticket of a 64-column printer with the longest texts measured 184,300 bytes);
 * - at most `maxPerAddress` connections at once from one address.
 */

/** Every CONNECT, and everything an anonymous client sends (it may only subscribe). */
export const ANONYMOUS_MAX_PACKET = 4 * 1024;
/** What a logged-in device or the server may send; also Mosquitto's `max_packet_size`. */
export const LOGIN_MAX_PACKET = 256 * 1024;
/** Default cap of simultaneous MQTT connections from one address. */
export const DEFAULT_MAX_PER_ADDRESS = 64;

/**
 * Follows the MQTT framing of one connection's incoming bytes and says when a packet
 * announces more than the current cap. Feed every chunk in order.
 */
export class PacketGuard {
  /** Bytes still to skip of the current packet's body. */
  private bodyLeft = 0;
  /** Header bytes read of the next packet: [type byte, length bytes…]. */
  private header: number[] = [];

  constructor(public cap: number = ANONYMOUS_MAX_PACKET) {}

  /** False when the chunk shows a packet over the cap or a malformed length. */
  feed(chunk: Uint8Array): boolean {
    let i = 0;
    while (i < chunk.length) {
      if (this.bodyLeft > 0) {
        const n = Math.min(this.bodyLeft, chunk.length - i);
        this.bodyLeft -= n;
        i += n;
        continue;
      }
      this.header.push(chunk[i]!);
      i++;
      if (this.header.length === 1) continue;
      const last = this.header[this.header.length - 1]!;
      if (last & 0x80) {
        if (this.header.length === 5) return false; // more than 4 length bytes
        continue;
      }
      let len = 0;
      for (let k = this.header.length - 1; k >= 1; k--) len = len * 128 + (this.header[k]! & 0x7f);
      this.header = [];
      if (len > this.cap) return false;
      this.bodyLeft = len;
    }
    return true;
  }
}

/** Counts open connections per address; `open()` refuses past the cap. */
export class ConnectionCounter {
  private readonly open_ = new Map<string, number>();

  constructor(readonly maxPerAddress: number = DEFAULT_MAX_PER_ADDRESS) {}

  /** Takes a slot for `address`; false when it already has `maxPerAddress`. */
  open(address: string): boolean {
    const n = this.open_.get(address) ?? 0;
    if (this.maxPerAddress > 0 && n >= this.maxPerAddress) return false;
    this.open_.set(address, n + 1);
    return true;
  }

  /** Gives a slot back. */
  close(address: string): void {
    const n = (this.open_.get(address) ?? 0) - 1;
    if (n <= 0) this.open_.delete(address);
    else this.open_.set(address, n);
  }

  count(address: string): number {
    return this.open_.get(address) ?? 0;
  }
}
