/**
 * The admin screen's editors of a draft hall configuration (admin-app.ts keeps the draft
 * and saves it whole): fields, counters, hours and holidays with the notice. Each input
 * writes into the draft and calls `changed()`; validation is the server's (the same schema
 * as the file), whose refusals the app shows by setting.
 */
import { html, nothing } from "lit";
import type { HallConfig } from "../../../server/contract/config.ts";
import type { Lang } from "../../../ui/i18n.ts";
import { at } from "./messages.ts";

type Changed = () => void;
/** An event handler that edits the draft, then tells the app. */
const edit =
  (changed: Changed, f: (e: Event) => void) =>
  (e: Event): void => {
    f(e);
    changed();
  };
const val = (e: Event) => (e.target as HTMLInputElement).value;
const checked = (e: Event) => (e.target as HTMLInputElement).checked;

function move<T>(list: T[], i: number, by: number): void {
  const j = i + by;
  if (j < 0 || j >= list.length) return;
  [list[i], list[j]] = [list[j]!, list[i]!];
}

/** The fields: names, prefix, typical minutes, open for new tickets, order on the kiosk. */
export function fieldsEditor(c: HallConfig, l: Lang, changed: Changed) {
  const add = () => {
    const used = new Set(c.services.map((s) => s.prefix));
    const prefix = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZ"].find((p) => !used.has(p)) ?? "Z";
    c.services.push({
      id: `linh-vuc-${c.services.length + 1}`,
      prefix,
      name: { vi: at("newField", "vi"), en: at("newField", "en") },
      defaultServiceMin: 6,
      open: true,
      askDossier: false,
      hours: null,
      cutoffMin: null,
      appointments: {
        enabled: false,
        slotMin: 15,
        capacity: 4,
        bookablePct: 50,
        aheadDays: 14,
        checkInEarlyMin: 15,
        checkInLateMin: 10,
      },
    });
    changed();
  };
  return html`<table data-editor="fields">
      <thead>
        <tr>
          <th>${at("order", l)}</th><th>${at("id", l)}</th><th>${at("nameVi", l)}</th><th>${at("nameEn", l)}</th>
          <th>${at("prefix", l)}</th><th>${at("minutes", l)}</th><th>${at("open", l)}</th><th></th>
        </tr>
      </thead>
      <tbody>
        ${c.services.map(
          (s, i) => html`<tr data-field=${s.id}>
            <td class="order">
              <button class="icon" title="↑" @click=${edit(changed, () => {
                move(c.services, i, -1);
              })}>↑</button>
              <button class="icon" title="↓" @click=${edit(changed, () => {
                move(c.services, i, 1);
              })}>↓</button>
            </td>
            <td><input class="id" .value=${s.id} @change=${edit(changed, (e) => {
              s.id = val(e).trim();
            })} /></td>
            <td><input name="vi" .value=${s.name.vi} @change=${edit(changed, (e) => {
              s.name.vi = val(e);
            })} /></td>
            <td><input name="en" .value=${s.name.en} @change=${edit(changed, (e) => {
              s.name.en = val(e);
            })} /></td>
            <td><input class="prefix" name="prefix" maxlength="1" .value=${s.prefix}
              @change=${edit(changed, (e) => {
                s.prefix = val(e).toUpperCase();
              })} /></td>
            <td><input class="num" type="number" min="1" max="240" .value=${String(s.defaultServiceMin)}
              @change=${edit(changed, (e) => {
                s.defaultServiceMin = Number(val(e));
              })} /></td>
            <td><input type="checkbox" name="open" .checked=${s.open} @change=${edit(changed, (e) => {
              s.open = checked(e);
            })} /></td>
            <td><button class="danger" @click=${edit(changed, () => {
              c.services.splice(i, 1);
            })}>${at("remove", l)}</button></td>
          </tr>`,
        )}
      </tbody>
    </table>
    <button data-add-field @click=${add}>+ ${at("addField", l)}</button>`;
}

/** The counters: label, priority counter, which fields each serves. */
export function countersEditor(c: HallConfig, l: Lang, changed: Changed) {
  const toggle = (n: number, id: string, on: boolean) => {
    const k = c.counters.find((x) => x.number === n)!;
    k.serviceIds = on ? [...k.serviceIds, id] : k.serviceIds.filter((x) => x !== id);
    changed();
  };
  const add = () => {
    const n = Math.max(0, ...c.counters.map((x) => x.number)) + 1;
    c.counters.push({ number: n, serviceIds: [c.services[0]!.id], priority: false });
    changed();
  };
  return html`<table data-editor="counters">
      <thead>
        <tr><th>${at("counter", l)}</th><th>${at("label", l)}</th><th>${at("priorityCounter", l)}</th><th>${at("serves", l)}</th><th></th></tr>
      </thead>
      <tbody>
        ${c.counters.map(
          (k, i) => html`<tr data-counter=${k.number}>
            <td><b>${k.number}</b></td>
            <td><input .value=${k.name?.vi ?? ""} placeholder=${`Quầy ${k.number}`}
              @change=${(e: Event) => {
                const v = val(e).trim();
                k.name = v ? { vi: v, en: k.name?.en || v } : undefined;
                changed();
              }} /></td>
            <td><input type="checkbox" .checked=${k.priority} @change=${edit(changed, (e) => {
              k.priority = checked(e);
            })} /></td>
            <td class="serves">
              ${c.services.map(
                (
                  s,
                ) => html`<label class="chip"><input type="checkbox" data-serves=${s.id} .checked=${k.serviceIds.includes(s.id)}
                    @change=${(e: Event) => toggle(k.number, s.id, checked(e))} />${s.prefix} ${s.name[l]}</label>`,
              )}
            </td>
            <td><button class="danger" @click=${edit(changed, () => {
              c.counters.splice(i, 1);
            })}>${at("remove", l)}</button></td>
          </tr>`,
        )}
      </tbody>
    </table>
    <button @click=${add}>+ ${at("addCounter", l)}</button>`;
}

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const DAY_LABEL = {
  vi: ["T2", "T3", "T4", "T5", "T6", "T7", "CN"],
  en: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
};

/** `07:30-11:30, 13:30-17:00` ↔ the spans of a day. */
const spansText = (s: [string, string][]) => s.map(([a, b]) => `${a}-${b}`).join(", ");
const parseSpans = (t: string): [string, string][] =>
  t
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean)
    .map((x) => x.split("-").map((y) => y.trim()) as [string, string]);

/** Hours, cut-off, holidays and days off, the notice. */
export function scheduleEditor(c: HallConfig, l: Lang, changed: Changed) {
  const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  const upcoming = c.schedule.holidays
    .map((h, i) => ({ h, i }))
    .filter(({ h }) => (h.to ?? h.from) >= today)
    .sort((a, b) => a.h.from.localeCompare(b.h.from));
  return html`<section class="grid2">
    <div>
      <h3>${at("hours", l)}</h3>
      <label class="row"><input type="checkbox" name="enforceHours" .checked=${c.enforceHours}
        @change=${edit(changed, (e) => {
          c.enforceHours = checked(e);
        })} />${at("enforceHours", l)}</label>
      ${DAYS.map(
        (d, i) => html`<label class="row day"><span>${DAY_LABEL[l][i]}</span><input name=${`hours-${d}`}
            .value=${spansText(c.hours[d] as [string, string][])}
            @change=${edit(changed, (e) => {
              c.hours[d] = parseSpans(val(e));
            })} /></label>`,
      )}
      <label class="row"><span>${at("cutoff", l)}</span><input class="num" type="number" min="0" max="120" name="cutoff"
        .value=${String(c.schedule.cutoffMin)} @change=${edit(changed, (e) => {
          c.schedule.cutoffMin = Number(val(e));
        })} /></label>
      <h3>${at("notice", l)}</h3>
      <textarea name="notice-vi" rows="2" .value=${c.notice?.vi ?? ""}
        @change=${(e: Event) => {
          const v = val(e).trim();
          c.notice = v ? { vi: v, en: c.notice?.en || v } : null;
          changed();
        }}></textarea>
      <textarea name="notice-en" rows="2" .value=${c.notice?.en ?? ""} ?disabled=${!c.notice}
        @change=${(e: Event) => {
          if (c.notice) c.notice.en = val(e).trim() || c.notice.vi;
          changed();
        }}></textarea>
    </div>
    <div>
      <h3>${at("holidays", l)}</h3>
      <table data-editor="holidays">
        <thead><tr><th>${at("from", l)}</th><th>${at("to", l)}</th><th>${at("nameVi", l)}</th><th></th></tr></thead>
        <tbody>
          ${upcoming.map(
            ({ h, i }) => html`<tr>
              <td><input type="date" .value=${h.from} @change=${edit(changed, (e) => {
                h.from = val(e);
              })} /></td>
              <td><input type="date" .value=${h.to ?? ""} @change=${edit(changed, (e) => {
                h.to = val(e) || undefined;
              })} /></td>
              <td><input .value=${h.name.vi} @change=${edit(changed, (e) => {
                h.name = { vi: val(e), en: h.name.en || val(e) };
              })} /></td>
              <td><button class="danger" @click=${edit(changed, () => {
                c.schedule.holidays.splice(i, 1);
              })}>${at("remove", l)}</button></td>
            </tr>`,
          )}
        </tbody>
      </table>
      <button data-add-holiday @click=${() => {
        c.schedule.holidays.push({ from: today, name: { vi: "Nghỉ", en: "Closed" } });
        changed();
      }}>+ ${at("addHoliday", l)}</button>
      ${c.schedule.workdays.length ? html`<ul class="muted">${c.schedule.workdays.map((w) => html`<li>${w.date}: ${w.name?.[l] ?? ""}</li>`)}</ul>` : nothing}
    </div>
  </section>`;
}
