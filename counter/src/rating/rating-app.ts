/**
 * `<rating-app>`, the counter-facing rating tablet at /counter/rating?counter=n.
 * Four large buttons (Rất hài lòng = 4 … Không hài lòng = 1, DOMAIN.md "How a visit
 * goes") rate the visit last finished at counter n, once, within the rating window, like
 * the MQTT rating pad. The tablet shows which number it rates, so the next visitor
 * cannot rate someone else's visit by mistake (docs/decisions/0051). Visitor-facing:
 * Vietnamese first with English under it, both always on screen.
 *
 * State is pushed: the public event stream's `finished` at this counter opens a rating of
 * that number for the rating window, its `rated` closes it, a timer closes it when the
 * window ends. The tablet asks the server only when the stream (re)connects or says
 * `resync` (a gap), and after a refused rating.
 */
import { css, html, LitElement } from "lit";
import { customElement, state } from "lit/decorators.js";
import type { PublicHallEvent } from "../../../server/contract/events.ts";
import { ApiFailure, apiUrl } from "../../../ui/api.ts";
import { deviceToken } from "../../../ui/device-token.ts";
import { LiveStream } from "../../../ui/live.ts";
import { type RatingTarget, rateAtCounter, ratingTarget } from "./data.ts";

interface Choice {
  score: 1 | 2 | 3 | 4;
  vi: string;
  en: string;
  color: string;
  /** Mouth of the face: a path from (30,62) to (70,62) bending up (smile) or down. */
  mouth: string;
}

/** Best first, as visitors read left to right. */
const CHOICES: Choice[] = [
  { score: 4, vi: "Rất hài lòng", en: "Very satisfied", color: "#17693b", mouth: "M30 58 Q50 82 70 58" },
  { score: 3, vi: "Hài lòng", en: "Satisfied", color: "#3f8a2e", mouth: "M32 62 Q50 74 68 62" },
  { score: 2, vi: "Bình thường", en: "Neutral", color: "#8a6200", mouth: "M32 66 L68 66" },
  { score: 1, vi: "Không hài lòng", en: "Dissatisfied", color: "#b3261e", mouth: "M30 72 Q50 52 70 72" },
];

const TEXT = {
  counter: { vi: "Quầy {n}", en: "Counter {n}" },
  ask: {
    vi: "Mời quý khách đánh giá lượt phục vụ số {number}",
    en: "Please rate your visit, number {number}",
  },
  idle: {
    vi: "Sau khi được phục vụ, quý khách vui lòng đánh giá tại đây",
    en: "After your visit, please rate our service here",
  },
  thanks: { vi: "Cảm ơn quý khách!", en: "Thank you!" },
  thanksSub: {
    vi: "Ý kiến của quý khách giúp chúng tôi phục vụ tốt hơn.",
    en: "Your opinion helps us serve you better.",
  },
  "already-rated": { vi: "Lượt phục vụ này đã được đánh giá.", en: "This visit has already been rated." },
  "rating-closed": { vi: "Đã hết thời gian đánh giá lượt này.", en: "The time to rate this visit is over." },
  "not-finished": { vi: "Chưa có lượt phục vụ nào để đánh giá.", en: "There is no finished visit to rate." },
  offline: { vi: "Đang kết nối máy chủ…", en: "Connecting to the server…" },
  noCounter: {
    vi: "Thiếu số quầy. Mở trang với địa chỉ /counter/rating?counter=1",
    en: "No counter given. Open /counter/rating?counter=1",
  },
  error: {
    vi: "Chưa gửi được đánh giá, vui lòng thử lại.",
    en: "The rating was not sent, please try again.",
  },
} as const;

type Key = keyof typeof TEXT;
const vi = (k: Key, v: Record<string, string | number> = {}) => fill(TEXT[k].vi, v);
const en = (k: Key, v: Record<string, string | number> = {}) => fill(TEXT[k].en, v);
const fill = (s: string, v: Record<string, string | number>) =>
  s.replace(/\{(\w+)\}/g, (_, k: string) => String(v[k] ?? ""));

@customElement("rating-app")
export class RatingApp extends LitElement {
  static override styles = css`
    :host {
      display: grid;
      grid-template-rows: auto auto 1fr auto;
      height: 100vh;
      box-sizing: border-box;
      padding: 3vh 3vw;
      gap: 2vh;
      background: #fff;
      color: #17202b;
      font-family: "Noto Sans", "DejaVu Sans", "Segoe UI", Roboto, Arial, sans-serif;
      user-select: none;
      -webkit-tap-highlight-color: transparent;
    }
    .counter {
      font-size: clamp(1.2rem, 3vh, 2rem);
      font-weight: 800;
      color: #0b3d6e;
    }
    .ask {
      text-align: center;
    }
    .ask .vi {
      font-size: clamp(1.4rem, 4.6vh, 3rem);
      font-weight: 700;
    }
    .ask .en {
      font-size: clamp(1rem, 2.8vh, 1.8rem);
      color: #566374;
    }
    .choices {
      display: grid;
      grid-template-columns: repeat(4, 1fr);
      gap: 2vw;
      min-height: 0;
    }
    @media (orientation: portrait) {
      .choices {
        grid-template-columns: 1fr 1fr;
      }
    }
    button {
      font: inherit;
      border: 0;
      border-radius: 20px;
      color: #fff;
      cursor: pointer;
      display: grid;
      align-content: center;
      justify-items: center;
      gap: 1vh;
      padding: 2vh 1vw;
      min-height: 0;
      touch-action: manipulation;
    }
    button:disabled {
      opacity: 0.35;
      cursor: default;
    }
    button:active:not(:disabled) {
      transform: scale(0.97);
    }
    button svg {
      width: min(14vh, 60%);
      height: auto;
    }
    button .vi {
      font-size: clamp(1.2rem, 3.8vh, 2.4rem);
      font-weight: 800;
    }
    button .en {
      font-size: clamp(0.9rem, 2.4vh, 1.4rem);
      opacity: 0.9;
    }
    .status {
      text-align: center;
      min-height: 3em;
      font-size: clamp(1rem, 2.6vh, 1.5rem);
      color: #566374;
    }
    .status .vi {
      color: #17202b;
      font-weight: 600;
    }
    .thanks {
      grid-row: 2 / 5;
      display: grid;
      place-content: center;
      text-align: center;
      gap: 2vh;
    }
    .thanks .vi {
      font-size: clamp(2rem, 9vh, 6rem);
      font-weight: 800;
      color: #17693b;
    }
    .thanks .en {
      font-size: clamp(1.2rem, 4vh, 2.5rem);
      color: #566374;
    }
  `;

  @state() private _counter: number | null = parseCounter(location.search);
  @state() private _last: RatingTarget | null = null;
  @state() private _loaded = false;
  @state() private _message: Key | null = null;
  @state() private _thanks = false;
  @state() private _busy = false;

  /** The public event stream: its own counter's `finished` and that visit's `rated` are applied. */
  private readonly _live = new LiveStream(this, {
    url: () => apiUrl("GET", "/api/events", {}),
    on: {
      finished: (e: PublicHallEvent) => this._onFinished(e),
      rated: (e: PublicHallEvent) => this._onRated(e),
      resync: () => void this._load(),
    },
    onOpen: () => void this._load(),
  });
  /** The rating window's length (from the server; the hall's setting). */
  private _windowMin = 10;
  /** Closes the rating when its window ends (no event says so). */
  private _closeTimer: ReturnType<typeof setTimeout> | null = null;
  private _thanksTimer: ReturnType<typeof setTimeout> | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    // Pairing: the tablet's token in `#pair=…` of its start URL is kept (kiosk/README.md).
    if (this._counter !== null) deviceToken(`rating-${this._counter}`);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this._closeTimer) clearTimeout(this._closeTimer);
    if (this._thanksTimer) clearTimeout(this._thanksTimer);
  }

  override render() {
    const n = this._counter;
    if (n === null)
      return html`<div class="ask" style="grid-row: 2">
        <div class="vi">${vi("noCounter")}</div>
        <div class="en">${en("noCounter")}</div>
      </div>`;
    const header = html`<div class="counter">${vi("counter", { n })} · ${en("counter", { n })}</div>`;
    if (this._thanks)
      return html`${header}
        <div class="thanks" role="status">
          <div class="vi">${vi("thanks")}</div>
          <div class="en">${en("thanks")}</div>
          <div class="en">${vi("thanksSub")}<br />${en("thanksSub")}</div>
        </div>`;
    const open = !!this._last?.open;
    const number = this._last?.number ?? "";
    return html`${header}
      <div class="ask" aria-live="polite">
        <div class="vi">${open ? vi("ask", { number }) : vi("idle")}</div>
        <div class="en">${open ? en("ask", { number }) : en("idle")}</div>
      </div>
      <div class="choices">
        ${CHOICES.map(
          (c) => html`<button
            style="background:${c.color}"
            data-score=${c.score}
            ?disabled=${!open || this._busy}
            @click=${() => this._rate(c.score)}
          >
            ${face(c.mouth)}
            <span class="vi">${c.vi}</span>
            <span class="en">${c.en}</span>
          </button>`,
        )}
      </div>
      <div class="status" role="status">
        ${
          this._message
            ? html`<div class="vi">${vi(this._message)}</div>
                <div>${en(this._message)}</div>`
            : !this._live.connected && this._loaded
              ? html`<div class="vi">${vi("offline")}</div>
                  <div>${en("offline")}</div>`
              : null
        }
      </div>`;
  }

  /** A visit finished at this counter: it can be rated for the rating window. */
  private _onFinished(e: PublicHallEvent) {
    if (this._counter === null || e.counter !== this._counter || !e.ticket) return;
    this._show({
      number: e.ticket.number,
      finishedAt: e.at,
      rated: false,
      open: true,
      closesInSec: this._windowMin * 60,
    });
  }

  /** The visit shown was rated (here, on the pad or the phone): nothing more to rate. */
  private _onRated(e: PublicHallEvent) {
    if (!this._last || e.ticket?.number !== this._last.number) return;
    this._show({ ...this._last, rated: true, open: false, closesInSec: 0 });
  }

  /** Shows `last` and closes it when its window ends. */
  private _show(last: RatingTarget | null) {
    this._last = last;
    if (last?.open) this._message = null;
    if (this._closeTimer) clearTimeout(this._closeTimer);
    this._closeTimer = null;
    if (last?.open && last.closesInSec !== undefined)
      this._closeTimer = setTimeout(() => {
        if (this._last === last) this._last = { ...last, open: false, closesInSec: 0 };
      }, last.closesInSec * 1000);
  }

  /** Asks the server (after a (re)connect, a gap, or a refused rating). */
  private async _load() {
    if (this._counter === null) return;
    try {
      const r = await ratingTarget(this._counter, "vi");
      if (r.windowMin !== undefined) this._windowMin = r.windowMin;
      this._show(r.last);
      this._loaded = true;
    } catch {
      /* offline: keep the screen; the live stream reloads on reconnect */
    }
  }

  private async _rate(score: number) {
    if (this._counter === null || this._busy) return;
    this._busy = true;
    try {
      await rateAtCounter(this._counter, score, "vi");
      this._message = null;
      this._thanks = true;
      if (this._last) this._show({ ...this._last, rated: true, open: false, closesInSec: 0 });
      if (this._thanksTimer) clearTimeout(this._thanksTimer);
      this._thanksTimer = setTimeout(() => (this._thanks = false), 5000);
      this._busy = false;
    } catch (e) {
      const code = e instanceof ApiFailure ? e.code : "";
      this._message =
        code === "already-rated" || code === "rating-closed" || code === "not-finished" ? code : "error";
      this._busy = false;
      // Refused: the server knows better what can be rated now.
      await this._load();
    }
  }
}

/** A simple face: circle, two eyes, the given mouth. Drawn, not an emoji font, so every tablet shows it. */
function face(mouth: string) {
  return html`<svg viewBox="0 0 100 100" aria-hidden="true">
    <circle cx="50" cy="50" r="44" fill="none" stroke="currentColor" stroke-width="6" />
    <circle cx="35" cy="40" r="6" fill="currentColor" />
    <circle cx="65" cy="40" r="6" fill="currentColor" />
    <path d=${mouth} fill="none" stroke="currentColor" stroke-width="6" stroke-linecap="round" />
  </svg>`;
}

function parseCounter(search: string): number | null {
  const v = new URLSearchParams(search).get("counter");
  return v && /^[1-9][0-9]{0,3}$/.test(v) ? Number(v) : null;
}

declare global {
  interface HTMLElementTagNameMap {
    "rating-app": RatingApp;
  }
}
