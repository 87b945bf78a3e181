/**
 * Raster-mode ticket: the whole ticket (text and QR) drawn as one monochrome
 * image and sent with GS v 0, for printers without a Vietnamese code page
 * (`mode: raster` in the hall config). Width in dots = columns × 12 (font A is
 * 12 dots wide: 48 columns → 576 dots on 80 mm paper, 32 → 384 on 58 mm).
 */
import QRCode from "qrcode";
import type { PrinterConfig } from "../contract/index.ts";
import { EscPosWriter } from "./escpos.ts";
import { MonoCanvas } from "./raster/canvas.ts";
import { drawText, type TicketFonts, textWidth, ticketFonts } from "./raster/fonts.ts";
import { type TicketBlock, type TicketStyle, wrapText } from "./ticket.ts";

interface RasterStyle {
  /** Pixels per em at 576 dots wide (scaled for narrower paper). */
  size: number;
  bold: boolean;
}

const STYLES: Record<TicketStyle, RasterStyle> = {
  title: { size: 26, bold: true },
  subtitle: { size: 22, bold: true },
  label: { size: 26, bold: true },
  number: { size: 150, bold: true },
  field: { size: 40, bold: true },
  body: { size: 24, bold: false },
  small: { size: 19, bold: false },
  footer: { size: 28, bold: true },
};

/** A positioned piece of the image. */
type Item =
  | { kind: "text"; text: string; size: number; bold: boolean; baseline: number }
  | { kind: "rect"; x: number; y: number; w: number; h: number }
  | { kind: "qr"; data: string; y: number; scale: number };

/** Printable width in dots of a printer, a multiple of 8. */
export function printableDots(printer: PrinterConfig): number {
  return Math.floor((printer.columns * 12) / 8) * 8;
}

/** Lays the blocks out top to bottom; returns the items and the image height. */
function place(blocks: TicketBlock[], width: number, fonts: TicketFonts): { items: Item[]; height: number } {
  const k = width / 576;
  const margin = Math.round(10 * k);
  const inner = width - 2 * margin;
  const items: Item[] = [];
  let y = Math.round(8 * k);
  for (const b of blocks) {
    if (b.kind === "gap") {
      y += Math.round(12 * k);
    } else if (b.kind === "rule") {
      y += Math.round(8 * k);
      items.push({ kind: "rect", x: margin, y, w: inner, h: Math.max(2, Math.round(2 * k)) });
      y += Math.round(12 * k);
    } else if (b.kind === "qr") {
      const modules = QRCode.create(b.data, { errorCorrectionLevel: "M" }).modules.size;
      const scale = Math.max(2, Math.floor((inner * 0.5) / (modules + 8)));
      y += Math.round(8 * k);
      items.push({ kind: "qr", data: b.data, y, scale });
      y += (modules + 8) * scale + Math.round(4 * k);
    } else {
      const st = STYLES[b.style];
      const font = st.bold ? fonts.bold : fonts.regular;
      let size = Math.round(st.size * k);
      if (b.style === "number") {
        // The number never wraps: shrink it until it fits the paper.
        while (size > 24 && textWidth(font, b.text, size) > inner) size -= 4;
        items.push({ kind: "text", text: b.text, size, bold: true, baseline: y + Math.round(size * 0.8) });
        y += Math.round(size * 0.95);
        continue;
      }
      for (const line of wrapText(b.text, inner, (s) => textWidth(font, s, size))) {
        // Vietnamese capitals carry two marks above (Ữ, Ấ): keep 0.3 em above the cap height.
        items.push({ kind: "text", text: line, size, bold: st.bold, baseline: y + Math.round(size * 1.12) });
        y += Math.round(size * 1.42);
      }
    }
  }
  return { items, height: y + Math.round(16 * k) };
}

/** Draws the blocks as one image `printableDots(printer)` wide. */
export function rasterizeTicket(blocks: TicketBlock[], printer: PrinterConfig): MonoCanvas {
  const fonts = ticketFonts();
  const width = printableDots(printer);
  const { items, height } = place(blocks, width, fonts);
  const canvas = new MonoCanvas(width, height);
  for (const it of items) {
    if (it.kind === "rect") {
      canvas.fillRect(it.x, it.y, it.w, it.h);
    } else if (it.kind === "qr") {
      const m = QRCode.create(it.data, { errorCorrectionLevel: "M" }).modules;
      const x0 = Math.round((width - m.size * it.scale) / 2);
      const y0 = it.y + 4 * it.scale;
      for (let r = 0; r < m.size; r++)
        for (let c = 0; c < m.size; c++)
          if (m.get(r, c)) canvas.fillRect(x0 + c * it.scale, y0 + r * it.scale, it.scale, it.scale);
    } else {
      const font = it.bold ? fonts.bold : fonts.regular;
      const x = Math.round((width - textWidth(font, it.text, it.size)) / 2);
      drawText(canvas, font, it.text, x, it.baseline, it.size);
    }
  }
  return canvas;
}

/** Encodes the ticket as ESC @, the image in GS v 0 strips, a feed and a cut. */
export function renderRasterTicket(blocks: TicketBlock[], printer: PrinterConfig): Uint8Array {
  const img = rasterizeTicket(blocks, printer).toBitmap();
  return new EscPosWriter().init().align("left").raster(img).feed(2).cut().bytes();
}
