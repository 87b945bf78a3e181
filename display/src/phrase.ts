/**
 * The spoken call, built as a pure function: the Vietnamese sentence for the browser's
 * speech voice and the list of audio clips for the bundled (or recorded) voice.
 *
 * "Xin mời công dân có số thứ tự A không một hai đến quầy số ba" (DOMAIN.md, "How a
 * visit goes"): the ticket's letters by their Vietnamese names, its digits one by one,
 * the counter as a cardinal number. Number reading follows standard Vietnamese: 10
 * "mười", 15 "mười lăm", 21 "hai mươi mốt", 24 "hai mươi tư", 105 "một trăm linh năm".
 * Clip ids are ASCII; `VOICE_VOCAB` maps each to the text the build speaks with espeak-ng
 * (scripts/build-voice.ts) and that a hall records when it replaces the voice.
 *
 * Trap: in the northern accent the alphabet names of D ("dê") and G ("giê") are the same
 * sound /ze/, and the demo hall uses both prefixes (Cư trú D, Hộ kinh doanh G). D is said
 * "đê", as Vietnamese read it in acronyms (ADN "a đê en"), so the two stay apart
 * (docs/decisions/0061-voice.md).
 */

/** Every clip the announcer can ask for, with the Vietnamese text it says. */
export const VOICE_VOCAB = {
  "xin-moi": "Xin mời công dân có số thứ tự",
  "den-quay": "đến quầy số",
  khong: "không",
  mot: "một",
  hai: "hai",
  ba: "ba",
  bon: "bốn",
  nam: "năm",
  sau: "sáu",
  bay: "bảy",
  tam: "tám",
  chin: "chín",
  muoi: "mười",
  "muoi-chuc": "mươi",
  "mot-dv": "mốt",
  tu: "tư",
  lam: "lăm",
  tram: "trăm",
  linh: "linh",
  "letter-a": "a",
  "letter-b": "bê",
  "letter-c": "xê",
  "letter-d": "đê",
  "letter-e": "e",
  "letter-f": "ép",
  "letter-g": "giê",
  "letter-h": "hát",
  "letter-i": "i",
  "letter-j": "gi",
  "letter-k": "ca",
  "letter-l": "e lờ",
  "letter-m": "em mờ",
  "letter-n": "en nờ",
  "letter-o": "o",
  "letter-p": "pê",
  "letter-q": "quy",
  "letter-r": "e rờ",
  "letter-s": "ét xì",
  "letter-t": "tê",
  "letter-u": "u",
  "letter-v": "vê",
  "letter-w": "vê kép",
  "letter-x": "ích xì",
  "letter-y": "i dài",
  "letter-z": "dét",
} as const;

/** A spoken clip id; `chime` is the attention sound played before every call. */
export type WordClip = keyof typeof VOICE_VOCAB;
export type ClipId = WordClip | "chime";

/** Every clip file the voice folder should hold. */
export const ALL_CLIPS: readonly ClipId[] = ["chime", ...(Object.keys(VOICE_VOCAB) as WordClip[])];

const DIGITS: readonly WordClip[] = ["khong", "mot", "hai", "ba", "bon", "nam", "sau", "bay", "tam", "chin"];

/** What to say for one call: the sentence and the clip sequence (chime first). */
export interface Phrase {
  text: string;
  clips: ClipId[];
}

/** The clip of a Latin letter's Vietnamese name, or null for anything else. */
export function letterClip(ch: string): WordClip | null {
  const c = ch.toLowerCase();
  if (!/^[a-z]$/.test(c)) return null;
  return `letter-${c}` as WordClip;
}

/** Digits read one by one: "012" → không, một, hai. Non-digits are skipped. */
export function digitClips(s: string): WordClip[] {
  const out: WordClip[] = [];
  for (const ch of s) if (ch >= "0" && ch <= "9") out.push(DIGITS[Number(ch)]!);
  return out;
}

/**
 * Reads a whole number 0–999 the Vietnamese way (3 → ba, 15 → mười lăm, 21 → hai mươi
 * mốt, 24 → hai mươi tư, 40 → bốn mươi, 105 → một trăm linh năm, 110 → một trăm mười).
 * Larger or invalid numbers are read digit by digit, which is still understood.
 */
export function numberClips(n: number): WordClip[] {
  if (!Number.isInteger(n) || n < 0 || n > 999) return digitClips(String(Math.abs(Math.trunc(n)) || 0));
  if (n < 10) return [DIGITS[n]!];
  if (n < 100) {
    const tens = Math.floor(n / 10);
    const unit = n % 10;
    const head: WordClip[] = tens === 1 ? ["muoi"] : [DIGITS[tens]!, "muoi-chuc"];
    if (unit === 0) return head;
    if (unit === 5) return [...head, "lam"];
    if (tens > 1 && unit === 1) return [...head, "mot-dv"];
    if (tens > 1 && unit === 4) return [...head, "tu"];
    return [...head, DIGITS[unit]!];
  }
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const head: WordClip[] = [DIGITS[hundreds]!, "tram"];
  if (rest === 0) return head;
  if (rest < 10) return [...head, "linh", DIGITS[rest]!];
  return [...head, ...numberClips(rest)];
}

/** The clips of a ticket number: letters by name, then digits one by one ("A012"). */
export function ticketClips(ticket: string): WordClip[] {
  const out: WordClip[] = [];
  for (const ch of ticket.trim()) {
    const letter = letterClip(ch);
    if (letter) out.push(letter);
    else out.push(...digitClips(ch));
  }
  return out;
}

const words = (clips: readonly WordClip[]) => clips.map((c) => VOICE_VOCAB[c]).join(" ");

/**
 * The announcement of ticket `ticket` called to counter `counter`: a chime, "Xin mời
 * công dân có số thứ tự", the ticket, "đến quầy số", the counter. The text has commas
 * where a speaker pauses, so a speech voice phrases it like the clip sequence.
 */
export function announcementPhrase(ticket: string, counter: number): Phrase {
  const t = ticketClips(ticket);
  const c = numberClips(counter);
  return {
    text: `${VOICE_VOCAB["xin-moi"]} ${words(t)}, ${VOICE_VOCAB["den-quay"]} ${words(c)}.`,
    clips: ["chime", "xin-moi", ...t, "den-quay", ...c],
  };
}
