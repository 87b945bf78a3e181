/**
 * Keeps the Zalo OA access token fresh (issue 14, decision 0115 "Zalo token"). An OA access
 * token lives 25 hours; it is renewed with a refresh token that lives 3 months and works
 * once, as Zalo documents it ("Lấy Access Token từ Refresh Token", developers.zalo.me):
 *
 *   POST https://oauth.zaloapp.com/v4/oa/access_token
 *   secret_key: <the Zalo app's secret key>
 *   Content-Type: application/x-www-form-urlencoded
 *   refresh_token=…&app_id=…&grant_type=refresh_token
 *   → { "access_token": "…", "refresh_token": "…", "expires_in": "90000" }
 *     or { "error": -14014, "error_name": "…", "error_description": "…" }
 *
 * The keeper renews an hour before the token ends, saves the new pair (file 0600, written
 * then renamed) before dropping the old one — the old refresh token is spent — and retries
 * a failed renewal with backoff (1 min, doubling to 30 min) while the old token still works.
 * The refresh token given in the environment seeds it once; after that the saved, newer one
 * is used, until the environment gives a different one (the OA was authorised again).
 */
import { createHash } from "node:crypto";
import { chmodSync, readFileSync, renameSync, writeFileSync } from "node:fs";
/** Renew this long before the access token ends. */
export const RENEW_BEFORE_MS = 60 * 60_000;
const RETRY_FIRST_MS = 60_000;
const RETRY_MAX_MS = 30 * 60_000;

/** What the keeper saves between runs. */
export interface ZaloTokenState {
  accessToken: string | null;
  refreshToken: string;
  /** Epoch ms when the access token ends (0: none yet). */
  expiresAt: number;
  /** sha256 of the environment's refresh token this state grew from. */
  seed: string;
}

export interface ZaloTokenDeps {
  appId: string;
  appSecret: string;
  /** QMS_ZALO_REFRESH_TOKEN: used when nothing is saved, or when it differs from the one that seeded the saved state. */
  seedRefreshToken: string | null;
  tokenUrl: () => string;
  now: () => number;
  load(): ZaloTokenState | null;
  save(s: ZaloTokenState): void;
  log: (msg: string, extra?: Record<string, unknown>) => void;
  timeoutMs?: number;
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export class ZaloTokenKeeper {
  private state: ZaloTokenState | null;
  private failures = 0;
  private nextTryAt = 0;
  private running: Promise<boolean> | null = null;
  private lastError: string | null = null;

  constructor(private readonly d: ZaloTokenDeps) {
    const saved = d.load();
    const seed = d.seedRefreshToken ? sha256(d.seedRefreshToken) : null;
    if (saved && (seed === null || saved.seed === seed)) this.state = saved;
    else if (d.seedRefreshToken && seed)
      this.state = { accessToken: null, refreshToken: d.seedRefreshToken, expiresAt: 0, seed };
    else this.state = null;
  }

  /** The access token now, or null (none yet, or ended). */
  token(): string | null {
    const s = this.state;
    return s?.accessToken && s.expiresAt > this.d.now() ? s.accessToken : null;
  }

  /** For the manager and the log: when the token ends, and the last renewal error. */
  status(): { expiresAt: number | null; lastError: string | null } {
    return { expiresAt: this.state?.accessToken ? this.state.expiresAt : null, lastError: this.lastError };
  }

  /** Renews when due (no token, or within an hour of its end) and not backing off. */
  async tick(): Promise<boolean> {
    const s = this.state;
    const now = this.d.now();
    if (!s || now < this.nextTryAt) return false;
    if (s.accessToken && s.expiresAt - now > RENEW_BEFORE_MS) return false;
    return this.refresh();
  }

  /** Renews now (one at a time); true when a new token was saved. */
  refresh(): Promise<boolean> {
    this.running ??= this.renew().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async renew(): Promise<boolean> {
    const s = this.state;
    if (!s) return false;
    const started = this.d.now();
    try {
      const res = await fetch(this.d.tokenUrl(), {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", secret_key: this.d.appSecret },
        body: new URLSearchParams({
          refresh_token: s.refreshToken,
          app_id: this.d.appId,
          grant_type: "refresh_token",
        }).toString(),
        signal: AbortSignal.timeout(this.d.timeoutMs ?? 10_000),
      });
      const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
      const access = body?.access_token;
      const refresh = body?.refresh_token;
      const expiresIn = Number(body?.expires_in);
      if (!res.ok || typeof access !== "string" || typeof refresh !== "string" || !(expiresIn > 0)) {
        const why = body?.error
          ? `${String(body.error)} ${String(body.error_name ?? body.error_description ?? "")}`.trim()
          : `HTTP ${res.status}`;
        throw new Error(why);
      }
      const next: ZaloTokenState = {
        accessToken: access,
        refreshToken: refresh,
        expiresAt: started + expiresIn * 1000,
        seed: s.seed,
      };
      // Saved before it replaces the old pair: the old refresh token is spent now.
      this.d.save(next);
      this.state = next;
      this.failures = 0;
      this.nextTryAt = 0;
      this.lastError = null;
      this.d.log("zalo: access token renewed", { expiresAt: new Date(next.expiresAt).toISOString() });
      return true;
    } catch (e) {
      this.failures++;
      this.lastError = e instanceof Error ? e.message : String(e);
      this.nextTryAt = this.d.now() + Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** (this.failures - 1));
      this.d.log("zalo: access token renewal failed", { error: this.lastError, failures: this.failures });
      return false;
    }
  }
}

/** The keeper's state in a file of the data directory (0600; written then renamed), for startHall. */
export function zaloTokenFile(path: string): Pick<ZaloTokenDeps, "load" | "save"> {
  return {
    load() {
      try {
        const s = JSON.parse(readFileSync(path, "utf8")) as ZaloTokenState;
        return typeof s.refreshToken === "string" && typeof s.seed === "string" ? s : null;
      } catch {
        return null;
      }
    },
    save(s) {
      const tmp = `${path}.tmp`;
      writeFileSync(tmp, JSON.stringify(s), { mode: 0o600 });
      chmodSync(tmp, 0o600);
      renameSync(tmp, path);
    },
  };
}

/** The keeper's state in memory (the tests' in-process hall). */
export function zaloTokenMemory(): Pick<ZaloTokenDeps, "load" | "save"> & { saved: ZaloTokenState | null } {
  const m = {
    saved: null as ZaloTokenState | null,
    load: () => m.saved,
    save: (s: ZaloTokenState) => {
      m.saved = s;
    },
  };
  return m;
}
