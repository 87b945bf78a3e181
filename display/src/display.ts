/**
 * The hall display board (`/display`): entry of dist/display/display.js, root element
 * <display-app>. It owns the data (HallFeed: MQTT over WebSocket, SSE fallback), the
 * voice (Announcer) and the sound settings; the display-* components only render what
 * they are given (STYLE.md, home-assistant: "leaf components never fetch").
 *
 * Sizes are in `--u` = 1vmin, so the board looks the same on a 1920×1080, a 1280×720 or
 * a portrait TV; display/README.md relates them to reading distance.
 *
 * URL parameters: `base` (MQTT base topic, default: the server's, from /api/health), `sound`, `volume`, `voice`
 * (settings.ts). Test hooks: `window.__qmsAnnouncements` (every announcement and what
 * became of it) and the `data-online`, `data-transport`, `data-seq`, `data-voice` (set once
 * the clips are loaded: recorded, speech, espeak or none) attributes.
 */
import { css, html, LitElement, nothing } from "lit";
import { customElement, state } from "lit/decorators.js";
import type { CounterInfo, PublicCall, ServiceInfo } from "../../server/contract/domain.ts";
import type { CallCue, HallState } from "../../server/contract/topics.ts";
import { api } from "../../ui/api.ts";
import { type AnnouncementRecord, Announcer } from "./announcer.ts";
import { callKey } from "./display-calls.ts";
import { type FeedStatus, HallFeed } from "./feed.ts";
import { closedLine, hallToday } from "./hall-closed.ts";
import { t } from "./messages.ts";
import { parseSnapshot } from "./payloads.ts";
import { loadSettings, type SoundSettings, saveSettings } from "./settings.ts";
import "./display-calls.ts";
import "./display-header.ts";
import "./display-recent.ts";
import "./display-sound.ts";
import "./display-status.ts";
import "./display-ticker.ts";
import "./display-waiting.ts";

declare global {
  interface Window {
    __qmsAnnouncements?: AnnouncementRecord[];
  }
}

const FLASH_MS = 6000;
const VOICE_BASE = "/assets/display/voice";
const storage = (): Storage | null => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
};

@customElement("display-app")
export class DisplayApp extends LitElement {
  static override styles = css`
    .closed {
      flex: 1 1 100%;
      display: flex;
      flex-wrap: wrap;
      gap: 0 calc(var(--u) * 2);
      align-items: baseline;
      padding: calc(var(--u) * 0.8) calc(var(--u) * 1.5);
      border-radius: calc(var(--u) * 1);
      background: #f5c400;
      color: #1a1400;
      font-size: calc(var(--u) * 3.2);
      font-weight: 700;
    }
    .closed .en {
      font-size: calc(var(--u) * 2.4);
      font-weight: 500;
    }
    :host {
      --u: 1vmin;
      --bg: #061a33;
      --panel: #0c2a4d;
      --panel-2: #113866;
      --text: #ffffff;
      --muted: #a9bfdc;
      --accent: #ffd23f;
      --priority: #ff9f1c;
      --flash-bg: #ffd23f;
      --flash-text: #061a33;
      --danger: #ff5a5f;
      display: grid;
      grid-template-rows: auto minmax(0, 1fr) auto auto;
      /* Trap: without an explicit track the column grows to the ticker's unwrapped width. */
      grid-template-columns: minmax(0, 1fr);
      width: 100vw;
      height: 100vh;
      overflow: hidden;
      background: var(--bg);
      color: var(--text);
      font-family: "Noto Sans", "DejaVu Sans", "Segoe UI", Roboto, Arial, sans-serif;
    }
    :host(.idle) {
      cursor: none;
    }
    display-calls,
    display-recent {
      overflow: hidden;
    }
    main {
      display: grid;
      grid-template-columns: minmax(0, 1.75fr) minmax(0, 1fr);
      gap: calc(var(--u) * 2.5);
      padding: calc(var(--u) * 2) calc(var(--u) * 3) 0;
      min-height: 0;
    }
    display-waiting {
      padding: calc(var(--u) * 0.6) calc(var(--u) * 3) calc(var(--u) * 1.2);
    }
    .loading {
      grid-column: 1 / -1;
      display: grid;
      place-items: center;
      font-size: calc(var(--u) * 4);
      color: var(--muted);
    }
    @media (orientation: portrait) {
      main {
        grid-template-columns: minmax(0, 1fr);
        grid-template-rows: auto minmax(0, 1fr);
      }
      display-recent {
        --recent-columns: 2;
      }
      display-waiting {
        --waiting-columns: 4;
      }
    }
  `;

  @state() private _state: HallState | null = null;
  @state() private _services: ServiceInfo[] = [];
  @state() private _cues: (PublicCall & { receivedAt: number })[] = [];
  @state() private _fresh = new Map<string, number>();
  @state() private _status: FeedStatus = { online: false, transport: null };
  @state() private _offlineSince: number | null = Date.now();
  @state() private _settings: SoundSettings = loadSettings(location.search, storage());
  @state() private _blocked = false;
  @state() private _portrait = matchMedia("(orientation: portrait)").matches;
  @state() private _idle = true;

  private feed: HallFeed | null = null;
  private announcer: Announcer | null = null;
  private freshTimer: ReturnType<typeof setTimeout> | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private readonly orientation = matchMedia("(orientation: portrait)");

  override connectedCallback(): void {
    super.connectedCallback();
    this.stopped = false;
    window.__qmsAnnouncements ??= [];
    this.announcer = new Announcer({
      voiceBase: VOICE_BASE,
      settings: () => this._settings,
      onBlocked: (b) => (this._blocked = b),
      onQueued: (r) => {
        const log = window.__qmsAnnouncements;
        log?.push(r);
        if (log && log.length > 200) log.splice(0, log.length - 200);
      },
    });
    void this.announcer.init().then(() => {
      this.dataset.voice = this.announcer?.voiceInUse ?? "none";
    });
    window.addEventListener("pointerdown", this.unlock);
    window.addEventListener("keydown", this.unlock);
    window.addEventListener("mousemove", this.wake);
    this.orientation.addEventListener("change", this.onOrientation);
    document.addEventListener("visibilitychange", this.keepAwake);
    this.keepAwake();
    void this.boot();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopped = true;
    this.feed?.stop();
    window.removeEventListener("pointerdown", this.unlock);
    window.removeEventListener("keydown", this.unlock);
    window.removeEventListener("mousemove", this.wake);
    this.orientation.removeEventListener("change", this.onOrientation);
    document.removeEventListener("visibilitychange", this.keepAwake);
  }

  /** Learns the hall id (needed for the topics) and the field names, then goes live. */
  private async boot(): Promise<void> {
    let hall: HallState | null = null;
    for (let attempt = 0; !hall && !this.stopped; attempt++) {
      try {
        hall = parseSnapshot(await api("GET", "/api/hall"), null, -1);
      } catch {
        /* the server is not up yet: retry */
      }
      if (!hall) await sleep(Math.min(10_000, 1000 * 2 ** attempt));
    }
    if (!hall || this.stopped) return;
    this._state = hall;
    void this.loadServices();
    // The base topic: ?base= on the URL, else what the server says it uses, else "qms".
    const health = await api("GET", "/api/health").catch(() => null);
    const base = new URLSearchParams(location.search).get("base") || health?.mqttBaseTopic || "qms";
    this.feed = new HallFeed({
      wsUrl: `${location.origin.replace(/^http/, "ws")}/mqtt`,
      base,
      hallId: hall.hall.id,
      onState: (s) => this.onState(s),
      onCue: (c) => this.onCue(c),
      onStatus: (s) => this.onStatus(s),
    });
    this.feed.start();
  }

  private async loadServices(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        this._services = (await api("GET", "/api/services")).services;
        return;
      } catch {
        await sleep(Math.min(30_000, 2000 * 2 ** attempt));
      }
    }
  }

  private onState(s: HallState): void {
    const prev = this._state?.calls[0];
    const next = s.calls[0];
    // A new first call that came without a cue (cue lost, or the board was offline).
    if (
      this._state?.seq !== -1 &&
      next &&
      (!prev || `${callKey(prev)}${prev.calledAt}` !== `${callKey(next)}${next.calledAt}`)
    )
      if (!this._fresh.has(callKey(next))) this.flash(callKey(next));
    this._state = s;
    const now = Date.now();
    this._cues = this._cues.filter(
      (c) =>
        now - c.receivedAt < 10_000 &&
        !s.calls.some((x) => callKey(x) === callKey(c) && Date.parse(x.calledAt) >= Date.parse(c.calledAt)),
    );
    this.dataset.seq = String(s.seq);
  }

  private onCue(c: CallCue): void {
    this._cues = [
      {
        number: c.number,
        counter: c.counter,
        calledAt: c.at,
        prioritized: c.prioritized,
        serviceId: c.serviceId,
        recall: c.recall,
        receivedAt: Date.now(),
      },
      ...this._cues.filter((x) => x.number !== c.number),
    ];
    this.flash(callKey(c));
    this.announcer?.enqueue(c);
  }

  private onStatus(s: FeedStatus): void {
    this._status = s;
    if (s.online) this._offlineSince = null;
    else this._offlineSince ??= Date.now();
    this.dataset.online = String(s.online);
    this.dataset.transport = s.transport ?? "none";
    // Field names may have changed while the server was away.
    if (s.online) void this.loadServices();
  }

  private flash(key: string): void {
    const until = Date.now() + FLASH_MS;
    this._fresh = new Map(this._fresh).set(key, until);
    if (this.freshTimer) clearTimeout(this.freshTimer);
    this.freshTimer = setTimeout(() => this.expireFresh(), FLASH_MS + 50);
  }

  private expireFresh(): void {
    const now = Date.now();
    this._fresh = new Map([...this._fresh].filter(([, until]) => until > now));
    if (this._fresh.size > 0) this.freshTimer = setTimeout(() => this.expireFresh(), 500);
  }

  /** State calls with the cues that arrived ahead of their state on top, newest first. */
  private calls(): PublicCall[] {
    const base = this._state?.calls ?? [];
    const ahead = this._cues.filter(
      (c) => !base.some((x) => callKey(x) === callKey(c) && Date.parse(x.calledAt) >= Date.parse(c.calledAt)),
    );
    return [...ahead, ...base.filter((x) => !ahead.some((c) => c.number === x.number))];
  }

  private readonly unlock = () => {
    if (this._blocked) void this.announcer?.unlock();
  };

  /** The pointer and the settings gear show only while someone moves a mouse. */
  private readonly wake = () => {
    this._idle = false;
    this.classList.remove("idle");
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this._idle = true;
      this.classList.add("idle");
    }, 5000);
  };

  private readonly onOrientation = () => {
    this._portrait = this.orientation.matches;
  };

  /** Keeps the TV from dimming (Screen Wake Lock API; ignored where unsupported). */
  private readonly keepAwake = () => {
    if (document.visibilityState !== "visible") return;
    const wl = (navigator as Navigator & { wakeLock?: { request(t: "screen"): Promise<unknown> } }).wakeLock;
    wl?.request("screen").catch(() => {});
  };

  private onSettings(s: SoundSettings): void {
    this._settings = s;
    saveSettings(s, storage());
  }

  /** The hall's closed line (lunch, cut-off, holiday…), Vietnamese then English; nothing while it issues. */
  private _closedBanner(status: HallState["status"]) {
    const line = closedLine(status, hallToday());
    if (!line) return nothing;
    return html`<div class="closed" role="status" data-testid="closed" data-reason=${status?.reason ?? ""}>
      <span class="vi">${line.vi}</span><span class="en">${line.en}</span>
    </div>`;
  }

  override render() {
    const s = this._state;
    const calls = this.calls();
    // What fits at the sizes of display/README.md; a hall with many fields gets a second
    // row of waiting tiles, so one big row less.
    const manyFields = this._services.length > 8;
    const big = (this._portrait ? 4 : 3) - (manyFields ? 1 : 0);
    // More than fit: display-recent hides the rows that would be cut (fit.ts).
    const recent = 12 - big;
    const counters: CounterInfo[] = s?.counters ?? [];
    return html`<display-header .name=${s?.hall.name ?? ""} .nameEn=${s?.hall.nameEn ?? ""}>
        <display-status .online=${this._status.online} .since=${this._offlineSince}></display-status>
        ${this._closedBanner(s?.status)}
      </display-header>
      <main>
        ${
          s
            ? html`<display-calls
                .calls=${calls.slice(0, big)}
                .counters=${counters}
                .fresh=${new Set(this._fresh.keys())}
              ></display-calls>
              <display-recent .calls=${calls.slice(big, big + recent)}></display-recent>`
            : html`<div class="loading">${t("loading", "vi")}</div>`
        }
      </main>
      <display-waiting .services=${this._services} .waiting=${s?.waiting ?? []}></display-waiting>
      <display-ticker .notice=${s?.notice ?? null}></display-ticker>
      <display-sound
        .blocked=${this._blocked}
        .gear=${!this._idle}
        .settings=${this._settings}
        .voiceInUse=${this.announcer?.voiceInUse ?? "none"}
        @sound-change=${(e: CustomEvent<SoundSettings>) => this.onSettings(e.detail)}
        @sound-test=${() => {
          void this.announcer?.unlock();
          this.announcer?.enqueue({
            number: calls[0]?.number ?? "A001",
            counter: calls[0]?.counter ?? 1,
            recall: false,
          });
        }}
      ></display-sound>`;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

declare global {
  interface HTMLElementTagNameMap {
    "display-app": DisplayApp;
  }
}
