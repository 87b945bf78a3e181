/**
 * The "Thông báo" tab of the admin screen (issue 14, decision 0115): what the phone status
 * page offers ("báo khi còn N người" / "trước khoảng X phút", when called, after service),
 * booking confirmations and reminders, and each channel's settings (Web Push, Zalo ZNS
 * templates, SMS brandname). Secrets are not settings: the Zalo OA token and the SMS keys
 * come from the environment, which the tab names. Writes into the draft like the other
 * editors; the server checks the draft on save and answers with the setting at fault.
 */
import { html } from "lit";
import type { HallConfig } from "../../../server/contract/config.ts";
import type { Lang } from "../../../ui/i18n.ts";
import { at } from "./messages.ts";

type Notices = HallConfig["notices"];
type TemplateKey = keyof Notices["zalo"]["templates"];
const TEMPLATES: TemplateKey[] = ["near", "called", "finished", "booked", "reminder"];

const value = (e: Event) => (e.target as HTMLInputElement).value;
const checked = (e: Event) => (e.target as HTMLInputElement).checked;
/** "2, 5, 10" → [2, 5, 10]; what is not a number is kept as NaN for the server to refuse with its message. */
const numbers = (s: string) =>
  s
    .split(/[,;\s]+/)
    .filter(Boolean)
    .map(Number);
const orNull = (s: string) => (s.trim() === "" ? null : s.trim());

function toggle(name: string, label: string, on: boolean, set: (v: boolean) => void) {
  return html`<label class="row"><input type="checkbox" name=${name} .checked=${on}
    @change=${(e: Event) => set(checked(e))} /><span>${label}</span></label>`;
}

function field(name: string, label: string, v: string, set: (v: string) => void, type = "text") {
  return html`<label class="row"><span>${label}</span><input name=${name} type=${type} class=${type === "number" ? "num" : ""} .value=${v}
    @change=${(e: Event) => set(value(e))} /></label>`;
}

/** The tab: what visitors may ask for, booking notices, and the three channels. */
export function noticesEditor(c: HallConfig, l: Lang, changed: () => void) {
  const n: Notices = c.notices;
  const set =
    <T>(f: (v: T) => void) =>
    (v: T) => {
      f(v);
      changed();
    };
  return html`<section class="grid2" data-editor="notices">
    <div data-notices-visitor>
      <h3>${at("notices.visitorTitle", l)}</h3>
      <p class="hint">${at("notices.visitorHint", l)}</p>
      ${field(
        "notices-ahead",
        at("notices.ahead", l),
        n.aheadChoices.join(", "),
        set((v: string) => {
          n.aheadChoices = numbers(v);
        }),
      )}
      ${field(
        "notices-minutes",
        at("notices.minutes", l),
        n.minutesChoices.join(", "),
        set((v: string) => {
          n.minutesChoices = numbers(v);
        }),
      )}
      ${toggle(
        "notices-on-call",
        at("notices.onCall", l),
        n.onCall,
        set((v: boolean) => {
          n.onCall = v;
        }),
      )}
      ${toggle(
        "notices-on-finish",
        at("notices.onFinish", l),
        n.onFinish,
        set((v: boolean) => {
          n.onFinish = v;
        }),
      )}
      <h3>${at("notices.bookingTitle", l)}</h3>
      ${toggle(
        "notices-booking-confirm",
        at("notices.confirm", l),
        n.booking.confirm,
        set((v: boolean) => {
          n.booking.confirm = v;
        }),
      )}
      ${field(
        "notices-reminder-min",
        at("notices.reminderMin", l),
        String(n.booking.reminderMin),
        set((v: string) => {
          n.booking.reminderMin = Number(v);
        }),
        "number",
      )}
      <p class="hint">${at("notices.reminderHint", l)}</p>
      <h3>${at("notices.pushTitle", l)}</h3>
      ${toggle(
        "notices-push",
        at("notices.enabled", l),
        n.push.enabled,
        set((v: boolean) => {
          n.push.enabled = v;
        }),
      )}
      ${field(
        "notices-push-contact",
        at("notices.pushContact", l),
        n.push.contact ?? "",
        set((v: string) => {
          n.push.contact = orNull(v);
        }),
      )}
    </div>
    <div data-notices-channels>
      <h3>${at("notices.zaloTitle", l)}</h3>
      ${toggle(
        "notices-zalo",
        at("notices.enabled", l),
        n.zalo.enabled,
        set((v: boolean) => {
          n.zalo.enabled = v;
        }),
      )}
      <p class="hint">${at("notices.zaloHint", l)}</p>
      ${TEMPLATES.map((k) =>
        field(
          `notices-zalo-${k}`,
          at(`notices.template.${k}`, l),
          n.zalo.templates[k] ?? "",
          set((v: string) => {
            n.zalo.templates[k] = orNull(v);
          }),
        ),
      )}
      <h3>${at("notices.smsTitle", l)}</h3>
      ${toggle(
        "notices-sms",
        at("notices.enabled", l),
        n.sms.enabled,
        set((v: boolean) => {
          n.sms.enabled = v;
        }),
      )}
      <p class="hint">${at("notices.smsHint", l)}</p>
      ${field(
        "notices-sms-brandname",
        at("notices.brandname", l),
        n.sms.brandname ?? "",
        set((v: string) => {
          n.sms.brandname = orNull(v);
        }),
      )}
      ${toggle(
        "notices-sms-unicode",
        at("notices.unicode", l),
        n.sms.unicode,
        set((v: boolean) => {
          n.sms.unicode = v;
        }),
      )}
      ${toggle(
        "notices-sms-sandbox",
        at("notices.sandbox", l),
        n.sms.sandbox,
        set((v: boolean) => {
          n.sms.sandbox = v;
        }),
      )}
    </div>
  </section>`;
}
