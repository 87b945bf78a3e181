/**
 * The hall clock: time and date in Asia/Ho_Chi_Minh whatever the TV's own time zone
 * (DOMAIN.md: UTC+7, no daylight saving), ticking on the minute boundary.
 */
import { css, html, LitElement } from "lit";
import { customElement, state } from "lit/decorators.js";

const TZ = "Asia/Ho_Chi_Minh";
const WEEKDAYS_VI = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];

/** "09:05" in the hall's time zone. */
export function clockTime(d: Date): string {
  return new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: TZ })
    .format(d)
    .replace(/^24/, "00");
}

/** "Thứ Ba, 12/08/2025" and "Tuesday" in the hall's time zone. */
export function clockDate(d: Date): { vi: string; en: string } {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: TZ,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    weekday: "long",
  }).formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const en = get("weekday");
  const idx = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"].indexOf(en);
  return { vi: `${WEEKDAYS_VI[idx] ?? ""}, ${get("day")}/${get("month")}/${get("year")}`, en };
}

/** The clock in the board's header. */
@customElement("display-clock")
export class DisplayClock extends LitElement {
  static override styles = css`
    :host {
      display: flex;
      align-items: center;
      gap: calc(var(--u) * 2);
      white-space: nowrap;
    }
    .time {
      font-size: calc(var(--u) * 7);
      font-weight: 700;
      font-variant-numeric: tabular-nums;
      line-height: 1;
    }
    .date {
      display: flex;
      flex-direction: column;
      font-size: calc(var(--u) * 2.6);
      line-height: 1.2;
    }
    .en {
      color: var(--muted);
      font-size: calc(var(--u) * 2.1);
    }
  `;

  @state() private _now = new Date();
  private timer: ReturnType<typeof setTimeout> | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.tick();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.timer) clearTimeout(this.timer);
  }

  private tick(): void {
    this._now = new Date();
    // Wake just after the next second boundary (cheap, and never a minute late).
    this.timer = setTimeout(() => this.tick(), 1000 - (Date.now() % 1000) + 20);
  }

  override render() {
    const d = clockDate(this._now);
    return html`<span class="time" data-testid="clock">${clockTime(this._now)}</span>
      <span class="date"><span>${d.vi}</span><span class="en">${d.en}</span></span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "display-clock": DisplayClock;
  }
}
