/**
 * Booking codes (issue 14, docs/decisions/0110-appointment-rules.md): the alphabet, their
 * length and how a typed or scanned code is read. In the contract because the kiosk reads
 * codes from its scanner with the same rule as the server.
 */

/** Letters and digits of booking codes: no 0/O, 1/I/L, so that a typed code is read right. */
export const BOOKING_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/** Characters of a booking code: 31^8 ≈ 8.5·10^11 codes (about 40 bits). */
export const BOOKING_CODE_LENGTH = 8;
/** The booking page's path; a booking's own page (its QR) is `/hen/{code}`. */
export const BOOKING_PATH = "/hen";

/** A typed or scanned booking code in its stored form (upper case, no spaces or dashes), or null. */
export function normalizeBookingCode(raw: string): string | null {
  let s = raw.trim();
  // A scanned QR carries the booking page's URL: `…/hen/CODE`.
  const url = /\/hen\/([A-Za-z0-9-]+)\/?(?:[?#].*)?$/.exec(s);
  if (url) s = url[1]!;
  s = s.replace(/[\s-]/g, "").toUpperCase();
  if (s.length !== BOOKING_CODE_LENGTH) return null;
  for (const ch of s) if (!BOOKING_CODE_ALPHABET.includes(ch)) return null;
  return s;
}
