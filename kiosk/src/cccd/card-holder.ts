/**
 * The kiosk's side of the citizen ID card (decision 0042): today's day key (fetched from
 * the server by a paired kiosk, memory only) and the card of the visitor standing at the
 * kiosk, if they scanned one. `payload()` is all that ever leaves the page: the 60+
 * verdict and the day-hash. `forget()` runs on every return to the start screen.
 */
import { ApiFailure } from "../../../ui/api.ts";
import { fetchCccdKey } from "../data.ts";
import { dayHash, type HeldCard, readCard, vnDay } from "./card.ts";
import type { CccdRejection } from "./parse.ts";

interface DayKey {
  day: string;
  keyId: string;
  key: string;
}

/** What a scan on the field screen came to. */
export type CardRead =
  | { ok: true; elderly: boolean }
  | { ok: false; reason: CccdRejection | "not-here" | "no-key-yet" };

export class CardHolder {
  private key: DayKey | null = null;
  /** False when the hall does not read cards (cccd-disabled) or the kiosk is not paired. */
  private usable = true;
  private held: HeldCard | null = null;

  constructor(
    private readonly kioskId: string | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when the hall reads cards at this kiosk (the screens then say so). */
  get enabled(): boolean {
    return !!this.kioskId && this.usable;
  }

  /** The card held now: only its verdict is shown ("Ưu tiên người cao tuổi theo CCCD"). */
  get card(): { elderly: boolean } | null {
    return this.held ? { elderly: this.held.elderly } : null;
  }

  /** Fetches today's key when there is none or its day is over; never throws. */
  async refreshKey(force = false): Promise<void> {
    if (!this.kioskId) return;
    const today = isoDay(this.now());
    if (!force && this.key && this.key.day === today) return;
    try {
      const r = await fetchCccdKey(this.kioskId);
      this.key = { day: r.day, keyId: r.keyId, key: r.key };
      this.usable = true;
    } catch (e) {
      // Not paired, or the hall does not read cards: the kiosk works as before without them.
      if (e instanceof ApiFailure && e.status >= 400 && e.status < 500) {
        this.usable = false;
        this.key = null;
      }
    }
  }

  /** Reads a scan; on success the card is held until `forget()`. */
  read(text: string): CardRead {
    if (!this.enabled) return { ok: false, reason: "not-here" };
    const r = readCard(text, vnDay(this.now()));
    if (!r.ok) return r;
    if (!this.key) {
      void this.refreshKey(true);
      return { ok: false, reason: "no-key-yet" };
    }
    this.held = r.card;
    return { ok: true, elderly: r.card.elderly };
  }

  /** The `cccd` of POST /api/tickets for the held card, or undefined. */
  payload(): { elderly: boolean; keyId: string; hash: string } | undefined {
    if (!this.held || !this.key) return undefined;
    return { elderly: this.held.elderly, keyId: this.key.keyId, hash: dayHash(this.held, this.key.key) };
  }

  /** Drops the card (the number lives nowhere else). */
  forget(): void {
    this.held = null;
  }
}

function isoDay(ms: number): string {
  const d = vnDay(ms);
  return `${d.y}-${String(d.m).padStart(2, "0")}-${String(d.d).padStart(2, "0")}`;
}
