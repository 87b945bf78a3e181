/**
 * The live wall: every hall now, pushed to the province dashboards (push, not polling: the
 * STYLE.md read side). Two feeds change a hall's row:
 * - its live summary and online/offline status on the province's broker (what is waiting
 *   now, the longest wait, counters open: the hall's own numbers, seconds old);
 * - its ingested events (today's figures from the province's store, the last event time),
 *   recomputed for that hall alone after each batch.
 * Every change goes out at once as one `hall` frame with a sequence number; a client that
 * sees a gap (or reconnects) gets the whole wall again. A timer re-evaluates flags as waits
 * grow and starts a new service day at midnight (Asia/Ho_Chi_Minh).
 */

import type { HallLiveSummary, ProvinceHall } from "../../server/contract/province.ts";
import type { WaitFigures } from "../../server/contract/reports.ts";
import { isoVn, serviceDay } from "../../server/queue/time.ts";
import { buildAcrossReport } from "../reports/across.ts";
import type { HallRecord } from "../store/halls.ts";
import type { ProvinceStore } from "../store/store.ts";

export type WallFrame =
  | { type: "wall"; seq: number; halls: ProvinceHall[] }
  | { type: "hall"; seq: number; hall: ProvinceHall };

const EMPTY: WaitFigures = {
  tickets: 0,
  served: 0,
  noShows: 0,
  cancelled: 0,
  called: 0,
  meanWaitSec: null,
  medianWaitSec: null,
  p90WaitSec: null,
  maxWaitSec: null,
  breaches: 0,
  withinTargetPct: null,
  meanServiceSec: null,
  ratings: 0,
  satisfiedPct: null,
};

interface LiveState {
  live: HallLiveSummary | null;
  online: boolean;
  statusAt: number | null;
}

export class LiveWall {
  private halls = new Map<string, HallRecord>();
  private readonly live = new Map<string, LiveState>();
  private readonly today = new Map<string, WaitFigures>();
  private readonly listeners = new Set<(f: WallFrame) => void>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private seq = 0;
  private reloading: Promise<void> | null = null;
  private reloadAgain = false;
  private day = "";
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly store: ProvinceStore,
    private readonly o: { targetMin: number; now: () => number; log: (m: string) => void },
  ) {}

  /** Loads the halls and today's figures; starts the flag/day timer. */
  async start(): Promise<void> {
    await this.reloadHalls();
    await this.recomputeAll();
    this.timer = setInterval(() => void this.tick(), 15_000);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    for (const t of this.pending.values()) clearTimeout(t);
    this.pending.clear();
  }

  /** Subscribes to frames; returns the unsubscribe function. */
  subscribe(fn: (f: WallFrame) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** The whole wall (GET /api/halls, a new SSE client), in hall-id order. */
  snapshot(): { seq: number; halls: ProvinceHall[] } {
    return { seq: this.seq, halls: [...this.halls.keys()].sort().map((id) => this.row(id)) };
  }

  /**
   * A hall was added, renamed or moved to another area, or sent a new profile: reload the
   * registry and push it. Calls while a reload runs are folded into one more reload after it
   * (a hundred halls reconnecting at once send their profiles together; each reload reads
   * every hall's day from the store), and each call resolves once its change is on the wall.
   */
  hallsChanged(): Promise<void> {
    if (this.reloading) {
      this.reloadAgain = true;
      return this.reloading;
    }
    this.reloading = (async () => {
      try {
        do {
          this.reloadAgain = false;
          await this.reloadHalls();
          await this.recomputeAll();
          this.emit({ type: "wall", seq: ++this.seq, halls: this.snapshot().halls });
        } while (this.reloadAgain);
      } finally {
        this.reloading = null;
      }
    })();
    return this.reloading;
  }

  /** A live summary from the broker (already validated, topic and payload of the same hall). */
  onSummary(s: HallLiveSummary): void {
    if (!this.halls.has(s.hallId)) return;
    const st = this.state(s.hallId);
    if (st.live && s.seq <= st.live.seq) return; // stale or repeated (QoS 1 may deliver twice)
    st.live = s;
    st.online = true;
    this.push(s.hallId);
  }

  /** The hall's retained online/offline status (its last will). */
  onStatus(hallId: string, online: boolean): void {
    if (!this.halls.has(hallId)) return;
    const st = this.state(hallId);
    st.online = online;
    st.statusAt = this.o.now();
    this.push(hallId);
  }

  /** Events of the hall were ingested: recompute its day (coalesced over 100 ms) and push. */
  onIngest(
    hallId: string,
    r: { lastEventId: number; lastEventAt: number | null; eventVersion: number | null },
  ): void {
    const h = this.halls.get(hallId);
    if (h) {
      h.lastEventId = r.lastEventId;
      h.lastEventAt = r.lastEventAt;
      h.eventVersion = r.eventVersion ?? h.eventVersion;
    }
    // A batch of past days (a hall catching up) changes no figure of today: no query.
    if (r.lastEventAt === null || serviceDay(r.lastEventAt) !== serviceDay(this.o.now())) {
      this.push(hallId);
      return;
    }
    if (this.pending.has(hallId)) return;
    this.pending.set(
      hallId,
      setTimeout(() => {
        this.pending.delete(hallId);
        void this.recompute([hallId]).then(() => this.push(hallId));
      }, 100),
    );
  }

  private state(id: string): LiveState {
    let s = this.live.get(id);
    if (!s) {
      s = { live: null, online: false, statusAt: null };
      this.live.set(id, s);
    }
    return s;
  }

  private row(id: string): ProvinceHall {
    const h = this.halls.get(id)!;
    const s = this.live.get(id);
    const today = this.today.get(id) ?? EMPTY;
    const targetSec = (h.profile?.targets.waitMin ?? this.o.targetMin) * 60;
    const live = s?.live ?? null;
    return {
      id,
      name: h.name,
      area: h.area,
      online: s?.online ?? false,
      statusAt: s?.statusAt ? isoVn(s.statusAt) : null,
      lastEventId: h.lastEventId,
      lastEventAt: h.lastEventAt === null ? null : isoVn(h.lastEventAt),
      eventVersion: h.eventVersion,
      live,
      today,
      overTarget:
        (live !== null && s!.online && live.longestWaitSec > targetSec) ||
        (today.meanWaitSec !== null && today.meanWaitSec > targetSec),
    };
  }

  private push(id: string): void {
    if (!this.halls.has(id)) return;
    this.emit({ type: "hall", seq: ++this.seq, hall: this.row(id) });
  }

  private emit(f: WallFrame): void {
    for (const fn of this.listeners) {
      try {
        fn(f);
      } catch (e) {
        this.o.log(`wall listener failed: ${(e as Error).message}`);
      }
    }
  }

  private async reloadHalls(): Promise<void> {
    this.halls = new Map((await this.store.halls.list()).map((h) => [h.id, h]));
  }

  private async recomputeAll(): Promise<void> {
    this.day = serviceDay(this.o.now());
    this.today.clear();
    await this.recompute(null);
  }

  /** Today's figures of some halls (null = all) from the store, by the hall's definitions. */
  private async recompute(ids: string[] | null): Promise<void> {
    const day = serviceDay(this.o.now());
    try {
      const r = await buildAcrossReport(
        {
          reports: this.store.reports,
          halls: [...this.halls.values()],
          targetMin: this.o.targetMin,
          now: this.o.now(),
        },
        {
          range: { from: day, to: day, days: 1 },
          groupBy: "hall",
          filter: { halls: ids, areas: null, services: null },
          lang: "vi",
        },
      );
      for (const { key, label: _l, ...f } of r.rows) this.today.set(key, f);
    } catch (e) {
      this.o.log(`today's figures failed: ${(e as Error).message}`);
    }
  }

  /** Every 15 s: a new day starts over; waits grow, so uncalled visits may cross the target. */
  private async tick(): Promise<void> {
    if (serviceDay(this.o.now()) !== this.day) await this.recomputeAll();
    else await this.recompute(null);
    this.emit({ type: "wall", seq: ++this.seq, halls: this.snapshot().halls });
  }
}
