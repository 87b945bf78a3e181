/**
 * Ships the hall's event log to the province (issue 13; docs/decisions/0090-province-level.md):
 * every committed event row, in id order, in batches, resuming from the last id the province
 * acknowledged. It never blocks or slows the hall: it runs on its own timers, holds one batch
 * (≤ `batch` rows) and one request at a time, reads rows only when the province is reachable,
 * and backs off (1 s doubling to 60 s, with jitter) while the province is down or refuses.
 * A hall offline for days catches up by itself, batch after batch.
 *
 * Resuming: at each (re)connection it asks the province where it stands (`GET /api/uplink`);
 * the province's cursor is the truth (a lost answer, a province restored from backup), and
 * the hall keeps a copy in its store to report its lag. A 409 out-of-order answer carries the
 * province's cursor and the shipper resumes from it at once.
 */
import type { HallProfileBody, IngestResponse, UplinkHello } from "../contract/province.ts";
import type { HallStore } from "../store/store.ts";
import { systemClock } from "../system-clock.ts";
import { toEventRow } from "./rows.ts";
import type { ProvinceLinkSettings } from "./settings.ts";

export type ShipperState = "starting" | "sending" | "idle" | "backoff" | "stopped";

export interface ShipperStatus {
  state: ShipperState;
  /** The last event id the province acknowledged. */
  acked: number;
  /** The newest event id of the hall. */
  lastEventId: number;
  lastOkAt: number | null;
  lastError: string | null;
  failures: number;
}

export interface ShipperDeps {
  link: ProvinceLinkSettings;
  store: Pick<HallStore, "uplinkRows" | "uplinkAcked" | "setUplinkAcked" | "lastEventId">;
  /** The hall's profile (config, officers' names if allowed), sent at each connection and again whenever it changes (a new officer, an edited config). */
  profile: () => HallProfileBody;
  /** The province's answer to the hello (its broker for the live state). */
  onHello?: (h: UplinkHello) => void;
  now?: () => number;
  log?: (m: string) => void;
  batch?: number;
  /** Wait after an event before sending, so a burst goes in one batch. */
  coalesceMs?: number;
  maxBackoffMs?: number;
  fetch?: typeof fetch;
}

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly details: unknown,
  ) {
    super(`${status} ${code}`);
  }
}

export class EventShipper {
  private acked: number;
  private state: ShipperState = "starting";
  private lastOkAt: number | null = null;
  private lastError: string | null = null;
  private failures = 0;
  private greeted = false;
  /** The profile as last sent (JSON), to send it again when it changes. */
  private sentProfile: string | null = null;
  private stopped = false;
  private interrupt: (() => void) | null = null;
  private waking = false;
  private sleepTimer: ReturnType<typeof setTimeout> | null = null;
  private persistedAt = 0;
  private loop: Promise<void> | null = null;
  private readonly auth: string;
  private readonly now: () => number;
  private readonly log: (m: string) => void;
  private readonly fetch: typeof fetch;

  constructor(private readonly d: ShipperDeps) {
    this.acked = d.store.uplinkAcked();
    this.auth = `Basic ${Buffer.from(`${d.link.hallId}:${d.link.secret}`).toString("base64")}`;
    this.now = d.now ?? systemClock.now;
    this.log = d.log ?? ((m) => console.warn(`[uplink] ${m}`));
    this.fetch = d.fetch ?? fetch;
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** A new event was committed: send soon (no-op while backing off). */
  wake(): void {
    if (this.state !== "idle" || this.waking || !this.interrupt) return;
    this.waking = true;
    setTimeout(() => {
      this.waking = false;
      if (this.state === "idle") this.interrupt?.();
    }, this.d.coalesceMs ?? 100);
  }

  status(): ShipperStatus {
    return {
      state: this.state,
      acked: this.acked,
      lastEventId: this.d.store.lastEventId(),
      lastOkAt: this.lastOkAt,
      lastError: this.lastError,
      failures: this.failures,
    };
  }

  /** Stops after the request in flight (if any); keeps the cursor. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.state = "stopped";
    this.interrupt?.();
    await this.loop;
    this.persist(true);
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        if (!this.greeted) await this.hello();
        else await this.sendProfileIfChanged();
        const rows = this.d.store.uplinkRows(this.acked, this.d.batch ?? 500);
        if (rows.length === 0) {
          this.state = "idle";
          // Idle until an event (wake) or a minute passes (a missed wake heals).
          await this.sleep(60_000);
          continue;
        }
        this.state = "sending";
        const events = rows.map((r) => toEventRow(r, this.d.link.hallId));
        const res = await this.call<IngestResponse>("POST", "/api/uplink/events", {
          after: this.acked,
          events,
        });
        this.acked = res.lastEventId;
        this.ok();
        // Catching up: let the hall's own work run between batches.
        await new Promise((r) => setTimeout(r, 0));
      } catch (e) {
        if (this.stopped) break;
        if (e instanceof HttpFailure && e.status === 429) {
          // The province is busy with other halls' catch-up: come back shortly, not as a failure.
          this.state = "backoff";
          await this.sleep(1000 + Math.random() * 1000);
          continue;
        }
        if (e instanceof HttpFailure && e.code === "out-of-order") {
          const at = (e.details as { lastEventId?: number } | null)?.lastEventId;
          if (typeof at === "number") {
            this.log(`the province stands at event ${at}, not ${this.acked}: resuming from there`);
            this.acked = at;
            continue;
          }
        }
        await this.fail(e);
      }
    }
  }

  private async hello(): Promise<void> {
    const h = await this.call<UplinkHello>("GET", "/api/uplink");
    const mine = this.d.store.lastEventId();
    if (h.lastEventId > mine)
      throw new Error(
        `the province holds events up to ${h.lastEventId} but this hall's log ends at ${mine}: was the hall's database replaced? (npm run province -- reset-secret, or restore the hall's data)`,
      );
    this.acked = h.lastEventId;
    await this.sendProfile(JSON.stringify(this.d.profile()));
    this.greeted = true;
    this.d.onHello?.(h);
    this.log(`connected to ${this.d.link.baseUrl}: resuming after event ${this.acked} (hall at ${mine})`);
  }

  private async sendProfile(json: string): Promise<void> {
    await this.call("PUT", "/api/uplink/profile", JSON.parse(json));
    this.sentProfile = json;
  }

  private async sendProfileIfChanged(): Promise<void> {
    const json = JSON.stringify(this.d.profile());
    if (json !== this.sentProfile) await this.sendProfile(json);
  }

  private ok(): void {
    if (this.failures > 0) this.log(`the province answers again (${this.acked} acknowledged)`);
    this.failures = 0;
    this.lastError = null;
    this.lastOkAt = this.now();
    this.persist(false);
  }

  private async fail(e: unknown): Promise<void> {
    this.failures++;
    this.greeted = false;
    this.state = "backoff";
    const msg = e instanceof Error ? e.message : String(e);
    if (this.failures === 1 || this.failures % 10 === 0 || msg !== this.lastError)
      this.log(`cannot reach or is refused by the province (${msg}); retrying`);
    this.lastError = msg;
    const cap = this.d.maxBackoffMs ?? 60_000;
    const ms = Math.min(cap, 1000 * 2 ** Math.min(this.failures - 1, 16)) * (0.75 + Math.random() * 0.5);
    await this.sleep(ms);
  }

  /** Waits `ms`; `wake()` (when idle) and `stop()` end the wait early. */
  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        if (this.sleepTimer) clearTimeout(this.sleepTimer);
        this.sleepTimer = null;
        this.interrupt = null;
        resolve();
      };
      this.interrupt = done;
      this.sleepTimer = setTimeout(done, ms);
      if (this.stopped) done();
    });
  }

  /** Keeps the acknowledged id in the hall's store, at most every 2 s (and at stop). */
  private persist(force: boolean): void {
    if (!force && this.now() - this.persistedAt < 2000) return;
    this.persistedAt = this.now();
    try {
      if (this.d.store.uplinkAcked() !== this.acked) this.d.store.setUplinkAcked(this.acked);
    } catch (e) {
      this.log(`could not store the acknowledged id: ${(e as Error).message}`);
    }
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.fetch(this.d.link.baseUrl + path, {
      method,
      headers: {
        authorization: this.auth,
        "content-type": "application/json",
        accept: "application/json",
        "accept-language": "en",
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(20_000),
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    if (!res.ok) {
      const err = (json as { error?: { code?: string; details?: unknown } } | null)?.error;
      throw new HttpFailure(res.status, err?.code ?? `http-${res.status}`, err?.details ?? null);
    }
    return json as T;
  }
}
