/**
 * What a complete scan (a USB 2D scanner typing as a keyboard, ./cccd/scan-controller.ts)
 * means on the screen showing: pure, so every case is tested without a browser
 * (tests/kiosk/src/scan-routing.test.ts); `<kiosk-app>` carries out the answer.
 *
 * - A booking's QR (its page's URL) or code checks in, from the field screen or the booking
 *   screen (issue 14).
 * - The citizen ID card is read on the field screen only (decision 0042).
 * - On the dossier screen a scan is the dossier code, but never the card's QR (its number
 *   would show on screen, and it is no dossier code).
 * - Elsewhere a scan is refused with a message, but on the ticket screen, where it is
 *   ignored: the visitor is reading their number.
 */
import { normalizeBookingCode } from "../../server/contract/appointments.ts";
import { vnDay } from "./cccd/card.ts";
import type { CardRead } from "./cccd/card-holder.ts";
import { cleanScan, parseCccdQr } from "./cccd/parse.ts";
import type { KioskKey } from "./messages.ts";

export type Screen = "loading" | "start" | "dossier" | "priority" | "booking" | "ticket";

export type ScanRoute =
  | { do: "check-in"; code: string }
  | { do: "read-card" }
  | { do: "dossier-code"; code: string }
  | { do: "refuse"; message: KioskKey }
  | { do: "ignore" };

/** What to do with the scanned `text` on `screen` at `now` (the card's QR is dated). */
export function routeScan(text: string, screen: Screen, now: number): ScanRoute {
  const booking = /\/hen\/|^[\sA-Za-z0-9-]{8,10}$/.test(text.trim()) ? normalizeBookingCode(text) : null;
  if (booking && (screen === "start" || screen === "booking")) return { do: "check-in", code: booking };
  switch (screen) {
    case "booking":
      return { do: "refuse", message: "scan-unreadable" };
    case "start":
      return { do: "read-card" };
    case "dossier":
      if (parseCccdQr(text, vnDay(now)).ok || /^\d{12}\|/.test(cleanScan(text)))
        return { do: "refuse", message: "scan-cccd-on-dossier" };
      return { do: "dossier-code", code: cleanScan(text).toUpperCase().slice(0, 40) };
    case "priority":
      return { do: "refuse", message: "scan-wrong-screen" };
    default:
      return { do: "ignore" };
  }
}

/** The message for a scan on the field screen that is no usable card (null: the card was read). */
export function cardRefusal(r: CardRead): KioskKey | null {
  if (r.ok) return null;
  if (r.reason === "not-cccd") return "scan-not-cccd";
  if (r.reason === "not-here" || r.reason === "no-key-yet") return "scan-not-here";
  return "scan-unreadable";
}
