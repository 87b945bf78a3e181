import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { encodeCp1258, toCp1258Form, visibleWidth } from "../../../server/print/cp1258.ts";

// Independent decoder: iconv-lite's own windows-1258 table.
const iconv = createRequire(import.meta.url)("iconv-lite") as { decode(b: Buffer, e: string): string };
const decode = (b: Uint8Array) => iconv.decode(Buffer.from(b), "windows1258").normalize("NFC");

const BASES = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY";
const TONES = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"];
const ALL_LETTERS = [...BASES].flatMap((b) => TONES.map((t) => (b + t).normalize("NFC"))).concat(["đ", "Đ"]);

describe("CP1258 encoding of Vietnamese", () => {
  it("round-trips every Vietnamese vowel with each of the six tones, both cases, and đ", () => {
    expect(ALL_LETTERS.length).toBe(146); // 12 vowels × 6 tones × 2 cases + đ Đ
    for (const l of ALL_LETTERS) expect(decode(encodeCp1258(l)), l).toBe(l);
  });

  it("sends a toned letter as its base letter plus a combining tone mark", () => {
    expect([...encodeCp1258("ế")]).toEqual([0xea, 0xec]); // ê + acute
    expect([...encodeCp1258("ộ")]).toEqual([0xf4, 0xf2]); // ô + dot below
    expect([...encodeCp1258("ữ")]).toEqual([0xfd, 0xde]); // ư + tilde
    expect([...encodeCp1258("ẳ")]).toEqual([0xe3, 0xd2]); // ă + hook above
    expect([...encodeCp1258("à")]).toEqual([0x61, 0xcc]); // a + grave, not the Latin-1 à
    expect([...encodeCp1258("Đ")]).toEqual([0xd0]);
  });

  it("accepts decomposed input the same as precomposed", () => {
    const nfd = "Bảo hiểm xã hội".normalize("NFD");
    expect([...encodeCp1258(nfd)]).toEqual([...encodeCp1258("Bảo hiểm xã hội")]);
    expect(toCp1258Form("ố")).toBe("ô\u0301");
  });

  it("round-trips the field names and the ticket phrases exactly", () => {
    for (const s of [
      "Bảo hiểm xã hội – y tế",
      "Chính sách – Người có công",
      "Hộ kinh doanh",
      "Vui lòng chờ đến lượt",
      "Trung tâm Phục vụ hành chính công phường Phú Liên",
      "Số người đang chờ trước bạn: 3",
    ])
      expect(decode(encodeCp1258(s))).toBe(s);
  });

  it("prints a question mark for a character outside the code page", () => {
    expect([...encodeCp1258("a中b")]).toEqual([0x61, 0x3f, 0x62]);
  });

  it("counts printed columns without the combining tone marks", () => {
    expect(visibleWidth("Hộ tịch")).toBe(7);
    expect(encodeCp1258("Hộ tịch").length).toBe(9);
  });
});
