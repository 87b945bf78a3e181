/**
 * The pieces of issue 14's notices that need no hall: when "turn is near" is due, which
 * numbers are Vietnamese mobiles and their 84… form, the words of each notice (Vietnamese
 * with diacritics first, English second) and the unaccented SMS form.
 */
import { describe, expect, it } from "vitest";
import {
  maskPhone,
  normalizeVnMobile,
  noticeText,
  stripDiacritics,
} from "../../../server/contract/notices.ts";
import { nearDue } from "../../../server/notices/triggers.ts";

describe("nearDue", () => {
  it("is due when the people ahead or the minutes reach the threshold, not before", () => {
    expect(nearDue({ ahead: 3, minutes: null }, { position: 4, estimatedWaitMin: 2 })).toBe(false);
    expect(nearDue({ ahead: 3, minutes: null }, { position: 3, estimatedWaitMin: 40 })).toBe(true);
    expect(nearDue({ ahead: null, minutes: 10 }, { position: 9, estimatedWaitMin: 11 })).toBe(false);
    expect(nearDue({ ahead: null, minutes: 10 }, { position: 9, estimatedWaitMin: 10 })).toBe(true);
    expect(nearDue({ ahead: 0, minutes: null }, { position: 0, estimatedWaitMin: null })).toBe(true);
  });

  it("never on an unknown estimate (no counter serves the field): minutes alone cannot fire", () => {
    expect(nearDue({ ahead: null, minutes: 30 }, { position: 2, estimatedWaitMin: null })).toBe(false);
    expect(nearDue({ ahead: 2, minutes: 5 }, null)).toBe(false);
  });
});

describe("Vietnamese mobile numbers", () => {
  it("normalizes what visitors type to 84…", () => {
    for (const s of [
      "0912345678",
      "0912 345 678",
      "+84 912-345-678",
      "84912345678",
      "912345678",
      "(091) 234.5678",
    ])
      expect(normalizeVnMobile(s), s).toBe("84912345678");
    expect(normalizeVnMobile("0327654321")).toBe("84327654321"); // Viettel 032
    expect(normalizeVnMobile("0598765432")).toBe("84598765432"); // Gmobile 059
    expect(normalizeVnMobile("0701234567")).toBe("84701234567"); // MobiFone 070
  });

  it("refuses landlines, old 11-digit numbers, short ones and letters", () => {
    for (const s of [
      "02438251234",
      "0241234567",
      "01234567890",
      "091234567",
      "09123456789",
      "0912abc678",
      "",
      "+1 415 555 0100",
      "0612345678",
    ])
      expect(normalizeVnMobile(s), s).toBeNull();
  });

  it("masks a number for screens and logs", () => {
    expect(maskPhone("84912345678")).toBe("091****678");
  });
});

describe("the words of a notice", () => {
  it("calls in Vietnamese first ('Mời số A012 đến quầy 3'), English second", () => {
    expect(noticeText({ kind: "called", number: "A012", counter: 3 })).toEqual({
      title: { vi: "Mời số A012", en: "Ticket A012, please" },
      body: { vi: "Mời số A012 đến quầy 3.", en: "Ticket A012, please go to counter 3." },
    });
  });

  it("says how many are ahead and about how long, or that you are next", () => {
    expect(noticeText({ kind: "near", number: "B007", ahead: 2, minutes: 9 }).body).toEqual({
      vi: "Số B007: còn 2 người trước bạn, khoảng 9 phút. Vui lòng quay lại sảnh.",
      en: "Ticket B007: 2 people ahead, about 9 min. Please come back to the hall.",
    });
    expect(noticeText({ kind: "near", number: "B007", ahead: 0 }).body.vi).toBe(
      "Số B007: bạn là người tiếp theo. Vui lòng có mặt gần các quầy.",
    );
  });

  it("after service, carries the rating link", () => {
    expect(noticeText({ kind: "finished", number: "C001", url: "https://hall.vn/t/x" }).body.vi).toBe(
      "Số C001 đã được phục vụ. Mời bạn đánh giá mức độ hài lòng: https://hall.vn/t/x",
    );
  });

  it("the SMS form drops the diacritics, đ included", () => {
    expect(stripDiacritics("Mời số A012 đến quầy 3. Đánh giá mức độ hài lòng")).toBe(
      "Moi so A012 den quay 3. Danh gia muc do hai long",
    );
  });
});
