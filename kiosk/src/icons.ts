/**
 * Simple inline SVG icons of the visitor apps (no icon font, no network): line drawings
 * on a 64×64 grid in `currentColor`, so they follow the button's colour and contrast.
 * Priority pictograms follow the usual public-sign shapes (ISO 7001 wheelchair, a person
 * with a cane, a pregnant silhouette, a medal, an adult holding a child's hand).
 */
import { svg, type TemplateResult } from "lit";
import type { Priority } from "../../server/contract/index.ts";

const frame = (body: TemplateResult, label = "") =>
  svg`<svg viewBox="0 0 64 64" width="1em" height="1em" fill="none" stroke="currentColor"
    stroke-width="4" stroke-linecap="round" stroke-linejoin="round" aria-hidden=${label ? "false" : "true"}
    role=${label ? "img" : "presentation"} aria-label=${label || ""}>${body}</svg>`;

const PRIORITY_ICONS: Record<Priority, TemplateResult> = {
  none: svg`<path d="M8 18h48v8a6 6 0 0 0 0 12v8H8v-8a6 6 0 0 0 0-12z"/><path d="M24 20v24" stroke-dasharray="3 4"/><path d="M32 28h16M32 36h12"/>`,
  elderly: svg`<circle cx="28" cy="9" r="5"/><path d="M28 17c-3 6-4 13-3 21M25 38l-6 20M25 38l7 20M27 22l11 9"/><path d="M38 31q4-5 6 0v27"/>`,
  disabled: svg`<circle cx="24" cy="8" r="5"/><path d="M24 16v18h15l6 16 5-2M24 24h12"/><path d="M17 30a14 14 0 1 0 21 17"/>`,
  pregnant: svg`<circle cx="30" cy="9" r="5"/><path d="M28 17c-4 4-4 10-2 14 8 0 14 6 12 12-2 5-7 5-11 5l2 10M27 48l-3 10M33 19l8 9"/>`,
  merit: svg`<path d="M20 4l9 20M44 4l-9 20"/><circle cx="32" cy="40" r="16"/><path d="M32 30l3 6 7 1-5 5 1 7-6-3-6 3 1-7-5-5 7-1z" stroke-width="2.5"/>`,
  child: svg`<circle cx="20" cy="8" r="5"/><path d="M20 16v22M20 38l-6 20M20 38l6 20M20 22l22 12"/><circle cx="46" cy="26" r="4"/><path d="M46 32v14M46 46l-4 12M46 46l4 12"/>`,
};

/** The pictogram of a priority category. */
export function priorityIcon(p: Priority) {
  return frame(PRIORITY_ICONS[p]);
}

/** Faces of the four satisfaction levels, 4 = Rất hài lòng … 1 = Không hài lòng. */
const MOUTHS: Record<1 | 2 | 3 | 4, TemplateResult> = {
  4: svg`<path d="M18 36q14 16 28 0z" fill="currentColor"/>`,
  3: svg`<path d="M20 38q12 10 24 0"/>`,
  2: svg`<path d="M21 41h22"/>`,
  1: svg`<path d="M20 46q12-10 24 0"/>`,
};

export function faceIcon(score: 1 | 2 | 3 | 4) {
  return frame(
    svg`<circle cx="32" cy="32" r="27"/><circle cx="23" cy="25" r="3" fill="currentColor"/><circle cx="41" cy="25" r="3" fill="currentColor"/>${MOUTHS[score]}`,
  );
}

export const icons = {
  offline: frame(
    svg`<path d="M6 24a40 40 0 0 1 52 0M14 33a28 28 0 0 1 36 0M22 42a16 16 0 0 1 20 0"/><circle cx="32" cy="51" r="3" fill="currentColor"/><path d="M8 6l48 52"/>`,
  ),
  printer: frame(
    svg`<path d="M18 24V6h28v18M18 46H10V26h44v20h-8"/><path d="M18 38h28v20H18z"/><path d="M24 46h16M24 52h10"/>`,
  ),
  check: frame(svg`<circle cx="32" cy="32" r="27"/><path d="M19 33l9 9 17-19"/>`),
  warning: frame(
    svg`<path d="M32 6l28 50H4z"/><path d="M32 24v16"/><circle cx="32" cy="48" r="2.5" fill="currentColor"/>`,
  ),
  back: frame(svg`<path d="M40 10L18 32l22 22"/>`),
  bell: frame(svg`<path d="M16 44V28a16 16 0 0 1 32 0v16l5 6H11z"/><path d="M27 54a5 5 0 0 0 10 0"/>`),
  globe: frame(
    svg`<circle cx="32" cy="32" r="26"/><path d="M6 32h52M32 6c-14 16-14 36 0 52M32 6c14 16 14 36 0 52"/>`,
  ),
};
