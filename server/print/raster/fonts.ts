/**
 * Fonts of raster tickets: DejaVu Sans and DejaVu Sans Bold from the npm package
 * `dejavu-fonts-ttf` (100 % Vietnamese coverage per its langcover.txt, every toned
 * letter precomposed), read with opentype.js (docs/decisions/0011-raster-font.md).
 *
 * Trap: opentype.js 2.0's shaper (`font.getPath(text…)`) throws on DejaVu's `ccmp`
 * lookup ("lookupType: 6 - substFormat: 2 is not yet supported"), so text is laid
 * out glyph by glyph from the cmap (NFC text: each Vietnamese letter is one
 * precomposed glyph, no mark positioning needed). No kerning: a ticket does not
 * need it.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import opentype, { type Font, type Glyph } from "opentype.js";
import { MonoCanvas, type PathCommand } from "./canvas.ts";

export interface TicketFonts {
  regular: Font;
  bold: Font;
}

let cached: TicketFonts | null = null;

function load(file: string): Font {
  const dir = join(dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf");
  const buf = readFileSync(join(dir, file));
  // lowMemory: glyphs are read from the file on demand; measured, it saves ~20 MB of
  // RSS per font and halves parsing time, with identical outlines and advances.
  return opentype.parse(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer, {
    lowMemory: true,
  });
}

/** The two ticket fonts, parsed once per process (about 50 ms each). */
export function ticketFonts(): TicketFonts {
  cached ??= { regular: load("DejaVuSans.ttf"), bold: load("DejaVuSans-Bold.ttf") };
  return cached;
}

/** Advance width of text in pixels at `size` px per em. */
export function textWidth(font: Font, text: string, size: number): number {
  let w = 0;
  for (const ch of text.normalize("NFC")) w += font.charToGlyph(ch).advanceWidth ?? 0;
  return (w * size) / font.unitsPerEm;
}

interface GlyphImage {
  img: MonoCanvas | null;
  /** Offset of the image's top-left corner from the pen position on the baseline. */
  left: number;
  top: number;
}

const glyphCache = new Map<string, GlyphImage>();
const fontIds = new WeakMap<Font, number>();
let nextFontId = 1;
const MAX_CACHED_GLYPHS = 4000;

/**
 * One glyph drawn at an integer pen position, cached per font, glyph and size:
 * a ticket repeats the same few sizes and letters, so after the first tickets
 * only blits remain (raster rendering drops from ~200 ms to a few ms).
 */
function glyphImage(font: Font, glyph: Glyph, size: number): GlyphImage {
  if (!fontIds.has(font)) fontIds.set(font, nextFontId++);
  const key = `${fontIds.get(font)}:${glyph.index}:${size}`;
  const hit = glyphCache.get(key);
  if (hit) return hit;
  const cmds = glyph.getPath(0, 0, size).commands;
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const c of cmds) {
    if (c.type === "Z") continue;
    minX = Math.min(minX, c.x);
    maxX = Math.max(maxX, c.x);
    minY = Math.min(minY, c.y);
    maxY = Math.max(maxY, c.y);
    if (c.type === "Q" || c.type === "C") {
      minX = Math.min(minX, c.x1);
      maxX = Math.max(maxX, c.x1);
      minY = Math.min(minY, c.y1);
      maxY = Math.max(maxY, c.y1);
    }
    if (c.type === "C") {
      minX = Math.min(minX, c.x2);
      maxX = Math.max(maxX, c.x2);
      minY = Math.min(minY, c.y2);
      maxY = Math.max(maxY, c.y2);
    }
  }
  let out: GlyphImage = { img: null, left: 0, top: 0 };
  if (Number.isFinite(minX)) {
    const left = Math.floor(minX) - 1;
    const top = Math.floor(minY) - 1;
    const img = new MonoCanvas(Math.ceil(maxX) - left + 2, Math.ceil(maxY) - top + 2);
    img.fillPath(cmds.map((c) => translate(c, -left, -top)));
    out = { img, left, top };
  }
  if (glyphCache.size >= MAX_CACHED_GLYPHS) glyphCache.clear();
  glyphCache.set(key, out);
  return out;
}

function translate(c: PathCommand, dx: number, dy: number): PathCommand {
  switch (c.type) {
    case "Z":
      return c;
    case "M":
    case "L":
      return { type: c.type, x: c.x + dx, y: c.y + dy };
    case "Q":
      return { type: "Q", x1: c.x1 + dx, y1: c.y1 + dy, x: c.x + dx, y: c.y + dy };
    case "C":
      return {
        type: "C",
        x1: c.x1 + dx,
        y1: c.y1 + dy,
        x2: c.x2 + dx,
        y2: c.y2 + dy,
        x: c.x + dx,
        y: c.y + dy,
      };
  }
}

/** Draws text with its baseline at y, starting at x (glyphs placed on whole dots). */
export function drawText(
  canvas: MonoCanvas,
  font: Font,
  text: string,
  x: number,
  y: number,
  size: number,
): void {
  const scale = size / font.unitsPerEm;
  let pen = x;
  for (const ch of text.normalize("NFC")) {
    const g = font.charToGlyph(ch);
    const gi = glyphImage(font, g, size);
    if (gi.img) canvas.blit(gi.img, Math.round(pen) + gi.left, Math.round(y) + gi.top);
    pen += (g.advanceWidth ?? 0) * scale;
  }
}
