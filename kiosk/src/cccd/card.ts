/**
 * The card of the visitor at the kiosk, for as long as they stand there (decision 0042):
 * the 60+ verdict and the ID number, kept in this page's memory only until the ticket is
 * issued or the kiosk goes back to its start screen. What leaves the kiosk is the verdict
 * and `HMAC(day key, "cccd:" + number)`; the name, the address and the dates never leave
 * the parser (./parse.ts).
 */
import { hex, hmacSha256, unhex } from "./hmac.ts";
import { type CccdRejection, type Day, isElderly, parseCccdQr } from "./parse.ts";

export interface HeldCard {
  elderly: boolean;
  /** Only to hash again with a new day key; never rendered, sent or stored. */
  idNumber: string;
}

/** Reads a scan as a card, on `today` (the hall's date). */
export function readCard(
  text: string,
  today: Day,
): { ok: true; card: HeldCard } | { ok: false; reason: CccdRejection } {
  const r = parseCccdQr(text, today);
  if (!r.ok) return r;
  return { ok: true, card: { elderly: isElderly(r.card.birth, today), idNumber: r.card.idNumber } };
}

/** The calendar day in Asia/Ho_Chi_Minh (UTC+7, no daylight saving) of an instant. */
export function vnDay(ms: number): Day {
  const d = new Date(ms + 7 * 3_600_000);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
}

/** The day-hash of a card under a day key (hex). */
export function dayHash(card: HeldCard, keyHex: string): string {
  return hex(hmacSha256(unhex(keyHex), new TextEncoder().encode(`cccd:${card.idNumber}`)));
}
