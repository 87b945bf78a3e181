import { describe, expect, it } from "vitest";
import { formatIssueTime, layoutTicket, wrapText } from "../../../server/print/ticket.ts";
import { demoTicket } from "./fixtures.ts";

const texts = (d = demoTicket()) => layoutTicket(d).flatMap((b) => (b.kind === "text" ? [b.text] : []));

describe("ticket layout", () => {
  it("prints the issue time in Hanoi time as HH:mm dd/MM/yyyy", () => {
    expect(formatIssueTime(Date.UTC(2025, 10, 22, 1, 5))).toBe("08:05 22/11/2025");
    // 17:30 UTC is already the next day in Vietnam (UTC+7).
    expect(formatIssueTime(Date.UTC(2025, 11, 31, 17, 30))).toBe("00:30 01/01/2026");
  });

  it("says everything the visitor needs, Vietnamese first then English", () => {
    const t = texts();
    const vi = t.indexOf("Bảo hiểm xã hội – y tế");
    expect(vi).toBeGreaterThan(0);
    expect(t[vi + 1]).toBe("Social and health insurance");
    expect(t).toContain("E012");
    expect(t).toContain("Giờ lấy số: 08:05 22/11/2025");
    expect(t).toContain("Số người đang chờ trước bạn: 3");
    // The estimate and its upper figure, each language cut after its comma.
    const w = t.indexOf("Thời gian chờ dự kiến: khoảng 14 phút,");
    expect(w).toBeGreaterThan(0);
    expect(t.slice(w, w + 4)).toEqual([
      "Thời gian chờ dự kiến: khoảng 14 phút,",
      "chậm nhất 22 phút",
      "Estimated wait: about 14 min,",
      "at most 22 min",
    ]);
    expect(t.indexOf("Vui lòng chờ đến lượt")).toBeLessThan(t.indexOf("Please wait for your turn"));
    const qr = layoutTicket(demoTicket()).find((b) => b.kind === "qr");
    expect(qr).toEqual({ kind: "qr", data: "http://192.168.1.10:3000/t/k7m2x9qp4tz8w3" });
  });

  it("shows the priority category only for a priority visitor", () => {
    expect(texts().some((s) => s.startsWith("Ưu tiên"))).toBe(false);
    const p = texts(demoTicket("bhxh", { priority: { vi: "Phụ nữ mang thai", en: "Pregnant woman" } }));
    expect(p).toContain("Ưu tiên: Phụ nữ mang thai");
    expect(p).toContain("Priority: Pregnant woman");
  });

  it("leaves out the estimate when there is none, and the upper figure when it adds nothing", () => {
    const none = texts(demoTicket("bhxh", { estimatedWaitMin: null, estimatedWaitMaxMin: null }));
    expect(none.some((s) => s.includes("Thời gian chờ") || s.includes("Estimated wait"))).toBe(false);
    const noUpper = texts(demoTicket("bhxh", { estimatedWaitMaxMin: null }));
    expect(noUpper).toContain("Thời gian chờ dự kiến: khoảng 14 phút");
    expect(noUpper).toContain("Estimated wait: about 14 min");
    expect(noUpper.some((s) => s.includes("chậm nhất") || s.includes("at most"))).toBe(false);
    const same = texts(demoTicket("bhxh", { estimatedWaitMin: 0, estimatedWaitMaxMin: 0 }));
    expect(same).toContain("Thời gian chờ dự kiến: khoảng 0 phút");
    expect(same.some((s) => s.includes("chậm nhất"))).toBe(false);
  });

  it("wraps at spaces and cuts a word longer than a line", () => {
    expect(wrapText("một hai ba bốn", 7, (s) => s.length)).toEqual(["một hai", "ba bốn"]);
    expect(wrapText("abcdefghij", 4, (s) => s.length)).toEqual(["abcd", "efgh", "ij"]);
  });
});

describe("wrapping for centred lines", () => {
  it("balances the lines instead of leaving one word alone", () => {
    const hall = "Trung tâm Phục vụ hành chính công phường Phú Liên";
    const lines = wrapText(hall, 48, (s) => [...s].length);
    expect(lines).toHaveLength(2);
    expect(lines.join(" ")).toBe(hall);
    expect(Math.min(...lines.map((l) => l.length))).toBeGreaterThan(15);
  });
});
