/**
 * The day-hash guard of the citizen ID card at the kiosk (issue 15, docs/decisions/0042):
 * one ticket per card, field and service day, without keeping the card.
 *
 * - Each service day has two random 32-byte secrets, drawn on the day's first use and
 *   held **in memory only**: the kiosk key (given to paired kiosks, `GET
 *   /api/kiosks/{kioskId}/cccd-key`) and the server's salt (never leaves this object).
 * - The kiosk sends `HMAC(kioskKey, "cccd:" + number)`, never the number. The guard keeps
 *   `HMAC(salt, kioskHash + "|" + serviceId)` in a set for the day.
 * - At the first use of a new day both secrets and the set are replaced: yesterday's tags
 *   can no longer be tied to anyone, and nothing of them was ever written to disk. A
 *   restart forgets the day's set too (the guard starts empty: a deliberate trade for
 *   keeping nothing on disk).
 */
import { createHmac, randomBytes } from "node:crypto";
import { serviceDay } from "../queue/time.ts";
import { DomainError } from "../queue/types.ts";

/** A kiosk's key for the day: `keyId` names it, `key` is 64 hex characters. */
export interface KioskKey {
  day: string;
  keyId: string;
  key: string;
}

export class CccdGuard {
  private day = "";
  private keyId = "";
  private kioskKey: Buffer = Buffer.alloc(0);
  private salt: Buffer = Buffer.alloc(0);
  private readonly seen = new Set<string>();

  constructor(
    private readonly now: () => number,
    private readonly random: (n: number) => Buffer = randomBytes,
  ) {}

  /** Today's kiosk key (drawn on the day's first use). */
  key(): KioskKey {
    this.roll();
    return { day: this.day, keyId: this.keyId, key: this.kioskKey.toString("hex") };
  }

  /** How many card × field pairs took a ticket today (for health figures; no identities). */
  get size(): number {
    this.roll();
    return this.seen.size;
  }

  /**
   * The check and the record of one issue request with a card, for Hall.issue's guard:
   * `check()` refuses a stale key (409 `cccd-key-expired`: the kiosk fetches the new key
   * and hashes again) and a card that already took a ticket for this field today (409
   * `cccd-already-issued`); `record()` remembers it once the ticket committed.
   */
  forIssue(keyId: string, kioskHash: string, serviceId: string, once: boolean) {
    return {
      check: () => {
        this.roll();
        if (keyId !== this.keyId) throw new DomainError("cccd-key-expired");
        if (once && this.seen.has(this.tag(kioskHash, serviceId)))
          throw new DomainError("cccd-already-issued");
      },
      record: () => {
        if (once && keyId === this.keyId) this.seen.add(this.tag(kioskHash, serviceId));
      },
    };
  }

  private tag(kioskHash: string, serviceId: string): string {
    return createHmac("sha256", this.salt).update(`${kioskHash}|${serviceId}`).digest("base64url");
  }

  private roll(): void {
    const d = serviceDay(this.now());
    if (d === this.day) return;
    this.day = d;
    this.kioskKey = this.random(32);
    this.salt = this.random(32);
    this.keyId = `${d}.${this.random(6).toString("hex")}`;
    this.seen.clear();
  }
}
