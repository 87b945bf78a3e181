import { describe, expect, it } from "vitest";
import {
  ALL_CLIPS,
  announcementPhrase,
  digitClips,
  letterClip,
  numberClips,
  ticketClips,
  VOICE_VOCAB,
  type WordClip,
} from "../../display/src/phrase.ts";

const say = (clips: readonly WordClip[]) => clips.map((c) => VOICE_VOCAB[c]).join(" ");

describe("announcementPhrase()", () => {
  it("builds the sentence of DOMAIN.md for A012 at counter 3", () => {
    const p = announcementPhrase("A012", 3);
    expect(p.text).toBe("Xin mời công dân có số thứ tự a không một hai, đến quầy số ba.");
    expect(p.clips).toEqual(["chime", "xin-moi", "letter-a", "khong", "mot", "hai", "den-quay", "ba"]);
  });

  it("starts every announcement with the chime and names only clips the voice folder holds", () => {
    for (const [n, c] of [
      ["B105", 12],
      ["G999", 21],
      ["Z000", 105],
      ["C7", 1000],
    ] as const) {
      const p = announcementPhrase(n, c);
      expect(p.clips[0]).toBe("chime");
      for (const id of p.clips) expect(ALL_CLIPS).toContain(id);
    }
  });

  it("says the ticket's letter by its Vietnamese name and reads its digits one by one", () => {
    expect(say(ticketClips("B105"))).toBe("bê một không năm");
    expect(say(ticketClips("C027"))).toBe("xê không hai bảy");
    expect(say(ticketClips("E100"))).toBe("e một không không");
  });

  it("keeps D and G apart (đê / giê), which sound alike as dê / giê in the northern accent", () => {
    expect(VOICE_VOCAB[letterClip("D")!]).toBe("đê");
    expect(VOICE_VOCAB[letterClip("G")!]).toBe("giê");
  });

  it("has a distinct name for every letter A–Z", () => {
    const names = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZ"].map((ch) => VOICE_VOCAB[letterClip(ch)!]);
    expect(new Set(names).size).toBe(26);
    expect(letterClip("a")).toBe("letter-a");
    expect(letterClip("1")).toBeNull();
    expect(letterClip("Đ")).toBeNull();
  });

  it("skips characters it cannot say instead of failing", () => {
    expect(ticketClips(" A-01 ")).toEqual(["letter-a", "khong", "mot"]);
    expect(digitClips("x9")).toEqual(["chin"]);
  });
});

describe("numberClips() reads counter numbers the Vietnamese way", () => {
  const cases: [number, string][] = [
    [0, "không"],
    [3, "ba"],
    [10, "mười"],
    [11, "mười một"],
    [14, "mười bốn"],
    [15, "mười lăm"],
    [20, "hai mươi"],
    [21, "hai mươi mốt"],
    [24, "hai mươi tư"],
    [25, "hai mươi lăm"],
    [31, "ba mươi mốt"],
    [99, "chín mươi chín"],
    [100, "một trăm"],
    [105, "một trăm linh năm"],
    [110, "một trăm mười"],
    [115, "một trăm mười lăm"],
    [121, "một trăm hai mươi mốt"],
    [999, "chín trăm chín mươi chín"],
  ];
  for (const [n, words] of cases)
    it(`${n} → "${words}"`, () => {
      expect(say(numberClips(n))).toBe(words);
    });

  it("falls back to digit by digit beyond 999", () => {
    expect(say(numberClips(1204))).toBe("một hai không bốn");
  });
});
