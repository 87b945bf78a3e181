/**
 * Vietnamese text → Windows-1258 (Epson "WPC1258") bytes for text-mode tickets.
 *
 * Trap: CP1258 holds the Vietnamese base letters (â ă ê ô ơ ư đ and capitals) and the
 * five tone marks as *combining* characters (0xCC grave, 0xEC acute, 0xDE tilde,
 * 0xD2 hook above, 0xF2 dot below), but almost none of the 120 precomposed toned
 * letters. "ế" must therefore be sent as "ê" + acute (0xEA 0xEC), which the printer
 * overstrikes in one cell. Plain NFD is wrong too: it also splits "ê" into
 * "e" + circumflex, and CP1258 has no combining circumflex (nor breve nor horn).
 * Source: Microsoft's cp1258 table (WHATWG Encoding Standard "windows-1258");
 * Unicode TN "Vietnamese and Unicode" on the toned letters.
 *
 * The byte table is built from the runtime's WHATWG `TextDecoder("windows-1258")`
 * (Bun, browsers), so no hand-typed table can drift from the standard.
 */

/** The five Vietnamese tone marks, as Unicode combining characters. */
const TONE_MARKS = new Set([0x0300, 0x0301, 0x0303, 0x0309, 0x0323]);

/** Byte used for a character the code page cannot print. */
const UNKNOWN = 0x3f; // "?"

let table: Map<number, number> | null = null;

function encodeTable(): Map<number, number> {
  if (table) return table;
  const t = new Map<number, number>();
  for (let b = 0x20; b < 0x7f; b++) t.set(b, b);
  const high = new Uint8Array(128).map((_, i) => 0x80 + i);
  const chars = new TextDecoder("windows-1258").decode(high);
  for (let i = 0; i < chars.length; i++) {
    const cp = chars.codePointAt(i)!;
    if (cp !== 0xfffd && cp >= 0xa0 && !t.has(cp)) t.set(cp, 0x80 + i);
  }
  table = t;
  return t;
}

/**
 * Rewrites text into the CP1258 repertoire: every toned letter becomes its base
 * letter (recomposed with circumflex, breve or horn when it has one: "ế" → "ê")
 * followed by its tone mark as a combining character. Other text is NFC.
 */
export function toCp1258Form(text: string): string {
  let out = "";
  for (const ch of text.normalize("NFC")) {
    const d = ch.normalize("NFD");
    const cps = [...d];
    if (cps.length === 1) {
      out += ch;
      continue;
    }
    const tones = cps.filter((c) => TONE_MARKS.has(c.codePointAt(0)!));
    const rest = cps.filter((c) => !TONE_MARKS.has(c.codePointAt(0)!));
    out += rest.join("").normalize("NFC") + tones.join("");
  }
  return out;
}

/** True for a combining mark (prints over the previous cell, takes no column). */
export function isCombining(ch: string): boolean {
  return /\p{M}/u.test(ch);
}

/** Printed width in columns of a text at the normal font: combining marks take none. */
export function visibleWidth(text: string): number {
  let n = 0;
  for (const ch of toCp1258Form(text)) if (!isCombining(ch)) n++;
  return n;
}

/**
 * Encodes text for a printer set to WPC1258 (`ESC t n` with the model's number).
 * Characters outside the code page become "?" (never dropped silently, so a
 * missing glyph is visible on paper and in tests).
 */
export function encodeCp1258(text: string): Uint8Array {
  const t = encodeTable();
  const form = toCp1258Form(text);
  const out: number[] = [];
  for (const ch of form) {
    const cp = ch.codePointAt(0)!;
    out.push(t.get(cp) ?? UNKNOWN);
  }
  return Uint8Array.from(out);
}
