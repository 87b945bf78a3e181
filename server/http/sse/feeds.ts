/**
 * What goes on which live stream, and when (docs/decisions/0087-pushed-live-state.md): the bus
 * says what a commit touched, the read side (hall/views.ts) builds each view once, and
 * the hub (hub.ts) sends the same bytes to every stream that hears it. Nothing is built
 * for a channel nobody hears.
 *
 * Channels and their frames:
 *   public          hall-state, hall-call, notice              (GET /api/live)
 *   events          committed events, public form              (GET /api/events)
 *   staff:hall      hall-state, notice                         (GET /api/live/staff, view by view)
 *   staff:counters  counters        staff:mine    mine (per user)
 *   staff:events    event (staff form)
 *   staff:today     today           staff:printers printers    staff:devices devices
 *   ticket:{id}     ticket                                     (GET /api/tickets/{code}/live)
 *   printer:{id}    printer, job                               (GET /api/kiosks/{id}/live)
 *
 * When: committed events and call cues at once, in commit order; a touched ticket's
 * frame at once after the commit (the phone learns of its call in milliseconds); the hall
 * snapshot at most every 100 ms (the newest, coalesced, as MQTT `hall/state`); counters
 * and `mine` after each commit that touched a counter; the other watched tickets'
 * positions and estimates at most every 2 s and on every 15 s refresh; today's report
 * figures at most every 20 s while a manager watches. A frame equal to the one a stream
 * has is not sent again.
 */
import type { DeviceStatus } from "../../contract/api/devices.ts";
import type { EndReason, StaffView, StreamName } from "../../contract/api/live.ts";
import type { PrinterStatus, PrintJob } from "../../contract/api/printing.ts";
import type { HallConfig } from "../../contract/config.ts";
import type { UserInfo } from "../../contract/domain.ts";
import {
  COUNTER_EVENT_TYPES,
  type HallEvent,
  SETTINGS_EVENT_TYPES,
  TICKET_EVENT_TYPES,
} from "../../contract/events.ts";
import type { EventBus } from "../../events/bus.ts";
import { Frame, type HallViews } from "../../hall/views.ts";
import type { ReportRunner } from "../../reports/runner.ts";
import type { SseHub } from "./hub.ts";

const FINAL = new Set(["done", "no-show", "cancelled"]);
/** The events the streams carry (and replay): audit rows never leave the server. */
const LIVE_TYPES: ReadonlySet<string> = new Set([
  ...TICKET_EVENT_TYPES,
  ...COUNTER_EVENT_TYPES,
  ...SETTINGS_EVENT_TYPES,
]);

export interface FeedsDeps {
  views: HallViews;
  hub: SseHub;
  bus: EventBus;
  now: () => number;
  /** Printer status and recent jobs (print/jobs.ts); absent = no printing. */
  printing?: {
    printer(id: string): PrinterStatus | undefined;
    printers(): PrinterStatus[];
    recentJobs(printer: string, n: number): PrintJob[];
  };
  devices?: () => DeviceStatus[];
  /** Today's waits report for managers' `today` frames; absent = no such frames. */
  reports?: ReportRunner;
  /** Committed events kept for `Last-Event-ID` replay. */
  ringSize?: number;
  hallEveryMs?: number;
  estimatesEveryMs?: number;
  todayEveryMs?: number;
  log?: (line: string) => void;
}

export class LiveFeeds {
  private readonly ring: HallEvent[] = [];
  private readonly watched = new Map<number, number>();
  private readonly touched = new Set<number>();
  private hallDirty = false;
  private countersDirty = false;
  private mineDirty = false;
  private estimatesDirty = false;
  private todayDirty = true;
  private scheduled = false;
  private hallTimer: ReturnType<typeof setTimeout> | null = null;
  private estimatesTimer: ReturnType<typeof setTimeout> | null = null;
  private todayTimer: ReturnType<typeof setTimeout> | null = null;
  private lastHallAt = Number.NEGATIVE_INFINITY;
  private lastHallJson = "";
  private lastCountersJson = "";
  private lastEstimatesAt = Number.NEGATIVE_INFINITY;
  private lastTodayAt = Number.NEGATIVE_INFINITY;
  private todayFrame: Frame<unknown> | null = null;
  private todayBusy = false;
  private readonly off: (() => void)[] = [];
  private readonly log: (line: string) => void;
  private stopped = false;

  constructor(private readonly d: FeedsDeps) {
    this.log = d.log ?? ((l) => console.warn(`[live] ${l}`));
    d.hub.endFrame = (reason) => endFrame(reason).sse();
    this.off.push(
      d.bus.on("event", (e) => this.onEvent(e)),
      d.bus.on("changed", (c) => this.onChanged(c)),
      d.bus.on("refresh", () => this.onRefresh()),
      d.bus.on("config", (c) => this.onConfig(c)),
      d.bus.on("print", (c) => this.onPrint(c)),
      d.bus.on("device", () => this.onDevice()),
    );
  }

  /** Stops the timers and unsubscribes (shutdown). */
  stop(): void {
    this.stopped = true;
    for (const f of this.off) f();
    for (const t of [this.hallTimer, this.estimatesTimer, this.todayTimer]) if (t) clearTimeout(t);
  }

  // ------------------------------------------------------------------ opening streams

  /** `GET /api/live`: the hall board's frames. */
  openPublic(req: Request, address: string): Response {
    const hall = this.d.views.hallState();
    return this.d.hub.open(req, {
      address,
      stream: "public",
      channels: ["public"],
      first: [hello("public", hall.id), hall.sse()],
      meta: {},
    });
  }

  /**
   * `GET /api/events`: committed events, public form. With `Last-Event-ID` the missed
   * ones are replayed from the ring; older than the ring (or more than half a buffer): a
   * `resync` event, and the client refetches what it derives from events.
   */
  openEvents(req: Request, address: string, lastSeen: number | null): Response {
    const seq = this.d.views.seq();
    const first = [helloEvents(seq)];
    if (lastSeen !== null && lastSeen < seq) {
      const missed = this.replay(lastSeen, (e) => this.d.views.eventForms(e).pub?.sse() ?? null);
      first.push(...(missed ?? [RESYNC]));
    }
    return this.d.hub.open(req, { address, stream: "events", channels: ["events"], first, meta: {} });
  }

  /** `GET /api/live/staff`: the views asked for, afresh, then as they change. */
  openStaff(
    req: Request,
    o: {
      address: string;
      user: UserInfo;
      views: readonly StaffView[];
      lastSeen: number | null;
      check: () => EndReason | null;
    },
  ): Response {
    const v = this.d.views;
    const seq = v.seq();
    const first: Uint8Array[] = [hello("staff", seq)];
    const channels: string[] = [];
    const has = (x: StaffView) => o.views.includes(x);
    if (has("hall")) {
      channels.push("staff:hall");
      first.push(v.hallState().sse());
    }
    if (has("counters")) {
      channels.push("staff:counters");
      first.push(v.staffCounters().sse());
    }
    const mine = has("mine") ? v.mine(o.user) : null;
    if (mine) {
      channels.push("staff:mine");
      first.push(mine.sse());
    }
    if (has("events")) {
      channels.push("staff:events");
      if (o.lastSeen !== null && o.lastSeen < seq) {
        const missed = this.replay(o.lastSeen, (e) => this.d.views.eventForms(e).staff.sse());
        first.push(...(missed ?? [RESYNC]));
      }
    }
    if (has("today") && this.d.reports) {
      channels.push("staff:today");
      if (this.todayFrame) first.push(this.todayFrame.sse());
      this.wantToday();
    }
    if (has("printers") && this.d.printing) {
      channels.push("staff:printers");
      first.push(Frame.of("printers", { printers: this.d.printing.printers() }, seq).sse());
    }
    if (has("devices") && this.d.devices) {
      channels.push("staff:devices");
      first.push(Frame.of("devices", { devices: this.d.devices() }, seq).sse());
    }
    return this.d.hub.open(req, {
      address: o.address,
      stream: "staff",
      channels,
      first,
      meta: { user: o.user },
      check: o.check,
      // The stream's `mine` is what it has: only a different one is sent again.
      onOpen: (c) => mine && c.last.set("mine", mine.json),
    });
  }

  /**
   * `GET /api/tickets/{code}/live`: ticket `id`'s frames only. A ticket already over gets
   * its last state and an `end` frame, and the stream closes.
   */
  openTicket(req: Request, address: string, id: number): Response {
    const frame = this.d.views.ticket(id);
    const seq = this.d.views.seq();
    const first = [hello("ticket", seq)];
    if (frame) first.push(frame.sse());
    const over = !frame || FINAL.has(frame.value.ticket.status);
    if (over) first.push(endFrame("ticket-over").sse());
    return this.d.hub.open(req, {
      address,
      stream: "ticket",
      channels: [`ticket:${id}`],
      first,
      meta: { ticketId: id },
      closeAfterFirst: over,
      onOpen: (c) => {
        this.watched.set(id, (this.watched.get(id) ?? 0) + 1);
        if (frame) c.last.set("ticket", frame.json);
      },
      onClose: () => this.unwatch(id),
    });
  }

  /** `GET /api/kiosks/{id}/live`: the kiosk's printer and its recent jobs, then their changes. */
  openKiosk(req: Request, address: string, printer: string | null): Response {
    const seq = this.d.views.seq();
    const first = [hello("kiosk", seq)];
    const p = printer ? this.d.printing?.printer(printer) : undefined;
    if (printer && p) {
      first.push(Frame.of("printer", { printer: p }, seq).sse());
      for (const job of this.d.printing?.recentJobs(printer, 5) ?? [])
        first.push(Frame.of("job", { job }, seq).sse());
    }
    return this.d.hub.open(req, {
      address,
      stream: "kiosk",
      channels: printer ? [`printer:${printer}`] : [],
      first,
      meta: {},
    });
  }

  // ------------------------------------------------------------------ the bus

  private onEvent(e: HallEvent): void {
    if (!LIVE_TYPES.has(e.type)) return;
    this.ring.push(e);
    if (this.ring.length > (this.d.ringSize ?? 1000)) this.ring.shift();
    const hub = this.d.hub;
    const wantPub = hub.has("events");
    const wantCue = hub.has("public");
    const wantStaff = hub.has("staff:events");
    if (!wantPub && !wantCue && !wantStaff) return;
    const f = this.d.views.eventForms(e);
    if (wantPub && f.pub) hub.publish("events", f.pub.sse());
    if (wantCue && f.cue) hub.publish("public", f.cue.sse());
    if (wantStaff) hub.publish("staff:events", f.staff.sse());
  }

  private onChanged(c: { counters: number[]; tickets: number[] }): void {
    for (const id of c.tickets) if (this.watched.has(id)) this.touched.add(id);
    this.hallDirty = true;
    this.estimatesDirty = true;
    this.todayDirty = true;
    if (c.counters.length > 0) {
      this.countersDirty = true;
      this.mineDirty = true;
    }
    this.schedule();
  }

  private onNotice(): void {
    const hub = this.d.hub;
    if (hub.has("public") || hub.has("staff:hall")) {
      const f = this.d.views.noticeFrame().sse();
      hub.publish("public", f);
      hub.publish("staff:hall", f);
    }
    this.hallDirty = true;
    this.schedule();
  }

  private onRefresh(): void {
    this.hallDirty = true;
    this.estimatesDirty = true;
    this.lastEstimatesAt = Number.NEGATIVE_INFINITY;
    this.schedule();
  }

  /**
   * A settings version in force (the hall rebuilt its views): every view is sent afresh,
   * the notice frame when the notice changed, the printers and devices when they may have.
   */
  private onConfig(c: { config: HallConfig; previous: HallConfig }): void {
    if (JSON.stringify(c.config.notice) !== JSON.stringify(c.previous.notice)) this.onNotice();
    this.hallDirty = this.countersDirty = this.mineDirty = this.estimatesDirty = this.todayDirty = true;
    for (const id of this.watched.keys()) this.touched.add(id);
    this.onDevice();
    if (this.d.hub.has("staff:printers") && this.d.printing)
      this.d.hub.publish(
        "staff:printers",
        Frame.of("printers", { printers: this.d.printing.printers() }, this.d.views.seq()).sse(),
      );
    this.schedule();
  }

  private onPrint(c: { type: "job"; job: PrintJob } | { type: "printer"; printer: PrinterStatus }): void {
    const hub = this.d.hub;
    const seq = this.d.views.seq();
    if (c.type === "job") {
      const ch = `printer:${c.job.printer}`;
      if (hub.has(ch)) hub.publish(ch, Frame.of("job", { job: c.job }, seq).sse());
    } else {
      const ch = `printer:${c.printer.id}`;
      if (hub.has(ch)) hub.publish(ch, Frame.of("printer", { printer: c.printer }, seq).sse());
    }
    if (hub.has("staff:printers") && this.d.printing)
      hub.publish(
        "staff:printers",
        Frame.of("printers", { printers: this.d.printing.printers() }, seq).sse(),
      );
  }

  private onDevice(): void {
    if (this.d.hub.has("staff:devices") && this.d.devices)
      this.d.hub.publish(
        "staff:devices",
        Frame.of("devices", { devices: this.d.devices() }, this.d.views.seq()).sse(),
      );
  }

  // ------------------------------------------------------------------ flushing

  private schedule(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    // After the request that committed has answered: building frames never delays it.
    setTimeout(() => {
      this.scheduled = false;
      this.flush();
    }, 0);
  }

  /** Sends what changed since the last flush (see the file comment for the pace of each). */
  flush(): void {
    if (this.stopped) return;
    const hub = this.d.hub;
    const v = this.d.views;
    // 1. The tickets this commit touched: at once.
    for (const id of this.touched) this.sendTicket(id);
    this.touched.clear();
    // 2. The hall snapshot, at most every hallEveryMs.
    if (this.hallDirty && (hub.has("public") || hub.has("staff:hall"))) {
      const wait = this.lastHallAt + (this.d.hallEveryMs ?? 100) - performance.now();
      if (wait > 0) {
        this.hallTimer ??= setTimeout(() => {
          this.hallTimer = null;
          this.flush();
        }, wait);
      } else {
        this.hallDirty = false;
        this.lastHallAt = performance.now();
        const f = v.hallState();
        if (f.json !== this.lastHallJson) {
          this.lastHallJson = f.json;
          hub.publish("public", f.sse());
          hub.publish("staff:hall", f.sse());
        }
      }
    } else this.hallDirty = false;
    // 3. Counters, and each user's own counter.
    if (this.countersDirty && hub.has("staff:counters")) {
      const f = v.staffCounters();
      if (f.json !== this.lastCountersJson) {
        this.lastCountersJson = f.json;
        hub.publish("staff:counters", f.sse());
      }
    }
    this.countersDirty = false;
    if (this.mineDirty)
      for (const c of [...hub.clients("staff:mine")]) {
        if (!c.meta.user) continue;
        const f = v.mine(c.meta.user);
        if (c.last.get("mine") !== f.json && c.send(f.sse())) c.last.set("mine", f.json);
      }
    this.mineDirty = false;
    // 4. Everyone else's position and estimate, at most every estimatesEveryMs.
    if (this.estimatesDirty && this.watched.size > 0) {
      const wait = this.lastEstimatesAt + (this.d.estimatesEveryMs ?? 2000) - performance.now();
      if (wait > 0) {
        this.estimatesTimer ??= setTimeout(() => {
          this.estimatesTimer = null;
          this.flush();
        }, wait);
      } else {
        this.estimatesDirty = false;
        this.lastEstimatesAt = performance.now();
        v.estimatesFor([...this.watched.keys()]);
        for (const id of this.watched.keys()) this.sendTicket(id);
      }
    } else if (this.watched.size === 0) this.estimatesDirty = false;
    // 5. Today's figures for managers.
    if (this.todayDirty && hub.has("staff:today")) this.wantToday();
  }

  private sendTicket(id: number): void {
    const ch = `ticket:${id}`;
    if (!this.d.hub.has(ch)) return;
    const f = this.d.views.ticket(id);
    if (!f) return;
    const over = FINAL.has(f.value.ticket.status);
    for (const c of [...this.d.hub.clients(ch)]) {
      if (c.last.get("ticket") !== f.json && c.send(f.sse())) c.last.set("ticket", f.json);
      if (over) c.end(endFrame("ticket-over").sse());
    }
  }

  private unwatch(id: number): void {
    const n = (this.watched.get(id) ?? 1) - 1;
    if (n > 0) this.watched.set(id, n);
    else {
      this.watched.delete(id);
      this.d.views.forgetTicket(id);
    }
  }

  /** Today's figures: now if the last are older than todayEveryMs, else at the end of that spacing. */
  private wantToday(): void {
    if (!this.d.reports || this.stopped) return;
    const wait = this.lastTodayAt + (this.d.todayEveryMs ?? 20_000) - performance.now();
    if (this.todayFrame && !this.todayDirty) return;
    if (wait > 0) {
      this.todayTimer ??= setTimeout(() => {
        this.todayTimer = null;
        this.wantToday();
      }, wait);
      return;
    }
    if (this.todayBusy) return;
    this.todayBusy = true;
    this.todayDirty = false;
    this.lastTodayAt = performance.now();
    const reports = this.d.reports;
    const now = this.d.now();
    const seq = this.d.views.seq();
    const run = (groupBy: string) =>
      reports.run({ kind: "waits", query: { preset: "today", groupBy }, lang: "vi", now });
    Promise.all([run("service"), run("hour")])
      .then(([s, h]) => {
        if (s.type !== "json" || h.type !== "json" || this.stopped) return;
        this.todayFrame = Frame.of("today", { seq, byService: s.body, byHour: h.body }, seq);
        this.d.hub.publish("staff:today", this.todayFrame.sse());
      })
      .catch((e: unknown) => this.log(`today's figures failed: ${(e as Error).message}`))
      .finally(() => {
        this.todayBusy = false;
        if (this.todayDirty && this.d.hub.has("staff:today")) this.wantToday();
      });
  }

  /** The missed events after `lastSeen`, or null when the ring cannot tell (→ resync). */
  private replay(lastSeen: number, bytes: (e: HallEvent) => Uint8Array | null): Uint8Array[] | null {
    // An id between lastSeen and the oldest kept may be an audit row (never sent) or a
    // missed event: the ring cannot tell, so the client resyncs.
    const oldest = this.ring[0];
    if (!oldest || oldest.id > lastSeen + 1) return null;
    const out: Uint8Array[] = [];
    let size = 0;
    for (const e of this.ring) {
      if (e.id <= lastSeen) continue;
      const b = bytes(e);
      if (!b) continue;
      size += b.byteLength;
      if (size > this.d.hub.bufferBytes / 2) return null;
      out.push(b);
    }
    return out;
  }
}

const ENC = new TextEncoder();
const RESYNC = ENC.encode("event: resync\ndata: {}\n\n");

function hello(stream: StreamName, seq: number): Uint8Array {
  return Frame.of("hello", { stream, seq, heartbeatSec: 15 }, seq).sse();
}

/** `/api/events` keeps its first frame as it was: `hello` with `lastEventId`. */
function helloEvents(seq: number): Uint8Array {
  return ENC.encode(`event: hello\ndata: ${JSON.stringify({ lastEventId: seq })}\n\n`);
}

function endFrame(reason: EndReason): Frame<{ reason: EndReason }> {
  return new Frame("end", { reason }, JSON.stringify({ reason }), -1);
}
