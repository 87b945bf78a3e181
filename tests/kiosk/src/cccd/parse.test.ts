/**
 * The CCCD QR parsing test set (issue 15): valid 7- and 6-field codes, wrong dates, an ID
 * number whose century/sex/year digits contradict the card, extra fields, garbage; and the
 * 60+ verdict around birthdays.
 */
import { describe, expect, it } from "vitest";
import {
  ageOn,
  type CccdParse,
  cleanScan,
  type Day,
  idMatches,
  isElderly,
  parseCccdQr,
} from "../../../../kiosk/src/cccd/parse.ts";

const TODAY: Day = { y: 2026, m: 11, d: 23 };
const ok = (r: CccdParse) => {
  if (!r.ok) throw new Error(`rejected: ${r.reason}`);
  return r.card;
};
const reason = (r: CccdParse) => (r.ok ? "ok" : r.reason);

// Hà Nội (001), male, 20th century (0), born 1950.
const ELDER_7 =
  "001050012345|012345678|Nguyễn Văn An|01011950|Nam|Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội|10082021";
// Hồ Chí Minh (079), female, 20th century (1), born 1990; no old CMND: 6 fields.
const YOUNG_6 = "079190123456|Trần Thị Bình|15061990|Nữ|12 Lê Lợi, Quận 1, TP Hồ Chí Minh|20042022";

describe("valid codes", () => {
  it("reads a 7-field code: number, birth date, sex; never the name or the address", () => {
    const c = ok(parseCccdQr(ELDER_7, TODAY));
    expect(c).toEqual({ idNumber: "001050012345", birth: { y: 1950, m: 1, d: 1 }, sex: "male", fields: 7 });
    expect(JSON.stringify(c)).not.toContain("Nguyễn");
    expect(JSON.stringify(c)).not.toContain("Tràng Tiền");
  });

  it("reads a 6-field code (no CMND field)", () => {
    const c = ok(parseCccdQr(YOUNG_6, TODAY));
    expect(c).toMatchObject({
      idNumber: "079190123456",
      birth: { y: 1990, m: 6, d: 15 },
      sex: "female",
      fields: 6,
    });
  });

  it("reads a 7-field code whose CMND field is empty", () => {
    const c = ok(parseCccdQr("001050012345||Nguyen Van An|01011950|Nam|Ha Noi|10082021", TODAY));
    expect(c.fields).toBe(7);
    expect(c.birth).toEqual({ y: 1950, m: 1, d: 1 });
  });

  it("accepts extra trailing fields (newer căn cước cards) and ignores them", () => {
    const c = ok(parseCccdQr(`${ELDER_7}|01012031|extra|more`, TODAY));
    expect(c.fields).toBe(10);
    expect(c.idNumber).toBe("001050012345");
  });

  it("survives what keyboard-wedge scanners do: AIM prefix, CR/LF, BOM, lost diacritics", () => {
    const wedge = "]Q1\uFEFF001050012345|012345678|Nguy n V n An|01011950|Nam|S  1 Tr ng Ti n|10082021\r\n";
    expect(ok(parseCccdQr(wedge, TODAY)).birth).toEqual({ y: 1950, m: 1, d: 1 });
    // "Nữ" typed on a US layout arrives as "N" or "Nu": an unreadable sex skips the parity check.
    expect(ok(parseCccdQr(YOUNG_6.replace("Nữ", "N?"), TODAY)).sex).toBeNull();
    expect(ok(parseCccdQr(YOUNG_6.replace("Nữ", "Nu"), TODAY)).sex).toBe("female");
    expect(cleanScan("  ]Q3abc\t")).toBe("abc");
  });

  it("21st-century numbers: code 2 (male) and 3 (female)", () => {
    expect(ok(parseCccdQr("001201000123||Le Minh|05052001|Nam|Ha Noi|01012020", TODAY)).sex).toBe("male");
    expect(ok(parseCccdQr("048305000456||Le Hoa|31122005|Nữ|Da Nang|01012022", TODAY)).sex).toBe("female");
  });

  it("a birth year alone (day and month unknown on the card)", () => {
    expect(ok(parseCccdQr("001045000001||Pham Van C|00001945|Nam|Ha Noi|01012021", TODAY)).birth).toEqual({
      y: 1945,
      m: null,
      d: null,
    });
  });
});

describe("rejected codes", () => {
  it.each([
    ["not a real day", ELDER_7.replace("01011950", "31021950")],
    ["month 13", ELDER_7.replace("01011950", "01131950")],
    ["in the future", YOUNG_6.replace("15061990", "15062090").replace("079190", "079190")],
    ["letters", ELDER_7.replace("01011950", "0101195O")],
    ["too short", ELDER_7.replace("01011950", "011950")],
  ])("birth date %s → bad-birth-date", (_name, code) => {
    expect(reason(parseCccdQr(code, TODAY))).toBe("bad-birth-date");
  });

  it("an issue date that is not a day, is before the birth or in the future → bad-issue-date", () => {
    expect(reason(parseCccdQr(ELDER_7.replace("10082021", "32082021"), TODAY))).toBe("bad-issue-date");
    expect(reason(parseCccdQr(ELDER_7.replace("10082021", "10081940"), TODAY))).toBe("bad-issue-date");
    expect(reason(parseCccdQr(ELDER_7.replace("10082021", "10082031"), TODAY))).toBe("bad-issue-date");
  });

  it("century digit contradicts the birth year → id-mismatch", () => {
    // Code 2 means born 2000–2099, the card says 1950.
    expect(reason(parseCccdQr(ELDER_7.replace("001050012345", "001250012345"), TODAY))).toBe("id-mismatch");
  });

  it("year digits contradict the birth year → id-mismatch", () => {
    expect(reason(parseCccdQr(ELDER_7.replace("001050012345", "001051012345"), TODAY))).toBe("id-mismatch");
  });

  it("sex digit contradicts the sex field → id-mismatch", () => {
    // Code 1 = female, the card says Nam.
    expect(reason(parseCccdQr(ELDER_7.replace("001050012345", "001150012345"), TODAY))).toBe("id-mismatch");
    expect(reason(parseCccdQr(YOUNG_6.replace("Nữ", "Nam"), TODAY))).toBe("id-mismatch");
  });

  it("a number that is not 12 digits → bad-id", () => {
    expect(reason(parseCccdQr(ELDER_7.replace("001050012345", "00105001234"), TODAY))).toBe("bad-id");
  });

  it.each([
    ["empty", ""],
    ["a URL", "https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html?ma=H26.99-240315-0012"],
    ["a product barcode", "8934563138165"],
    ["a dossier code", "000.00.19.H26-231109-0003"],
    ["too few fields", "001050012345|Nguyen Van An|01011950"],
    ["pipes only", "||||||"],
    ["letters in the number", "00105OO12345|012345678|A|01011950|Nam|B|10082021"],
    ["random bytes", "\u0000\u0001~~~|||\u00ff\u00fe"],
    ["very long", `${"1".repeat(12)}|${"x|".repeat(400)}`],
  ])("garbage (%s) → not-cccd", (_name, code) => {
    expect(reason(parseCccdQr(code, TODAY))).toBe("not-cccd");
  });
});

describe("the 60+ verdict", () => {
  it("1950 is elderly, 1990 is not", () => {
    expect(isElderly(ok(parseCccdQr(ELDER_7, TODAY)).birth, TODAY)).toBe(true);
    expect(isElderly(ok(parseCccdQr(YOUNG_6, TODAY)).birth, TODAY)).toBe(false);
  });

  it("turns 60 on the 60th birthday, not the day before", () => {
    expect(isElderly({ y: 1966, m: 11, d: 23 }, TODAY)).toBe(true);
    expect(isElderly({ y: 1966, m: 11, d: 24 }, TODAY)).toBe(false);
    expect(ageOn({ y: 1966, m: 12, d: 1 }, TODAY)).toBe(59);
  });

  it("born on 29 February: 60 on 1 March of a common year", () => {
    const b = { y: 1964, m: 2, d: 29 };
    expect(isElderly(b, { y: 2024, m: 2, d: 29 })).toBe(true); // leap year: the day itself
    expect(isElderly(b, { y: 2025, m: 2, d: 28 })).toBe(true); // already 61 in 2025
    expect(ageOn({ y: 1965, m: 2, d: 29 } as Day, { y: 2025, m: 2, d: 28 })).toBe(59);
    expect(ageOn({ y: 1965, m: 2, d: 29 } as Day, { y: 2025, m: 3, d: 1 })).toBe(60);
  });

  it("a year-only birth counts only when certain", () => {
    expect(isElderly({ y: 1965, m: null, d: null }, TODAY)).toBe(true); // 60 or 61 → both ≥ 60
    expect(isElderly({ y: 1966, m: null, d: null }, TODAY)).toBe(false); // 59 or 60: ask
    expect(isElderly({ y: 1966, m: 11, d: null }, TODAY)).toBe(false); // this month: ask
    expect(isElderly({ y: 1966, m: 10, d: null }, TODAY)).toBe(true); // last month: 60
  });

  it("idMatches covers every century code", () => {
    expect(idMatches("001450000001", { y: 2150, m: 1, d: 1 }, "male")).toBe(true);
    expect(idMatches("001550000001", { y: 2150, m: 1, d: 1 }, "female")).toBe(true);
    expect(idMatches("001550000001", { y: 2150, m: 1, d: 1 }, "male")).toBe(false);
  });
});
