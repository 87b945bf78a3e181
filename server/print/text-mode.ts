/**
 * Text-mode ticket: the printer's own fonts in code page WPC1258 (tone marks as
 * combining characters, see cp1258.ts), a native QR code (GS ( k) and a cut.
 * For printers that have a Vietnamese code page (`mode: text` in the hall config).
 */
import type { PrinterConfig } from "../contract/index.ts";
import { encodeCp1258, visibleWidth } from "./cp1258.ts";
import { EscPosWriter } from "./escpos.ts";
import { type TicketBlock, type TicketStyle, wrapText } from "./ticket.ts";

interface TextStyleSpec {
  width: number;
  height: number;
  bold: boolean;
  font: "a" | "b";
}

/** How each ticket style prints in text mode. */
function styleSpec(style: TicketStyle, columns: number): TextStyleSpec {
  const big = columns >= 42 ? 4 : 3;
  switch (style) {
    case "number":
      return { width: big, height: big, bold: true, font: "a" };
    case "field":
      return { width: 1, height: 2, bold: true, font: "a" };
    case "title":
    case "label":
    case "footer":
      return { width: 1, height: 1, bold: true, font: "a" };
    case "small":
      return { width: 1, height: 1, bold: false, font: "b" };
    default:
      return { width: 1, height: 1, bold: false, font: "a" };
  }
}

/**
 * Columns per line for a style. Font B is 9 or 10 dots wide against font A's 12
 * (Epson TM-T20/T88: 48 → 64 or 56 columns); 4/3 of font A is the safe common value
 * only for 9-dot models, so we use 7/6 (48 → 56), which fits both.
 */
function lineColumns(spec: TextStyleSpec, columns: number): number {
  const base = spec.font === "b" ? Math.floor((columns * 7) / 6) : columns;
  return Math.max(1, Math.floor(base / spec.width));
}

/**
 * Encodes the ticket blocks for one text-mode printer. The code page number comes
 * from the printer's config (Epson 52; other vendors 27, 32 or 41); every line is
 * centred by the printer (ESC a 1) and wrapped here on printed width, so the
 * combining tone marks never count as columns.
 */
export function renderTextTicket(blocks: TicketBlock[], printer: PrinterConfig): Uint8Array {
  if (printer.codepage === null) throw new Error(`printer ${printer.id}: text mode needs a codepage`);
  const w = new EscPosWriter().init().codepage(printer.codepage).align("center");
  const qrModule = printer.columns >= 42 ? 6 : 4;
  const ruleLine = encodeCp1258("-".repeat(printer.columns));
  for (const b of blocks) {
    if (b.kind === "rule") {
      w.textSize(1, 1).bold(false).font("a").line(ruleLine);
    } else if (b.kind === "gap") {
      w.feed(1);
    } else if (b.kind === "qr") {
      w.feed(1).qr(b.data, qrModule, "M").feed(1);
    } else {
      const spec = styleSpec(b.style, printer.columns);
      w.font(spec.font).bold(spec.bold).textSize(spec.width, spec.height);
      for (const l of wrapText(b.text, lineColumns(spec, printer.columns), visibleWidth))
        w.line(encodeCp1258(l));
    }
  }
  return w.textSize(1, 1).bold(false).font("a").feed(2).cut().bytes();
}
