/**
 * The halls of the province and their credentials. A hall's secret is 144 random bits shown
 * once (`npm run province -- add-hall`); the store keeps its SHA-256 (fast enough to check on
 * every ingest request, and safe for a random secret, unlike for a password) and the same
 * secret as a Mosquitto PBKDF2-SHA512 line, so the broker's password file can be written later
 * without the secret itself (mqtt/mosquitto.ts).
 */
import { createHash, pbkdf2Sync, randomBytes, timingSafeEqual } from "node:crypto";
import type { HallConfig } from "../../server/contract/config.ts";
import type { Text } from "../../server/contract/domain.ts";
import type { Sql } from "./driver.ts";

export interface HallRecord {
  id: string;
  name: Text;
  area: string | null;
  createdAt: number;
  lastEventId: number;
  lastEventAt: number | null;
  eventVersion: number | null;
  profile: HallConfig | null;
  officers: { id: number; name: string; username?: string }[] | null;
  profileAt: number | null;
  disabled: boolean;
  mqttHash: string;
}

interface HallRow {
  id: string;
  name_vi: string;
  name_en: string;
  area: string | null;
  created_at: number;
  last_event_id: number;
  last_event_at: number | null;
  event_version: number | null;
  profile: HallConfig | null;
  officers: HallRecord["officers"];
  profile_at: number | null;
  disabled: boolean;
  mqtt_hash: string;
}

const toHall = (r: HallRow): HallRecord => ({
  id: r.id,
  name: { vi: r.name_vi, en: r.name_en },
  area: r.area,
  createdAt: r.created_at,
  lastEventId: r.last_event_id,
  lastEventAt: r.last_event_at,
  eventVersion: r.event_version,
  profile: r.profile,
  officers: r.officers,
  profileAt: r.profile_at,
  disabled: r.disabled,
  mqttHash: r.mqtt_hash,
});

const COLS =
  "id, name_vi, name_en, area, created_at, last_event_id, last_event_at, event_version, profile, officers, profile_at, disabled, mqtt_hash";

export const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** Mosquitto 2's password-file hash of `secret`: `$7$101$salt$hash`, PBKDF2-HMAC-SHA512. */
export function mosquittoHash(secret: string, salt = randomBytes(12)): string {
  const key = pbkdf2Sync(secret, salt, 101, 64, "sha512");
  return `$7$101$${salt.toString("base64")}$${key.toString("base64")}`;
}

/** A new hall secret: 18 random bytes, base64url (24 characters, URL-safe in the userinfo). */
export const newSecret = () => randomBytes(18).toString("base64url");

export class HallRegistry {
  /** hall id → SHA-256 of its secret (null: no such hall or disabled), refreshed on a miss. */
  private readonly hashes = new Map<string, string | null>();

  constructor(private readonly sql: Sql) {}

  /** Creates a hall; returns its secret (shown once), or null when the id is taken. */
  async create(h: { id: string; name?: Text; area?: string | null }, now: number): Promise<string | null> {
    const secret = newSecret();
    const rows = await this.sql.query(
      `INSERT INTO halls (id, name_vi, name_en, area, secret_hash, mqtt_hash, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        h.id,
        h.name?.vi ?? h.id,
        h.name?.en ?? h.name?.vi ?? h.id,
        h.area ?? null,
        sha256(secret),
        mosquittoHash(secret),
        now,
      ],
    );
    this.hashes.delete(h.id);
    return rows.length === 1 ? secret : null;
  }

  /** A new secret for an existing hall (the old one stops working); null when there is no such hall. */
  async resetSecret(id: string): Promise<string | null> {
    const secret = newSecret();
    const rows = await this.sql.query(
      "UPDATE halls SET secret_hash = $2, mqtt_hash = $3 WHERE id = $1 RETURNING id",
      [id, sha256(secret), mosquittoHash(secret)],
    );
    this.hashes.delete(id);
    return rows.length === 1 ? secret : null;
  }

  /** True when `secret` is the secret of hall `id` (enabled). Constant-time comparison. */
  async verify(id: string, secret: string): Promise<boolean> {
    let want = this.hashes.get(id);
    if (want === undefined) {
      const r = await this.sql.query<{ secret_hash: string; disabled: boolean }>(
        "SELECT secret_hash, disabled FROM halls WHERE id = $1",
        [id],
      );
      want = r[0] && !r[0].disabled ? r[0].secret_hash : null;
      if (want !== null) this.hashes.set(id, want);
    }
    if (want === null) return false;
    const a = Buffer.from(want);
    const b = Buffer.from(sha256(secret));
    return a.length === b.length && timingSafeEqual(a, b);
  }

  async get(id: string): Promise<HallRecord | null> {
    const r = await this.sql.query<HallRow>(`SELECT ${COLS} FROM halls WHERE id = $1`, [id]);
    return r[0] ? toHall(r[0]) : null;
  }

  async list(): Promise<HallRecord[]> {
    return (await this.sql.query<HallRow>(`SELECT ${COLS} FROM halls ORDER BY id`)).map(toHall);
  }

  /** Name and area (admin); null fields are left as they are. */
  async update(id: string, p: { name?: Text; area?: string | null; disabled?: boolean }): Promise<boolean> {
    const rows = await this.sql.query(
      `UPDATE halls SET name_vi = COALESCE($2, name_vi), name_en = COALESCE($3, name_en),
         area = CASE WHEN $4::boolean THEN $5 ELSE area END, disabled = COALESCE($6, disabled)
       WHERE id = $1 RETURNING id`,
      [id, p.name?.vi ?? null, p.name?.en ?? null, p.area !== undefined, p.area ?? null, p.disabled ?? null],
    );
    this.hashes.delete(id);
    return rows.length === 1;
  }

  /**
   * The hall's config and (when it allows) its officers' names, as its uplink sent them (at each
   * connection). True when they differ from what was stored (the wall reloads only then).
   */
  async setProfile(
    id: string,
    profile: HallConfig,
    officers: HallRecord["officers"],
    now: number,
  ): Promise<boolean> {
    const r = await this.sql.query<{ changed: boolean }>(
      `UPDATE halls h SET profile = $2, officers = $3, profile_at = $4
       FROM (SELECT profile, officers FROM halls WHERE id = $1) old
       WHERE h.id = $1
       RETURNING (old.profile IS DISTINCT FROM $2::jsonb OR old.officers IS DISTINCT FROM $3::jsonb) AS changed`,
      [id, JSON.stringify(profile), officers === null ? null : JSON.stringify(officers), now],
    );
    return r[0]?.changed ?? false;
  }
}
