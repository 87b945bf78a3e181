/**
 * The server's clock as seen from the browser. Waits are computed in the browser from
 * the server's ISO instants, so a PC whose clock is a few minutes off (common on office
 * PCs without NTP) would colour every wait wrongly. Every API response carries an HTTP
 * `Date` header (1 s resolution, RFC 9110 §6.6.1); the offset to it corrects `now`.
 * Offsets under 2 s are ignored: they are the header's rounding, not skew.
 */
let offsetMs = 0;

/** Records the `Date` header of a response received at `receivedAt` (browser ms). */
export function noteServerDate(header: string | null, receivedAt = Date.now()): void {
  if (!header) return;
  const server = Date.parse(header);
  if (Number.isNaN(server)) return;
  // The header is truncated to the second: its mid-point is the better estimate.
  const diff = server + 500 - receivedAt;
  offsetMs = Math.abs(diff) < 2000 ? 0 : diff;
}

/** The current instant on the server's clock, in epoch ms. */
export function serverNow(): number {
  return Date.now() + offsetMs;
}
