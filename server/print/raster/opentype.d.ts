/**
 * The small part of opentype.js 2.0 the raster renderer uses (the package ships
 * no type declarations). Source: opentype.js README, "Font" and "Glyph" objects.
 */
declare module "opentype.js" {
  /** Path commands M, L, Q, C, Z; the same shape as PathCommand in canvas.ts. */
  export type PathCommand =
    | { type: "M" | "L"; x: number; y: number }
    | { type: "Q"; x1: number; y1: number; x: number; y: number }
    | { type: "C"; x1: number; y1: number; x2: number; y2: number; x: number; y: number }
    | { type: "Z" };

  export interface Glyph {
    index: number;
    name: string | null;
    advanceWidth?: number;
    getPath(x: number, y: number, fontSize: number): { commands: PathCommand[] };
  }

  export interface Font {
    unitsPerEm: number;
    ascender: number;
    descender: number;
    charToGlyph(ch: string): Glyph;
    hasChar(ch: string): boolean;
  }

  export function parse(buffer: ArrayBuffer, options?: { lowMemory?: boolean }): Font;
  const opentype: { parse: typeof parse };
  export default opentype;
}
