/**
 * Test helper: decodes ESC/POS bytes with an INDEPENDENT parser, npos 0.1.19
 * (its own command tables and GS v 0 raster codec), plus iconv-lite's
 * windows-1258 table for text, so that the tests do not check the renderer
 * against itself. npos knows neither GS ( k (QR codes) nor ESC t's table
 * numbers for Vietnamese, so we teach it GS ( k as a "pL pH + data" command and
 * interpret parameters from the Epson ESC/POS reference here.
 *
 * Trap: npos/lib/index.js loads its USB connector; we import the parser and
 * codec modules directly so that a missing native `usb` build cannot break tests.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const Parser = require("npos/lib/parser") as new (rules?: object) => NposParser;
const baseRules = require("npos/lib/parser/rules") as Record<number, Record<string, unknown>>;
const rasterCodec = require("npos/lib/codecs/raster") as { decode(raw: Buffer, nodes: object[]): LwimBitmap };
const iconv = require("iconv-lite") as { decode(b: Buffer, enc: string): string };

interface NposNode {
  code: number;
  ascii: string;
  fn?: string;
  offset: number;
  length: number;
}
interface NposParser {
  analyze(raw: Buffer): { error?: Error; tree: NposNode[] | null; raw: Buffer };
}
interface LwimBitmap {
  width: number;
  height: number;
  getPixel(x: number, y: number): number;
}

const GS = 0x1d;
const ESC = 0x1b;

function rules(): object {
  const r: Record<number, Record<string, unknown>> = {};
  for (const [k, v] of Object.entries(baseRules)) r[Number(k)] = typeof v === "object" ? { ...v } : v;
  r[GS]!["(k"] = [0, "d16"]; // GS ( k pL pH cn fn [params]: 2D codes
  return r;
}

/** One printed text line with the modes in force when it was sent. */
export interface PrintedLine {
  text: string;
  widthMul: number;
  heightMul: number;
  bold: boolean;
  font: "a" | "b";
  align: "left" | "center" | "right";
  codepage: number | null;
}

export interface QrSymbol {
  data: string;
  model: number | null;
  moduleSize: number | null;
  level: string | null;
  printed: boolean;
}

export interface Printout {
  initialized: boolean;
  lines: PrintedLine[];
  qr: QrSymbol[];
  /** GS v 0 images, consecutive strips joined (decoded by npos's raster codec). */
  images: { width: number; height: number; black(x: number, y: number): boolean }[];
  cuts: number;
  /** The last command is a cut. */
  endsWithCut: boolean;
  /** Commands in order, e.g. "ESC@", "ESCt", "GS(k", "GSv0", "GSV". */
  commands: string[];
}

/** Code pages of WPC1258 per vendor (the numbers configured in the hall). */
const CP1258_NUMBERS = new Set([52, 27, 32, 41]);

/** Decodes a print job; throws when npos cannot parse it (an unknown or truncated command). */
export function decodeEscPos(bytes: Uint8Array): Printout {
  const raw = Buffer.from(bytes);
  const ast = new Parser(rules()).analyze(raw);
  if (ast.error || !ast.tree) throw ast.error ?? new Error("npos: no tree");
  const out: Printout = {
    initialized: false,
    lines: [],
    qr: [],
    images: [],
    cuts: 0,
    endsWithCut: false,
    commands: [],
  };
  const mode = {
    widthMul: 1,
    heightMul: 1,
    bold: false,
    font: "a" as "a" | "b",
    align: "left" as PrintedLine["align"],
  };
  let codepage: number | null = null;
  let pending: string[] = [];
  let qr: QrSymbol = { data: "", model: null, moduleSize: null, level: null, printed: false };
  let strips: NposNode[] = [];
  const flushStrips = () => {
    if (!strips.length) return;
    const img = rasterCodec.decode(
      raw,
      strips.map((n) => ({ offset: n.offset })),
    );
    out.images.push({ width: img.width, height: img.height, black: (x, y) => img.getPixel(x, y) === 0 });
    strips = [];
  };
  for (const n of ast.tree) {
    const name = `${n.ascii}${n.fn ?? ""}`;
    if (name !== "GSv0") flushStrips();
    const p = (i: number) => raw[n.offset + 1 + (n.fn?.length ?? 0) + i]!;
    if (n.code === 2) {
      // Text: bytes up to each LF make a line (CR ignored).
      const chunk = raw.subarray(n.offset, n.offset + n.length);
      const text =
        codepage !== null && CP1258_NUMBERS.has(codepage)
          ? iconv.decode(chunk, "windows1258")
          : iconv.decode(chunk, "cp437");
      const parts = text.replace(/\r/g, "").split("\n");
      for (let i = 0; i < parts.length; i++) {
        pending.push(parts[i]!);
        if (i < parts.length - 1) {
          out.lines.push({ text: pending.join("").normalize("NFC"), ...mode, codepage });
          pending = [];
        }
      }
      continue;
    }
    out.commands.push(name);
    if (n.code === ESC) {
      if (n.fn === "@") {
        out.initialized = true;
        Object.assign(mode, { widthMul: 1, heightMul: 1, bold: false, font: "a", align: "left" });
        codepage = 0;
      } else if (n.fn === "t") codepage = p(0);
      else if (n.fn === "a") mode.align = (["left", "center", "right"] as const)[p(0) % 48] ?? "left";
      else if (n.fn === "E") mode.bold = (p(0) & 1) === 1;
      else if (n.fn === "M") mode.font = p(0) % 48 === 1 ? "b" : "a";
      else if (n.fn === "!") {
        const v = p(0);
        Object.assign(mode, {
          font: v & 1 ? "b" : "a",
          bold: (v & 8) !== 0,
          heightMul: v & 16 ? 2 : 1,
          widthMul: v & 32 ? 2 : 1,
        });
      }
    } else if (n.code === GS) {
      if (n.fn === "!") {
        mode.widthMul = ((p(0) >> 4) & 7) + 1;
        mode.heightMul = (p(0) & 7) + 1;
      } else if (n.fn === "V") {
        out.cuts++;
      } else if (n.fn === "v0") {
        strips.push(n);
      } else if (n.fn === "(k") {
        const len = p(0) | (p(1) << 8);
        const cn = p(2);
        const fn = p(3);
        if (cn !== 49) continue;
        if (fn === 65) qr.model = p(4) - 48;
        else if (fn === 67) qr.moduleSize = p(4);
        else if (fn === 69) qr.level = { 48: "L", 49: "M", 50: "Q", 51: "H" }[p(4)] ?? null;
        else if (fn === 80) qr.data = raw.subarray(n.offset + 8, n.offset + 8 + len - 3).toString("latin1");
        else if (fn === 81) {
          qr.printed = true;
          out.qr.push(qr);
          qr = { data: "", model: null, moduleSize: null, level: null, printed: false };
        }
      }
    }
  }
  flushStrips();
  if (pending.join("") !== "") out.lines.push({ text: pending.join("").normalize("NFC"), ...mode, codepage });
  out.endsWithCut = out.commands.at(-1) === "GSV";
  return out;
}

/** Writes an image as a binary PBM (P4), the format zbarimg and tesseract both read. */
export function toPbm(img: Printout["images"][number], scale = 1): Uint8Array {
  const w = img.width * scale;
  const h = img.height * scale;
  const rowBytes = Math.ceil(w / 8);
  const header = new TextEncoder().encode(`P4\n${w} ${h}\n`);
  const body = new Uint8Array(rowBytes * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      if (img.black(Math.floor(x / scale), Math.floor(y / scale)))
        body[y * rowBytes + (x >> 3)]! |= 0x80 >> (x & 7);
  const out = new Uint8Array(header.length + body.length);
  out.set(header);
  out.set(body, header.length);
  return out;
}
