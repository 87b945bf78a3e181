/**
 * The admin screen's appointment settings per field (issue 14): on/off, slot length,
 * capacity, the bookable share, how far ahead, the check-in window; and the link to the
 * hall's printable booking poster (a QR to /hen). Writes into the draft like the other editors.
 */
import { html } from "lit";
import type { HallConfig } from "../../../server/contract/config.ts";
import type { Lang } from "../../../ui/i18n.ts";
import { at } from "./messages.ts";

type Appt = HallConfig["services"][number]["appointments"];
type NumKey = Exclude<keyof Appt, "enabled">;
const COLS: [NumKey, Parameters<typeof at>[0], number, number][] = [
  ["slotMin", "appt.slotMin", 5, 120],
  ["capacity", "appt.capacity", 1, 200],
  ["bookablePct", "appt.bookablePct", 0, 100],
  ["aheadDays", "appt.aheadDays", 0, 90],
  ["checkInEarlyMin", "appt.early", 0, 120],
  ["checkInLateMin", "appt.late", 0, 60],
];

/** One row per field: the booking switch and its numbers. */
export function appointmentsEditor(c: HallConfig, l: Lang, changed: () => void) {
  return html`<h3>${at("appt.title", l)}</h3>
    <p class="hint">${at("appt.hint", l)}</p>
    <table data-editor="appointments">
      <thead>
        <tr><th></th><th>${at("appt.enabled", l)}</th>${COLS.map(([, k]) => html`<th>${at(k, l)}</th>`)}</tr>
      </thead>
      <tbody>
        ${c.services.map(
          (s) => html`<tr data-appt=${s.id}>
            <td>${l === "en" ? s.name.en : s.name.vi}</td>
            <td><input type="checkbox" name="appt-enabled" .checked=${s.appointments.enabled}
              @change=${(e: Event) => {
                s.appointments.enabled = (e.target as HTMLInputElement).checked;
                changed();
              }} /></td>
            ${COLS.map(
              ([
                k,
                ,
                min,
                max,
              ]) => html`<td><input class="num" type="number" name=${`appt-${k}`} min=${min} max=${max}
                .value=${String(s.appointments[k])} @change=${(e: Event) => {
                  s.appointments[k] = Number((e.target as HTMLInputElement).value);
                  changed();
                }} /></td>`,
            )}
          </tr>`,
        )}
      </tbody>
    </table>
    <p><a href="/hen/poster" target="_blank" rel="noopener">${at("appt.poster", l)}</a></p>`;
}
