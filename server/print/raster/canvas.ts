/**
 * A 1-bit canvas in the GS v 0 layout (rows of bytes, MSB = leftmost dot, 1 =
 * black) and a scanline filler for glyph outlines. Pure TypeScript, so the server
 * needs no native canvas (docs/decisions/0011-raster-font.md).
 *
 * The filler uses the non-zero winding rule of TrueType outlines, samples 4
 * sub-scanlines per row with exact horizontal span coverage, and sets a dot
 * where coverage reaches THRESHOLD: a thermal head prints dots, not greys.
 */
import type { MonoBitmap } from "../escpos.ts";

/** One outline command (opentype.js Path commands: M, L, Q, C, Z). */
export type PathCommand =
  | { type: "M" | "L"; x: number; y: number }
  | { type: "Q"; x1: number; y1: number; x: number; y: number }
  | { type: "C"; x1: number; y1: number; x2: number; y2: number; x: number; y: number }
  | { type: "Z" };

const SUB = 4;
/** Coverage from which a dot is black: a little under half keeps thin strokes whole. */
const THRESHOLD = 0.42;
/** Line segments per curve: enough at ticket sizes (≤ 200 px glyphs). */
const CURVE_STEPS = 8;

export class MonoCanvas {
  readonly widthBytes: number;
  readonly data: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.widthBytes = Math.ceil(width / 8);
    this.data = new Uint8Array(this.widthBytes * height);
  }

  /** Sets one dot black; outside the canvas is ignored. */
  set(x: number, y: number): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const i = y * this.widthBytes + (x >> 3);
    this.data[i] = this.data[i]! | (0x80 >> (x & 7));
  }

  /** True when the dot is black. */
  get(x: number, y: number): boolean {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return false;
    return (this.data[y * this.widthBytes + (x >> 3)]! & (0x80 >> (x & 7))) !== 0;
  }

  /** Fills a rectangle of dots (integer coordinates). */
  fillRect(x: number, y: number, w: number, h: number): void {
    for (let yy = Math.max(0, y); yy < Math.min(this.height, y + h); yy++)
      for (let xx = Math.max(0, x); xx < Math.min(this.width, x + w); xx++) this.set(xx, yy);
  }

  /** Fills an outline (one glyph, usually) with the non-zero rule. */
  fillPath(commands: PathCommand[]): void {
    const edges = flatten(commands);
    if (edges.length === 0) return;
    let minX = Number.POSITIVE_INFINITY;
    let maxX = Number.NEGATIVE_INFINITY;
    let minY = Number.POSITIVE_INFINITY;
    let maxY = Number.NEGATIVE_INFINITY;
    for (const e of edges) {
      const ex1 = e.x0 + (e.bottom - e.top) * e.slope * e.dir;
      minX = Math.min(minX, e.x0, ex1);
      maxX = Math.max(maxX, e.x0, ex1);
      minY = Math.min(minY, e.top);
      maxY = Math.max(maxY, e.bottom);
    }
    const x0 = Math.max(0, Math.floor(minX));
    const x1 = Math.min(this.width, Math.ceil(maxX) + 1);
    const y0 = Math.max(0, Math.floor(minY));
    const y1 = Math.min(this.height - 1, Math.ceil(maxY));
    if (x1 <= x0 || y1 < y0) return;
    const span = x1 - x0;
    const cov = new Float32Array(span + 1);
    const xs = new Float64Array(edges.length);
    const dirs = new Int8Array(edges.length);
    for (let y = y0; y <= y1; y++) {
      cov.fill(0);
      let any = false;
      for (let s = 0; s < SUB; s++) {
        const sy = y + (s + 0.5) / SUB;
        let n = 0;
        for (const e of edges) {
          if (sy < e.top || sy >= e.bottom) continue;
          // Insertion sort by x while collecting: a glyph row crosses few edges.
          const x = e.x0 + (sy - e.y0) * e.slope - x0;
          let i = n++;
          while (i > 0 && xs[i - 1]! > x) {
            xs[i] = xs[i - 1]!;
            dirs[i] = dirs[i - 1]!;
            i--;
          }
          xs[i] = x;
          dirs[i] = e.dir;
        }
        let winding = 0;
        for (let i = 0; i < n - 1; i++) {
          winding += dirs[i]!;
          if (winding !== 0) {
            addSpan(cov, xs[i]!, xs[i + 1]!, span);
            any = true;
          }
        }
      }
      if (!any) continue;
      for (let x = 0; x < span; x++) if (cov[x]! / SUB >= THRESHOLD) this.set(x0 + x, y);
    }
  }

  /** ORs another canvas onto this one with its top-left corner at (x, y). */
  blit(src: MonoCanvas, x: number, y: number): void {
    for (let sy = 0; sy < src.height; sy++)
      for (let sx = 0; sx < src.width; sx++) if (src.get(sx, sy)) this.set(x + sx, y + sy);
  }

  /** The canvas as a GS v 0 image. */
  toBitmap(): MonoBitmap {
    return { widthBytes: this.widthBytes, height: this.height, data: this.data };
  }
}

interface Edge {
  x0: number;
  y0: number;
  top: number;
  bottom: number;
  /** dx/dy. */
  slope: number;
  /** +1 downwards, -1 upwards (the non-zero winding contribution). */
  dir: number;
}

/** Adds the horizontal coverage of the span [a, b) to the row accumulator. */
function addSpan(cov: Float32Array, a: number, b: number, width: number): void {
  a = Math.max(0, a);
  b = Math.min(width, b);
  if (b <= a) return;
  const ia = Math.floor(a);
  const ib = Math.floor(b);
  if (ia === ib) {
    cov[ia] = cov[ia]! + (b - a);
    return;
  }
  cov[ia] = cov[ia]! + (ia + 1 - a);
  for (let i = ia + 1; i < ib; i++) cov[i] = cov[i]! + 1;
  if (ib < width) cov[ib] = cov[ib]! + (b - ib);
}

/** Outline → straight edges (curves subdivided), closing every contour; horizontal edges dropped. */
function flatten(commands: PathCommand[]): Edge[] {
  const edges: Edge[] = [];
  let sx = 0;
  let sy = 0;
  let cx = 0;
  let cy = 0;
  const to = (x: number, y: number) => {
    if (y !== cy)
      edges.push({
        x0: cx,
        y0: cy,
        top: Math.min(cy, y),
        bottom: Math.max(cy, y),
        slope: (x - cx) / (y - cy),
        dir: y > cy ? 1 : -1,
      });
    cx = x;
    cy = y;
  };
  for (const c of commands) {
    if (c.type === "M") {
      if (cx !== sx || cy !== sy) to(sx, sy);
      sx = cx = c.x;
      sy = cy = c.y;
    } else if (c.type === "L") {
      to(c.x, c.y);
    } else if (c.type === "Q") {
      const [x0, y0] = [cx, cy];
      for (let i = 1; i <= CURVE_STEPS; i++) {
        const t = i / CURVE_STEPS;
        const u = 1 - t;
        to(u * u * x0 + 2 * u * t * c.x1 + t * t * c.x, u * u * y0 + 2 * u * t * c.y1 + t * t * c.y);
      }
    } else if (c.type === "C") {
      const [x0, y0] = [cx, cy];
      for (let i = 1; i <= CURVE_STEPS; i++) {
        const t = i / CURVE_STEPS;
        const u = 1 - t;
        const a = u * u * u;
        const b = 3 * u * u * t;
        const d = 3 * u * t * t;
        const e = t * t * t;
        to(a * x0 + b * c.x1 + d * c.x2 + e * c.x, a * y0 + b * c.y1 + d * c.y2 + e * c.y);
      }
    } else {
      to(sx, sy);
    }
  }
  if (cx !== sx || cy !== sy) to(sx, sy);
  return edges;
}
