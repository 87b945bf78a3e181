/**
 * A minimal ESC/POS command writer: only the commands a queue ticket needs, each
 * one taken from the Epson "ESC/POS Command Reference" (TM printers) and checked by
 * an independent parser in tests (npos). Why not a library: see
 * docs/decisions/0010-escpos-encoder.md.
 */

const ESC = 0x1b;
const GS = 0x1d;
const LF = 0x0a;

export type Align = "left" | "center" | "right";

/** A 1-bit image, rows of `widthBytes` bytes, MSB = leftmost dot, 1 = black (GS v 0 layout). */
export interface MonoBitmap {
  widthBytes: number;
  height: number;
  data: Uint8Array;
}

/** QR error correction levels of GS ( k fn 169 (L 7 %, M 15 %, Q 25 %, H 30 %). */
export type QrLevel = "L" | "M" | "Q" | "H";

/** Rows per GS v 0 command: stays well under the 2303-row limit of older TM models. */
export const RASTER_STRIP_ROWS = 256;

/**
 * Collects ESC/POS commands into one byte array. Methods chain; `bytes()` returns
 * the job. Values are clamped to each command's documented range.
 */
export class EscPosWriter {
  private parts: Uint8Array[] = [];
  private size = 0;

  private push(...bytes: number[]): this {
    return this.raw(Uint8Array.from(bytes));
  }

  /** Appends raw bytes (already encoded text, or a command built elsewhere). */
  raw(bytes: Uint8Array): this {
    this.parts.push(bytes);
    this.size += bytes.length;
    return this;
  }

  /** ESC @: reset the printer's modes (not its buffer) at the start of a job. */
  init(): this {
    return this.push(ESC, 0x40);
  }

  /** ESC t n: select the character code table, e.g. 52 = WPC1258 on Epson TM models. */
  codepage(n: number): this {
    return this.push(ESC, 0x74, n & 0xff);
  }

  /** ESC a n: justification of the following lines (the printer centres; no space padding). */
  align(a: Align): this {
    return this.push(ESC, 0x61, a === "left" ? 0 : a === "center" ? 1 : 2);
  }

  /** GS ! n: character width and height multipliers, 1–8 each. */
  textSize(width: number, height: number): this {
    const w = Math.min(8, Math.max(1, Math.round(width))) - 1;
    const h = Math.min(8, Math.max(1, Math.round(height))) - 1;
    return this.push(GS, 0x21, (w << 4) | h);
  }

  /** ESC E n: emphasized (bold) on or off. */
  bold(on: boolean): this {
    return this.push(ESC, 0x45, on ? 1 : 0);
  }

  /** ESC M n: font A (12×24 dots) or the smaller font B (9×17 or 10×24, per model). */
  font(f: "a" | "b"): this {
    return this.push(ESC, 0x4d, f === "a" ? 0 : 1);
  }

  /** Encoded text followed by LF (print and feed one line). */
  line(encoded: Uint8Array): this {
    this.raw(encoded);
    return this.push(LF);
  }

  /** ESC d n: print and feed n lines. */
  feed(lines: number): this {
    return this.push(ESC, 0x64, Math.min(255, Math.max(0, lines)));
  }

  /**
   * A native QR code with GS ( k (cn 49): fn 65 model 2, fn 67 module size
   * (1–16 dots), fn 69 error level, fn 80 store the data, fn 81 print it.
   * The data is sent as bytes; a URL is ASCII.
   */
  qr(data: string, moduleSize: number, level: QrLevel = "M"): this {
    const payload = new TextEncoder().encode(data);
    if (payload.length > 7089) throw new RangeError("QR data longer than 7089 bytes");
    const k = (fn: number, ...params: number[]) => {
      const len = params.length + 2;
      return this.push(GS, 0x28, 0x6b, len & 0xff, len >> 8, 0x31, fn, ...params);
    };
    k(0x41, 0x32, 0x00); // fn 165: model 2
    k(0x43, Math.min(16, Math.max(1, moduleSize))); // fn 167: module size in dots
    k(0x45, { L: 48, M: 49, Q: 50, H: 51 }[level]); // fn 169: error correction
    const len = payload.length + 3;
    this.push(GS, 0x28, 0x6b, len & 0xff, len >> 8, 0x31, 0x50, 0x30); // fn 180: store
    this.raw(payload);
    return k(0x51, 0x30); // fn 181: print the stored symbol
  }

  /**
   * A monochrome image with GS v 0 (normal density), split into strips of
   * RASTER_STRIP_ROWS rows so that no single command exceeds a model's limit.
   */
  raster(img: MonoBitmap): this {
    for (let y = 0; y < img.height; y += RASTER_STRIP_ROWS) {
      const rows = Math.min(RASTER_STRIP_ROWS, img.height - y);
      const w = img.widthBytes;
      this.push(GS, 0x76, 0x30, 0, w & 0xff, w >> 8, rows & 0xff, rows >> 8);
      this.raw(img.data.subarray(y * w, (y + rows) * w));
    }
    return this;
  }

  /** GS V 65 n: feed to the cutter plus n dots, then cut. */
  cut(feedDots = 24): this {
    return this.push(GS, 0x56, 0x41, Math.min(255, Math.max(0, feedDots)));
  }

  /** The job's bytes. */
  bytes(): Uint8Array {
    const out = new Uint8Array(this.size);
    let o = 0;
    for (const p of this.parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }
}
