/**
 * The QR code on the back of the chip-based citizen ID card (CCCD, and the "căn cước" card
 * of the 2023 Law on Identification), parsed on the kiosk itself (docs/decisions/0042).
 *
 * The chip CCCD's QR carries `số CCCD|số CMND|họ tên|ngày sinh ddmmyyyy|giới tính|địa chỉ|
 * ngày cấp ddmmyyyy` (7 fields); cards without an old 9-digit CMND leave that field empty
 * or leave it out (6 fields), and newer cards may append fields. What this module keeps
 * is only what the kiosk needs: the 12-digit personal identification number (to make the
 * day-hash, then dropped), the birth date (for the 60+ verdict) and the sex digit check.
 * The name and the address are never returned: they are not needed, so they are not kept
 * (Decree 13/2023/NĐ-CP: no more personal data than the purpose needs).
 *
 * The 12-digit number (Decree 137/2015/NĐ-CP art. 13, Circular 07/2016/TT-BCA and
 * 59/2021/TT-BCA): 3 digits of the province (or country) where the birth was registered,
 * 1 digit of century and sex (0/1: 1900s male/female, 2/3: 2000s, 4/5: 2100s, …), the last
 * 2 digits of the birth year, then 6 random digits. A card whose century/sex digit or year
 * digits contradict its birth date (or its sex field) is not a card the kiosk trusts.
 *
 * Pure: no DOM, no clock (`today` is an argument), so the same code runs in tests.
 */

/** A calendar day; `m` and `d` are null when the card carries only a birth year. */
export interface Day {
  y: number;
  m: number | null;
  d: number | null;
}

/** What the kiosk keeps of a card, for as long as one visitor stands at it. */
export interface CccdCard {
  /** The 12-digit personal identification number (hashed at once, never sent). */
  idNumber: string;
  birth: Day;
  sex: "male" | "female" | null;
  /** How many `|` fields the code had (6, 7, or more on newer cards). */
  fields: number;
}

/** Why a scanned code is not taken as a citizen ID card. */
export type CccdRejection =
  | "not-cccd" // not the card's layout at all (a URL, a product barcode, garbage)
  | "bad-id" // the first field is not a 12-digit number
  | "bad-birth-date" // the birth date is not a real day, or lies in the future
  | "id-mismatch" // the number's century/sex/year digits contradict the birth date or the sex
  | "bad-issue-date"; // the issue date is not a real day, is before the birth or in the future

export type CccdParse = { ok: true; card: CccdCard } | { ok: false; reason: CccdRejection };

/** Province codes of Circular 07/2016/TT-BCA (the 63 provinces before the 2025 merger). */
export const PROVINCE_CODES: ReadonlySet<string> = new Set(
  (
    "001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 036 037 038 " +
    "040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 074 075 077 079 080 082 " +
    "083 084 086 087 089 091 092 093 094 095 096"
  ).split(" "),
);

const MAX_LENGTH = 600;

/**
 * Cleans what a scanner typed: an AIM symbology prefix (`]Q1`), a byte-order mark,
 * control characters and surrounding blanks; Unicode NFC.
 */
export function cleanScan(raw: string): string {
  return raw
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f\uFEFF]/g, "")
    .trim()
    .replace(/^\][A-Za-z][0-9]/, "")
    .trim();
}

/** Parses the QR of a citizen ID card scanned on `today` (the hall's date). */
export function parseCccdQr(raw: string, today: Day): CccdParse {
  const s = cleanScan(raw);
  if (s.length === 0 || s.length > MAX_LENGTH || !s.includes("|")) return { ok: false, reason: "not-cccd" };
  const f = s.split("|").map((x) => x.trim());
  if (f.length < 6) return { ok: false, reason: "not-cccd" };
  const id = f[0]!;
  if (!/^\d{12}$/.test(id)) return { ok: false, reason: /^\d{9,13}$/.test(id) ? "bad-id" : "not-cccd" };
  // 7 fields: the second is the old CMND (9 or 12 digits) or empty; 6 fields: no CMND field.
  const hasCmnd = f[1] === "" || /^\d{9}$|^\d{12}$/.test(f[1]!);
  const at = hasCmnd ? 2 : 1; // index of the name
  if (f.length < at + 4) return { ok: false, reason: "not-cccd" }; // name, birth, sex, address
  const birth = parseDay(f[at + 1]!);
  if (!birth || !realDay(birth) || after(birth, today)) return { ok: false, reason: "bad-birth-date" };
  const sex = parseSex(f[at + 2]!);
  if (!idMatches(id, birth, sex)) return { ok: false, reason: "id-mismatch" };
  const issuedRaw = f[at + 4];
  if (issuedRaw !== undefined && issuedRaw !== "") {
    const issued = parseDay(issuedRaw);
    if (!issued || issued.m === null || !realDay(issued) || after(issued, today) || before(issued, birth))
      return { ok: false, reason: "bad-issue-date" };
  }
  return { ok: true, card: { idNumber: id, birth, sex, fields: f.length } };
}

/**
 * The birth field: `ddmmyyyy`; a card of someone whose day and month are unknown may carry
 * `0000yyyy`, `00mmyyyy` or the bare year.
 */
function parseDay(s: string): Day | null {
  const t = s.replace(/[/.\-\s]/g, "");
  if (/^\d{4}$/.test(t)) return { y: Number(t), m: null, d: null };
  if (!/^\d{8}$/.test(t)) return null;
  const d = Number(t.slice(0, 2));
  const m = Number(t.slice(2, 4));
  const y = Number(t.slice(4));
  if (m === 0) return d === 0 ? { y, m: null, d: null } : null;
  return { y, m, d: d === 0 ? null : d };
}

function realDay(x: Day): boolean {
  if (x.y < 1880 || x.y > 2400) return false;
  if (x.m === null) return true;
  if (x.m < 1 || x.m > 12) return false;
  if (x.d === null) return true;
  const days = new Date(Date.UTC(x.y, x.m, 0)).getUTCDate();
  return x.d >= 1 && x.d <= days;
}

/** `a` is certainly after `b` (unknown parts count as the earliest possible). */
function after(a: Day, b: Day): boolean {
  return key(a, 1) > key(b, 12);
}

function before(a: Day, b: Day): boolean {
  return key(a, 12) < key(b, 1);
}

function key(x: Day, fill: 1 | 12): number {
  const m = x.m ?? fill;
  const d = x.d ?? (fill === 1 ? 1 : 31);
  return x.y * 10_000 + m * 100 + d;
}

/**
 * The sex field. A keyboard-wedge scanner on a US layout cannot type "ữ", so "Nữ" may
 * arrive as "N", "Nu" or "N?"; anything unreadable is null (the check is then skipped).
 */
function parseSex(s: string): "male" | "female" | null {
  const t = s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .trim();
  if (t === "nam" || t === "male" || t === "m") return "male";
  if (t === "nu" || t === "nư" || t === "female" || t === "f") return "female";
  return null;
}

/**
 * The number's 4th digit (century and sex) and 5th–6th digits (year) agree with the
 * birth date, and its sex parity with the sex field when that was readable.
 */
export function idMatches(id: string, birth: Day, sex: "male" | "female" | null): boolean {
  const code = Number(id[3]);
  const century = 1900 + Math.floor(code / 2) * 100;
  if (birth.y < century || birth.y >= century + 100) return false;
  if (Number(id.slice(4, 6)) !== birth.y % 100) return false;
  if (sex !== null && (code % 2 === 1) !== (sex === "female")) return false;
  return true;
}

/** Completed years of age on `today`; null when a birth without day or month leaves it open. */
export function ageOn(birth: Day, today: Day): number | null {
  if (birth.m === null || today.m === null || today.d === null) return null;
  const years = today.y - birth.y;
  if (today.m < birth.m) return years - 1;
  if (today.m > birth.m) return years;
  if (birth.d === null) return null;
  // Born on 29 February: in a common year the birthday is taken as 1 March.
  if (birth.m === 2 && birth.d === 29 && !leap(today.y)) return years - 1;
  return today.d >= birth.d ? years : years - 1;
}

/**
 * True when the card says the visitor is `years` (the Law on the Elderly: 60) or older
 * today. A birth without day or month counts only when it is certain whatever the missing
 * part (otherwise the usual priority question is asked).
 */
export function isElderly(birth: Day, today: Day, years = 60): boolean {
  const age = ageOn(birth, today);
  if (age !== null) return age >= years;
  return today.y - birth.y - 1 >= years;
}

function leap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}
