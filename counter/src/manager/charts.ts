/**
 * The report charts, drawn as inline SVG (no chart library: three simple shapes do not
 * justify one, and SVG prints and scales cleanly in a quarterly report). Each function
 * returns a Lit `svg` template for a fixed viewBox that the page stretches to its width.
 * Every mark carries its datum (`data-key`, `data-value`) and a `<title>` tooltip, so a
 * test (and a screen reader user, through the table next to it) can read the figures.
 * Colours follow ui/wait.ts against the target: green, amber from ⅔ of it, red past it.
 */
import { html, svg, type TemplateResult } from "lit";
import type { WaitReportRow } from "../../../server/contract/reports.ts";
import type { Lang } from "../../../ui/i18n.ts";
import { waitLevel } from "../../../ui/wait.ts";
import { fmtDay, fmtDec, fmtInt, fmtPct } from "./format.ts";
import { mt } from "./messages.ts";

const W = 640;

/** A "nice" axis top (a multiple of 5 minutes) above `max` minutes. */
export function axisTop(maxMin: number, targetMin: number): number {
  const top = Math.max(maxMin, targetMin * 1.2);
  const step = top <= 30 ? 5 : top <= 60 ? 10 : top <= 180 ? 30 : 60;
  return Math.ceil(top / step) * step;
}

function yTicks(top: number): number[] {
  const step = top <= 30 ? 5 : top <= 60 ? 10 : top <= 180 ? 30 : 60;
  const out: number[] = [];
  for (let v = 0; v <= top + 1e-9; v += step) out.push(v);
  return out;
}

const minutes = (sec: number | null) => (sec == null ? null : sec / 60);

/**
 * Mean wait per hour of issue (bars) with the 90th percentile (a tick above each bar)
 * against the target (a dashed red line). Hours without a called visit have no bar.
 */
export function hourChart(rows: readonly WaitReportRow[], targetMin: number, lang: Lang): TemplateResult {
  const H = 260;
  const m = { l: 44, r: 14, t: 24, b: 30 };
  const pw = W - m.l - m.r;
  const ph = H - m.t - m.b;
  const maxMin = Math.max(0, ...rows.map((r) => minutes(r.p90WaitSec ?? r.meanWaitSec) ?? 0));
  const top = axisTop(maxMin, targetMin);
  const y = (v: number) => m.t + ph - (Math.min(v, top) / top) * ph;
  const slot = pw / Math.max(1, rows.length);
  const bw = Math.min(34, slot * 0.6);
  const label = mt("hourTitle", lang);
  return html`<svg
    class="chart"
    viewBox="0 0 ${W} ${H}"
    role="img"
    aria-label=${label}
    data-chart="hour"
    data-target-min=${targetMin}
  >
    ${grid(yTicks(top), y, m.l, W - m.r, lang)}
    ${rows.map((r, i) => {
      const cx = m.l + slot * i + slot / 2;
      const mean = minutes(r.meanWaitSec);
      const p90 = minutes(r.p90WaitSec);
      const tip = `${r.label}: ${mt("kTickets", lang)} ${fmtInt(r.tickets, lang)} · ${mt("hourLegendMean", lang)} ${mt("minutes", lang, { n: fmtDec(mean, lang) })} · ${mt("hourLegendP90", lang)} ${mt("minutes", lang, { n: fmtDec(p90, lang) })}`;
      return svg`<g class="slot">
        ${
          mean == null || r.meanWaitSec == null
            ? null
            : svg`<rect class="bar ${waitLevel(r.meanWaitSec, targetMin)}" data-key=${r.key} data-value=${r.meanWaitSec}
                x=${cx - bw / 2} y=${y(mean)} width=${bw} height=${Math.max(0.5, y(0) - y(mean))} rx="2"><title>${tip}</title></rect>`
        }
        ${
          p90 == null || r.p90WaitSec == null
            ? null
            : svg`<line class="p90" data-key=${r.key} data-value=${r.p90WaitSec} x1=${cx - bw / 2 - 3} x2=${cx + bw / 2 + 3}
                y1=${y(p90)} y2=${y(p90)}><title>${tip}</title></line>`
        }
        ${
          // The value inside a tall enough bar, else just above it (above the p90 tick too
          // when that tick sits right over the bar).
          mean == null
            ? null
            : y(0) - y(mean) >= 18
              ? svg`<text class="val in ${waitLevel(r.meanWaitSec!, targetMin)}" x=${cx} y=${y(mean) + 13} text-anchor="middle">${fmtDec(mean, lang)}</text>`
              : svg`<text class="val" x=${cx} y=${(p90 != null && y(mean) - y(p90) < 16 ? Math.min(y(mean), y(p90)) : y(mean)) - 5} text-anchor="middle">${fmtDec(mean, lang)}</text>`
        }
        <text class="x" x=${cx} y=${H - m.b + 16} text-anchor="middle">${`${Number(r.key)}h`}</text>
      </g>`;
    })}
    ${targetLine(y(targetMin), m.l, W - m.r, targetMin, lang)}
  </svg>`;
}

/** Mean wait per service day (a line with a point per day) against the target. */
export function dayChart(rows: readonly WaitReportRow[], targetMin: number, lang: Lang): TemplateResult {
  // Drawn full width: a wider viewBox keeps its text the size of the other charts'.
  const W = 1280;
  const H = 230;
  const m = { l: 44, r: 14, t: 24, b: 30 };
  const pw = W - m.l - m.r;
  const ph = H - m.t - m.b;
  const maxMin = Math.max(0, ...rows.map((r) => minutes(r.meanWaitSec) ?? 0));
  const top = axisTop(maxMin, targetMin);
  const y = (v: number) => m.t + ph - (Math.min(v, top) / top) * ph;
  const x = (i: number) => m.l + (rows.length <= 1 ? pw / 2 : (pw * i) / (rows.length - 1));
  const pts = rows
    .map((r, i) => (r.meanWaitSec == null ? null : { r, px: x(i), py: y(r.meanWaitSec / 60) }))
    .filter((p) => p !== null);
  const every = Math.max(1, Math.ceil(rows.length / 20));
  const radius = rows.length > 120 ? 1.6 : rows.length > 40 ? 2.4 : 3.5;
  return html`<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label=${mt("dayTitle", lang)} data-chart="day">
    ${grid(yTicks(top), y, m.l, W - m.r, lang)}
    <polyline class="line" points=${pts.map((p) => `${p.px.toFixed(1)},${p.py.toFixed(1)}`).join(" ")}></polyline>
    ${pts.map(
      (
        p,
      ) => svg`<circle class="pt ${waitLevel(p.r.meanWaitSec!, targetMin)}" data-key=${p.r.key} data-value=${p.r.meanWaitSec!}
        cx=${p.px} cy=${p.py} r=${radius}><title>${p.r.label}: ${mt("minutes", lang, { n: fmtDec(p.r.meanWaitSec! / 60, lang) })} · ${fmtInt(p.r.tickets, lang)} ${mt("kTickets", lang).toLowerCase()}</title></circle>`,
    )}
    ${rows.map((r, i) =>
      i % every === 0
        ? svg`<text class="x" x=${x(i)} y=${H - m.b + 16} text-anchor="middle">${fmtDay(r.key).slice(0, 5)}</text>`
        : null,
    )}
    ${targetLine(y(targetMin), m.l, W - m.r, targetMin, lang)}
  </svg>`;
}

/**
 * Share of visits within the target per field (horizontal bars, 0–100 %), coloured by the
 * field's mean wait against the target, with the mean wait in a column on the right.
 * Fields without a measured wait get no bar.
 */
export function fieldChart(rows: readonly WaitReportRow[], targetMin: number, lang: Lang): TemplateResult {
  const rowH = 30;
  const m = { l: 178, r: 110, t: 26, b: 24 };
  const H = m.t + m.b + rowH * Math.max(1, rows.length);
  const pw = W - m.l - m.r - 58; // room for the value after a full bar
  const x = (pct: number) => m.l + (Math.max(0, Math.min(100, pct)) / 100) * pw;
  return html`<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label=${mt("fieldTitle", lang)} data-chart="field">
    <text class="unit" x=${m.l} y="12">${mt("kWithin", lang)}</text>
    <text class="unit" x=${W - 6} y="12" text-anchor="end">${mt("kMeanWait", lang)} (${mt("axisMin", lang)})</text>
    ${[0, 25, 50, 75, 100].map(
      (v) => svg`<line class="grid" x1=${x(v)} x2=${x(v)} y1=${m.t - 4} y2=${H - m.b}></line>
        <text class="x" x=${x(v)} y=${H - m.b + 16} text-anchor="middle">${v}%</text>`,
    )}
    ${rows.map((r, i) => {
      const cy = m.t + rowH * i + rowH / 2;
      const pct = r.withinTargetPct;
      const name = r.label.length > 26 ? `${r.label.slice(0, 25)}…` : r.label;
      const mean = r.meanWaitSec;
      const lvl = mean == null ? "ok" : waitLevel(mean, targetMin);
      return svg`<g class="row">
        <text class="name" x=${m.l - 8} y=${cy + 4} text-anchor="end"><title>${r.label}</title>${name}</text>
        ${
          pct == null
            ? svg`<text class="val" x=${m.l + 4} y=${cy + 4}>—</text>`
            : svg`<rect class="bar ${lvl}" data-key=${r.key} data-value=${pct}
                x=${m.l} y=${cy - 9} width=${Math.max(0.5, x(pct) - m.l)} height="18" rx="2"><title>${r.label}: ${fmtPct(pct, lang)} · ${mt("hourLegendMean", lang)} ${mt("minutes", lang, { n: fmtDec(mean == null ? null : mean / 60, lang) })}</title></rect>
              <text class="val" x=${x(pct) + 6} y=${cy + 4}>${fmtPct(pct, lang)}</text>`
        }
        <text class="mean ${lvl}" x=${W - 6} y=${cy + 4} text-anchor="end">${mean == null ? "—" : fmtDec(mean / 60, lang)}</text>
      </g>`;
    })}
  </svg>`;
}

/** Horizontal grid lines with their minute values, and the unit over the axis. */
function grid(ticks: number[], y: (v: number) => number, x1: number, x2: number, lang: Lang) {
  return svg`${ticks.map(
    (v) => svg`<line class="grid" x1=${x1} x2=${x2} y1=${y(v)} y2=${y(v)}></line>
      <text class="y" x=${x1 - 6} y=${y(v) + 4} text-anchor="end">${fmtInt(v, lang)}</text>`,
  )}<text class="unit" x=${x1 - 6} y=${y(ticks.at(-1) ?? 0) - 8} text-anchor="end">${mt("axisMin", lang)}</text>`;
}

function targetLine(yy: number, x1: number, x2: number, targetMin: number, lang: Lang) {
  return svg`<line class="target" data-target=${targetMin} x1=${x1} x2=${x2} y1=${yy} y2=${yy}></line>
    <text class="target-label" x=${x2} y=${yy - 5} text-anchor="end">${mt("targetLine", lang, { n: targetMin })}</text>`;
}
